import { extraEuProviderPackages } from "../catalog/jurisdictions";
import { resourcePolicy } from "../lib/define";
import { packageOfType } from "../lib/urn";
import { req } from "../requirements";

/** No resource of a provider operated under extra-EU law, whatever its region. */
export function extraEuProvider() {
  return resourcePolicy({
    name: "pulumi-all-provider-extra-eu-jurisdiction",
    description:
      "No resource is managed through a provider run by a company subject to extra-EU law (CLOUD Act, FISA 702...), even in an EU region.",
    enforcementLevel: "mandatory",
    // Every resource of those packages, and their explicit providers.
    types: Object.keys(extraEuProviderPackages).flatMap((pkg) => [
      `${pkg}:*`,
      `pulumi:providers:${pkg}`,
    ]),
    meta: {
      area: "jurisdiction",
      severity: "critical",
      requirements: [req.sncExtraEuLaw, req.hdsExtraEu, req.gdprTransfers, req.isoCloud],
      remediation:
        "Move the resource to an EU-operated SecNumCloud-style provider (OpenStack profiles in policies/catalog/cloud-profiles.ts), or, if the operator is a qualified trust operator, name its package in the policy setting `trustedOperators`.",
      settings: ["trustedOperators"],
    },
    validate: (args, settings, report) => {
      const pkg = packageOfType(args.type);
      const operator = extraEuProviderPackages[pkg];
      if (!operator || settings.trustedOperators.includes(pkg)) return;
      report(
        `Package "${pkg}" is operated by ${operator.operator}, subject to ${operator.jurisdiction} law: an EU region does not protect health data from it. ` +
          "Use an EU-operated provider, or list the package in `trustedOperators` if its operator is qualified.",
      );
    },
  });
}
