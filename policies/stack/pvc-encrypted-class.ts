import { storageClassTypes } from "../encryption/storageclass-encrypted";
import { stackPolicies } from "../lib/define";
import { podSpecsOf } from "../lib/pod-spec";
import { StackIndex, type IndexedResource } from "../lib/stack-index";
import { storageClassVerdict } from "../lib/storage-class";
import { isTrue, isUnknown, list, obj, str, stringMap } from "../lib/values";
import { req } from "../requirements";

const defaultClassAnnotation = "storageclass.kubernetes.io/is-default-class";

/**
 * Persistent volume claims (and StatefulSet claim templates, generic ephemeral volumes' claim
 * templates, the items of a claim List) name an encrypted StorageClass:
 * one declared in the stack that encrypts, or one listed in `encryptedStorageClasses`.
 */
export function pvcEncryptedClass() {
  return stackPolicies({
    name: "kubernetes-core-persistentvolumeclaim-encrypted-class",
    description: "Persistent volume claims use an encrypted StorageClass.",
    enforcementLevel: "mandatory",
    meta: {
      area: "stack",
      severity: "critical",
      requirements: [req.sncEncryptionAtRest, req.hdsConfidentiality, req.isoCrypto],
      remediation:
        "Set `storageClassName` to an encrypted class declared in the stack, or one listed in the setting `encryptedStorageClasses`.",
      settings: ["encryptedVolumeTypes", "encryptedStorageClasses"],
    },
    validate: (args, settings, report, unknown) => {
      const index = StackIndex.of(args.resources);
      const classes = new Map<string, ReturnType<typeof storageClassVerdict>>();
      const classUrns = new Map<string, string>();
      let defaultClass: string | undefined;
      for (const sc of index.ofTypes(storageClassTypes)) {
        const metadata = obj(sc.props.metadata);
        const name = str(metadata?.name) ?? sc.name;
        classes.set(name, storageClassVerdict(sc.props, settings));
        classUrns.set(sc.urn, name);
        if (isTrue(stringMap(metadata?.annotations)[defaultClassAnnotation])) defaultClass = name;
      }
      const check = (owner: IndexedResource, where: string, specValue: unknown) => {
        const spec = obj(specValue);
        if (isUnknown(specValue) || isUnknown(spec?.storageClassName)) {
          unknown(`${where}: \`storageClassName\` unknown during preview.`, owner.urn);
          return;
        }
        if (!spec) return;
        let name = str(spec.storageClassName);
        if (spec.storageClassName === undefined || spec.storageClassName === null) {
          if (!defaultClass) {
            report(
              `${where} names no storageClassName: the cluster's default class is not known to encrypt. Name an encrypted class.`,
              owner.urn,
            );
            return;
          }
          name = defaultClass;
        }
        if (!name) {
          report(
            `${where} sets storageClassName "" (static binding to an unchecked volume). Name an encrypted class.`,
            owner.urn,
          );
          return;
        }
        if (settings.encryptedStorageClasses.includes(name)) return;
        const verdict = classes.get(name);
        if (verdict?.kind === "encrypted") return;
        if (verdict?.kind === "unknown") {
          unknown(
            `${where} uses StorageClass "${name}", whose encryption is unknown during preview.`,
            owner.urn,
          );
          return;
        }
        report(
          verdict
            ? `${where} uses StorageClass "${name}", which does not encrypt (${verdict.why}).`
            : `${where} uses StorageClass "${name}", which is neither declared in the stack nor listed in \`encryptedStorageClasses\`.`,
          owner.urn,
        );
      };
      for (const pvc of index.ofTypes(["kubernetes:core/v1:PersistentVolumeClaim"])) {
        check(pvc, `PersistentVolumeClaim "${pvc.name}"`, pvc.props.spec);
      }
      // Each claim of a PersistentVolumeClaimList is a claim (Kubernetes API concepts, collections).
      for (const claims of index.ofTypes(["kubernetes:core/v1:PersistentVolumeClaimList"])) {
        const items = claims.props.items;
        if (isUnknown(items))
          unknown(
            `PersistentVolumeClaimList "${claims.name}": \`items\` unknown during preview.`,
            claims.urn,
          );
        (list(items) ?? []).forEach((item, i) =>
          check(
            claims,
            `PersistentVolumeClaimList "${claims.name}" items[${i}]`,
            isUnknown(item) ? item : obj(item)?.spec,
          ),
        );
      }
      // A generic ephemeral volume creates a claim from its `volumeClaimTemplate` with each pod,
      // provisioned by the StorageClass it names like any other claim (Kubernetes docs,
      // "Ephemeral Volumes", generic ephemeral volumes,
      // https://kubernetes.io/docs/concepts/storage/ephemeral-volumes/): scratch space of an
      // analysis holds the same health data as its home volume.
      for (const owner of index.matching((t) => t.startsWith("kubernetes:"))) {
        for (const pod of podSpecsOf(owner.type, owner.props)) {
          (list(pod.spec.volumes) ?? []).forEach((value, i) => {
            const ephemeral = obj(value)?.ephemeral;
            if (ephemeral === undefined || ephemeral === null) return;
            const where = `${owner.type.slice(owner.type.lastIndexOf(":") + 1)} "${owner.name}" ${pod.path}.volumes[${i}].ephemeral`;
            const template = isUnknown(ephemeral) ? ephemeral : obj(ephemeral)?.volumeClaimTemplate;
            check(
              owner,
              `${where}.volumeClaimTemplate`,
              isUnknown(template) ? template : obj(template)?.spec,
            );
          });
        }
      }
      // Each StatefulSet, and each item of a StatefulSetList, claims from its templates.
      for (const r of index.matching((t) => /^kubernetes:[^:]+:StatefulSet(List)?$/.test(t))) {
        const listed = r.type.endsWith("List");
        if (listed && isUnknown(r.props.items)) {
          unknown(`StatefulSetList "${r.name}": \`items\` unknown during preview.`, r.urn);
          continue;
        }
        const sets = listed
          ? (list(r.props.items) ?? []).map((item, i) => ({
              owner: `StatefulSetList "${r.name}" items[${i}]`,
              set: item,
            }))
          : [{ owner: `StatefulSet "${r.name}"`, set: r.props }];
        for (const { owner, set } of sets) {
          const spec = isUnknown(set) ? set : obj(set)?.spec;
          const templates = obj(spec)?.volumeClaimTemplates;
          if (isUnknown(spec) || isUnknown(templates)) {
            unknown(`${owner}: \`volumeClaimTemplates\` unknown during preview.`, r.urn);
            continue;
          }
          (list(templates) ?? []).forEach((value, i) => {
            check(
              r,
              `${owner} volumeClaimTemplates[${i}]`,
              isUnknown(value) ? value : obj(value)?.spec,
            );
          });
        }
      }
    },
  });
}
