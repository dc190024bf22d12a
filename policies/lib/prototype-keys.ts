/**
 * Keys that can reach a JavaScript object's prototype. Everything read from outside (stack YAML,
 * Pulumi artifacts, policy config, audit files) goes through JSON or YAML parsers that keep such a
 * key as an ordinary own property, which is inert; the danger is the next copy: `out[key] = value`
 * with `key === "__proto__"` does not create a property, it replaces `out`'s prototype, and every
 * field of `value` then reads as if `out` held it (a pod's hardening "present" when it sits
 * under `__proto__`). `constructor` and `prototype` are the other two steps of the classic
 * prototype-pollution path (`obj.constructor.prototype.x = ...`).
 *
 * So: code that copies outside data writes keys with `setOwnKey`, and readers that refuse such
 * keys find them with `prototypeKeyPaths`, including a `__proto__` some earlier copy (outside our
 * code, such as protobuf's Struct.toJavaScript on the gRPC path) already turned into a prototype.
 */

export const prototypeKeys: ReadonlySet<string> = new Set([
  "__proto__",
  "constructor",
  "prototype",
]);

/** `target[key] = value`, except that `__proto__` becomes an own property, never the prototype. */
export function setOwnKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

/**
 * Paths to every prototype key in a JSON-like value: own keys named `__proto__`, `constructor`
 * or `prototype`, and objects whose prototype is not a plain object's (a `__proto__` key some copy
 * consumed). Walks iteratively (no recursion to overflow on deep input) and stops after `limit`.
 */
export function prototypeKeyPaths(value: unknown, limit = 20): string[][] {
  const found: string[][] = [];
  const stack: { node: unknown; path: string[] }[] = [{ node: value, path: [] }];
  const seen = new Set<object>();
  while (stack.length > 0 && found.length < limit) {
    const { node, path } = stack.pop()!;
    if (node === null || typeof node !== "object" || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach((item, i) => stack.push({ node: item, path: [...path, String(i)] }));
      continue;
    }
    const proto = Object.getPrototypeOf(node);
    if (proto !== Object.prototype && proto !== null) found.push([...path, "__proto__"]);
    for (const key of Object.keys(node)) {
      if (prototypeKeys.has(key)) found.push([...path, key]);
      else stack.push({ node: (node as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return found.slice(0, limit);
}

/**
 * A copy of a JSON-like value with every prototype key left out (and nothing read through a
 * prototype), for readers that report those keys and still want to check the rest.
 */
export function withoutPrototypeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPrototypeKeys);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (!prototypeKeys.has(key))
      out[key] = withoutPrototypeKeys((value as Record<string, unknown>)[key]);
  }
  return out;
}
