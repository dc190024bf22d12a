/**
 * The Pod Security admission labels a namespace ends up with, read from everything a program
 * writes to it: its Namespace (a resource or an item of a `NamespaceList`), then each
 * `NamespacePatch` of it, whose labels replace the ones they name (server-side apply merges a
 * patch's labels into the live namespace; a label the patch does not name keeps its live value).
 * Pod Security admission reads `pod-security.kubernetes.io/<mode>` and `<mode>-version` from the
 * namespace's labels (https://kubernetes.io/docs/concepts/security/pod-security-admission/).
 */
import type { NamespaceInfo } from "./stack-index";

export type PodSecurityLabel =
  /** Known: the value (undefined when no one sets it) and the resource that set it last. */
  | { readonly state: "known"; readonly value?: string; readonly urn: string }
  /** Unknown during preview: the property path, on the resource that holds it. */
  | { readonly state: "unknown"; readonly path: string; readonly urn: string }
  /** Only a Patch writes to the namespace, and it does not name this label: the live value. */
  | { readonly state: "live"; readonly urn: string };

/**
 * The label `key` of the namespace: the declared Namespace's (if any), overridden by the
 * patches that name it, in the stack's order.
 */
export function podSecurityLabel(
  declared: NamespaceInfo | undefined,
  patches: readonly NamespaceInfo[],
  key: string,
): PodSecurityLabel | undefined {
  let found: PodSecurityLabel | undefined = declared ? read(declared, key) : undefined;
  for (const patch of patches) {
    const named = read(patch, key);
    if (named.state !== "known" || named.value !== undefined) found = named;
    else if (!found) found = { state: "live", urn: patch.resource.urn };
  }
  return found;
}

function read(ns: NamespaceInfo, key: string): PodSecurityLabel {
  const urn = ns.resource.urn;
  const path = ns.unknownLabels.get(key) ?? ns.unknownLabels.get("*");
  if (path !== undefined) return { state: "unknown", path, urn };
  return { state: "known", value: ns.labels[key], urn };
}
