/**
 * The patched server reads an Analyze request's properties and provider only when a policy runs
 * for the resource's type (patches/README.md, item 7): decoding them was nearly all the cost of
 * reading a request, and a resource no policy declares never needs them. These tests hold the
 * lazily read request to the message google-protobuf's generated decoder gives for the same
 * bytes, and show the deferral from outside: malformed properties of a type no policy reads are
 * never decoded, while those of a judged type still fail the call.
 */
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allPolicies } from "../../policies/all";
import { appliesToType } from "../../policies/lib/declared-types";
import { isStackPolicy } from "../../policies/policy-meta";
import { AnalyzerHarness } from "../harness/analyzer-client";
import { analyzeRequest } from "../harness/analyzer-messages";
import { baseline } from "./baseline";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- internal of the patched library
const { lazyAnalyzeRequest } = require("@pulumi/policy/server") as {
  lazyAnalyzeRequest(bytes: Uint8Array): analyzer.AnalyzeRequest;
};

const s = baseline("dev");
const deployment = s.add("app", "kubernetes:apps/v1:Deployment", {
  metadata: { name: "app", namespace: "ws-cardio" },
  spec: {
    template: {
      spec: {
        containers: [{ name: "app", image: "registry.example.eu/app@sha256:" + "0".repeat(64) }],
      },
    },
  },
});
const password = s.add("pw", "random:index/randomPassword:RandomPassword", { length: 32 });
const network = s.add("net", "openstack:networking/network:Network", { name: "net" });
/** No policy of the pack declares this type (checked in the test that relies on it). */
const typeNoPolicyReads = s.add("id", "random:index/randomUuid:RandomUuid", {});
const all = new Map(s.list().map((r) => [r.urn, r]));

/** The bytes of a field: its tag (number, wire type 2) and length as varints, then its payload. */
function lengthDelimited(field: number, payload: Uint8Array): Uint8Array {
  const varint = (value: number) => {
    const out: number[] = [];
    while (value > 0x7f) {
      out.push((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out.push(value);
    return out;
  };
  return Uint8Array.from([...varint((field << 3) | 2), ...varint(payload.length), ...payload]);
}

const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

function expectSameAsGenerated(bytes: Uint8Array): void {
  const generated = analyzer.AnalyzeRequest.deserializeBinary(bytes);
  // Each reader first, on a fresh lazy message: any of them must bring the deferred fields.
  expect(lazyAnalyzeRequest(bytes).toObject()).toEqual(generated.toObject());
  expect(Buffer.from(lazyAnalyzeRequest(bytes).serializeBinary())).toEqual(
    Buffer.from(generated.serializeBinary()),
  );
  expect(lazyAnalyzeRequest(bytes).getProperties()?.toJavaScript()).toEqual(
    generated.getProperties()?.toJavaScript(),
  );
  expect(lazyAnalyzeRequest(bytes).hasProvider()).toBe(generated.hasProvider());
  expect(lazyAnalyzeRequest(bytes).getProvider()?.toObject()).toEqual(
    generated.getProvider()?.toObject(),
  );
  const lazy = lazyAnalyzeRequest(bytes);
  expect([lazy.getType(), lazy.getUrn(), lazy.getName()]).toEqual([
    generated.getType(),
    generated.getUrn(),
    generated.getName(),
  ]);
  expect(lazy.getOptions()?.toObject()).toEqual(generated.getOptions()?.toObject());
}

describe("an Analyze request read lazily by the patched server", () => {
  it("is the message the generated decoder reads, with and without a provider", () => {
    for (const resource of [deployment, password, network]) {
      const bytes = analyzeRequest(resource, all, undefined).serializeBinary();
      if (resource === network)
        expect(analyzer.AnalyzeRequest.deserializeBinary(bytes).hasProvider()).toBe(true);
      expectSameAsGenerated(bytes);
    }
    const withoutProvider = analyzeRequest(password, all, undefined);
    withoutProvider.clearProvider();
    expectSameAsGenerated(withoutProvider.serializeBinary());
  });

  it("keeps the generated decoder's rules: the last occurrence wins, unknown fields are kept", () => {
    const first = analyzeRequest(deployment, all, undefined);
    const second = analyzeRequest(password, all, undefined);
    const propertiesOf = (request: analyzer.AnalyzeRequest) => {
      const only = new analyzer.AnalyzeRequest();
      only.setProperties(request.getProperties());
      return only.serializeBinary();
    };
    const unknownField = lengthDelimited(99, Uint8Array.from([1, 2, 3]));
    expectSameAsGenerated(
      concat(propertiesOf(first), first.serializeBinary(), unknownField, propertiesOf(second)),
    );
  });

  it("is read again as a whole once set: a setter replaces the deferred field", () => {
    const bytes = analyzeRequest(deployment, all, undefined).serializeBinary();
    const lazy = lazyAnalyzeRequest(bytes);
    lazy.clearProperties();
    const generated = analyzer.AnalyzeRequest.deserializeBinary(bytes);
    generated.clearProperties();
    expect(lazy.hasProperties()).toBe(false);
    expect(lazy.toObject()).toEqual(generated.toObject());
  });

  it("throws on a malformed frame, as the generated decoder does", () => {
    const truncated = analyzeRequest(deployment, all, undefined).serializeBinary().slice(0, -3);
    expect(() => analyzer.AnalyzeRequest.deserializeBinary(truncated)).toThrow();
    expect(() => lazyAnalyzeRequest(truncated)).toThrow();
  });
});

describe("over gRPC, the pack as the CLI runs it", () => {
  let pack: AnalyzerHarness;
  beforeAll(async () => {
    pack = await AnalyzerHarness.start();
    const info = await pack.getAnalyzerInfo();
    await pack.configure({}, new Map(info.policies.map((p) => [p.name, p.enforcementLevel])));
  }, 60_000);
  afterAll(async () => pack?.close());

  /**
   * The bytes of a request whose properties field holds a broken Struct (an entry claiming 100
   * bytes where 2 follow), sent as they are: the generated decoder would refuse to build it.
   */
  function withBrokenProperties(resource: typeof password): analyzer.AnalyzeRequest {
    const request = analyzeRequest(resource, all, undefined);
    request.clearProperties();
    const broken = lengthDelimited(2, Uint8Array.from([0x0a, 100, 1, 2]));
    const bytes = concat(request.serializeBinary(), broken);
    expect(() => analyzer.AnalyzeRequest.deserializeBinary(bytes)).toThrow();
    return { serializeBinary: () => bytes } as unknown as analyzer.AnalyzeRequest;
  }

  it("never decodes the properties of a type no policy reads", async () => {
    const judging = allPolicies.filter(
      (p) => !isStackPolicy(p) && appliesToType(p.validateResource, typeNoPolicyReads.type),
    );
    expect(judging.map((p) => p.name)).toEqual([]);
    const bytes = await pack.analyzeBytes(withBrokenProperties(typeNoPolicyReads));
    const response = analyzer.AnalyzeResponse.deserializeBinary(new Uint8Array(bytes));
    expect(response.getDiagnosticsList()).toEqual([]);
    expect(response.getNotApplicableList().length).toBeGreaterThan(0);
  });

  it("still fails the call when a judged type's properties are malformed", async () => {
    await expect(pack.analyzeBytes(withBrokenProperties(deployment))).rejects.toThrow();
  });
});
