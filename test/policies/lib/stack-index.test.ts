/**
 * The stack index the stack rules share: what depends on what (through a property or at all),
 * which namespaces are research workspaces, and which namespace a resource lives in, including
 * while names are still unknown at preview.
 */
import type { PolicyResource } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { labelKeys, workspaceRole } from "../../../policies/catalog/labels";
import { defaultSettings } from "../../../policies/config";
import {
  inNamespace,
  isWorkspaceNamespace,
  namespaceInfo,
  namespaceType,
  StackIndex,
  workspaceNamespaces,
} from "../../../policies/lib/stack-index";
import { unknown } from "../baseline";

interface Spec {
  type?: string;
  name: string;
  props?: Record<string, unknown>;
  parents?: string[];
  dependsOn?: PolicyResource[];
  propertyDependencies?: Record<string, PolicyResource[]> | undefined;
}

/** A resource as the engine hands it to a stack policy (only what the index reads). */
function resource(spec: Spec): PolicyResource {
  const type = spec.type ?? "kubernetes:core/v1:Service";
  const chain = [...(spec.parents ?? []), type].join("$");
  return {
    type,
    name: spec.name,
    urn: `urn:pulumi:dev::hdh::${chain}::${spec.name}`,
    props: spec.props ?? {},
    dependencies: spec.dependsOn ?? [],
    propertyDependencies: "propertyDependencies" in spec ? spec.propertyDependencies : {},
  } as unknown as PolicyResource;
}

function namespace(name: string, metadata: Record<string, unknown>, parents: string[] = []) {
  return resource({ type: namespaceType, name, props: { metadata }, parents });
}

describe("StackIndex", () => {
  it("one resource list gets one index; another list its own", () => {
    const resources = [resource({ name: "a" })];
    expect(StackIndex.of(resources)).toBe(StackIndex.of(resources));
    expect(StackIndex.of([...resources])).not.toBe(StackIndex.of(resources));
  });

  it("the stack name comes from the URNs, and an empty stack has none", () => {
    expect(new StackIndex([resource({ name: "a" })]).stack).toBe("dev");
    expect(new StackIndex([]).stack).toBe("");
  });

  it("dependencies through one property are that property's only", () => {
    const key = resource({ type: "openstack:keymanager/orderV1:OrderV1", name: "key" });
    const net = resource({ type: "openstack:networking/network:Network", name: "net" });
    const volume = resource({
      name: "vol",
      dependsOn: [net],
      propertyDependencies: { encryptionKey: [key], networkId: [net] },
    });
    const index = new StackIndex([key, net, volume]);
    const r = index.get(volume.urn)!;
    expect(index.dependenciesOf(r, "encryptionKey")).toEqual([key.urn]);
    expect(index.dependenciesOf(r, "size")).toEqual([]);
  });

  it("all dependencies join explicit and property ones, each once", () => {
    const key = resource({ name: "key" });
    const net = resource({ name: "net" });
    const volume = resource({
      name: "vol",
      dependsOn: [net],
      propertyDependencies: { encryptionKey: [key], networkId: [net] },
    });
    const index = new StackIndex([key, net, volume]);
    expect(index.dependenciesOf(index.get(volume.urn)!).sort()).toEqual([key.urn, net.urn].sort());
  });

  it("a resource without property dependencies has none, rather than a crash", () => {
    const net = resource({ name: "net" });
    const r = resource({ name: "vol", dependsOn: [net], propertyDependencies: undefined });
    const index = new StackIndex([net, r]);
    expect(index.dependenciesOf(index.get(r.urn)!, "networkId")).toEqual([]);
    expect(index.dependenciesOf(index.get(r.urn)!)).toEqual([net.urn]);
  });

  it("every resource depending on a URN is its dependant", () => {
    const key = resource({ name: "key" });
    const a = resource({ name: "a", dependsOn: [key] });
    const b = resource({ name: "b", propertyDependencies: { keyId: [key] } });
    const c = resource({ name: "c" });
    const index = new StackIndex([key, a, b, c]);
    expect(index.dependantsOf(key.urn).map((r) => r.name)).toEqual(["a", "b"]);
    expect(index.dependantsOf(c.urn)).toEqual([]);
  });
});

