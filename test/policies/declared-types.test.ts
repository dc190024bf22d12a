/**
 * Each resource rule declares the types it reads (`types`, policies/lib/define.ts), and the
 * analyzer server (our patch of @pulumi/policy, patches/README.md) skips it, unread, for any
 * other type. A list that forgot a type would silently stop a rule from judging it, so:
 * - every resource policy declares a non-empty list;
 * - the whole corpus gives exactly the same findings with every rule's type filter removed (the
 *   rule then sees every resource): a rule that reports on a type it did not declare fails here;
 * - no rule mutates what the server now shares between policies (one deserialised resource per
 *   Analyze call, one resource list per AnalyzeStack call);
 * - the served pack really skips by list (the patch is applied to the copy the pack loads).
 */
import { isDeepStrictEqual } from "node:util";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluatePolicies, type PolicyPackConfig } from "../../offline/evaluate-policies";
import type { NormalizedResource } from "../../offline/resource-model";
import { allPolicies } from "../../policies/all";
import { packConfigFromSettings } from "../../policies/config";
import { declaredTypesOf, typeMatches } from "../../policies/lib/declared-types";
import { podBearingTypes } from "../../policies/lib/pod-bearing-types";
import { withoutTypeFilter } from "../../policies/lib/define";
import { isStackPolicy, type HdhPolicy } from "../../policies/policy-meta";
import { AnalyzerHarness } from "../harness/analyzer-client";
import { baseline, corpusSettings } from "./baseline";
import { corpus, type Case } from "./corpus";

function build(c: Case) {
  const s = baseline(c.stack ?? "dev");
  c.change(s);
  const config = packConfigFromSettings(allPolicies, {
    ...corpusSettings,
    ...c.settings,
  }) as PolicyPackConfig;
  return { resources: s.list(), config };
}

const unfiltered: HdhPolicy[] = allPolicies.map((p) =>
  isStackPolicy(p) ? p : withoutTypeFilter(p),
);

const key = (f: { policyName: string; urn?: string; enforcementLevel: string; message: string }) =>
  `${f.policyName}|${f.urn}|${f.enforcementLevel}|${f.message}`;

