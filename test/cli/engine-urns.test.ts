import { describe, expect, it } from "vitest";
import type { PlannedResource } from "../../offline/mock-run";
import { toEngineUrns } from "../../cli/plan/engine-urns";
import { signatureKey, signatures } from "../../cli/normalize/property-values";

const planned = (
  urn: string,
  type: string,
  extra: Partial<PlannedResource> = {},
): PlannedResource => ({
  urn,
  type,
  name: urn.split("::").pop()!,
  custom: true,
  id: "",
  inputs: {},
  outputs: {},
  protect: false,
  retainOnDelete: false,
  deleteBeforeReplace: false,
  dependencies: [],
  propertyDependencies: {},
  additionalSecretOutputs: [],
  ignoreChanges: [],
  ...extra,
});

// URNs as the SDK's MockMonitor makes them: the parent's last type only, the stack's included.
const stack = planned("urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev", "pulumi:pulumi:Stack");
const platform = planned(
  "urn:pulumi:dev::p::pulumi:pulumi:Stack$hdh:platform:Platform::hdh",
  "hdh:platform:Platform",
  { parent: stack.urn },
);
const network = planned(
  "urn:pulumi:dev::p::hdh:platform:Platform$hdh:network:Network::net",
  "hdh:network:Network",
  { parent: platform.urn },
);
const provider = planned(
  "urn:pulumi:dev::p::hdh:platform:Platform$pulumi:providers:openstack::os",
  "pulumi:providers:openstack",
  { parent: platform.urn, id: "os-id" },
);
const group = planned(
  "urn:pulumi:dev::p::hdh:network:Network$openstack:networking/secGroup:SecGroup::sg",
  "openstack:networking/secGroup:SecGroup",
  {
    parent: network.urn,
    provider: `${provider.urn}::os-id`,
  },
);
const rule = planned(
  "urn:pulumi:dev::p::hdh:network:Network$openstack:networking/secGroupRule:SecGroupRule::r",
  "openstack:networking/secGroupRule:SecGroupRule",
  {
    parent: network.urn,
    dependencies: [group.urn],
    propertyDependencies: { securityGroupId: [group.urn] },
    inputs: { ref: { [signatureKey]: signatures.resourceReference, urn: group.urn, id: "sg-id" } },
  },
);

describe("engine URNs", () => {
  const fixed = toEngineUrns([stack, platform, network, provider, group, rule]);
  const [s, p, n, prov, g, r] = fixed;

  it("leaves the root stack out of its children's types, as resource.NewURN does", () => {
    expect(s.urn).toBe("urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev");
    expect(p.urn).toBe("urn:pulumi:dev::p::hdh:platform:Platform::hdh");
  });

  it("qualifies deeper children with the whole chain of parent types", () => {
    expect(n.urn).toBe("urn:pulumi:dev::p::hdh:platform:Platform$hdh:network:Network::net");
    expect(g.urn).toBe(
      "urn:pulumi:dev::p::hdh:platform:Platform$hdh:network:Network$openstack:networking/secGroup:SecGroup::sg",
    );
  });

  it("rewrites parents, dependencies, property dependencies, provider references and resource references alike", () => {
    expect(n.parent).toBe(p.urn);
    expect(r.parent).toBe(n.urn);
    expect(r.dependencies).toEqual([g.urn]);
    expect(r.propertyDependencies).toEqual({ securityGroupId: [g.urn] });
    expect(g.provider).toBe(`${prov.urn}::os-id`);
    expect((r.inputs.ref as { urn: string }).urn).toBe(g.urn);
  });

  it("leaves the input list untouched", () => {
    expect(network.urn).toBe("urn:pulumi:dev::p::hdh:platform:Platform$hdh:network:Network::net");
  });
});
