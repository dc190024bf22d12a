/**
 * The register of processing activities (GDPR art. 30) as the platform knows it: every
 * workspace, open, closing or closed, with its owner group, tier, legal authorisation, expiry,
 * storage and key. A pure view of the validated configuration, so it needs no cloud access and
 * says the same thing as the program that deploys it. `hdh workspaces --stack <name>` prints it.
 */
import { tierControls, type DataTier } from "../../policies/catalog/data-tiers";
import { lifecycleStage } from "./lifecycle";
import { containerName, keyName, storageAreas, workspaceNamespace } from "./names";
import type { ClosedWorkspaceRecord, WorkspaceSpec } from "./workspace-spec";

export type RegisterStatus = "open" | "closing" | "archived" | "closed";

export interface RegisterEntry {
  readonly id: string;
  readonly status: RegisterStatus;
  readonly ownerGroup: string;
  readonly tier: DataTier;
  readonly tierDescription: string;
  readonly authorisation: { readonly kind: string; readonly reference: string };
  /** Last day of the authorisation, YYYY-MM-DD. */
  readonly expires: string;
  /** Days from the register's day to `expires` (negative once past). */
  readonly daysToExpiry: number;
  readonly storage: {
    /** Kubernetes namespace, while the workspace exists. */
    readonly namespace: string | null;
    /** Size of the work volume, GiB, while the workspace exists. */
    readonly volumeGiB: number | null;
    /** Object-storage containers holding its data (only the archive once closed). */
    readonly containers: readonly string[];
    /** Region of the data. */
    readonly region: string;
  };
  readonly key: {
    readonly name: string;
    /** "active" while open or closing, then the recorded fate. */
    readonly fate: "active" | "retained" | "destroyed";
    readonly destroyAfter?: string;
    readonly destroyedOn?: string;
  };
  readonly archive?: {
    readonly status: "pending" | "done";
    readonly completedOn?: string;
    readonly manifestSha256?: string;
  };
  /** Things the data protection officer must act on. */
  readonly alerts: readonly string[];
}

export interface Register {
  readonly stack: string;
  /** Day the register was drawn up, YYYY-MM-DD. */
  readonly date: string;
  readonly entries: readonly RegisterEntry[];
}

/** Days within which an expiry is announced (the policy pack's advisory uses the same window). */
export const expiryWarningDays = 30;

const dayMs = 86_400_000;
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);

/** What the register is drawn up from: the workspaces of one stack, or of a whole hub. */
export interface RegisterInput {
  /** Stack (or environment, for a hub) the register covers, for its title. */
  readonly stack: string;
  /** Region holding the workspaces' data. */
  readonly region: string;
  /** Workspaces that exist: open, closing or archived. */
  readonly workspaces: readonly WorkspaceSpec[];
  /** Workspaces removed after their archive was done. @default [] */
  readonly closedWorkspaces?: readonly ClosedWorkspaceRecord[];
}

export function buildRegister(input: RegisterInput, today: Date): Register {
  const date = today.toISOString().slice(0, 10);
  const { region } = input;
  const entries: RegisterEntry[] = [];
  for (const w of input.workspaces) {
    const stage = lifecycleStage(w);
    const daysToExpiry = daysBetween(date, w.expires);
    const alerts: string[] = [];
    if (stage === "open" && daysToExpiry <= expiryWarningDays) {
      alerts.push(`authorisation ends in ${daysToExpiry} days: renew it or start closing`);
    }
    if (w.closure && w.closure.archive.status === "pending") {
      alerts.push(`closing since ${w.closure.requestedOn}: archive pending`);
    }
    entries.push({
      id: w.id,
      status: stage,
      ownerGroup: w.ownerGroup,
      tier: w.tier,
      tierDescription: tierControls[w.tier].description,
      authorisation: { ...w.authorisation },
      expires: w.expires,
      daysToExpiry,
      storage: {
        namespace: workspaceNamespace(w.id),
        volumeGiB: w.storageGiB,
        containers: storageAreas.map((area) => containerName(w.id, area)),
        region,
      },
      key: w.closure?.key
        ? { name: keyName(w.id), ...w.closure.key }
        : { name: keyName(w.id), fate: "active" },
      ...(w.closure ? { archive: { ...w.closure.archive } } : {}),
      alerts,
    });
  }
  for (const c of input.closedWorkspaces ?? []) {
    const alerts: string[] = [];
    if (c.key.fate === "retained" && c.key.destroyAfter < date) {
      alerts.push(
        `key due for destruction since ${c.key.destroyAfter}: destroy it and record the day`,
      );
    }
    entries.push({
      id: c.id,
      status: "closed",
      ownerGroup: c.ownerGroup,
      tier: c.tier,
      tierDescription: tierControls[c.tier].description,
      authorisation: { ...c.authorisation },
      expires: c.expires,
      daysToExpiry: daysBetween(date, c.expires),
      storage: {
        namespace: null,
        volumeGiB: null,
        containers: c.key.fate === "destroyed" ? [] : [containerName(c.id, "archive")],
        region,
      },
      key: { name: keyName(c.id), ...c.key },
      archive: { ...c.archive },
      alerts,
    });
  }
  return { stack: input.stack, date, entries };
}

export function renderRegisterJson(register: Register): string {
  return `${JSON.stringify(register, null, 2)}\n`;
}

export function renderRegisterText(register: Register): string {
  const lines = [
    `Register of processing activities: stack ${register.stack}, ${register.date}`,
    `${register.entries.length} workspace${register.entries.length === 1 ? "" : "s"}`,
    "",
  ];
  for (const e of register.entries) {
    lines.push(`${e.id}  [${e.status}]`);
    lines.push(`  owner group    ${e.ownerGroup}`);
    lines.push(`  tier           ${e.tier} (${e.tierDescription})`);
    lines.push(`  authorisation  ${e.authorisation.reference} (${e.authorisation.kind})`);
    lines.push(`  expires        ${e.expires} (${expiryPhrase(e.daysToExpiry)})`);
    const volume = e.storage.volumeGiB === null ? "" : `, volume ${e.storage.volumeGiB} GiB`;
    const ns = e.storage.namespace === null ? "" : `namespace ${e.storage.namespace}, `;
    lines.push(`  storage        ${ns}region ${e.storage.region}${volume}`);
    lines.push(`  containers     ${e.storage.containers.join(", ") || "none (crypto-shredded)"}`);
    const fate =
      e.key.fate === "active"
        ? "active"
        : e.key.fate === "retained"
          ? `retained until ${e.key.destroyAfter}`
          : `destroyed on ${e.key.destroyedOn}`;
    lines.push(`  key            ${e.key.name} (${fate})`);
    if (e.archive) {
      const done = e.archive.status === "done" ? ` on ${e.archive.completedOn}` : "";
      lines.push(`  archive        ${e.archive.status}${done}`);
    }
    for (const alert of e.alerts) lines.push(`  ! ${alert}`);
    lines.push("");
  }
  return lines.join("\n");
}

function expiryPhrase(days: number): string {
  if (days < 0) return `${-days} days ago`;
  if (days === 0) return "today";
  return `in ${days} days`;
}