describe("declared types", () => {
  it("every resource policy declares the types it reads", () => {
    const undeclared = allPolicies
      .flatMap((p) => (isStackPolicy(p) ? [] : [p]))
      .filter((p) => (declaredTypesOf(p.validateResource)?.length ?? 0) === 0)
      .map((p) => p.name);
    expect(undeclared).toEqual([]);
  });

  it("type patterns: exact tokens, and `*` for any run of characters", () => {
    expect(typeMatches(["kubernetes:*"], "kubernetes:apps/v1:Deployment")).toBe(true);
    expect(typeMatches(["kubernetes:*"], "openstack:compute/instance:Instance")).toBe(false);
    expect(typeMatches(["kubernetes:*:Ingress"], "kubernetes:networking.k8s.io/v1:Ingress")).toBe(
      true,
    );
    expect(
      typeMatches(["kubernetes:*:Ingress"], "kubernetes:networking.k8s.io/v1:IngressClass"),
    ).toBe(false);
    // Regular-expression characters in a token are literal.
    expect(
      typeMatches(
        ["kubernetes:networking.k8s.io/v1:Ingress"],
        "kubernetes:networkingXk8s.io/v1:Ingress",
      ),
    ).toBe(false);
  });

  it("type patterns: `!` before a pattern excludes what it matches, wherever it stands in the list", () => {
    const declared = ["!kubernetes:core/*:Service", "kubernetes:*"];
    expect(typeMatches(declared, "kubernetes:core/v1:Service")).toBe(false);
    expect(typeMatches(declared, "kubernetes:core/v1:ServiceAccount")).toBe(true);
    expect(typeMatches(declared, "kubernetes:apps/v1:Deployment")).toBe(true);
    expect(typeMatches(["!kubernetes:core/*:Service"], "kubernetes:apps/v1:Deployment")).toBe(
      false,
    );
  });

  it("pod rules read every Kubernetes kind that can hold a pod spec, custom resources included, and skip the built-in kinds that cannot", () => {
    for (const type of [
      "kubernetes:apps/v1:Deployment",
      "kubernetes:batch/v1:CronJob",
      "kubernetes:core/v1:Pod",
      "kubernetes:core/v1:PodTemplate",
      "kubernetes:apps/v1:StatefulSetPatch",
      "kubernetes:argoproj.io/v1alpha1:Workflow",
      "kubernetes:helm.sh/v3:Release",
    ])
      expect(typeMatches(podBearingTypes, type), type).toBe(true);
    for (const type of [
      "kubernetes:core/v1:Service",
      "kubernetes:core/v1:ServicePatch",
      "kubernetes:networking.k8s.io/v1:NetworkPolicy",
      "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
      "kubernetes:core/v1:ConfigMapList",
      "openstack:compute/instance:Instance",
    ])
      expect(typeMatches(podBearingTypes, type), type).toBe(false);
  });

  it("a rule built without its filter sees every type (so the comparison below means something)", () => {
    for (const p of unfiltered) {
      if (!isStackPolicy(p)) expect(declaredTypesOf(p.validateResource), p.name).toBeUndefined();
    }
  });

  it("the corpus gives the same findings with and without the type filters", async () => {
    const differences: string[] = [];
    for (const c of corpus) {
      const { resources, config } = build(c);
      const declared = (await evaluatePolicies({ resources, config })).map(key).sort();
      const open = (await evaluatePolicies({ resources, config, policies: unfiltered }))
        .map(key)
        .sort();
      if (!isDeepStrictEqual(declared, open))
        differences.push(
          `${c.name}\n  only without the filter: ${open.filter((k) => !declared.includes(k)).join("\n    ")}` +
            `\n  only with it: ${declared.filter((k) => !open.includes(k)).join("\n    ")}`,
        );
    }
    expect(differences).toEqual([]);
  });

  it("no rule mutates the resources it is given (the server shares them between policies)", async () => {
    const mutated: string[] = [];
    for (const c of corpus) {
      const { resources, config } = build(c);
      const before = structuredClone(resources) as NormalizedResource[];
      await evaluatePolicies({ resources, config, policies: unfiltered });
      await evaluatePolicies({ resources, config });
      if (!isDeepStrictEqual(before, resources)) mutated.push(c.name);
    }
    expect(mutated).toEqual([]);
  });
});

describe("declared types, as the served pack applies them", () => {
  let pack: AnalyzerHarness;
  beforeAll(async () => {
    pack = await AnalyzerHarness.start();
  });
  afterAll(async () => {
    await pack?.close();
  });

  it("the pack loads the patched @pulumi/policy", () => {
    // policies/ has no node_modules of its own: the compiled pack resolves the root's copy,
    // which `npm ci` patches (postinstall: patch-package).
    const fromPack = createRequire(join(__dirname, "../../policies/bin/index.js"));
    const server = fromPack.resolve("@pulumi/policy/server.js");
    expect(readFileSync(server, "utf8")).toContain("__pulumiTypes");
  });

  it("skips, before reading it, every resource policy whose types do not include the resource's", async () => {
    const s = baseline("dev");
    const password = s.add("pw", "random:index/randomPassword:RandomPassword", { length: 32 });
    const all = new Map(s.list().map((r) => [r.urn, r]));
    const skipped = await pack.notApplicable(password, all);
    const resourcePolicies = allPolicies.filter((p) => !isStackPolicy(p));
    expect([...skipped.keys()].sort()).toEqual(resourcePolicies.map((p) => p.name).sort());
    expect(skipped.get("kubernetes-core-pod-no-privileged")).toBe("Not a type the policy reads");

    const deployment = s.get("ws-cardio-jupyter");
    const skippedForPod = await pack.notApplicable(deployment, all);
    expect(skippedForPod.has("kubernetes-core-pod-no-privileged")).toBe(false);
    expect(skippedForPod.has("openstack-all-resource-eu-region")).toBe(true);
  });
});
