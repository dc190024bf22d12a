/**
 * An export or a preview describes one stack: every resource's URN names the same stack and
 * project. Refused as bad input otherwise, before the policy evaluator (which checks the same
 * thing as an internal invariant) would stop with an internal error. A plan by `hdh plan` of a
 * hub holds a platform stack and its workspace stacks (`<stack>.<id>`, docs/hub-stacks.md): those
 * belong with the first stack.
 */
import type { NormalizedResource } from "../../offline/resource-model";
import { UserError } from "../user-error";
import { parseUrn } from "./property-values";

export function assertOneStack(resources: readonly NormalizedResource[], file: string): void {
  if (resources.length === 0) return;
  const first = parseUrn(resources[0].urn);
  const stranger = resources.find((r) => {
    const parsed = parseUrn(r.urn);
    return (
      !first ||
      !parsed ||
      parsed.project !== first.project ||
      (parsed.stack !== first.stack && !parsed.stack.startsWith(`${first.stack}.`))
    );
  });
  if (!stranger) return;
  const shown = (urn: string) => JSON.stringify(urn.length > 200 ? `${urn.slice(0, 200)}...` : urn);
  throw new UserError(
    `${file}: resource ${shown(stranger.urn)} is not a URN of the same stack and project as ${shown(resources[0].urn)}.`,
    "An artifact holds one stack (or one hub: a stack and its workspace stacks <stack>.<id>), with URNs urn:pulumi:<stack>::<project>::<type>::<name>: it was edited or merged; export it again from the Pulumi CLI.",
  );
}
