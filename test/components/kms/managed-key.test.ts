import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { Kms } from "../../../components/kms/kms";
import { ManagedKey } from "../../../components/kms/managed-key";
import { secretAclProviderSource, secretAclType } from "../../../components/kms/secret-acl";
import { runUnderMocks, type MockRunResult } from "../../../offline/mock-run";
import { baselineCount, failingRun, ofType, project } from "../plan-helpers";

const consumer = "0123456789abcdef0123456789abcdef";
const keystone = { authUrl: "https://auth.cloud.ovh.net/v3" };
const provider = () =>
  new openstack.Provider("fr", { region: "GRA11", authUrl: "https://auth.cloud.ovh.net/v3" });

describe("ManagedKey", () => {
  let plan: MockRunResult;
  beforeAll(async () => {
    plan = await runUnderMocks(
      () => {
        const key = new ManagedKey("ws-key", {
          keyName: "hdh-ws-cardio",
          provider: provider(),
          region: "GRA11",
          keystone: { ...keystone, projectName: "hdh-keys" },
          consumers: [consumer],
          rotationDays: 30,
          protectData: true,
        });
        return { secretRef: key.secretRef };
      },
      { project, stack: "prod" },
    );
  });

  it("orders an AES-256 key from the key manager: no key material in the program or its state", () => {
    const [order] = ofType(plan.resources, "openstack:keymanager/orderV1:OrderV1");
    expect(order.inputs).toMatchObject({
      type: "key",
      region: "GRA11",
      meta: { algorithm: "aes", bitLength: 256, name: "hdh-ws-cardio" },
    });
    expect(JSON.stringify(plan.resources)).not.toMatch(/"payload"/);
  });

  it("makes the order's secret itself private, read by its consumers alone", () => {
    // The ACL Barbican checks on a read or a delete is the secret's own (secret-acl.ts).
    const [order] = ofType(plan.resources, "openstack:keymanager/orderV1:OrderV1");
    const [acl] = ofType(plan.resources, secretAclType);
    expect(acl.inputs).toMatchObject({
      secretRef: order.outputs.secretRef,
      readers: [consumer],
      includeDeployer: false,
      authUrl: keystone.authUrl,
      projectName: "hdh-keys",
    });
    // No credential in the program or its state: the provider logs in from the deployment's
    // environment when it runs; only these inputs (and the provider's code) are stored.
    const { __provider: code, ...stored } = acl.inputs;
    expect(Object.keys(stored).sort()).toEqual([
      "authUrl",
      "includeDeployer",
      "projectName",
      "readers",
      "secretRef",
    ]);
    expect(code).toBe(secretAclProviderSource);
    expect(secretAclProviderSource).toContain("process.env");
    expect([acl.protect, acl.retainOnDelete]).toEqual([true, true]);
  });

  it("records its rotation period on a container that is private too", () => {
    const [container] = ofType(plan.resources, "openstack:keymanager/containerV1:ContainerV1");
    expect(container.inputs.acl).toEqual({ read: { projectAccess: false, users: [consumer] } });
    expect(container.inputs.name).toBe("hdh-ws-cardio rotation=P30D");
    const [order] = ofType(plan.resources, "openstack:keymanager/orderV1:OrderV1");
    expect((container.inputs.secretRefs as { secretRef: string }[])[0].secretRef).toBe(
      order.outputs.secretRef,
    );
  });

  it("is protected and retained on delete when asked (production)", () => {
    for (const r of plan.resources.filter((r) => r.type.startsWith("openstack:keymanager"))) {
      expect([r.protect, r.retainOnDelete], r.name).toEqual([true, true]);
    }
  });

  it("a bad key name, rotation or consumer is refused before anything is registered", async () => {
    const baseline = await baselineCount("prod");
    const { error, registered } = await failingRun("prod", () => {
      new ManagedKey("bad", {
        keyName: "has spaces",
        provider: undefined as unknown as openstack.Provider,
        region: "GRA11",
        keystone: { authUrl: "http://keystone" },
        consumers: ["alice"],
        rotationDays: 0,
      });
    });
    expect(pulumi.InputPropertiesError.isInstance(error)).toBe(true);
    const paths = (error as pulumi.InputPropertiesError).errors.map((e) => e.propertyPath).sort();
    expect(paths).toEqual(["consumers[0]", "keyName", "keystone.authUrl", "rotationDays"]);
    expect(registered).toBe(baseline);
  });
});

describe("Kms", () => {
  it("one key per purpose; the backups key lives in the recovery region", async () => {
    const plan = await runUnderMocks(
      () => {
        new Kms("kms", {
          namePrefix: "hdh-test",
          keystone,
          primary: { provider: provider(), region: "GRA11" },
          recovery: { provider: new openstack.Provider("dr", { region: "SBG5" }), region: "SBG5" },
        });
      },
      { project, stack: "test" },
    );
    const orders = ofType(plan.resources, "openstack:keymanager/orderV1:OrderV1");
    const regionOf = Object.fromEntries(
      orders.map((o) => [(o.inputs.meta as { name: string }).name, o.inputs.region]),
    );
    expect(regionOf).toEqual({
      "hdh-test-volumes": "GRA11",
      "hdh-test-object-storage": "GRA11",
      "hdh-test-backups": "SBG5",
    });
  });
});
