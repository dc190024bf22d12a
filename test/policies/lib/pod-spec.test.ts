/**
 * Where the pod hardening rules look for containers: every pod spec a Kubernetes resource nests,
 * and every regular, init and ephemeral container in it, named in messages by path and name.
 */
import { describe, expect, it } from "vitest";
import {
  carriesPod,
  containersOf,
  forEachContainer,
  podSpecsOf,
  unknownPodsOf,
} from "../../../policies/lib/pod-spec";
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

  it("finds the pod spec of each item of a List, with the metadata beside it", () => {
    const spec = { containers: [] };
    const found = podSpecsOf("kubernetes:apps/v1:DeploymentList", {
      items: [
        { spec: { template: { metadata: { labels: { app: "a" } }, spec } } },
        { kind: "Deployment", spec: { template: { spec } } },
      ],
    });
    expect(found.map((p) => [p.path, p.metadataPath])).toEqual([
      ["items[0].spec.template.spec", "items[0].spec.template.metadata"],
      ["items[1].spec.template.spec", "items[1].spec.template.metadata"],
    ]);
    expect(found[0].metadata).toEqual({ labels: { app: "a" } });
    expect(
      podSpecsOf("kubernetes:core/v1:PodList", { items: [{ spec }] }).map((p) => p.path),
    ).toEqual(["items[0].spec"]);
  });

  it("a Patch's pod spec counts without containers; a kind's other paths need them", () => {
    const patch = podSpecsOf("kubernetes:apps/v1:DeploymentPatch", {
      spec: { template: { spec: { hostNetwork: true } } },
    });
    expect(patch.map((p) => [p.path, p.patch])).toEqual([["spec.template.spec", true]]);
    // A Patch of the pod's metadata alone (an annotation) patches the pod too.
    expect(
      podSpecsOf("kubernetes:apps/v1:DeploymentPatch", {
        spec: { template: { metadata: { annotations: {} } } },
      }).map((p) => p.spec),
    ).toEqual([{}]);
    expect(podSpecsOf("kubernetes:apps/v1:DeploymentPatch", { spec: { replicas: 2 } })).toEqual([]);
  });
});

/** The path of the first workload pod unknown during preview, as the twins name it. */
const unknownPodSpecOf = (type: string, props: Record<string, unknown>) =>
  unknownPodsOf(type, props)[0]?.path;

describe("unknownPodsOf", () => {
  it("names the first step unknown on the way to a built-in workload's pod spec", () => {
    expect(unknownPodSpecOf("kubernetes:core/v1:Pod", { spec: unknown })).toBe("spec");
    expect(unknownPodSpecOf("kubernetes:apps/v1:Deployment", { spec: unknown })).toBe("spec");
    expect(
      unknownPodSpecOf("kubernetes:apps/v1:StatefulSet", { spec: { template: unknown } }),
    ).toBe("spec.template");
    expect(
      unknownPodSpecOf("kubernetes:batch/v1:CronJob", {
        spec: { jobTemplate: { spec: { template: { spec: unknown } } } },
      }),
    ).toBe("spec.jobTemplate.spec.template.spec");
    expect(unknownPodSpecOf("kubernetes:core/v1:PodTemplate", { template: unknown })).toBe(
      "template",
    );
    expect(
      unknownPodSpecOf("kubernetes:apps/v1:DaemonSetPatch", { spec: { template: unknown } }),
    ).toBe("spec.template");
  });

  it("is undefined for a known pod spec, a Patch without one, and kinds that hold no pod", () => {
    const spec = { containers: [] };
    expect(
      unknownPodSpecOf("kubernetes:apps/v1:Deployment", { spec: { template: { spec } } }),
    ).toBeUndefined();
    expect(
      unknownPodSpecOf("kubernetes:apps/v1:DeploymentPatch", { spec: { replicas: 2 } }),
    ).toBeUndefined();
    expect(unknownPodSpecOf("kubernetes:core/v1:Service", { spec: unknown })).toBeUndefined();
    // A custom resource's schema is not known: its unknown spec is not taken for a pod.
    expect(
      unknownPodSpecOf("kubernetes:argoproj.io/v1alpha1:Rollout", { spec: unknown }),
    ).toBeUndefined();
    expect(
      unknownPodSpecOf("kubernetes:example.com/v1:Deployment", { spec: unknown }),
    ).toBeUndefined();
  });

  it("names a List's unknown items, item, or item pod spec", () => {
    expect(unknownPodSpecOf("kubernetes:apps/v1:DeploymentList", { items: unknown })).toBe("items");
    expect(
      unknownPodsOf("kubernetes:core/v1:PodList", {
        items: [{ spec: { containers: [] } }, unknown],
      }).map((p) => p.path),
    ).toEqual(["items[1]"]);
    expect(
      unknownPodSpecOf("kubernetes:batch/v1:JobList", { items: [{ spec: { template: unknown } }] }),
    ).toBe("items[0].spec.template");
    // A list of a kind that holds no pod, or a custom one, is not taken for pods.
    expect(
      unknownPodSpecOf("kubernetes:core/v1:ConfigMapList", { items: unknown }),
    ).toBeUndefined();
    expect(
      unknownPodSpecOf("kubernetes:argoproj.io/v1alpha1:RolloutList", { items: unknown }),
    ).toBeUndefined();
  });

  it("a workload whose pod is unknown still carries a pod (its namespace holds a workload)", () => {
    expect(carriesPod("kubernetes:apps/v1:Deployment", { spec: unknown })).toBe(true);
    expect(carriesPod("kubernetes:core/v1:ConfigMap", { data: unknown })).toBe(false);
  });
});

describe("containersOf", () => {
  const pod = (spec: Record<string, unknown>) => ({
    path: "spec",
    spec,
    metadata: undefined,
    metadataPath: "metadata",
    patch: false,
  });

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
