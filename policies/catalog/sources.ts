/**
 * Public pages the provider catalogue's facts were read on, named once so a fact and the docs
 * generated from it cite the same page. The OVHcloud guides are cited at their source in the
 * ovh/docs repository (the text help.ovhcloud.com and docs.ovhcloud.com publish).
 */
const ovhDocs = "https://github.com/ovh/docs/blob/develop/pages";

export const sources = {
  ovhOpenrc:
    "https://github.com/pepitoenpeligro/cloudbanking/blob/master/openrc.sh (OVHcloud-generated openrc: OS_AUTH_URL=https://auth.cloud.ovh.net/v3)",
  ovhApiEndpoints: "https://github.com/ovh/go-ovh/blob/master/ovh/ovh.go",
  ovhMksPersistentVolumes: `${ovhDocs}/public_cloud/containers_orchestration/managed_kubernetes/setting-up-a-persistent-volume/guide.en-gb.md`,
  ovhMksStorageFlavors: `${ovhDocs}/public_cloud/containers_orchestration/managed_kubernetes/datacenters-nodes-storage-flavors/guide.en-gb.md`,
  ovhMksIpRestrictions: `${ovhDocs}/public_cloud/containers_orchestration/managed_kubernetes/add-ip-restrictions/guide.en-gb.md`,
  ovhMksClusterUrl: `${ovhDocs}/public_cloud/containers_orchestration/managed_kubernetes/creating-a-cluster-through-terraform/guide.en-gb.md (a GRA7 cluster's API url: xxxxxx.c1.gra7.k8s.ovh.net)`,
  ovhMksLoadBalancer: `${ovhDocs}/public_cloud/containers_orchestration/managed_kubernetes/Octavia_Tutorial_Add_proxy_protocol/guide.en-gb.md`,
  ovhBlockStorageClasses: `${ovhDocs}/storage_and_backup/block_storage/block_storage_the_right_storage_class/guide.en-gb.md`,
  ovhObjectStorageRegions: `${ovhDocs}/storage_and_backup/object_storage/s3_location/guide.en-gb.md`,
  ovhObjectStorageSseOmk: `${ovhDocs}/storage_and_backup/object_storage/s3_getting_started_with_object_storage/guide.en-gb.md`,
  ovhPulumiKeyManager:
    "https://www.npmjs.com/package/@ovhcloud/pulumi-ovh/v/2.19.1 (cloudKeyManagerSecret.d.ts: 'Creates a secret in the Barbican Key Manager service for a public cloud project')",
  ovhPulumiKube:
    "https://www.npmjs.com/package/@ovhcloud/pulumi-ovh/v/2.19.1 (cloudproject/kube.d.ts, kubeNodePool.d.ts, kubeIpRestrictions.d.ts)",
  ovhOkms: "https://registry.terraform.io/providers/ovh/ovh/latest/docs/resources/okms",
  ovhSncVmware:
    "https://docs.ovhcloud.com/en/guides/account-and-service-management/reversibility/05-snc-vmware-reversibility-policy",
  ovhSncBareMetalPod:
    "https://docs.ovhcloud.com/de/guides/account-and-service-management/reversibility/24-bm-pod-snc-reversbility",
  ovhHds: "https://www.ovh.co.uk/private-cloud/healthcare/agrement.xml",
  ovhUsDatacenters: `${ovhDocs}/public_cloud/containers_orchestration/managed_kubernetes/datacenters-nodes-storage-flavors/guide.en-gb.md`,
  outscaleSecNumCloud:
    "https://www.3ds.com/newsroom/press-releases/outscale-first-cloud-qualified-secnumcloud-32",
  outscaleTerraform: "https://github.com/outscale/terraform-provider-outscale",
  outscaleBucketEncryption:
    "https://docs.outscale.com/en/userguide/Bucket-Encryption-Configuration-Reference.html",
  outscaleOos: "https://docs.outscale.com/en/userguide/Introduction-to-OOS.html",
  cloudTempleTerraform: "https://github.com/Cloud-Temple/terraform-provider-cloudtemple",
  cloudTempleObjectStorage:
    "https://github.com/Cloud-Temple/docs/blob/main/docs/storage/oss/concepts.md",
  cloudTempleObjectStorageFaq:
    "https://github.com/Cloud-Temple/docs/blob/main/docs/storage/oss/faq.md",
  outscaleProviderInputs:
    'https://github.com/outscale/terraform-provider-outscale/blob/master/docs/index.md (`region`, else OUTSCALE_REGION; `endpoints { api = "api.eu-west-2.outscale.com" }`)',
  outscaleRegions:
    "https://docs.outscale.com/en/userguide/Regions-Endpoints-and-Subregions-Reference.html",
  outscaleApiHosts:
    "https://docs.outscale.com/en/userguide/Getting-Information-About-Regions.html (ReadRegions: eu-west-2 -> api.eu-west-2.outscale.com, us-east-2 -> api.us-east-2.outscale.com)",
  outscaleLocalLaw:
    "https://docs.outscale.com/fr/userguide/À-propos-des-Régions-endpoints-et-Sous-régions.html ('Les données stockées [...] restent dans la Région [...] et sont protégées par la législation locale')",
  cloudTempleAddress:
    "https://github.com/Cloud-Temple/terraform-provider-cloudtemple/blob/main/README.md (`address`: defaults to shiva.cloud-temple.com, or CLOUDTEMPLE_HTTP_ADDR)",
  s3nsUniverseDomain: "https://documentation.s3ns.fr/iam/docs/write-policy-client-libraries",
  s3nsCmek: "https://documentation.s3ns.fr/kms/docs/cmek",
  s3nsBucketEncryption:
    "https://documentation.s3ns.fr/cpp/docs/reference/storage/latest/structgoogle_1_1cloud_1_1storage_1_1BucketEncryption",
  s3nsSecNumCloud: "https://www.s3ns.io/en/news/premi3ns-secnumcloud-qualification",
  s3nsSecNumCloudPress:
    "https://www.generation-nt.com/actualites/s3ns-thales-google-secnumcloud-certification-anssi-2068299",
  secNumCloudLocation:
    "https://dc2s-ng.pages.dev/en/blog/how-to-host-a-secnumcloud-infrastructure-in-a-data-center",
  awsEndpoints: "https://docs.aws.amazon.com/general/latest/gr/rande.html",
  aksEgress: "https://learn.microsoft.com/en-us/azure/aks/outbound-rules-control-egress",
  entraEndpoints:
    "https://learn.microsoft.com/en-us/entra/identity-platform/authentication-national-cloud",
  googleApis: "https://cloud.google.com/apis/docs/overview",
  gkeDnsEndpoint:
    "https://cloud.google.com/kubernetes-engine/docs/concepts/network-isolation#dns-based_endpoint",
  digitalOceanKubernetes: "https://docs.digitalocean.com/products/kubernetes/",
  oracleEndpoints: "https://docs.oracle.com/en-us/iaas/api/#/",
  ibmEndpoints: "https://cloud.ibm.com/docs/containers?topic=containers-cs_network_planning",
  aliyunEndpoints: "https://www.alibabacloud.com/help/en/ack/",
  swiftEncryption: "https://docs.openstack.org/swift/rocky/overview_encryption.html",
  euMemberStates: "https://european-union.europa.eu/principles-countries-history/eu-countries_en",
} as const;
