import { isUnknown, list, obj, str } from "../lib/values";
import { req } from "../requirements";
import { podPolicies } from "./pod-rule";

/**
 * git-sync runs whatever program its `--git` flag names, also set through the `GITSYNC_GIT` or
 * (before v4) `GIT_SYNC_GIT` variable (kubernetes/git-sync, main.go, read this session): whoever
 * can write the pod's environment or arguments runs code as the sync container, with the volume
 * it shares with the workload (CKV_K8S_159, which cites Akamai's 2024 research on it; that
 * write-up was not read here). Nothing but git-sync reads these variable names, so they are
 * judged in any container, whatever its image; `--git` is a common flag name, so it is judged
 * only in a container whose image is git-sync's (or the image is unknown).
 */
const overrideVariables = new Set(["GITSYNC_GIT", "GIT_SYNC_GIT"]);

export function podNoGitSyncCommandOverride() {
  return podPolicies({
    name: "kubernetes-core-pod-no-git-sync-command-override",
    description: "No container overrides the command git-sync runs (`--git`, `GITSYNC_GIT`).",
    enforcementLevel: "mandatory",
    meta: {
      severity: "high",
      requirements: [req.anssiContainers, req.isoConfiguration],
      remediation:
        "Remove `GITSYNC_GIT`/`GIT_SYNC_GIT` and the `--git` argument: git-sync's image already carries git.",
      settings: [],
    },
    check: ({ containers }, report, unknown) => {
      for (const { label, container } of containers) {
        if (isUnknown(container.env)) unknown(`${label}.env is unknown during preview.`);
        (list(container.env) ?? []).forEach((value, index) => {
          const name = obj(value)?.name;
          if (isUnknown(value) || isUnknown(name))
            unknown(`${label}.env[${index}].name is unknown during preview.`);
          else if (overrideVariables.has(str(name) ?? ""))
            report(
              `${label}.env[${index}] sets ${str(name)}: git-sync would run that program instead of git. Remove it.`,
            );
        });
        const imageUnknown = isUnknown(container.image);
        if (!imageUnknown && !/git-sync/i.test(str(container.image) ?? "")) continue;
        for (const field of ["command", "args"]) {
          if (isUnknown(container[field])) unknown(`${label}.${field} is unknown during preview.`);
          (list(container[field]) ?? []).forEach((value, index) => {
            if (isUnknown(value)) unknown(`${label}.${field}[${index}] is unknown during preview.`);
            else if (typeof value === "string" && /^--git(=|$)/.test(value))
              (imageUnknown ? unknown : report)(
                `${label}.${field}[${index}] passes \`${value}\`: git-sync would run that program instead of git. Remove it.`,
              );
          });
        }
      }
    },
  });
}
