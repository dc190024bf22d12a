/**
 * Resources captured by the offline engine (`runUnderMocks`, URNs already rewritten to the
 * engine's form) → NormalizedResource[]. Inputs are in wire form, so secrets carry their value.
 */
import type { PlannedResource } from "../../offline/mock-run";
import type { NormalizedResource } from "../../offline/resource-model";
import { decodeProperties, providerUrnOf } from "./property-values";
import type { SecretDigester } from "../secret-digest";

/** `digester` digests each secret for `--baseline` (cli/secret-digest.ts); none: no digests. */
export function normalizePlan(
  resources: readonly PlannedResource[],
  digester?: SecretDigester,
): NormalizedResource[] {
  return resources.map((r) => {
    const decoded = decodeProperties(r.inputs, "plan", digester);
    const normalized: NormalizedResource = {
      type: r.type,
      urn: r.urn,
      name: r.name,
      custom: r.custom,
      inputs: decoded.value,
      secretPaths: decoded.secretPaths,
      protect: r.protect,
      retainOnDelete: r.retainOnDelete,
      dependencies: [...r.dependencies],
      source: "plan",
    };
    const provider = providerUrnOf(r.provider);
    if (provider) normalized.providerUrn = provider;
    if (r.parent) normalized.parent = r.parent;
    if (Object.keys(decoded.secretDigests).length > 0)
      normalized.secretDigests = decoded.secretDigests;
    if (Object.keys(r.propertyDependencies).length > 0) {
      normalized.propertyDependencies = structuredClone(r.propertyDependencies);
    }
    return normalized;
  });
}
