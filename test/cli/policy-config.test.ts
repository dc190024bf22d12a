/**
 * `hdh policy-config`: the pack config a stack's own settings imply, which `pulumi preview
 * --policy-pack-config` reads, and which `hdh plan` and `hdh check --stack-config` apply.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hdh } from "./run-cli";

describe("hdh policy-config", () => {
  it("carries the prod stack's admin networks, registry and regions to the policies that read them", async () => {
    const run = await hdh(["policy-config", "--stack", "prod"]);
    expect(run.code).toBe(0);
    const config = JSON.parse(run.stdout);
    expect(
      config["openstack-networking-secgroup-rule-no-sensitive-port-from-internet"].adminCidrs,
    ).toEqual(["198.51.100.0/26", "203.0.113.128/25"]);
    expect(config["openstack-all-resource-eu-region"].allowedRegions).toEqual(["GRA11", "SBG5"]);
    const registries = Object.values(config)
      .map((entry) => (entry as { registries?: string[] }).registries)
      .filter(Boolean);
    expect(registries.length).toBeGreaterThan(0);
    for (const list of registries) expect(list).toEqual(["registry.hdh-sovereign.example.fr/hdh"]);
  });

  it("lets the user's policy config win, setting by setting", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hdh-pc-"));
    const file = join(dir, "override.json");
    writeFileSync(
      file,
      JSON.stringify({
        "openstack-all-resource-eu-region": { allowedRegions: ["GRA11"] },
        "kubernetes-core-pod-read-only-root-filesystem": "mandatory",
      }),
    );
    const run = await hdh(["policy-config", "--stack", "prod", "--policy-config", file]);
    const config = JSON.parse(run.stdout);
    expect(config["openstack-all-resource-eu-region"].allowedRegions).toEqual(["GRA11"]);
    expect(config["openstack-all-resource-eu-region"].euAuthUrls).toBeDefined();
    // A policy with no derived settings keeps the user's entry as written.
    expect(config["kubernetes-core-pod-read-only-root-filesystem"]).toBe("mandatory");
  });

  it("carries the audit shipper's named exception, and the plan report shows it", async () => {
    const config = JSON.parse((await hdh(["policy-config", "--stack", "dev"])).stdout);
    expect(config["kubernetes-core-pod-no-host-path"].workloadExceptions).toEqual([
      expect.objectContaining({
        kind: "DaemonSet",
        name: "hdh-audit-shipper",
        hostPaths: ["/var/log"],
      }),
    ]);
    const plan = await hdh(["plan", "--stack", "dev", "--format", "markdown"]);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(
      /Named exception in force: DaemonSet hdh-audit-shipper\/hdh-audit-shipper may host-path-read-only and run-as-root \(read-only \/var\/log\)/,
    );
  });

  it("an unknown stack is bad input (exit 2) naming the known ones", async () => {
    const run = await hdh(["policy-config", "--stack", "nope"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /unknown stack "nope": there is no .*Pulumi\.nope\.yaml; known stacks: dev, prod/,
    );
    // Not the wording of a refused key: there is no file whose keys could be fixed.
    expect(run.stderr).not.toMatch(/Fix each key/);
  });
});
