/**
 * Where the pod hardening rules look for containers: every pod spec a Kubernetes resource nests,
 * and every regular, init and ephemeral container in it, named in messages by path and name.
 */
import { describe, expect, it } from "vitest";
import { containersOf, forEachContainer, podSpecsOf } from "../../../policies/lib/pod-spec";
import { unknown } from "../baseline";

describe("podSpecsOf", () => {
  it("a resource of another provider has no pod spec, even if shaped like one", () => {
    expect(podSpecsOf("example:apps/v1:Deployment", { spec: { containers: [] } })).toEqual([]);
  });

  it("finds the pod spec of a Pod, a workload, a CronJob and a PodTemplate", () => {
    const spec = { containers: [] };
    expect(podSpecsOf("kubernetes:core/v1:Pod", { spec }).map((p) => p.path)).toEqual(["spec"]);
    expect(
      podSpecsOf("kubernetes:apps/v1:Deployment", { spec: { template: { spec } } }).map(
        (p) => p.path,
      ),
    ).toEqual(["spec.template.spec"]);
    expect(
      podSpecsOf("kubernetes:batch/v1:CronJob", {
        spec: { jobTemplate: { spec: { template: { spec } } } },
      }).map((p) => p.path),
    ).toEqual(["spec.jobTemplate.spec.template.spec"]);
    expect(
      podSpecsOf("kubernetes:core/v1:PodTemplate", { template: { spec } }).map((p) => p.path),
    ).toEqual(["template.spec"]);
  });

  it("a spec whose containers are unknown at preview is still a pod spec; one without is not", () => {
    expect(podSpecsOf("kubernetes:core/v1:Pod", { spec: { containers: unknown } })).toHaveLength(1);
    expect(podSpecsOf("kubernetes:core/v1:Service", { spec: { ports: [] } })).toEqual([]);
  });
});

describe("containersOf", () => {
  const pod = (spec: Record<string, unknown>) => ({ path: "spec", spec });

  it("regular, init and ephemeral containers are all seen, labelled by path, index and name", () => {
    const labels = containersOf(
      pod({
        containers: [{ name: "main" }, {}],
        initContainers: [{ name: "setup" }],
        ephemeralContainers: [{ name: "debug" }],
      }),
    ).map((c) => c.label);
    expect(labels).toEqual([
      "spec.containers[0] (main)",
      "spec.containers[1]",
      "spec.initContainers[0] (setup)",
      "spec.ephemeralContainers[0] (debug)",
    ]);
  });

  it("an entry that is not an object (unknown at preview) is skipped, keeping the others' indexes", () => {
    expect(
      containersOf(pod({ containers: [unknown, null, { name: "main" }] })).map((c) => c.label),
    ).toEqual(["spec.containers[2] (main)"]);
  });

  it("forEachContainer visits each container with its pod spec", () => {
    const seen: string[] = [];
    forEachContainer(
      "kubernetes:apps/v1:Deployment",
      { spec: { template: { spec: { containers: [{ name: "a" }] } } } },
      (c, p) => seen.push(`${p.path} ${c.label}`),
    );
    expect(seen).toEqual(["spec.template.spec spec.template.spec.containers[0] (a)"]);
  });
});
