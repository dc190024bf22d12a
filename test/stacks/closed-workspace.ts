/**
 * The dev stack's config with its first workspace moved to the closed register: archive done and
 * verified, key retained until the end of its tier's retention. Lifecycle tests change one field.
 */
import { readStackFile } from "../../stacks/stack-file";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RawConfig = Record<string, any>;

/** SHA-256 placeholder of an archive manifest. */
export const manifestSha = "a".repeat(64);

export function withFirstWorkspaceClosed(overrides: RawConfig = {}): RawConfig {
  const raw = structuredClone(readStackFile("dev").hdh) as RawConfig;
  const [first] = raw.workspaces.splice(0, 1);
  raw.closedWorkspaces = [
    {
      id: first.id,
      ownerGroup: first.ownerGroup,
      tier: first.tier,
      authorisation: first.authorisation,
      expires: first.expires,
      closedOn: "2026-11-20",
      archive: { status: "done", completedOn: "2026-11-18", manifestSha256: manifestSha },
      key: { fate: "retained", destroyAfter: "2031-11-17" },
      ...overrides,
    },
  ];
  return raw;
}
