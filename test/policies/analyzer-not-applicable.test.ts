/**
 * What the served pack answers about the policies it skipped, on the wire. The Pulumi engine
 * (pkg/resource/analyzer/summary.go, newPolicySummary, at v3.248.0) turns each Analyze response
 * into the resource's policy summary on its own: passed = every resource policy of the pack that
 * is not disabled, minus those with a diagnostic, minus those listed as not applicable. So every
 * response must list every policy that did not judge the resource, however many resources of the
 * same type came before; a policy left out would be reported as passed for a resource it never
 * looked at. Our patch of @pulumi/policy (patches/README.md) plans each type once and reuses the
 * serialised entries: these tests hold it to the same answer and the same bytes as the library's
 * own serialisation.
 */
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NormalizedResource } from "../../offline/resource-model";
import { allPolicies } from "../../policies/all";
import { declaredTypesOf, typeMatches } from "../../policies/lib/declared-types";
import { isStackPolicy } from "../../policies/policy-meta";
import { AnalyzerHarness } from "../harness/analyzer-client";
import { analyzeRequest } from "../harness/analyzer-messages";
import { baseline } from "./baseline";

const resourcePolicies = allPolicies.flatMap((p) => (isStackPolicy(p) ? [] : [p]));

/** The resource policies whose declared types include `type`: the ones that judge it. */
function judging(type: string): string[] {
  return resourcePolicies
    .filter((p) => {
      const declared = declaredTypesOf(p.validateResource);
      return declared === undefined || typeMatches(declared, type);
    })
    .map((p) => p.name)
    .sort();
}

/** The engine's policy summary of one Analyze response (summary.go, newPolicySummary). */
function engineSummary(
  response: analyzer.AnalyzeResponse,
  disabled: ReadonlySet<string> = new Set(),
) {
  const failed = new Set(response.getDiagnosticsList().map((d) => d.getPolicyname()));
  const notApplicable = new Set(response.getNotApplicableList().map((n) => n.getPolicyName()));
  const passed = resourcePolicies
    .map((p) => p.name)
    .filter((name) => !disabled.has(name) && !failed.has(name) && !notApplicable.has(name));
  return { passed, failed: [...failed], notApplicable: [...notApplicable].sort() };
}

describe("the served pack's not-applicable entries, as the engine reads them", () => {
  let pack: AnalyzerHarness;
  const s = baseline("dev");
  const nodePort = s.add("np", "kubernetes:core/v1:Service", {
    metadata: { name: "np", namespace: "ws-cardio" },
    spec: { type: "NodePort", ports: [{ port: 80, targetPort: 8080 }] },
  });
  const secondNodePort = s.add("np-2", "kubernetes:core/v1:Service", {
    metadata: { name: "np-2", namespace: "ws-cardio" },
    spec: { type: "NodePort", ports: [{ port: 443, targetPort: 8443 }] },
  });
  const password = s.add("pw", "random:index/randomPassword:RandomPassword", { length: 32 });
  const all = new Map(s.list().map((r) => [r.urn, r]));

  async function analyze(r: NormalizedResource) {
    const bytes = await pack.analyzeBytes(analyzeRequest(r, all, undefined));
    return { bytes, response: analyzer.AnalyzeResponse.deserializeBinary(new Uint8Array(bytes)) };
  }

  beforeAll(async () => {
    pack = await AnalyzerHarness.start();
  });
  afterAll(async () => {
    await pack?.close();
  });

  it("every response lists every policy that did not judge the resource, not only the first of its type", async () => {
    for (const r of [nodePort, password, secondNodePort, password, nodePort]) {
      const { response } = await analyze(r);
      const expected = resourcePolicies
        .map((p) => p.name)
        .filter((name) => !judging(r.type).includes(name))
        .sort();
      expect(engineSummary(response).notApplicable, r.name).toEqual(expected);
    }
  });

  it("so the engine counts as passed or failed exactly the policies that judged the resource", async () => {
    const { response } = await analyze(nodePort);
    const summary = engineSummary(response);
    expect(summary.failed.length).toBeGreaterThan(0);
    expect([...summary.passed, ...summary.failed].sort()).toEqual(judging(nodePort.type));
    // A type no policy declares: nothing passed, nothing failed.
    const forPassword = engineSummary((await analyze(password)).response);
    expect(forPassword.passed).toEqual(judging(password.type));
    expect(forPassword.failed).toEqual([]);
  });

  it("the bytes on the wire are those of the message built from scratch: diagnostics, then each skipped policy in the pack's order with the short reason", async () => {
    for (const r of [nodePort, password, nodePort]) {
      const { bytes, response } = await analyze(r);
      const expected = new analyzer.AnalyzeResponse();
      expected.setDiagnosticsList(response.getDiagnosticsList());
      expected.setNotApplicableList(
        resourcePolicies
          .filter((p) => !judging(r.type).includes(p.name))
          .map((p) => {
            const entry = new analyzer.PolicyNotApplicable();
            entry.setPolicyName(p.name);
            // Short: the engine reads only the name (see skippedTypeReason in the patch).
            entry.setReason("Not a type the policy reads");
            return entry;
          }),
      );
      if (r === nodePort) expect(response.getDiagnosticsList().length).toBeGreaterThan(0);
      expect(Buffer.from(expected.serializeBinary()).equals(bytes), r.name).toBe(true);
    }
  });

  it("a policy disabled by Configure is neither run nor listed; enabled again, it is listed again", async () => {
    const applying = judging(nodePort.type)[0];
    const skipped = engineSummary((await analyze(password)).response).notApplicable[0];
    const disabled = new Set([applying, skipped]);
    await pack.configure(
      { [applying]: { enforcementLevel: "disabled" }, [skipped]: { enforcementLevel: "disabled" } },
      new Map(),
    );
    try {
      for (const r of [nodePort, password]) {
        const { response } = await analyze(r);
        const summary = engineSummary(response, disabled);
        expect(summary.notApplicable).not.toContain(skipped);
        expect(summary.notApplicable).not.toContain(applying);
        expect(summary.failed).not.toContain(applying);
        expect([...summary.passed, ...summary.failed].sort()).toEqual(
          judging(r.type).filter((name) => !disabled.has(name)),
        );
      }
    } finally {
      await pack.configure({}, new Map());
    }
    const { response } = await analyze(password);
    expect(engineSummary(response).notApplicable).toContain(skipped);
  });
});

