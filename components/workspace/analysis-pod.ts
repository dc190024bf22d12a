/**
 * The analysis pod (Jupyter or RStudio) as plain data: the Pod Security `restricted` profile
 * plus a read-only root filesystem where the tool allows it, limits from the workspace config,
 * and no service-account token (the tool has no business with the Kubernetes API).
 */
import type { PinnedImage } from "./images";
import { hardenedContainerContext, hardenedPodContext } from "../shared/container-hardening";

export interface AnalysisPodInput {
  /** Labels the Deployment selects its pods by. */
  readonly labels: Readonly<Record<string, string>>;
  /** Pull reference, registry + repository + digest. */
  readonly image: string;
  readonly pin: PinnedImage;
  /** CPU limit, in cores. */
  readonly cpu: number;
  /** Memory limit, in GiB. */
  readonly memoryGiB: number;
  /** Name of the PersistentVolumeClaim holding the researchers' work. */
  readonly claimName: string;
  /** Service account of the pod (its token is never mounted). */
  readonly serviceAccountName: string;
}

/** Size cap of each scratch (emptyDir) path, so a runaway job cannot fill the node's disk. */
const scratchSizeLimit = "2Gi";

export function analysisPodSpec(input: AnalysisPodInput) {
  const { pin } = input;
  const scratch = pin.scratchPaths.map((path, i) => ({ name: `scratch-${i}`, path }));
  const limits = { cpu: cpuQuantity(input.cpu), memory: `${input.memoryGiB}Gi` };
  return {
    metadata: { labels: { ...input.labels } },
    spec: {
      serviceAccountName: input.serviceAccountName,
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      hostNetwork: false,
      hostPID: false,
      hostIPC: false,
      securityContext: hardenedPodContext({ user: pin.runAsUser, group: 100, fsGroup: 100 }),
      containers: [
        {
          name: "analysis",
          image: input.image,
          imagePullPolicy: "IfNotPresent",
          ports: [{ name: "http", containerPort: pin.port, protocol: "TCP" }],
          // Requests equal limits: guaranteed QoS, so one project cannot starve another's node.
          resources: { requests: { ...limits }, limits: { ...limits } },
          securityContext: hardenedContainerContext({
            runAsUser: pin.runAsUser,
            readOnlyRootFilesystem: pin.readOnlyRootFilesystem,
          }),
          volumeMounts: [
            { name: "work", mountPath: pin.homePath },
            ...scratch.map((s) => ({ name: s.name, mountPath: s.path })),
          ],
        },
      ],
      volumes: [
        { name: "work", persistentVolumeClaim: { claimName: input.claimName } },
        ...scratch.map((s) => ({ name: s.name, emptyDir: { sizeLimit: scratchSizeLimit } })),
      ],
    },
  };
}

/** Kubernetes CPU quantity: whole cores as "2", fractions in millicores as "250m". */
export function cpuQuantity(cores: number): string {
  return Number.isInteger(cores) ? String(cores) : `${Math.round(cores * 1000)}m`;
}
