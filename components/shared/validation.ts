/**
 * One way for every component to refuse its arguments: collect each problem with the argument's
 * path and the fix, then throw one `pulumi.InputPropertiesError` (which the engine pretty-prints)
 * before the component registers anything.
 */
import * as pulumi from "@pulumi/pulumi";

export interface ArgProblem {
  /** Argument path, e.g. `zones.platform` or `adminCidrs[0]`. */
  readonly propertyPath: string;
  /** What is wrong and what to pass instead. */
  readonly reason: string;
}

export function throwIfInvalid(componentType: string, problems: readonly ArgProblem[]): void {
  if (problems.length === 0) return;
  throw new pulumi.InputPropertiesError({
    message: `${componentType}: ${problems.map((p) => `${p.propertyPath}: ${p.reason}`).join("; ")}`,
    errors: problems.map((p) => ({ propertyPath: p.propertyPath, reason: p.reason })),
  });
}
