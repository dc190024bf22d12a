import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cidrContains,
  isInternetWide,
  isNetworkAddress,
  parseCidr,
} from "../../../components/network/cidr";
import {
  httpsEgressZones,
  metadataServiceCidr,
  ports,
  ruleKey,
  securityRules,
  type RulePlanInput,
  type SecurityRule,
} from "../../../components/network/security-rules";
import { zoneNames, type ZoneName } from "../../../stacks/config";

function toDotted(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");
}

/** A block in canonical form: random address, random prefix within [min, max]. */
const block = (min: number, max: number) =>
  fc
    .record({ address: fc.integer({ min: 0, max: 2 ** 32 - 1 }), prefix: fc.integer({ min, max }) })
    .map(({ address, prefix }) => {
      const size = 2 ** (32 - prefix);
      return `${toDotted(Math.floor(address / size) * size)}/${prefix}`;
    });

/** Four non-overlapping private zones: each in its own 10.x.0.0/16, prefix /16 to /28. */
const zonePlan = fc
  .uniqueArray(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 })
  .chain((seconds) =>
    fc
      .array(fc.integer({ min: 16, max: 28 }), { minLength: 4, maxLength: 4 })
      .map(
        (prefixes) =>
          Object.fromEntries(
            zoneNames.map((zone, i) => [zone, `10.${seconds[i]}.0.0/${prefixes[i]}`]),
          ) as Record<ZoneName, string>,
      ),
  );

const planInput: fc.Arbitrary<RulePlanInput & { objectStorageCidrs: string[] }> = fc.record({
  zones: zonePlan,
  adminCidrs: fc.array(
    block(8, 32).filter((c) => !c.startsWith("10.")),
    { minLength: 1, maxLength: 6 },
  ),
  dnsNameservers: fc.array(
    block(32, 32).map((c) => c.split("/")[0]),
    { maxLength: 4 },
  ),
  egressHttpsCidrs: fc.array(
    block(8, 32).filter((c) => !c.startsWith("10.")),
    { maxLength: 6 },
  ),
  objectStorageCidrs: fc.array(block(8, 32), { maxLength: 3 }),
});

function zoneOf(input: RulePlanInput, remote: string): ZoneName | undefined {
  const cidr = parseCidr(remote)!;
  return zoneNames.find((zone) => cidrContains(parseCidr(input.zones[zone])!, cidr));
}

const isSinglePort = (rule: SecurityRule, port: number) =>
  rule.ports?.from === port && rule.ports?.to === port;

