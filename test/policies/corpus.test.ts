/**
 * Runs the corpus through both doors the pack has: in-process (offline/evaluate-policies.ts, what
 * `hdh plan/check` use) and over the Analyzer gRPC protocol against the compiled pack started as
 * the Pulumi CLI starts it (one pack process for the whole corpus). Both must give the same
 * findings, and each case must trip exactly the policies it names.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluatePolicies, type PolicyPackConfig } from "../../offline/evaluate-policies";
import { allPolicies } from "../../policies/all";
import { isNotJudged } from "../../policies/lib/define";
import { packConfigFromSettings } from "../../policies/config";
import { AnalyzerHarness, type Diagnostic } from "../harness/analyzer-client";
import { baseline, corpusSettings } from "./baseline";
import { corpus, type Case } from "./corpus";
import { expectedNameOf, policyOfExpected } from "./corpus/case";

function build(c: Case) {
  const s = baseline(c.stack ?? "dev");
  c.change(s);
  const config = packConfigFromSettings(allPolicies, {
    ...corpusSettings,
    ...c.settings,
  }) as PolicyPackConfig;
  return { resources: s.list(), config };
}

/** Policy names that reported something, mandatory or advisory (`unknownOf` a policy for what it could not judge). */
const tripped = (findings: { policyName: string; message: string }[]) =>
  [...new Set(findings.map(expectedNameOf))].sort();

/** What a rule could not judge during preview never stops it: advisory and low, whatever the rule's level. */
function expectNotJudgedIsAdvisory(f: {
  message: string;
  enforcementLevel: string;
  severity?: string;
}) {
  if (!isNotJudged(f)) return;
  expect(f.enforcementLevel, f.message).toBe("advisory");
  expect(f.severity, f.message).toBe("low");
}

describe("policy corpus, in-process", () => {
  it("has at least 80 cases, each name unique", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(80);
    expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
  });

  it("names only policies that exist", () => {
    const names = new Set(allPolicies.map((p) => p.name));
    for (const c of corpus)
      for (const p of c.expect)
        expect(names.has(policyOfExpected(p)), `${c.name}: ${p}`).toBe(true);
  });

  for (const c of corpus) {
    it(c.name, async () => {
      const { resources, config } = build(c);
      const findings = await evaluatePolicies({ resources, config, stackName: c.stack ?? "dev" });
      expect(tripped(findings), findings.map((f) => f.message).join("\n")).toEqual(
        [...c.expect].sort(),
      );
      for (const f of findings) {
        expect(f.message).not.toMatch(/can't run policy/);
        expect(f.urn).toBeTruthy();
        expectNotJudgedIsAdvisory(f);
      }
    });
  }
});

describe("policy corpus, over the Analyzer gRPC protocol", () => {
  let pack: AnalyzerHarness;
  let levels: Map<string, import("@pulumi/policy").EnforcementLevel>;

  beforeAll(async () => {
    pack = await AnalyzerHarness.start();
    const info = await pack.getAnalyzerInfo();
    levels = new Map(info.policies.map((p) => [p.name, p.enforcementLevel]));
  });
  afterAll(async () => {
    await pack?.close();
  });

  it("serves every policy with its metadata", async () => {
    const info = await pack.getAnalyzerInfo();
    expect(info.name).toBe("hdh-sovereign");
    expect(info.policies.map((p) => p.name).sort()).toEqual(allPolicies.map((p) => p.name).sort());
    for (const p of info.policies) {
      const local = allPolicies.find((q) => q.name === p.name)!;
      expect(p.enforcementLevel).toBe(local.enforcementLevel);
      expect(p.severity).toBe(local.meta.severity);
      expect(p.frameworkReference).toBe(local.meta.requirements[0].reference);
    }
  });

  // One test per case: the corpus grows with each rule family, and a case's mismatch names it.
  for (const c of corpus) {
    it(`gives the in-process findings: ${c.name}`, async () => {
      const { resources, config } = build(c);
      await pack.configure(config, levels);
      const all = new Map(resources.map((r) => [r.urn, r]));
      const perResource = await Promise.all(
        resources.map(async (r) =>
          (await pack.analyze(r, all)).map((d) => ({ ...d, urn: d.urn || r.urn })),
        ),
      );
      const remote: Diagnostic[] = [...perResource.flat(), ...(await pack.analyzeStack(resources))];
      const local = await evaluatePolicies({ resources, config });
      const key = (f: {
        policyName: string;
        urn?: string;
        enforcementLevel: string;
        message: string;
      }) => `${f.policyName}|${f.urn}|${f.enforcementLevel}|${f.message}`;
      expect(remote.map(key).sort()).toEqual(local.map(key).sort());
      expect(tripped(remote)).toEqual([...c.expect].sort());
      // The server sends a violation's own level and severity (the object form of reportViolation).
      for (const d of remote) expectNotJudgedIsAdvisory(d);
    });
  }
});
