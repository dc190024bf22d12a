/** The config rule that keeps backups possible: a recovery region needs the API egress ranges. */
import { describe, expect, it } from "vitest";
import { ConfigError, parsePlatformConfig } from "../../stacks/config";
import { readStackFile } from "../../stacks/stack-file";

const today = new Date("2026-06-01T00:00:00Z");
const prod = () =>
  structuredClone(readStackFile("prod").hdh) as Record<string, Record<string, unknown>>;

function problemsOf(raw: unknown, stack: string): string[] {
  try {
    parsePlatformConfig(raw, { stack, today });
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((p) => `${ConfigError.key(p.path)}: ${p.message}`);
  }
}

describe("backups need the cloud API ranges", () => {
  it("a recovery region without HTTPS egress ranges is refused at hdh:network.egressHttpsCidrs", () => {
    const raw = prod();
    raw.network.egressHttpsCidrs = [];
    const problems = problemsOf(raw, "prod");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^hdh:network\.egressHttpsCidrs: the backups to the recovery region/,
    );
  });

  it("without a recovery region or workspaces, no egress range is needed", () => {
    const raw = structuredClone(readStackFile("dev").hdh) as Record<
      string,
      Record<string, unknown>
    >;
    raw.network.egressHttpsCidrs = [];
    (raw as Record<string, unknown>).workspaces = [];
    expect(problemsOf(raw, "dev")).toEqual([]);
  });
});