describe("namespaceInfo", () => {
  it("a namespace without metadata has no name and no labels", () => {
    const ns = resource({ type: namespaceType, name: "bare" });
    expect(namespaceInfo(new StackIndex([ns]).all[0])).toMatchObject({
      name: undefined,
      labels: {},
    });
  });
});

describe("isWorkspaceNamespace", () => {
  const info = (r: PolicyResource) => namespaceInfo(new StackIndex([r]).all[0]);
  const isWorkspace = (r: PolicyResource) => isWorkspaceNamespace(info(r), defaultSettings);

  it("the workspace role label alone makes a workspace", () => {
    expect(
      isWorkspace(
        namespace("cardio", { name: "cardio", labels: { [labelKeys.role]: workspaceRole } }),
      ),
    ).toBe(true);
  });

  it("another role, no label and a name outside the pattern is not a workspace", () => {
    expect(
      isWorkspace(namespace("mirror", { name: "mirror", labels: { [labelKeys.role]: "mirror" } })),
    ).toBe(false);
  });

  it("a namespace created inside a Workspace component is one, whatever else wraps it", () => {
    const parents = ["hdh:platform:Platform", "hdh:workspace:Workspace"];
    expect(isWorkspace(namespace("cardio", { name: "cardio" }, parents))).toBe(true);
    expect(isWorkspace(namespace("cardio", { name: "cardio" }, ["hdh:platform:Platform"]))).toBe(
      false,
    );
  });

  it("the Kubernetes name is matched against the pattern, not the program's resource name", () => {
    expect(isWorkspace(namespace("cardio-ns", { name: "ws-cardio" }))).toBe(true);
    expect(isWorkspace(namespace("ws-cardio", { name: "cardio" }))).toBe(false);
  });

  it("while the Kubernetes name is unknown, the resource name is matched", () => {
    expect(isWorkspace(namespace("ws-cardio", { name: unknown }))).toBe(true);
  });

  it("workspaceNamespaces lists the workspaces and leaves the other namespaces out", () => {
    const index = new StackIndex([
      namespace("ws-a", { name: "ws-a" }),
      namespace("kube-system", { name: "kube-system" }),
      resource({ name: "ws-svc" }),
    ]);
    expect(workspaceNamespaces(index, defaultSettings).map((ns) => ns.name)).toEqual(["ws-a"]);
  });
});

describe("inNamespace", () => {
  function judge(metadata: Record<string, unknown> | undefined, nsName: unknown, depends = false) {
    const ns = namespace("ns", { name: nsName });
    const r = resource({
      name: "svc",
      props: metadata ? { metadata } : {},
      dependsOn: depends ? [ns] : [],
    });
    const index = new StackIndex([ns, r]);
    return inNamespace(index, index.get(r.urn)!, namespaceInfo(index.get(ns.urn)!));
  }

  it("a known namespace name decides, whatever the dependencies", () => {
    expect(judge({ namespace: "ws-a" }, "ws-a")).toBe(true);
    expect(judge({ namespace: "ws-b" }, "ws-a", true)).toBe(false);
  });

  it("a resource naming no namespace is in `default`, and only there", () => {
    expect(judge({ name: "svc" }, "default")).toBe(true);
    expect(judge(undefined, "default")).toBe(true);
    expect(judge({ name: "svc" }, "ws-a")).toBe(false);
    expect(judge(undefined, "ws-a")).toBe(false);
  });

  it("a namespace unknown at preview is not `default`: the dependency decides", () => {
    expect(judge({ namespace: unknown }, "default")).toBe(false);
    expect(judge({ namespace: unknown }, "ws-a", true)).toBe(true);
    expect(judge({ namespace: unknown }, "ws-a")).toBe(false);
  });

  it("a namespace whose own name is unknown holds what depends on it", () => {
    expect(judge({ namespace: "ws-a" }, unknown, true)).toBe(true);
    expect(judge({ namespace: "ws-a" }, unknown)).toBe(false);
  });
});
