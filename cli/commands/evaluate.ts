/** Runs the policy pack over a result's resources and turns the outcome into the exit code. */
import { mandatoryCount, type EvaluatedResult } from "../evaluated-result";
import { exitCodes } from "../user-error";
import type { CommandDeps } from "./shared";

export async function evaluateAndSummarise(
  result: EvaluatedResult,
  packConfig: Record<string, unknown>,
  deps: CommandDeps,
  /** The stack the resources' URNs name, when it differs from the one reported (`--stack`). */
  urnStack: string = result.stack,
  /** For a hub, every stack the resources' URNs may name. @default [urnStack] */
  hubStacks?: readonly string[],
): Promise<number> {
  const findings = await deps.evaluatePolicies({
    resources: result.resources,
    stack: urnStack,
    hubStacks,
    policyConfig: packConfig,
  });
  result.findings.push(...findings);
  return mandatoryCount(result) > 0 ? exitCodes.mandatoryViolations : exitCodes.compliant;
}
