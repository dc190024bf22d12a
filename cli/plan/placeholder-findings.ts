/**
 * The placeholders left in a stack's configuration (stacks/placeholders.ts) as findings, each
 * naming its config key: mandatory in production (the plan exits 1 and CI blocks the deploy: an
 * example stack is "not deployable until its placeholders are filled"), advisory elsewhere.
 */
import { req } from "../../policies/requirements";
import type { Finding } from "../evaluated-result";
import { citeRequirement } from "../requirements";
import { placeholderFixes, type Placeholder } from "../../stacks/placeholders";

export const placeholderPolicy = "hdh-stack-config-placeholder";

/** `hdh:images.jupyter.digest`, `hdh:bastion.adminCidrs[0]`: the key as the config errors say it. */
export function configKey(path: readonly string[]): string {
  return (
    "hdh:" +
    path
      .map((part, index) => (/^\d+$/.test(part) ? `[${part}]` : index === 0 ? part : `.${part}`))
      .join("")
  );
}

export function placeholderFindings(
  placeholders: readonly Placeholder[],
  production: boolean,
  stackFile: string,
): Finding[] {
  return placeholders.map((p) => ({
    policy: placeholderPolicy,
    enforcement: production ? "mandatory" : "advisory",
    message: `${configKey(p.path)}: ${p.found} is a placeholder (${p.kind}); ${placeholderFixes[p.kind]}${production ? ". This production stack is not deployable until it is filled" : ""}`,
    description:
      "No placeholder (all-zero digest, example host, documentation address, zero UUID) reaches a production stack.",
    severity: production ? "high" : "low",
    remediation:
      "Fill the key in the stack file with the real value (a registry team updates config, never TypeScript).",
    requirements: [citeRequirement(req.isoConfiguration)],
    location: { file: stackFile },
  }));
}
