import { resourcePolicies } from "../lib/define";
import { podBearingTypesAnd } from "../lib/pod-bearing-types";
import { podSpecsOf, unknownPodSpecMessages } from "../lib/pod-spec";
import { isUnknown, list, obj, raw, str, type Props } from "../lib/values";
import { req } from "../requirements";

const serviceAccountType = /^kubernetes:core\/v1:ServiceAccount(Patch|List)?$/;

/**
 * A namespace's `default` service account is the identity of every pod that names none: any
 * right bound to it, by this program or a later chart, reaches all of them, so it is not to be
 * used (CIS 5.1.5). In practice: the `default` account itself does not mount its token
 * (`automountServiceAccountToken: false`, what Checkov's CKV_K8S_41 checks), and a pod that runs
 * as it does not mount the token either. Bindings to it are kubernetes-rbac-binding-no-default-
 * service-account's findings.
 */
export function podNoDefaultServiceAccount() {
  return resourcePolicies({
    name: "kubernetes-core-pod-no-default-service-account",
    description:
      "No pod calls the API as its namespace's `default` service account, and that account does not mount its token.",
    enforcementLevel: "mandatory",
    // Pods are found by shape (lib/pod-spec.ts), custom resources included; ServiceAccounts by
    // type. The other built-in kinds without a pod template are skipped unread.
    types: podBearingTypesAnd({ core: ["ServiceAccount"] }),
    meta: {
      area: "kubernetes",
      severity: "high",
      requirements: [
        req.cisDefaultServiceAccount,
        req.cisServiceAccountToken,
        req.isoPrivilegedAccess,
      ],
      remediation:
        "Give a pod that calls the Kubernetes API its own ServiceAccount (`serviceAccountName`); on every other pod, and on the `default` ServiceAccount, set `automountServiceAccountToken: false`.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      if (!args.type.startsWith("kubernetes:")) return;
      const props = raw(args.props);
      const account = serviceAccountType.exec(args.type);
      if (account) {
        const objects: { path: string; object: Props }[] =
          account[1] === "List"
            ? (list(props.items) ?? []).flatMap((item, i) => {
                const object = obj(item);
                return object ? [{ path: `items[${i}].`, object }] : [];
              })
            : [{ path: "", object: props }];
        for (const { path, object } of objects) {
          const name = obj(object.metadata)?.name;
          if (isUnknown(name) || isUnknown(object.metadata)) {
            unknown(`${path}metadata.name of the ServiceAccount is unknown during preview.`);
            continue;
          }
          if (str(name) !== "default") continue;
          const mount = object.automountServiceAccountToken;
          if (isUnknown(mount))
            unknown(
              `${path}automountServiceAccountToken of the default ServiceAccount is unknown during preview.`,
            );
          else if (mount !== false)
            report(
              `${path}the \`default\` ServiceAccount mounts its token into every pod that names no account. Set \`automountServiceAccountToken: false\`.`,
            );
        }
        return;
      }
      // A workload whose whole pod is unknown during preview may run as the default account.
      for (const message of unknownPodSpecMessages(args.type, props)) unknown(message);
      for (const pod of podSpecsOf(args.type, props)) {
        const names = [pod.spec.serviceAccountName, pod.spec.serviceAccount];
        const mount = pod.spec.automountServiceAccountToken;
        if (mount === false) continue;
        if (names.some(isUnknown) || isUnknown(mount)) {
          unknown(
            `${pod.path}: serviceAccountName or automountServiceAccountToken is unknown during preview.`,
          );
          continue;
        }
        const name = str(names[0]) ?? str(names[1]);
        // A Patch naming neither leaves the live pod's account and token as they are.
        if (pod.patch && names.every((n) => n === undefined) && mount === undefined) continue;
        if (name === undefined || name === "default")
          report(
            `${pod.path} runs as its namespace's \`default\` service account with its token mounted: every right bound to that account reaches this pod. Set \`serviceAccountName\` to its own account, or \`automountServiceAccountToken: false\`.`,
          );
      }
    },
  });
}
