/** One way to cite a requirement in every report, from the pack's own requirement records. */
import { frameworks, type Requirement } from "../policies/policy-meta";

export function citeRequirement(r: Requirement): string {
  const framework = frameworks[r.framework];
  return `${framework.name} ${framework.version} ${/^[0-9]/.test(r.reference) ? "§" : ""}${r.reference} (${r.title})`;
}
