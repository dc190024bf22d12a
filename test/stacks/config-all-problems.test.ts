/**
 * "Every problem at once": a schema error (a wrong type, an unknown key) never hides the
 * cross-field problems of the rest of the configuration. One run lists both kinds.
 */
import { describe, expect, it } from "vitest";
import { ConfigError, parsePlatformConfig } from "../../stacks/config";
import { readStackFile } from "../../stacks/stack-file";

const today = new Date("2026-11-23T12:00:00Z");
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RawConfig = Record<string, any>;
const dev = (): RawConfig => structuredClone(readStackFile("dev").hdh) as RawConfig;

function keysRefused(raw: unknown): string[] {
  try {
    parsePlatformConfig(raw, { stack: "dev", today });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => ConfigError.key(p.path)).sort();
  }
  throw new Error("accepted");
}

describe("schema errors and cross-field errors in one run", () => {
  it("an unknown top-level key and overlapping zones", () => {
    const raw = dev();
    raw.networks = { bastion: "10.0.0.0/24" }; // misspelt section
    raw.network.data = raw.network.bastion; // overlaps
    expect(keysRefused(raw)).toEqual(["hdh", "hdh:network.data"]);
  });

  it("a wrong type in one workspace and an expired authorisation in another", () => {
    const raw = dev();
    raw.workspaces[1].tier = 9;
    raw.workspaces[0].expires = "2020-01-01";
    expect(keysRefused(raw)).toEqual(["hdh:workspaces[0].expires", "hdh:workspaces[1].tier"]);
  });

  it("a wrong type in one workspace and a duplicate id (and owner group) among the others", () => {
    const raw = dev();
    raw.workspaces[1].storageGiB = "lots";
    raw.workspaces.push(structuredClone(raw.workspaces[0]));
    expect(keysRefused(raw)).toEqual([
      "hdh:workspaces[1].storageGiB",
      "hdh:workspaces[2].id",
      "hdh:workspaces[2].ownerGroup",
    ]);
  });

  it("a wrong type in one section and a cross-field error in another", () => {
    const raw = dev();
    raw.bastion.count = "two";
    raw.network.data = raw.network.bastion;
    expect(keysRefused(raw)).toEqual(["hdh:bastion.count", "hdh:network.data"]);
  });
});
