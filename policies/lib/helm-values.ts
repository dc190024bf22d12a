/**
 * Helm release values as the pack reads them. A `helm.sh/v3` Release renders its chart inside the
 * provider, so the objects it creates never reach the pack: the values are all there is to judge.
 * (A `helm.sh/v4` Chart registers its rendered objects as resources, judged by the other rules;
 * its values are judged here as well.) Keys are found anywhere in the tree, because every chart
 * nests them its own way (`service.type`, `controller.service.type`, `primary.service.type`...).
 */
import { isUnknown, list, obj, str } from "./values";

export const helmTypes = ["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart"];

export interface ValueAt {
  /** Dotted path, e.g. `controller.service.type`. */
  readonly path: string;
  readonly key: string;
  readonly value: unknown;
}

/** Bounds: a hostile or generated values tree cannot make the walk unbounded. */
const maxDepth = 64;
const maxNodes = 200_000;

/** Every key/value pair of the tree, depth first; unknown leaves included (test with isUnknown). */
export function valuesOf(values: unknown): ValueAt[] {
  const out: ValueAt[] = [];
  let nodes = 0;
  const walk = (node: unknown, path: string, depth: number) => {
    if (depth > maxDepth || nodes > maxNodes) return;
    const array = list(node);
    if (array) {
      array.forEach((item, i) => walk(item, `${path}[${i}]`, depth + 1));
      return;
    }
    const o = obj(node);
    if (!o) return;
    for (const [key, value] of Object.entries(o)) {
      nodes++;
      const at = path ? `${path}.${key}` : key;
      out.push({ path: at, key, value });
      walk(value, at, depth + 1);
    }
  };
  walk(values, "", 0);
  return out;
}

/** Container image references the values name: `image: "host/repo:tag"`, or the common
 * `image: { registry, repository, tag, digest }` object, with Bitnami's `global.imageRegistry`
 * overriding every registry. */
export function imagesOf(values: unknown): { path: string; image: string }[] {
  const globalRegistry = str(obj(obj(values)?.global)?.imageRegistry);
  const found: { path: string; image: string }[] = [];
  for (const { path, key, value } of valuesOf(values)) {
    if (key !== "image") continue;
    const text = str(value);
    if (text) {
      found.push({
        path,
        image: globalRegistry && !text.includes("/") ? `${globalRegistry}/${text}` : text,
      });
      continue;
    }
    const o = obj(value);
    const repository = str(o?.repository) ?? str(o?.name);
    if (!o || !repository) continue;
    const registry = globalRegistry ?? str(o.registry);
    const tag = str(o.tag);
    const digest = str(o.digest);
    found.push({
      path,
      image: `${registry ? `${registry}/` : ""}${repository}${tag ? `:${tag}` : ""}${digest ? `@${digest}` : ""}`,
    });
  }
  return found;
}

/** Paths of values the pack cannot see: unknown during preview. */
export function unknownPaths(values: unknown): string[] {
  return valuesOf(values)
    .filter((v) => isUnknown(v.value))
    .map((v) => v.path);
}
