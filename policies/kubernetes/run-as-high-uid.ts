import { num, str, UnknownAt } from "../lib/values";
import { lifts } from "../lib/workload-exceptions";
import { req } from "../requirements";
import { leftLiveMessage, podPolicies, unknownMessage } from "./pod-rule";

/**
 * The threshold of Checkov's CKV_K8S_40, "Containers should run as a high UID to avoid host
 * conflict": `check_runAsUser(spec, 10000)` passes a `runAsUser` >= 10000 (bridgecrewio/checkov,
 * checkov/kubernetes/checks/resource/k8s/RootContainersHighUID.py and
 * base_root_container_check.py, read at commit 03d5fdad8d6154b1565799a7b1fb8070c158866f). KICS's
 * "Container with low UID" flags a UID below 10000 for the same reason, the host's user table
 * (DataDog/kics, documentation/rules/k8s/containers_run_with_low_uid.md).
 */
export const highUid = 10000;

/**
 * Containers run as a UID of 10000 or above (the container's `runAsUser`, else the pod's), so a
 * process that escapes or shares a host path does not act as one of the node's own users.
 * Regular users start at 1000 on systemd-based distributions, and `adduser` allocates them from
 * 1000 to 60000 by default ("Users, Groups, UIDs and GIDs on systemd Systems",
 * https://systemd.io/UIDS-GIDS/): 10000 clears the first accounts of a node, not every account a
 * large directory could hold, which is why the rule is hygiene, not a boundary. A pod with its
 * own user namespace (`hostUsers: false`) already maps every UID to an unprivileged host range
 * and passes, as in CKV_K8S_40. Checkov judges regular containers; init and ephemeral containers
 * run on the node alike and are judged too. Windows pods (`os.name: windows`) take no
 * `runAsUser` and are skipped.
 *
 * Advisory, by choice: the platform's own workspace images run as UID 1000, the Jupyter Docker
 * Stacks' `jovyan` (`ARG NB_UID="1000"` in jupyter/docker-stacks,
 * images/docker-stacks-foundation/Dockerfile, read at commit
 * 00987883e58d139b5ed01f803f95e639c59bf340), whose files in the image and on the home volumes
 * belong to 1000; they run non-root and without privileges under Pod Security `restricted`, and
 * changing the UID means rebuilding the images and re-owning every home volume. The finding
 * stays visible on every stack.
 */
export function podRunAsHighUid() {
  return podPolicies({
    name: "kubernetes-core-pod-run-as-high-uid",
    description: `Containers run as a UID of ${highUid} or above, unless the pod has its own user namespace.`,
    enforcementLevel: "advisory",
    meta: {
      severity: "low",
      requirements: [req.anssiContainers, req.isoConfiguration],
      remediation: `Set \`securityContext.runAsUser\` to ${highUid} or above (pod or container), or run the pod in its own user namespace (\`hostUsers: false\`).`,
      settings: ["workloadExceptions"],
    },
    check: ({ containers, effective, exception, readPod, pod }, report, unknown) => {
      // A named exception letting this very workload run as root settles which user it runs as.
      if (lifts(exception, "run-as-root")) return;
      const hostUsers = readPod("hostUsers");
      if (hostUsers === false) return;
      // Windows pods take no runAsUser (the API rejects it with `os.name: windows`).
      const os = readPod("os.name");
      if (str(os) === "windows") return;
      // What could still exempt the pod, unknown during preview: named with a container's finding.
      const exemption = [hostUsers, os].find((v): v is UnknownAt => v instanceof UnknownAt);
      for (const container of containers) {
        const user = effective(container, "runAsUser");
        if (user instanceof UnknownAt) {
          unknown(unknownMessage(user, `the UID ${container.label} runs as`));
          continue;
        }
        const uid = num(user);
        if (uid !== undefined && uid >= highUid) continue;
        if (user === undefined && pod.patch) {
          unknown(
            leftLiveMessage(
              `${container.label}.securityContext.runAsUser`,
              `the UID ${container.label} runs as`,
            ),
          );
          continue;
        }
        const problem =
          uid === undefined
            ? "sets no `runAsUser` (on itself or the pod): it runs as the image's user"
            : `runs as UID ${uid}, below ${highUid}: it may be a user of the node`;
        if (exemption)
          unknown(
            `${container.label} ${problem}, and \`${exemption.path}\` is unknown during preview.`,
          );
        else report(`${container.label} ${problem}. Use a UID of ${highUid} or above.`);
      }
    },
  });
}
