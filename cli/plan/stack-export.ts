/**
 * The plan as a `pulumi stack export` document (apitype.UntypedDeployment, version 3), so that
 * `hdh check` and `--baseline` read plans and real exports the same way, and a reviewer can diff
 * a plan against what is deployed.
 *
 * Secrets are written as the engine writes them in an export: the signature envelope with a
 * `ciphertext`. We hold no stack key, so the ciphertext is a fixed marker, never the plaintext
 * (a plan file is not meant for `pulumi stack import`).
 */
import { createHash } from "node:crypto";
import type { PlannedResource } from "../../offline/mock-run";
import { isObject, signatureKey, signatures } from "../normalize/property-values";
import { unknownValue } from "../../offline/resource-model";
import { planCiphertext, type SecretDigester } from "../secret-digest";

export interface StackExportOptions {
  /** Manifest time (ISO 8601); fixed by the caller so plans are reproducible. */
  time: string;
  /** Who wrote it, recorded as the manifest version. */
  writer: string;
  /** The stack's secrets provider as the export records it. */
  secretsProvider?: { type: string; state?: Record<string, unknown> };
  /** Writes each secret's keyed digest as its ciphertext, for `--baseline`; none: withheld only. */
  secretDigester?: SecretDigester;
}

export interface StackExport {
  version: 3;
  deployment: {
    manifest: { time: string; magic: string; version: string };
    secrets_providers?: { type: string; state?: Record<string, unknown> };
    resources: Record<string, unknown>[];
  };
}

export function buildStackExport(
  resources: readonly PlannedResource[],
  options: StackExportOptions,
): StackExport {
  const deployment: StackExport["deployment"] = {
    manifest: {
      time: options.time,
      // The engine checks magic == sha256(version) when it reads a checkpoint.
      magic: createHash("sha256").update(options.writer).digest("hex"),
      version: options.writer,
    },
    resources: resources.map((r) => toResourceV3(r, options.secretDigester)),
  };
  if (options.secretsProvider) deployment.secrets_providers = options.secretsProvider;
  return { version: 3, deployment };
}

/** Field order and omissions follow apitype.ResourceV3's JSON tags (omitempty). */
function toResourceV3(r: PlannedResource, digester?: SecretDigester): Record<string, unknown> {
  const out: Record<string, unknown> = { urn: r.urn, custom: r.custom };
  if (r.id) out.id = r.id;
  out.type = r.type;
  const inputs = toStateValue(r.inputs, digester) as Record<string, unknown>;
  const outputs = toStateValue(r.outputs, digester) as Record<string, unknown>;
  if (Object.keys(inputs).length > 0) out.inputs = inputs;
  if (Object.keys(outputs).length > 0) out.outputs = outputs;
  if (r.parent) out.parent = r.parent;
  if (r.protect) out.protect = true;
  if (r.dependencies.length > 0) out.dependencies = r.dependencies;
  if (r.provider) out.provider = r.provider;
  const propertyDependencies = Object.fromEntries(
    Object.entries(r.propertyDependencies).filter(([, urns]) => urns.length > 0),
  );
  if (Object.keys(propertyDependencies).length > 0) out.propertyDependencies = propertyDependencies;
  if (r.additionalSecretOutputs.length > 0) out.additionalSecretOutputs = r.additionalSecretOutputs;
  if (r.retainOnDelete) out.retainOnDelete = true;
  if (r.external) out.external = true;
  if (r.ignoreChanges.length > 0) out.ignoreChanges = r.ignoreChanges;
  return out;
}

/** Wire-form value → checkpoint form: secrets enveloped with a ciphertext, outputs flattened. */
function toStateValue(v: unknown, digester?: SecretDigester): unknown {
  if (Array.isArray(v)) return v.map((item) => toStateValue(item, digester));
  if (!isObject(v)) return v;
  const sig = v[signatureKey];
  if (sig === signatures.secret) return sealed(digester, v.value);
  if (sig === signatures.output) {
    if (v.secret === true) return sealed(digester, v.value);
    return "value" in v ? toStateValue(v.value, digester) : unknownValue;
  }
  const out: Record<string, unknown> = {};
  for (const [k, child] of Object.entries(v)) out[k] = toStateValue(child, digester);
  return out;
}

/** The secret's envelope: never the value, its keyed digest when a key is given. */
function sealed(digester: SecretDigester | undefined, value: unknown): Record<string, unknown> {
  return { [signatureKey]: signatures.secret, ciphertext: planCiphertext(digester, value) };
}
