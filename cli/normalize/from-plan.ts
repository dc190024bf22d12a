/**
 * Resources captured by the offline engine (`runUnderMocks`, URNs already rewritten to the
 * engine's form) → NormalizedResource[]. Inputs are in wire form, so secrets carry their value.
 */
import type { PlannedResource } from "../../offline/mock-run";
import type { NormalizedResource } from "../../offline/resource-model";
import { decodeProperties, providerUrnOf } from "./property-values";

export function normalizePlan(resources: readonly PlannedResource[]): NormalizedResource[] {
  return resources.map((r) => {
    const decoded = decodeProperties(r.inputs, "plan");
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
    if (Object.keys(r.propertyDependencies).length > 0) {
      normalized.propertyDependencies = structuredClone(r.propertyDependencies);
    }
    return normalized;
  });
}
