/**
 * Which workload a named exception covers, read from the type token and metadata alone: a
 * look-alike from another provider, or a token that is not a Kubernetes type, is never covered.
 */
import { describe, expect, it } from "vitest";
import { defaultSettings, type PolicySettings } from "../../../policies/config";
import { exceptionFor, lifts } from "../../../policies/lib/workload-exceptions";
import { unknown } from "../baseline";

const shipper: PolicySettings["workloadExceptions"][number] = {
  kind: "DaemonSet",
  namespace: "audit",
  name: "log-shipper",
  controls: ["run-as-root"],
  hostPaths: [],
  reason: "reads the node's audit logs (docs/audit.md)",
};
const settings: PolicySettings = { ...defaultSettings, workloadExceptions: [shipper] };
const metadata = { metadata: { name: "log-shipper", namespace: "audit" } };

describe("exceptionFor", () => {
  it("the named DaemonSet is covered", () => {
    expect(exceptionFor("kubernetes:apps/v1:DaemonSet", metadata, settings)).toBe(shipper);
  });

  it("the same kind, group, name and namespace under another provider is not covered", () => {
    expect(exceptionFor("example:apps/v1:DaemonSet", metadata, settings)).toBe(undefined);
  });

  it("a type token without a group or kind matches nothing, rather than failing", () => {
    expect(exceptionFor("DaemonSet", metadata, settings)).toBe(undefined);
    expect(exceptionFor("kubernetes:apps/v1", metadata, settings)).toBe(undefined);
  });

  it("a name or namespace unknown at preview or missing matches nothing", () => {
    const type = "kubernetes:apps/v1:DaemonSet";
    expect(exceptionFor(type, { metadata: { name: unknown, namespace: "audit" } }, settings)).toBe(
      undefined,
    );
    expect(exceptionFor(type, { metadata: { name: "log-shipper" } }, settings)).toBe(undefined);
    expect(exceptionFor(type, {}, settings)).toBe(undefined);
  });

  it("without exceptions nothing is covered", () => {
    expect(exceptionFor("kubernetes:apps/v1:DaemonSet", metadata, defaultSettings)).toBe(undefined);
  });
});

describe("lifts", () => {
  it("an exception lifts only the controls it lists; no exception lifts none", () => {
    expect(lifts(shipper, "run-as-root")).toBe(true);
    expect(lifts(shipper, "host-path-read-only")).toBe(false);
    expect(lifts(undefined, "run-as-root")).toBe(false);
  });
});
