/**
 * Object storage containers hold data only where the operator attests encryption at rest.
 *
 * Swift's at-rest encryption is middleware in the operator's proxy pipeline: "internal to a Swift
 * cluster and not exposed through the API. Clients are unaware that data is encrypted"
 * (https://docs.openstack.org/swift/latest/overview_encryption.html). A storage policy selects
 * placement and durability, not encryption, so no container setting can prove it, and the old
 * premise of this rule (an "encrypted" storage policy) proved nothing. What a tenant can rely on
 * is the operator's attestation for the region (declared in the policy setting
 * `objectStorageEncryptionAttestations`), or encrypting before upload. docs/providers.md says,
 * per provider, how object storage is encrypted and what a tenant can prove.
 *
 * OVHcloud's S3 buckets (`ovh:CloudProject/storage:Storage`) are the other way round: the tenant
 * chooses server-side encryption per bucket, SSE-OMK with `encryption.sseAlgorithm: "AES256"`
 * (sources.ovhObjectStorageSseOmk; the resource's schema,
 * https://github.com/ovh/terraform-provider-ovh/blob/main/docs/resources/cloud_project_storage.md),
 * so a bucket that names no AES256 has no established encryption at rest and is refused.
 */
import { resourcePolicies } from "../lib/define";
import { placementOf } from "../lib/region";
import { isUnknown, obj, raw, str } from "../lib/values";
import { req } from "../requirements";

const containerTypes = [
  "openstack:objectstorage/container:Container",
  "openstack:objectstorage/containerV1:ContainerV1",
];
const ovhBucketType = "ovh:CloudProject/storage:Storage";

export function containerEncrypted() {
  return resourcePolicies({
    name: "openstack-objectstorage-container-encrypted",
    description:
      "Object storage containers live in a region whose operator attests encryption at rest; OVHcloud S3 buckets ask for SSE-OMK.",
    enforcementLevel: "mandatory",
    types: [...containerTypes, ovhBucketType],
    meta: {
      area: "encryption",
      severity: "critical",
      requirements: [req.sncEncryptionAtRest, req.hdsConfidentiality, req.isoCrypto],
      remediation:
        "OVHcloud S3 buckets: set `encryption.sseAlgorithm: \"AES256\"` (SSE-OMK). Swift encrypts at rest in the operator's proxy, never per container: declare the operator's attestation for the container's region (policy setting `objectStorageEncryptionAttestations`; in a stack, `hdh:cloud.objectStorageEncryptionAttestation`), or encrypt the data before upload.",
      settings: ["objectStorageEncryptionAttestations", "euAuthUrls"],
    },
    validate: (args, settings, report, unknown) => {
      if (args.type === ovhBucketType) {
        const encryption = raw(args.props).encryption;
        const algorithm = isUnknown(encryption) ? encryption : obj(encryption)?.sseAlgorithm;
        if (isUnknown(algorithm)) {
          unknown(
            "`encryption.sseAlgorithm` is unknown during preview: whether the bucket encrypts at rest cannot be judged yet.",
          );
          return;
        }
        const value = str(algorithm)?.trim();
        if (value !== "AES256")
          report(
            value
              ? `Bucket "${args.name}" has \`encryption.sseAlgorithm: ${value}\`: OVHcloud encrypts at rest only with SSE-OMK. Set it to "AES256".`
              : `Bucket "${args.name}" names no server-side encryption: OVHcloud's SSE-OMK is chosen per bucket by the tenant, so encryption at rest is not established. Set \`encryption: { sseAlgorithm: "AES256" }\`.`,
          );
        return;
      }
      if (!containerTypes.includes(args.type)) return;
      const placement = placementOf(raw(args.props), args.provider, settings);
      const why =
        "Swift encrypts at rest only in the operator's proxy: no storage policy selects it and the API does not show it";
      switch (placement.kind) {
        case "unknown":
          unknown(
            "`region` (of the container or its provider) is unknown during preview: whether its operator attests encryption at rest cannot be judged yet.",
          );
          return;
        case "region": {
          const wanted = placement.region.toLowerCase();
          const attested = settings.objectStorageEncryptionAttestations.some(
            (a) => a.region.toLowerCase() === wanted,
          );
          if (!attested) {
            const declared = settings.objectStorageEncryptionAttestations.map((a) => a.region);
            report(
              `Region "${placement.region}" has no operator attestation of encryption at rest (${why}). ` +
                `Declare where the operator attests it for this region in \`objectStorageEncryptionAttestations\`` +
                (declared.length > 0 ? ` (declared: ${declared.join(", ")})` : "") +
                ", or encrypt the data before upload.",
            );
          }
          return;
        }
        case "auth-url":
        case "none":
          report(
            `No region is named, so no operator attestation of encryption at rest can apply (${why}). ` +
              "Set `region` on the container or its provider to a region whose attestation is declared.",
          );
      }
    },
  });
}
