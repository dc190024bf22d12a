/**
 * Which workspace an object-storage or key-manager access concerns, from the platform's naming
 * conventions (components/workspace/names.ts), so the audit trail and the deployed resources
 * cannot disagree:
 * - a container `hdh-ws-<project id>-<area>` (area: data, ingress, egress, review, outbox,
 *   archive) belongs to that project;
 * - a workspace's key is the Barbican secret named `hdh-ws-<project id>` (wrapped in a container
 *   carrying its ACL, components/kms/managed-key.ts). A CADF event names the secret by its id in
 *   the request path, never by its name, so key accesses are placed through a key register: the
 *   ids of each workspace's secret, order and ACL container, taken from its stack outputs.
 *
 * A record whose target should belong to a workspace but cannot be placed keeps `workspace: null`
 * and says so in `detail.placement` ("unresolved"): it is sealed and counted, never dropped.
 */
import { storageAreas, type StorageArea } from "../../components/workspace/names";
import type { AuditRecord } from "../record";

/** How a record's workspace was found. */
export type Placement = "container-name" | "key-register" | "unresolved" | "platform";

/** Barbican ids (secret, order or container uuid) of workspace keys, to the project id. */
export type KeyRegister = ReadonlyMap<string, string>;

const containerPattern = new RegExp(`^hdh-ws-(.+)-(${storageAreas.join("|")})$`);

/** The project and area of a workspace container name, or undefined for any other container. */
export function workspaceOfContainer(
  container: string,
): { readonly workspace: string; readonly area: StorageArea } | undefined {
  const match = containerPattern.exec(container);
  return match ? { workspace: match[1], area: match[2] as StorageArea } : undefined;
}

const uuid = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/**
 * A key register from JSON: `{"<secret, order or container ref or uuid>": "<project id>"}`. A
 * full reference URL (".../v1/secrets/<uuid>") is reduced to its uuid. Throws naming each bad
 * entry.
 */
export function keyRegisterFrom(value: unknown): KeyRegister {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error('key register: expected a JSON object {"<barbican ref or id>": "<project>"}');
  }
  const problems: string[] = [];
  const register = new Map<string, string>();
  for (const [ref, workspace] of Object.entries(value)) {
    const id = ref.replace(/\/+$/, "").split("/").pop() ?? "";
    if (!uuid.test(id)) problems.push(`"${ref}": not a Barbican reference or uuid`);
    else if (typeof workspace !== "string" || workspace === "") {
      problems.push(`"${ref}": the project id must be a non-empty string`);
    } else register.set(id.toLowerCase(), workspace);
  }
  if (problems.length > 0) throw new Error(`key register: ${problems.join("; ")}`);
  return register;
}

/** Why a record could not be placed in its workspace, or undefined when it could or need not. */
export function placementProblem(record: AuditRecord): string | undefined {
  if (record.detail?.placement !== "unresolved") return undefined;
  return `${record.source} ${record.target.type} ${record.target.name}: workspace not resolved`;
}
