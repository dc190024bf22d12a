/**
 * Rewrites the URNs the SDK's MockMonitor makes into the URNs the Pulumi engine would make.
 *
 * The mock qualifies a child's type with its parent's *last* type only, the root stack's
 * included (`pulumi:pulumi:Stack$hdh:platform:Platform`, then
 * `hdh:platform:Platform$hdh:network:Network`). The engine (resource.NewURN) qualifies it with
 * the parent's whole qualified type, except that children of the root stack get none:
 * `hdh:platform:Platform`, then `hdh:platform:Platform$hdh:network:Network$openstack:...`. We rebuild every
 * URN from its parent's rewritten URN, in registration order (a parent always registers before
 * its children), and apply the same map to parents, dependencies, property dependencies,
 * provider references and resource references inside inputs and outputs, so the plan can be
 * diffed against a real export by URN.
 */
import type { PlannedResource } from "../../offline/mock-run";
import { isObject, parseUrn, signatureKey, signatures } from "../normalize/property-values";

const rootStackType = "pulumi:pulumi:Stack";

export function toEngineUrns(resources: readonly PlannedResource[]): PlannedResource[] {
  const renamed = new Map<string, string>();
  for (const r of resources) {
    const parts = parseUrn(r.urn);
    if (!parts) continue;
    const parent = r.parent ? parseUrn(renamed.get(r.parent) ?? r.parent) : undefined;
    // The engine never qualifies with the root stack's type (resource.NewURN skips RootStackType).
    const qualifiedType =
      parent && parent.qualifiedType !== rootStackType
        ? `${parent.qualifiedType}$${r.type}`
        : r.type;
    renamed.set(
      r.urn,
      `urn:pulumi:${parts.stack}::${parts.project}::${qualifiedType}::${parts.name}`,
    );
  }
  const urn = (u: string): string => renamed.get(u) ?? u;
  const providerRef = (ref: string): string => {
    const at = ref.lastIndexOf("::");
    return at > 0 ? `${urn(ref.slice(0, at))}${ref.slice(at)}` : ref;
  };
  return resources.map((r) => {
    const out: PlannedResource = {
      ...r,
      urn: urn(r.urn),
      inputs: rewriteReferences(r.inputs, urn) as Record<string, unknown>,
      outputs: rewriteReferences(r.outputs, urn) as Record<string, unknown>,
      dependencies: r.dependencies.map(urn),
      propertyDependencies: Object.fromEntries(
        Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.map(urn)]),
      ),
    };
    if (r.parent) out.parent = urn(r.parent);
    if (r.provider) out.provider = providerRef(r.provider);
    return out;
  });
}

function rewriteReferences(v: unknown, urn: (u: string) => string): unknown {
  if (Array.isArray(v)) return v.map((e) => rewriteReferences(e, urn));
  if (!isObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, child] of Object.entries(v)) out[k] = rewriteReferences(child, urn);
  if (v[signatureKey] === signatures.resourceReference && typeof v.urn === "string") {
    out.urn = urn(v.urn);
  }
  return out;
}
