import { isUnknown, list, obj, str } from "../lib/values";
import { req } from "../requirements";
import { podPolicies } from "./pod-rule";

/**
 * A Secret handed to a container as environment variables is copied into every process the
 * container starts, into crash reports and diagnostic dumps that print the environment, and
 * stays fixed until the pod restarts; mounted as a file it is readable only where asked for and
 * follows the Secret's rotation (CIS 5.4.1; Kubernetes "Good practices for Kubernetes Secrets").
 *
 * Advisory, severity medium: the Secret is already in the pod either way, and many images read
 * a credential only from the environment. The reference stacks show it (the gateway's database
 * password, the audit sealer's writer credentials, the airlock mover's and the backup's
 * OpenStack application credentials): a choice to revisit knowingly, not a fault that must
 * block a deployment.
 */
export function podNoSecretEnv() {
  return podPolicies({
    name: "kubernetes-core-pod-no-secret-env",
    description: "Containers receive Secrets as mounted files, not as environment variables.",
    enforcementLevel: "advisory",
    meta: {
      severity: "medium",
      requirements: [req.cisSecretsAsFiles, req.sncSecrets],
      remediation:
        "Mount the Secret as a volume (read-only, with only the keys needed) and point the program at the file (many images accept a `*_FILE` variable).",
      settings: [],
    },
    check: ({ containers }, report, unknown) => {
      for (const { label, container } of containers) {
        if (isUnknown(container.env)) unknown(`${label}.env is unknown during preview.`);
        (list(container.env) ?? []).forEach((value, index) => {
          const entry = obj(value);
          const from = entry?.valueFrom;
          if (isUnknown(value) || isUnknown(from))
            return unknown(`${label}.env[${index}] is unknown during preview.`);
          const ref = obj(from)?.secretKeyRef;
          if (isUnknown(ref))
            return unknown(`${label}.env[${index}].valueFrom is unknown during preview.`);
          if (obj(ref))
            report(
              `${label}.env[${index}] (${str(entry?.name) ?? "?"}) takes its value from Secret "${str(obj(ref)?.name) ?? "?"}". Mount the Secret as a file instead.`,
            );
        });
        if (isUnknown(container.envFrom)) unknown(`${label}.envFrom is unknown during preview.`);
        (list(container.envFrom) ?? []).forEach((value, index) => {
          const ref = obj(value)?.secretRef;
          if (isUnknown(value) || isUnknown(ref))
            return unknown(`${label}.envFrom[${index}] is unknown during preview.`);
          if (obj(ref))
            report(
              `${label}.envFrom[${index}] turns every key of Secret "${str(obj(ref)?.name) ?? "?"}" into environment variables. Mount the Secret as a file instead.`,
            );
        });
      }
    },
  });
}