/**
 * The patched server writes the diagnostics of a response itself (Node's UTF-8 encoder, one
 * buffer with the planned entries) rather than through google-protobuf: the bytes must be those
 * google-protobuf writes, whatever the text, and a string that is not well formed (a lone
 * surrogate, where encoders may differ) goes through google-protobuf itself.
 */
describe("the served pack's diagnostics, written by the patched server", () => {
  type Handler = (
    call: { request: analyzer.AnalyzeRequest },
    callback: (err: unknown, response?: analyzer.AnalyzeResponse) => void,
  ) => Promise<void>;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- internal of the patched library
  const server = require("@pulumi/policy/server") as {
    makeAnalyzeRpcFun(name: string, version: string, level: string, policies: unknown[]): Handler;
  };
  const messages = [
    "plain ASCII",
    "accents é, à, ç and a dash — in `code`",
    "astral: 🙂 and CJK 漢字",
    "a lone surrogate \ud800 here",
    "x".repeat(20_000),
  ];
  const reporting = messages.map((message, i) => ({
    name: `reports-${i}`,
    description: i === 2 ? "" : `Policy ${i} ✓`,
    enforcementLevel: i === 1 ? "advisory" : "mandatory",
    severity: i === 3 ? undefined : "high",
    validateResource: (_args: unknown, report: (message: string) => void) => report(message),
  }));
  const skipped = {
    name: "skipped",
    description: "Reads another type.",
    enforcementLevel: "mandatory",
    validateResource: Object.assign(() => {}, { __pulumiTypes: ["other:index:Type"] }),
  };
  const s = baseline("dev");
  const password = s.add("pw", "random:index/randomPassword:RandomPassword", { length: 32 });
  const request = analyzeRequest(password, new Map(s.list().map((r) => [r.urn, r])), undefined);

  async function answer(policies: unknown[]): Promise<analyzer.AnalyzeResponse> {
    const handler = server.makeAnalyzeRpcFun("pack", "1.0.0", "mandatory", policies);
    return new Promise((resolve, reject) => {
      void handler({ request }, (err, response) => (err ? reject(err) : resolve(response!)));
    });
  }

  function fromScratch(response: analyzer.AnalyzeResponse): Buffer {
    const expected = new analyzer.AnalyzeResponse();
    expected.setDiagnosticsList(response.getDiagnosticsList());
    expected.setNotApplicableList(response.getNotApplicableList());
    return Buffer.from(expected.serializeBinary());
  }

  it("writes any text as google-protobuf does, with the planned entries after it", async () => {
    for (const [i, policy] of reporting.entries()) {
      const response = await answer([policy, skipped]);
      expect(response.getDiagnosticsList().map((d) => d.getMessage())).toEqual([
        `${policy.description}\n${messages[i]}`,
      ]);
      expect(response.getNotApplicableList().map((n) => n.getPolicyName())).toEqual(["skipped"]);
      expect(
        Buffer.from(response.serializeBinary()).equals(fromScratch(response)),
        messages[i],
      ).toBe(true);
    }
    const everyOne = await answer([...reporting, skipped]);
    expect(everyOne.getDiagnosticsList()).toHaveLength(reporting.length);
    expect(Buffer.from(everyOne.serializeBinary()).equals(fromScratch(everyOne))).toBe(true);
  });
});
