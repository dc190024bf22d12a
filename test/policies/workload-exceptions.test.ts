/**
 * Named workload exceptions: the one DaemonSet an exception names may mount the listed host path
 * read-only and run as UID 0; every near miss is still flagged. Checked in-process and over the
 * Analyzer gRPC protocol, as the Pulumi CLI would run it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluatePolicies, type PolicyPackConfig } from "../../offline/evaluate-policies";
import { allPolicies } from "../../policies/all";
import { packConfigFromSettings, type PolicySettings } from "../../policies/config";
import { auditShipperException } from "../../stacks/policy-settings";
import { AnalyzerHarness } from "../harness/analyzer-client";
import { baseline, corpusSettings, hardenedPodSpec, ownership, unknown } from "./baseline";
import { expectedNameOf, unknownOf } from "./corpus/case";

const hostPath = "kubernetes-core-pod-no-host-path";
const nonRoot = "kubernetes-core-pod-run-as-non-root";

interface Shipper {
  kind?: string;
  /** API group/version of the type token. @default "apps/v1" */
  apiVersion?: string;
  /** Replaces the container's volumeMounts (e.g. an unknown value at preview). */
  mounts?: unknown;
  namespace?: string;
  name?: string;
  path?: string;
  readOnly?: boolean;
}

/** A log shipper like the audit trail's: reads /var/log from the node, as root. */
function shipperStack(shipper: Shipper = {}) {
  const s = baseline("dev");
  const pod = hardenedPodSpec();
  pod.securityContext = { ...pod.securityContext, runAsNonRoot: false, runAsUser: 0 };
  const container = {
    ...pod.containers[0],
    volumeMounts: shipper.mounts ?? [
      { name: "node-logs", mountPath: "/var/log", readOnly: shipper.readOnly ?? true },
    ],
  };
  const kind = shipper.kind ?? "DaemonSet";
  s.add("shipper", `kubernetes:${shipper.apiVersion ?? "apps/v1"}:${kind}`, {
    metadata: {
      name: shipper.name ?? auditShipperException.name,
      namespace: shipper.namespace ?? auditShipperException.namespace,
      labels: ownership,
    },
    spec: {
      selector: { matchLabels: { app: "shipper" } },
      template: {
        metadata: { labels: { app: "shipper" } },
        spec: {
          ...pod,
          containers: [container],
          volumes: [{ name: "node-logs", hostPath: { path: shipper.path ?? "/var/log" } }],
        },
      },
    },
  });
  return s;
}

/** The two rules an exception can lift, and what they could not judge (`unknownOf`). */
const liftable = (name: string) =>
  [hostPath, nonRoot].some((rule) => name === rule || name === unknownOf(rule));

function packConfig(exceptions: PolicySettings["workloadExceptions"]): PolicyPackConfig {
  return packConfigFromSettings(allPolicies, {
    ...corpusSettings,
    workloadExceptions: exceptions,
  }) as PolicyPackConfig;
}

async function trippedOn(shipper: Shipper, exceptions = [auditShipperException]) {
  const findings = await evaluatePolicies({
    resources: shipperStack(shipper).list(),
    config: packConfig(exceptions),
    stackName: "dev",
  });
  return findings
    .filter((f) => f.urn?.endsWith("::shipper"))
    .map(expectedNameOf)
    .filter(liftable)
    .sort();
}

describe("named workload exceptions, in-process", () => {
  it("the named shipper, mounting /var/log read-only as root, passes", async () => {
    expect(await trippedOn({})).toEqual([]);
  });

  it("without the exception the same shipper is flagged for both controls", async () => {
    expect(await trippedOn({}, [])).toEqual([hostPath, nonRoot]);
  });

  it("a writable mount of the excepted path is still flagged", async () => {
    expect(await trippedOn({ readOnly: false })).toEqual([hostPath]);
  });

  it("another host path is still flagged", async () => {
    expect(await trippedOn({ path: "/etc" })).toEqual([hostPath]);
  });

  it.each([
    ["another name", { name: "log-shipper-2" }],
    ["another namespace", { namespace: "kube-system" }],
    ["another kind", { kind: "Deployment" }],
  ])("the same pod under %s is flagged for both controls", async (_what, shipper) => {
    expect(await trippedOn(shipper)).toEqual([hostPath, nonRoot]);
  });

  it("a custom resource of the same kind in another API group is flagged for both controls", async () => {
    expect(await trippedOn({ apiVersion: "logs.example.com/v1" })).toEqual([hostPath, nonRoot]);
  });

  it("mounts not yet known at preview are not taken as read-only: the twin names them", async () => {
    expect(await trippedOn({ mounts: unknown })).toEqual([unknownOf(hostPath)]);
    expect(await trippedOn({ mounts: [unknown] })).toEqual([unknownOf(hostPath)]);
  });

  it("two exceptions naming one workload are refused: one exception carries all its controls", async () => {
    const split = [
      { ...auditShipperException, controls: ["host-path-read-only" as const] },
      { ...auditShipperException, controls: ["run-as-root" as const], hostPaths: [] },
    ];
    await expect(trippedOn({}, split)).rejects.toThrow(/a second exception names DaemonSet/);
  });

  it("the host-path control without host paths, or host paths without it, is refused", async () => {
    await expect(trippedOn({}, [{ ...auditShipperException, hostPaths: [] }])).rejects.toThrow(
      /list the host paths/,
    );
    const rootOnly = { ...auditShipperException, controls: ["run-as-root" as const] };
    await expect(trippedOn({}, [rootOnly])).rejects.toThrow(/only read with the host-path/);
  });

  it("an exception lifts only the controls it names", async () => {
    const onlyHostPath = { ...auditShipperException, controls: ["host-path-read-only" as const] };
    expect(await trippedOn({}, [onlyHostPath])).toEqual([nonRoot]);
  });

  it("an exception without a reason is refused as invalid policy config", async () => {
    await expect(trippedOn({}, [{ ...auditShipperException, reason: "" }])).rejects.toThrow(
      /workloadExceptions/,
    );
  });
});

describe("named workload exceptions, over the Analyzer gRPC protocol", () => {
  let pack: AnalyzerHarness;

  beforeAll(async () => {
    pack = await AnalyzerHarness.start();
  });
  afterAll(async () => {
    await pack?.close();
  });

  async function remoteTripped(shipper: Shipper): Promise<string[]> {
    const info = await pack.getAnalyzerInfo();
    const levels = new Map(info.policies.map((p) => [p.name, p.enforcementLevel]));
    await pack.configure(packConfig([auditShipperException]), levels);
    const resources = shipperStack(shipper).list();
    const all = new Map(resources.map((r) => [r.urn, r]));
    const target = resources.find((r) => r.urn.endsWith("::shipper"))!;
    return (await pack.analyze(target, all)).map(expectedNameOf).filter(liftable).sort();
  }

  it("the pack as the CLI runs it honours the exception for the named shipper", async () => {
    expect(await remoteTripped({})).toEqual([]);
  });

  it("and flags a look-alike custom resource of the same kind, namespace and name", async () => {
    expect(await remoteTripped({ apiVersion: "logs.example.com/v1" })).toEqual([hostPath, nonRoot]);
  });

  it("and still flags a writable mount from another namespace", async () => {
    expect(await remoteTripped({ namespace: "kube-system", readOnly: false })).toEqual([
      hostPath,
      nonRoot,
    ]);
  });
});
