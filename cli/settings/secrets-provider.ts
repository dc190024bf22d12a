/**
 * Judges a stack's secrets provider, the key that encrypts every secret in its state. Whoever
 * holds that key can read the platform's credentials, so it must stay under EU law: a passphrase
 * or an EU-hosted Vault is fine; Pulumi Cloud's default provider and the US clouds' KMS
 * (awskms://, azurekeyvault://, gcpkms://) are not, whatever region they run in (Cloud Act).
 */
import type { Finding, SettingJudgement } from "../evaluated-result";
import { isEuHost } from "./eu-hosts";
import { req } from "../../policies/requirements";
import { citeRequirement } from "../requirements";

export const secretsProviderPolicy = "pulumi-stack-secretsprovider-eu";

export interface SecretsProviderInput {
  /** `secretsprovider` as written in Pulumi.<stack>.yaml (or given by flag); absent when unset. */
  value?: string;
  /** Whether the stack file has an `encryptionsalt` (which only the passphrase provider writes). */
  hasEncryptionSalt: boolean;
  /** Whether the state backend is Pulumi Cloud (then an unset provider means Pulumi Cloud's). */
  backendIsPulumiCloud: boolean;
  /** Vault server for hashivault:// (gocloud reads VAULT_SERVER_URL). */
  vaultAddress?: string;
  euHosts: readonly string[];
  origin: string;
  location?: { file: string; line?: number };
}

const usClouds: Record<string, string> = {
  "awskms:": "AWS KMS",
  "azurekeyvault:": "Azure Key Vault",
  "gcpkms:": "Google Cloud KMS",
};

const fix =
  "Use the passphrase provider (`pulumi stack change-secrets-provider passphrase`) or an EU-hosted Vault (`hashivault://<key>` with VAULT_SERVER_URL on an EU host).";

export function judgeSecretsProvider(input: SecretsProviderInput): {
  judgement: SettingJudgement;
  finding?: Finding;
} {
  const { verdict, shown } = decide(input);
  const judgement: SettingJudgement = {
    setting: "secrets provider",
    value: shown,
    origin: input.origin,
    compliant: verdict.ok,
    reason: verdict.reason,
  };
  if (verdict.ok) return { judgement };
  return {
    judgement,
    finding: {
      policy: secretsProviderPolicy,
      enforcement: "mandatory",
      message: `Secrets provider ${shown}: ${verdict.reason}`,
      description: "The key that encrypts the stack's secrets is held under EU law.",
      severity: "critical",
      remediation: fix,
      requirements: [req.sncExtraEuLaw, req.sncSecrets, req.hdsExtraEu].map(citeRequirement),
      location: input.location,
    },
  };
}

function decide(input: SecretsProviderInput): {
  verdict: { ok: boolean; reason: string };
  shown: string;
} {
  const value = input.value?.trim();
  if (!value) {
    if (input.hasEncryptionSalt) {
      return {
        shown: "passphrase (implied by encryptionsalt)",
        verdict: { ok: true, reason: "keys derived from a passphrase the operators hold." },
      };
    }
    if (input.backendIsPulumiCloud) {
      return {
        shown: "default (unset, Pulumi Cloud backend)",
        verdict: {
          ok: false,
          reason: "unset on a Pulumi Cloud backend, so Pulumi Cloud (a US service) holds the key.",
        },
      };
    }
    return {
      shown: "passphrase (unset, self-managed backend default)",
      verdict: { ok: true, reason: "a self-managed backend defaults to the passphrase provider." },
    };
  }
  if (value === "passphrase")
    return {
      shown: value,
      verdict: { ok: true, reason: "keys derived from a passphrase the operators hold." },
    };
  if (value === "default" || value === "service") {
    return {
      shown: value,
      verdict: { ok: false, reason: "Pulumi Cloud (a US service) holds the key." },
    };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return {
      shown: value,
      verdict: {
        ok: false,
        reason: "not a secrets provider hdh knows, so it cannot be shown to stay in the EU.",
      },
    };
  }
  const cloud = usClouds[url.protocol];
  if (cloud) {
    return {
      shown: value,
      verdict: {
        ok: false,
        reason: `${cloud} is run by a company under US law (Cloud Act), whatever its region.`,
      },
    };
  }
  if (url.protocol === "hashivault:") {
    if (!input.vaultAddress) {
      return {
        shown: value,
        verdict: {
          ok: false,
          reason:
            "a Vault whose server is not known here (set VAULT_SERVER_URL or pass --vault-address), so it cannot be shown to be in the EU.",
        },
      };
    }
    let host = "";
    try {
      host = new URL(input.vaultAddress).hostname;
    } catch {
      host = input.vaultAddress;
    }
    return isEuHost(host, input.euHosts)
      ? {
          shown: `${value} at ${input.vaultAddress}`,
          verdict: { ok: true, reason: "a Vault hosted in the EU or on the private network." },
        }
      : {
          shown: `${value} at ${input.vaultAddress}`,
          verdict: {
            ok: false,
            reason: `the Vault host ${host} is not known to be in the EU (name it in policy config euHosts once checked).`,
          },
        };
  }
  return {
    shown: value,
    verdict: {
      ok: false,
      reason: "not a secrets provider hdh knows, so it cannot be shown to stay in the EU.",
    },
  };
}
