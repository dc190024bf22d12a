/**
 * Judges where the stack's state lives. The state holds every resource's inputs and outputs
 * (addresses, key references, encrypted secrets), so for production it must stay under EU law:
 * a local file backend or EU S3-compatible storage is fine; Pulumi Cloud (app.pulumi.com, a US
 * SaaS) and the US clouds' storage (s3:// on AWS, azblob://, gs://) are not.
 */
import type { Enforcement, Finding, SettingJudgement } from "../evaluated-result";
import { isEuHost } from "./eu-hosts";
import { operatorOfHost } from "../../policies/catalog/endpoint-operators";
import { req } from "../../policies/requirements";
import { citeRequirement } from "../requirements";

export const stateBackendPolicy = "pulumi-project-state-backend-eu";

export interface BackendInput {
  /** The backend URL; absent when nothing configures or documents one. */
  url?: string;
  origin: string;
  location?: { file: string; line?: number };
  production: boolean;
  euHosts: readonly string[];
}

const fix =
  "Log in to an EU backend: `pulumi login file://./.pulumi-state` or `pulumi login 's3://<bucket>?endpoint=<EU S3 endpoint>&region=<region>'`, and pin it with `backend.url` in Pulumi.yaml or PULUMI_BACKEND_URL in CI.";

const pulumiCloudHosts = /(^|\.)pulumi\.com$/i;

export function isPulumiCloud(url: string | undefined): boolean {
  if (url === undefined) return true; // `pulumi login` without a URL
  try {
    const parsed = new URL(url);
    return (
      (parsed.protocol === "https:" || parsed.protocol === "http:") &&
      pulumiCloudHosts.test(parsed.hostname)
    );
  } catch {
    return false;
  }
}

export function judgeStateBackend(input: BackendInput): {
  judgement: SettingJudgement;
  finding?: Finding;
} {
  const verdict = decide(input.url, input.euHosts);
  const shown = input.url ?? "not pinned (the Pulumi CLI defaults to app.pulumi.com)";
  const judgement: SettingJudgement = {
    setting: "state backend",
    value: shown,
    origin: input.origin,
    compliant: verdict.ok,
    reason: verdict.reason,
  };
  if (verdict.ok) return { judgement };
  // Outside production a US backend is still wrong but not blocking: dev state holds no health data.
  const enforcement: Enforcement = input.production ? "mandatory" : "advisory";
  return {
    judgement,
    finding: {
      policy: stateBackendPolicy,
      enforcement,
      message: `State backend ${shown}: ${verdict.reason}`,
      description: "The stack's state is stored under EU law (mandatory for production stacks).",
      severity: input.production ? "critical" : "medium",
      remediation: fix,
      requirements: [req.sncExtraEuLaw, req.sncDataLocation, req.hdsLocation].map(citeRequirement),
      location: input.location,
    },
  };
}

function decide(
  url: string | undefined,
  euHosts: readonly string[],
): { ok: boolean; reason: string } {
  if (url === undefined) {
    return {
      ok: false,
      reason: "nothing pins the backend, so `pulumi login` would use Pulumi Cloud, a US SaaS.",
    };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return {
      ok: false,
      reason: "not a backend URL hdh understands, so it cannot be shown to stay in the EU.",
    };
  }
  switch (parsed.protocol) {
    case "file:":
      return { ok: true, reason: "state on the operators' own disk." };
    case "s3:": {
      const endpoint = parsed.searchParams.get("endpoint");
      if (!endpoint)
        return {
          ok: false,
          reason: "s3:// without an endpoint is AWS S3, run by a company under US law (Cloud Act).",
        };
      const host = hostOf(endpoint);
      // An operator under extra-EU law stays one whatever euHosts says (its EU regions too).
      const operator = operatorOfHost(host);
      if (operator && !operator.eu) {
        return {
          ok: false,
          reason: `the S3 endpoint ${host} is run by ${operator.operator}, under ${operator.jurisdiction} law (${operator.source}), even in an EU region.`,
        };
      }
      return isEuHost(host, euHosts)
        ? { ok: true, reason: `S3-compatible storage at ${host}, an EU host.` }
        : {
            ok: false,
            reason: `the S3 endpoint ${host} is not known to be in the EU (name it in policy config euHosts once checked).`,
          };
    }
    case "azblob:":
      return {
        ok: false,
        reason: "Azure Blob Storage is run by a company under US law (Cloud Act).",
      };
    case "gs:":
      return {
        ok: false,
        reason: "Google Cloud Storage is run by a company under US law (Cloud Act).",
      };
    case "https:":
    case "http:":
      if (pulumiCloudHosts.test(parsed.hostname))
        return { ok: false, reason: "Pulumi Cloud is a US SaaS." };
      {
        const operator = operatorOfHost(parsed.hostname);
        if (operator && !operator.eu) {
          return {
            ok: false,
            reason: `the service at ${parsed.hostname} is run by ${operator.operator}, under ${operator.jurisdiction} law (${operator.source}).`,
          };
        }
      }
      return isEuHost(parsed.hostname, euHosts)
        ? { ok: true, reason: `a self-hosted Pulumi Cloud at ${parsed.hostname}, an EU host.` }
        : {
            ok: false,
            reason: `the service at ${parsed.hostname} is not known to be in the EU (name it in policy config euHosts once checked).`,
          };
    default:
      return {
        ok: false,
        reason: "not a backend URL hdh understands, so it cannot be shown to stay in the EU.",
      };
  }
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint.includes("://") ? endpoint : `https://${endpoint}`).hostname;
  } catch {
    return endpoint;
  }
}
