/**
 * Who operates the endpoint a provider talks to, not only where its region is: a European-looking
 * region served by a US subsidiary is still under US law (SecNumCloud 3.2 §19.6). Judged from the
 * provider's own inputs (policies/lib/provider-endpoints.ts), whoever wrote the program:
 *
 * - OpenStack: the host of `authUrl` (Keystone) and of every `endpointOverrides` URL;
 * - Kubernetes: the host of the API server of the kubeconfig's cluster (the provider's `cluster`,
 *   else its `context`'s, else `current-context`'s; every cluster listed when that cannot be
 *   told), so an EKS, AKS or GKE cluster is recognised by its host;
 * - OUTSCALE: `endpoints[].api`, else the region's API host `api.<region>.outscale.com`;
 * - Cloud Temple: `address`.
 *
 * The lead's decisions, in order:
 * - a host the catalogue (policies/catalog/endpoint-operators.ts) knows as extra-EU: mandatory,
 *   naming the host, the operator, its law and the source; a declaration cannot lift it;
 * - a host the catalogue does not know: mandatory (fail closed), unless declared in the setting
 *   `trustedEuEndpoints` (exact host or `*.domain`), which `hdh policy-config` fills from the
 *   endpoints our own stacks declare;
 * - an endpoint unknown during preview, absent (the provider would read OS_AUTH_URL, KUBECONFIG,
 *   OUTSCALE_REGION... from an environment the pack cannot see) or unreadable (a kubeconfig file
 *   path): the rule's advisory "not judged" finding, naming the field; never a pass, never mandatory.
 *
 * Only provider resources are judged: explicit ones and the engine's default providers (whose
 * inputs are the stack's `kubernetes:*`/`openstack:*` config) both reach the analyzer like any
 * resource (pulumi/pulumi pkg/resource/deploy/step_generator.go at v3.248.0 sends every
 * registered resource to the analyzers, provider types included); judging each resource through
 * `args.provider` as well would only repeat its provider's finding.
 */
import { operatorOfHost, hostMatches, normaliseHost } from "../catalog/endpoint-operators";
import type { PolicySettings } from "../config";
import { resourcePolicies } from "../lib/define";
import { isEndpointPackage, providerEndpoints, endpointPackages } from "../lib/provider-endpoints";
import { packageOfType } from "../lib/urn";
import { raw } from "../lib/values";
import { req } from "../requirements";

/** Whether the settings declare `host` as an EU operator's endpoint. */
export function declaredTrusted(host: string, settings: PolicySettings): boolean {
  return settings.trustedEuEndpoints.some((entry) => {
    const pattern = (typeof entry === "string" ? entry : entry.host).toLowerCase();
    return hostMatches(pattern, host);
  });
}

export function providerEndpointOperator() {
  return resourcePolicies({
    name: "pulumi-all-provider-endpoint-eu-operator",
    description:
      "Providers talk to endpoints operated under EU law: OpenStack Keystone and endpoint overrides, Kubernetes API servers, OUTSCALE regions and Cloud Temple's API, judged by who runs the host.",
    enforcementLevel: "mandatory",
    types: endpointPackages.map((pkg) => `pulumi:providers:${pkg}`),
    meta: {
      area: "jurisdiction",
      severity: "critical",
      requirements: [req.sncExtraEuLaw, req.hdsExtraEu, req.gdprTransfers, req.isoCloud],
      remediation:
        "Point the provider at an endpoint operated under EU law (docs/providers.md lists the hosts the catalogue knows). An EU endpoint the catalogue does not know (a private or qualified cloud's Keystone, an on-premises API server) is declared in the policy setting `trustedEuEndpoints` (exact host or `*.domain`); a host the catalogue knows as extra-EU stays refused.",
      settings: ["trustedEuEndpoints"],
    },
    validate: (args, settings, report, unknown) => {
      if (!args.type.startsWith("pulumi:providers:")) return;
      const pkg = packageOfType(args.type);
      if (!isEndpointPackage(pkg)) return;
      for (const read of providerEndpoints(pkg, raw(args.props))) {
        switch (read.kind) {
          case "computed":
            unknown(
              `\`${read.field}\` is unknown during preview: who operates the ${pkg} endpoint cannot be judged yet.`,
            );
            break;
          case "absent":
            unknown(
              `No \`${read.field}\`: the ${pkg} provider would use ${read.fallback}, which the pack cannot see. Give it explicitly so its operator can be judged.`,
            );
            break;
          case "unreadable":
            unknown(
              `\`${read.field}\` cannot be judged: ${read.why}. Give the endpoint inline so its operator can be judged.`,
            );
            break;
          case "host": {
            const host = normaliseHost(read.host);
            const operator = operatorOfHost(host);
            if (operator?.eu) break;
            if (operator) {
              const unconfirmed = operator.verified === false ? "; pattern not confirmed" : "";
              const declared = declaredTrusted(host, settings)
                ? " Declaring it in `trustedEuEndpoints` does not change who runs it."
                : "";
              report(
                `The ${pkg} provider talks to ${host} (\`${read.field}\`), operated by ${operator.operator} under ${operator.jurisdiction} law (source: ${operator.source}${unconfirmed}): an EU region or data centre does not protect health data from that law. Point it at an endpoint operated under EU law.${declared}`,
              );
            } else if (!declaredTrusted(host, settings)) {
              report(
                `The ${pkg} provider talks to ${host} (\`${read.field}\`), whose operator the catalogue does not know: unknown is not EU (fail closed). Use an endpoint the catalogue knows as EU-operated, or declare this host in the policy setting \`trustedEuEndpoints\` (exact host or \`*.domain\`) once its operator is established under EU law.`,
              );
            }
            break;
          }
        }
      }
    },
  });
}