describe("security rule table", () => {
  it("every rule is described, IPv4, and names a canonical range that is never the internet", () => {
    fc.assert(
      fc.property(planInput, (input) => {
        for (const rule of securityRules(input)) {
          expect(rule.description.trim().length).toBeGreaterThan(10);
          expect(rule.description.length).toBeLessThanOrEqual(255);
          const remote = parseCidr(rule.remote);
          expect(remote?.version).toBe(4);
          expect(isNetworkAddress(remote!)).toBe(true);
          expect(isInternetWide(remote!)).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("the only ingress from outside the zones is SSH to the bastions from the admin networks", () => {
    fc.assert(
      fc.property(planInput, (input) => {
        const outsideIngress = securityRules(input).filter(
          (r) => r.direction === "ingress" && zoneOf(input, r.remote) === undefined,
        );
        for (const rule of outsideIngress) {
          expect(rule.zone).toBe("bastion");
          expect(rule.protocol).toBe("tcp");
          expect(isSinglePort(rule, ports.ssh)).toBe(true);
          expect(input.adminCidrs).toContain(rule.remote);
        }
        // ...and each admin network does get its rule.
        expect(new Set(outsideIngress.map((r) => r.remote))).toEqual(new Set(input.adminCidrs));
      }),
      { numRuns: 200 },
    );
  });

  it("egress leaves the zones only for metadata, DNS, and declared HTTPS endpoints of the node zones", () => {
    fc.assert(
      fc.property(planInput, (input) => {
        for (const rule of securityRules(input)) {
          if (rule.direction !== "egress" || zoneOf(input, rule.remote) !== undefined) continue;
          if (rule.remote === metadataServiceCidr) {
            expect(rule.protocol).toBe("tcp");
            expect(isSinglePort(rule, ports.http)).toBe(true);
          } else if (isSinglePort(rule, ports.dns)) {
            expect(input.dnsNameservers.map((ip) => `${ip}/32`)).toContain(rule.remote);
          } else {
            expect(rule.protocol).toBe("tcp");
            expect(isSinglePort(rule, ports.https)).toBe(true);
            const declared =
              (httpsEgressZones.includes(rule.zone) &&
                input.egressHttpsCidrs.includes(rule.remote)) ||
              (rule.zone === "platform" && input.objectStorageCidrs.includes(rule.remote));
            expect(declared).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("workspaces and data zones never reach HTTPS endpoints outside the platform", () => {
    fc.assert(
      fc.property(planInput, (input) => {
        const leaks = securityRules(input).filter(
          (r) =>
            (r.zone === "workspaces" || r.zone === "data") &&
            r.direction === "egress" &&
            zoneOf(input, r.remote) === undefined &&
            !isSinglePort(r, ports.dns) &&
            r.remote !== metadataServiceCidr,
        );
        expect(leaks).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("every flow between zones is open on both ends, and 'any protocol' only inside the platform zone", () => {
    fc.assert(
      fc.property(planInput, (input) => {
        const rules = securityRules(input);
        const keys = new Set(rules.map(ruleKey));
        for (const rule of rules) {
          if (rule.protocol === "any") {
            expect(rule.zone).toBe("platform");
            expect(rule.remote).toBe(input.zones.platform);
            // Every protocol is granted to group members only, never to an address range.
            expect(rule.peerGroup).toBe("platform");
          } else {
            expect(rule.ports!.from).toBe(rule.ports!.to);
          }
          const peer = zoneOf(input, rule.remote);
          const isZoneFlow =
            peer !== undefined &&
            rule.remote === input.zones[peer] &&
            !isSinglePort(rule, ports.dns);
          if (!isZoneFlow) continue;
          const mirror: SecurityRule = {
            ...rule,
            zone: peer,
            direction: rule.direction === "ingress" ? "egress" : "ingress",
            remote: input.zones[rule.zone],
          };
          expect(
            keys.has(ruleKey(mirror)),
            `${ruleKey(rule)} has no matching ${ruleKey(mirror)}`,
          ).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("rule keys are unique, so every rule gets its own stable logical name", () => {
    fc.assert(
      fc.property(planInput, (input) => {
        const rules = securityRules(input);
        expect(new Set(rules.map(ruleKey)).size).toBe(rules.length);
      }),
      { numRuns: 200 },
    );
  });

  it("duplicate admin networks give one rule, not a Neutron conflict", () => {
    const input: RulePlanInput = {
      zones: {
        bastion: "10.0.0.0/24",
        platform: "10.1.0.0/20",
        workspaces: "10.2.0.0/18",
        data: "10.3.0.0/22",
      },
      adminCidrs: ["203.0.113.0/24", "203.0.113.0/24"],
      dnsNameservers: [],
      egressHttpsCidrs: [],
    };
    const ssh = securityRules(input).filter(
      (r) => r.direction === "ingress" && r.remote === "203.0.113.0/24",
    );
    expect(ssh).toHaveLength(1);
  });

  it("bastions cannot reach workspaces, and nothing but the bastions reaches the nodes' SSH", () => {
    const input: RulePlanInput = {
      zones: {
        bastion: "10.0.0.0/24",
        platform: "10.1.0.0/20",
        workspaces: "10.2.0.0/18",
        data: "10.3.0.0/22",
      },
      adminCidrs: ["203.0.113.0/24"],
      dnsNameservers: [],
      egressHttpsCidrs: ["192.0.2.0/24"],
    };
    const rules = securityRules(input);
    expect(
      rules.some(
        (r) =>
          r.zone === "bastion" && r.direction === "egress" && r.remote === input.zones.workspaces,
      ),
    ).toBe(false);
    const sshIntoPlatform = rules.filter(
      (r) =>
        r.zone === "platform" &&
        r.direction === "ingress" &&
        (r.protocol === "any" || isSinglePort(r, ports.ssh)),
    );
    expect(sshIntoPlatform.map((r) => r.remote).sort()).toEqual(
      [input.zones.bastion, input.zones.platform].sort(),
    );
  });
});
