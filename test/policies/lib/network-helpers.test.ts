/**
 * Corners of security-group rule reading that the exposure rules depend on and the contract
 * tests in ingress-rules.test.ts leave open: a zero lower port bound, a rule with no direction.
 */
import { describe, expect, it } from "vitest";
import { ingressRulesOf, neutronRuleType } from "../../../policies/lib/ingress-rules";

describe("Neutron rules read as Neutron applies them", () => {
  it("a zero minimum with a real maximum starts at port 1, not at a port 0 that does not exist", () => {
    const [rule] = ingressRulesOf(neutronRuleType, {
      direction: "ingress",
      protocol: "tcp",
      portRangeMin: 0,
      portRangeMax: 443,
    });
    expect(rule.ports).toEqual({ kind: "range", min: 1, max: 443 });
  });

  it("a rule with no direction at all admits nothing in (and reading it does not throw)", () => {
    expect(
      ingressRulesOf(neutronRuleType, { protocol: "tcp", remoteIpPrefix: "0.0.0.0/0" }),
    ).toEqual([]);
  });
});
