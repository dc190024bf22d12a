import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { Network, type NetworkArgs } from "../../../components/network/network";
import { baselineCount, failingRun } from "../plan-helpers";

const args = (change: Partial<NetworkArgs>): NetworkArgs => ({
  namePrefix: "hdh-test",
  provider: new openstack.Provider("fr", { region: "GRA11" }),
  region: "GRA11",
  zones: {
    bastion: "10.0.0.0/24",
    platform: "10.1.0.0/20",
    workspaces: "10.2.0.0/18",
    data: "10.3.0.0/22",
  },
  adminCidrs: ["203.0.113.0/24"],
  externalNetwork: "Ext-Net",
  ...change,
});

describe("Network refuses an unsafe plan on its own, whoever calls it", () => {
  it("overlapping zones, SSH from the internet and internet-wide egress are all reported, nothing registered", async () => {
    const baseline = await baselineCount("test");
    const { error, registered } = await failingRun("test", () => {
      new Network(
        "net",
        args({
          zones: {
            bastion: "10.0.0.0/24",
            platform: "10.0.0.0/20",
            workspaces: "10.2.0.0/18",
            data: "10.3.0.1/22",
          },
          adminCidrs: ["0.0.0.0/0"],
          egressHttpsCidrs: ["0.0.0.0/1"],
        }),
      );
    });
    expect(pulumi.InputPropertiesError.isInstance(error)).toBe(true);
    const paths = (error as pulumi.InputPropertiesError).errors.map((e) => e.propertyPath).sort();
    expect(paths).toEqual(["adminCidrs[0]", "egressHttpsCidrs[0]", "zones.data", "zones.platform"]);
    // Only the provider created in `args` (before the component ran) is registered.
    expect(registered).toBe(baseline + 1);
  });
});
