/**
 * The types a rule declares it reads, and how the analyzer server uses them: a policy whose
 * validation declares types is skipped, before any deserialisation, for a resource of another
 * type. The server side is our patch of @pulumi/policy 1.21.0 (patches/README.md): a validation
 * function carries `__pulumiTypes` (a list of type tokens where `*` matches any run of characters,
 * e.g. `kubernetes:*` or `kubernetes:*:Ingress`, and `!` before a pattern excludes it) or the single `__pulumiType` that `validateResourceOfType` sets. The
 * in-process evaluator (offline/evaluate-policies.ts) and define.ts read the same fields
 * through this module, so both doors skip exactly the same resources.
 */

const compiled = new Map<string, RegExp>();

/**
 * Whether `type` matches the declared types: some pattern matches it and no exclusion does. A
 * pattern is a type token where `*` matches any run of characters; one that starts with `!`
 * excludes what the rest matches (`kubernetes:*` with `!kubernetes:core/*:Service` reads every
 * Kubernetes type but Services, of any version), whatever the order of the list.
 */
export function typeMatches(patterns: readonly string[], type: string): boolean {
  let included = false;
  for (const pattern of patterns) {
    if (pattern.startsWith("!")) {
      if (matchesOne(pattern.slice(1), type)) return false;
    } else if (!included && matchesOne(pattern, type)) {
      included = true;
    }
  }
  return included;
}

function matchesOne(pattern: string, type: string): boolean {
  if (pattern === type) return true;
  if (!pattern.includes("*")) return false;
  let re = compiled.get(pattern);
  if (!re) {
    const parts = pattern.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
    re = new RegExp(`^${parts.join(".*")}$`);
    compiled.set(pattern, re);
  }
  return re.test(type);
}

interface Declaring {
  __pulumiTypes?: unknown;
  __pulumiType?: unknown;
}

/** The types a validation function declares, or undefined when it sees every resource. */
export function declaredTypesOf(fn: unknown): readonly string[] | undefined {
  const declaring = fn as Declaring;
  if (Array.isArray(declaring.__pulumiTypes)) return declaring.__pulumiTypes as string[];
  const single = declaring.__pulumiType;
  return typeof single === "string" && single.length > 0 ? [single] : undefined;
}

/** Per validation function, per type: whether it applies (a stack has few distinct types). */
const applicability = new WeakMap<object, Map<string, boolean>>();

/** As the patched server decides: does this validation run for a resource of `type`? */
export function appliesToType(fn: unknown, type: string): boolean {
  const declared = declaredTypesOf(fn);
  if (declared === undefined) return true;
  let byType = applicability.get(fn as object);
  if (!byType) {
    byType = new Map();
    applicability.set(fn as object, byType);
  }
  let applies = byType.get(type);
  if (applies === undefined) {
    applies = typeMatches(declared, type);
    byType.set(type, applies);
  }
  return applies;
}

/** Marks a validation function with the types it reads (what the patched server looks for). */
export function declareTypes<F extends object>(fn: F, types: readonly string[]): F {
  return Object.assign(fn, { __pulumiTypes: Object.freeze([...types]) });
}
