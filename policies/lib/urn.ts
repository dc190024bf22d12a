/**
 * Facts a URN carries: `urn:pulumi:<stack>::<project>::<parent types $-joined>$<type>::<name>`.
 * The chain of parent types tells which component a resource was created by.
 */

export function stackOfUrn(urn: string): string {
  const rest = urn.startsWith("urn:pulumi:") ? urn.slice("urn:pulumi:".length) : urn;
  const end = rest.indexOf("::");
  return end >= 0 ? rest.slice(0, end) : "";
}

/** Types of the resource's ancestors, outermost first (the stack itself excluded). */
export function ancestorTypesOfUrn(urn: string): string[] {
  const parts = urn.split("::");
  if (parts.length < 4) return [];
  const chain = parts[2].split("$");
  chain.pop();
  return chain.filter((t) => t !== "pulumi:pulumi:Stack");
}

/** The package a type token belongs to: `aws` for `aws:s3/bucket:Bucket` and `pulumi:providers:aws`. */
export function packageOfType(type: string): string {
  if (type.startsWith("pulumi:providers:")) return type.slice("pulumi:providers:".length);
  const colon = type.indexOf(":");
  return colon >= 0 ? type.slice(0, colon) : type;
}
