import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readArtifact } from "../../cli/artifact/read-artifact";
import { normalizeExport } from "../../cli/normalize/from-export";
import { normalizePreview } from "../../cli/normalize/from-preview";
import { decodeProperties, signatureKey, signatures } from "../../cli/normalize/property-values";
import { unknownValue } from "../../offline/resource-model";
import { samples } from "./run-cli";

const exportFile = join(samples, "openstack-prod.stack-export.json");
const previewFile = join(samples, "workspace-dev.preview.json");

describe("stack export normaliser", () => {
  const artifact = readArtifact(exportFile);
  if (artifact.kind !== "export") throw new Error("sample export not recognised as an export");
  const result = normalizeExport(artifact.deployment, exportFile);

  it("keeps every resource with its type, name, parent and provider URN", () => {
    expect(result.resources).toHaveLength(15);
    const volume = result.resources.find((r) => r.name === "analytics-data")!;
    expect(volume.type).toBe("openstack:blockstorage/volume:Volume");
    expect(volume.custom).toBe(true);
    expect(volume.parent).toBe("urn:pulumi:prod::hdh-legacy::pulumi:pulumi:Stack::hdh-legacy-prod");
    expect(volume.providerUrn).toBe(
      "urn:pulumi:prod::hdh-legacy::pulumi:providers:openstack::gra11",
    );
    expect(volume.inputs.volumeType).toBe("classic");
    expect(volume.source).toBe("export");
  });

  it("reads stack and project from the URNs and the secrets provider from its section", () => {
    expect(result.stack).toBe("prod");
    expect(result.project).toBe("hdh-legacy");
    expect(result.secretsProvider).toEqual({ type: "passphrase" });
  });

  it("turns an encrypted secret into the unknown marker and remembers its path, never the ciphertext", () => {
    const provider = result.resources.find((r) => r.type === "pulumi:providers:openstack")!;
    expect(provider.secretPaths).toEqual(["password"]);
    expect(provider.inputs.password).toBe(unknownValue);
    expect(JSON.stringify(result.resources)).not.toContain("Jx0dPmVwQ1YtW2Rm");
  });

  it("leaves out resources pending deletion and counts them", () => {
    const deployment = structuredClone(artifact.deployment) as {
      resources: Record<string, unknown>[];
    };
    deployment.resources.push({ ...deployment.resources[5], delete: true });
    const withPending = normalizeExport(deployment, exportFile);
    expect(withPending.resources).toHaveLength(15);
    expect(withPending.pendingDeletion).toBe(1);
  });
});

describe("preview normaliser", () => {
  const artifact = readArtifact(previewFile);
  if (artifact.kind !== "preview") throw new Error("sample preview not recognised as a preview");
  const result = normalizePreview(artifact.digest, previewFile);

  it("keeps the new state of created, updated and unchanged resources and drops deletions", () => {
    const names = result.resources.map((r) => r.name);
    expect(names).toContain("hdh-oncology-2027-data");
    expect(names).toContain("hdh-net-workspaces-ingress-tcp-8888");
    expect(names).not.toContain("hdh-pilot-2025-data");
    expect(result.deleted).toEqual([expect.stringContaining("hdh-pilot-2025-data")]);
    expect(result.operations).toEqual({ same: 1, create: 4, update: 1, delete: 1 });
  });

  it("reads an update from its new state", () => {
    const rule = result.resources.find((r) => r.name.endsWith("tcp-8888"))!;
    expect(rule.inputs.description).toBe("Jupyter from the platform's authenticating proxy only");
  });

  it("treats the preview's [secret] placeholder as a secret of unknown value", () => {
    const deployment = result.resources.find((r) => r.type === "kubernetes:apps/v1:Deployment")!;
    expect(deployment.secretPaths).toEqual(["spec.template.spec.containers[0].env[0].value"]);
  });

  it("collapses the several steps of a replacement into one resource", () => {
    const digest = structuredClone(artifact.digest) as { steps: Record<string, unknown>[] };
    const step = digest.steps[3];
    digest.steps.push(
      { ...step, op: "create-replacement" },
      { ...step, op: "replace" },
      { ...step, op: "delete-replaced", newState: undefined },
    );
    const replaced = normalizePreview(digest, previewFile);
    expect(replaced.resources.filter((r) => r.urn === step.urn)).toHaveLength(1);
  });
});

describe("property values", () => {
  it("unwraps wire-form secrets, keeping the value and its path", () => {
    const decoded = decodeProperties(
      { a: { b: { [signatureKey]: signatures.secret, value: "s3cr3t" } } },
      "plan",
    );
    expect(decoded.value).toEqual({ a: { b: "s3cr3t" } });
    expect(decoded.secretPaths).toEqual(["a.b"]);
  });

  it("reads the plaintext of `stack export --show-secrets`", () => {
    const decoded = decodeProperties(
      { list: [{ [signatureKey]: signatures.secret, plaintext: '{"k":1}' }] },
      "export",
    );
    expect(decoded.value).toEqual({ list: [{ k: 1 }] });
    expect(decoded.secretPaths).toEqual(["list[0]"]);
  });

  it("reads output values: known, unknown and secret", () => {
    const out = (extra: object) => ({ [signatureKey]: signatures.output, ...extra });
    const decoded = decodeProperties(
      { known: out({ value: 3 }), unknown: out({}), hidden: out({ value: "x", secret: true }) },
      "plan",
    );
    expect(decoded.value).toEqual({ known: 3, unknown: unknownValue, hidden: "x" });
    expect(decoded.secretPaths).toEqual(["hidden"]);
  });

  it("reads a resource reference as the referenced id, or URN for a component", () => {
    const ref = (id?: string) => ({
      [signatureKey]: signatures.resourceReference,
      urn: "urn:pulumi:s::p::t::n",
      ...(id ? { id } : {}),
    });
    expect(decodeProperties({ a: ref("id-1"), b: ref() }, "export").value).toEqual({
      a: "id-1",
      b: "urn:pulumi:s::p::t::n",
    });
  });
});
