/**
 * What each violation tells the user, pinned for every violating case of the policy corpus. The
 * corpus checks WHICH policies trip; a policy's message is its other half ("how to fix it",
 * conventions.md), and mutation testing showed any wording could change unnoticed. Generated
 * text, so a snapshot: review the diff when a message is reworded on purpose.
 */
import { describe, expect, it } from "vitest";
import { evaluatePolicies, type PolicyPackConfig } from "../../offline/evaluate-policies";
import { allPolicies } from "../../policies/all";
import { packConfigFromSettings } from "../../policies/config";
import { baseline, corpusSettings } from "./baseline";
import { corpus } from "./corpus";

describe("violation messages of the corpus", () => {
  for (const c of corpus.filter((k) => k.expect.length > 0)) {
    it(c.name, async () => {
      const s = baseline(c.stack ?? "dev");
      c.change(s);
      const config = packConfigFromSettings(allPolicies, { ...corpusSettings, ...c.settings });
      const findings = await evaluatePolicies({
        resources: s.list(),
        config: config as PolicyPackConfig,
        stackName: c.stack ?? "dev",
      });
      const lines = findings
        .map(
          (f) =>
            `${f.policyName} [${f.enforcementLevel}] ${f.urn?.split("::").pop()}: ${f.message}`,
        )
        .sort();
      expect(lines).toMatchSnapshot();
    });
  }
});
