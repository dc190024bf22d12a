/**
 * The requirements our policies trace to, named once so every policy cites them identically.
 * SecNumCloud numbering is that of the ANSSI SecNumCloud 3.2 referential; ISO/IEC 27001 controls
 * are those of its 2022 Annex A, on which the HDS 2.0 certification builds.
 */
import type { Requirement } from "./policy-meta";

/**
 * The SecNumCloud 3.2 referential (ANSSI, 8 March 2022) as transcribed section by section in
 * CISO Assistant's library: 19.2 "Localisation des données" (19.2.b: store and process the
 * customer's data within the EU) and 19.6 "Protection vis-à-vis du droit extra-européen".
 */
const secNumCloud32 =
  "https://github.com/intuitem/ciso-assistant-community/blob/main/backend/library/libraries/secnumcloud-3.2.yaml";

/**
 * HDS 2.0 (arrêté du 26 avril 2024, JO 16 May 2024): physical hosting of health data in the EEA,
 * and transparency towards customers about access from outside the EEA (stated in the contract
 * with its risks, and a public map of transfers); it does not ask the host to prevent such access.
 */
const hds2 =
  "https://archimag.com/univers-data/2024/05/17/h%C3%A9bergement-donnees-sante-referentiel-publie-journal-officiel";

/** ANSSI, Guide des mécanismes cryptographiques v2.04, rules as transcribed in CISO Assistant. */
const anssiCryptoGuide =
  "https://github.com/intuitem/ciso-assistant-community/blob/main/backend/library/libraries/anssi-guide-des-mecanismes-cryptographiques.yaml";

/** ISO/IEC 27001:2022 Annex A control titles as transcribed in CISO Assistant's library. */
const iso27001Annex =
  "https://github.com/intuitem/ciso-assistant-community/blob/main/backend/library/libraries/iso27001-2022.yaml";

/** kube-bench's catalogue of the CIS Kubernetes Benchmark 1.9, section 5 (ids and titles). */
const kubeBenchCis19 =
  "https://github.com/aquasecurity/kube-bench/blob/main/cfg/cis-1.9/policies.yaml";

export const req = {
  sncDataLocation: {
    framework: "secnumcloud",
    reference: "19.2",
    title: "Data location: stored and processed in the EU",
    source: secNumCloud32,
  },
  sncExtraEuLaw: {
    framework: "secnumcloud",
    reference: "19.6",
    title: "Protection from extra-EU law",
    source: secNumCloud32,
  },
  sncEncryptionAtRest: {
    framework: "secnumcloud",
    reference: "10.1",
    title: "Encryption of stored data",
    source: secNumCloud32,
  },
  sncEncryptionInTransit: {
    framework: "secnumcloud",
    reference: "10.2",
    title: "Encryption of data flows",
    source: secNumCloud32,
  },
  sncSecrets: {
    framework: "secnumcloud",
    reference: "10.5",
    title: "Secrets management",
    source: secNumCloud32,
  },
  sncNetworkSegregation: {
    framework: "secnumcloud",
    reference: "13.2",
    title: "Network segregation",
    source: secNumCloud32,
  },
  // SecNumCloud 3.2 has no section on workload hardening (12.10 is software installation on
  // systems in operation, 12.11 vulnerability management, 12.12.b the hardening of the
  // administrators' own terminals): hardening rules cite ISO 27001 A.8.9 (isoConfiguration), and
  // administration exposure cites 9.6 (isoPrivilegedAccess for RBAC), as read in CISO Assistant.
  sncAssetInventory: {
    framework: "secnumcloud",
    reference: "8.1",
    title: "Asset inventory and ownership",
    source: secNumCloud32,
  },
  sncBackupIntegrity: {
    framework: "secnumcloud",
    reference: "12.5",
    title: "Backup of information",
    source: secNumCloud32,
  },
  hdsLocation: {
    framework: "hds",
    reference: "Hosting location",
    title: "Health data physically hosted in the EEA",
    source: hds2,
  },
  hdsExtraEu: {
    framework: "hds",
    reference: "Transfers outside the EEA",
    title: "Transparency about access from outside the EEA (contract, public map of transfers)",
    source: hds2,
  },
  hdsConfidentiality: {
    framework: "hds",
    reference: "Confidentiality",
    title: "Confidentiality of hosted health data (ISO 27001 A.8.24)",
    // HDS 2.0 builds on ISO/IEC 27001:2022 (same source).
    source: hds2,
  },
  gdprTransfers: {
    framework: "gdpr",
    reference: "Art. 44-46",
    title: "Transfers to third countries",
  },
  gdprSecurity: { framework: "gdpr", reference: "Art. 32", title: "Security of processing" },
  isoCrypto: { framework: "iso27001", reference: "A.8.24", title: "Use of cryptography" },
  isoNetworks: { framework: "iso27001", reference: "A.8.20", title: "Networks security" },
  isoSegregation: { framework: "iso27001", reference: "A.8.22", title: "Segregation of networks" },
  isoConfiguration: {
    framework: "iso27001",
    reference: "A.8.9",
    title: "Configuration management",
  },
  isoAssets: {
    framework: "iso27001",
    reference: "A.5.9",
    title: "Inventory of information and assets",
  },
  isoCloud: {
    framework: "iso27001",
    reference: "A.5.23",
    title: "Information security for cloud services",
  },
  isoBackup: { framework: "iso27001", reference: "A.8.13", title: "Information backup" },
  // Resource limits: CIS Kubernetes 5.7.x are namespaces, seccomp, security contexts and the
  // default namespace (kube-bench's catalogue), none of them resource limits.
  isoCapacity: { framework: "iso27001", reference: "A.8.6", title: "Capacity management" },
  isoPrivilegedAccess: {
    framework: "iso27001",
    reference: "A.8.2",
    title: "Privileged access rights",
    source: iso27001Annex,
  },
  isoMonitoring: {
    framework: "iso27001",
    reference: "A.8.16",
    title: "Monitoring activities",
    source: iso27001Annex,
  },
  // SecNumCloud 3.2 §9.6 "Accès aux interfaces d'administration": administration interfaces
  // offered to customers are distinct from the provider's and reached only by their accounts.
  sncAdminInterfaces: {
    framework: "secnumcloud",
    reference: "9.6",
    title: "Access to administration interfaces",
    source: secNumCloud32,
  },
  // SecNumCloud 3.2 §17.4 "Disponibilité des moyens de traitement de l'information": meet the
  // availability the service agreement sets.
  sncAvailability: {
    framework: "secnumcloud",
    reference: "17.4",
    title: "Availability of information processing facilities",
    source: secNumCloud32,
  },
  pssHostProcess: {
    framework: "pss",
    reference: "Baseline: HostProcess",
    title: "No Windows HostProcess containers",
  },
  pssKernelControls: {
    framework: "pss",
    reference: "Baseline: AppArmor, SELinux, /proc Mount Type, Sysctls",
    title:
      "No override of the kernel's confinement: AppArmor, SELinux, /proc masking, unsafe sysctls",
  },
  pssPrivileged: {
    framework: "pss",
    reference: "Baseline: Privileged Containers",
    title: "No privileged containers",
  },
  pssHostNamespaces: {
    framework: "pss",
    reference: "Baseline: Host Namespaces",
    title: "No host network, PID or IPC",
  },
  pssHostPath: {
    framework: "pss",
    reference: "Baseline: HostPath Volumes",
    title: "No hostPath volumes",
  },
  pssHostPorts: { framework: "pss", reference: "Baseline: Host Ports", title: "No host ports" },
  pssEscalation: {
    framework: "pss",
    reference: "Restricted: Privilege Escalation",
    title: "allowPrivilegeEscalation false",
  },
  pssNonRoot: {
    framework: "pss",
    reference: "Restricted: Running as Non-root",
    title: "runAsNonRoot true, never UID 0",
  },
  pssCapabilities: {
    framework: "pss",
    reference: "Restricted: Capabilities",
    title: "Drop ALL, add at most NET_BIND_SERVICE",
  },
  pssSeccomp: {
    framework: "pss",
    reference: "Restricted: Seccomp",
    title: "RuntimeDefault or Localhost seccomp profile",
  },
  pssRestricted: {
    framework: "pss",
    reference: "Restricted profile",
    title: "Namespaces enforce the restricted profile",
  },
  cisPrivileged: {
    framework: "cisKubernetes",
    reference: "5.2.2",
    title: "Minimise privileged containers",
  },
  cisHostPid: {
    framework: "cisKubernetes",
    reference: "5.2.3-5.2.5",
    title: "Minimise host PID, IPC and network sharing",
  },
  cisEscalation: {
    framework: "cisKubernetes",
    reference: "5.2.6",
    title: "Minimise allowPrivilegeEscalation",
  },
  cisRoot: { framework: "cisKubernetes", reference: "5.2.7", title: "Minimise root containers" },
  cisCapabilities: {
    framework: "cisKubernetes",
    reference: "5.2.8-5.2.10",
    title: "Minimise capabilities",
  },
  cisHostPath: {
    framework: "cisKubernetes",
    reference: "5.2.12",
    title: "Minimise HostPath volumes",
  },
  cisHostPorts: { framework: "cisKubernetes", reference: "5.2.13", title: "Minimise HostPorts" },
  cisServiceAccountToken: {
    framework: "cisKubernetes",
    reference: "5.1.6",
    title: "Mount service account tokens only where needed",
  },
  cisNetworkPolicy: {
    framework: "cisKubernetes",
    reference: "5.3.2",
    title: "All namespaces have network policies",
  },
  cisSeccomp: {
    framework: "cisKubernetes",
    reference: "5.7.2",
    title: "Seccomp profile docker/default in pod definitions",
    source: kubeBenchCis19,
  },
  cisImageProvenance: { framework: "cisKubernetes", reference: "5.5.1", title: "Image provenance" },
  // Kubernetes RBAC (CIS Kubernetes Benchmark 1.9, section 5.1), titles as kube-bench's
  // catalogue of the benchmark states them.
  cisClusterAdmin: {
    framework: "cisKubernetes",
    reference: "5.1.1",
    title: "cluster-admin only used where required",
    source: kubeBenchCis19,
  },
  cisSecrets: {
    framework: "cisKubernetes",
    reference: "5.1.2",
    title: "Minimise access to secrets",
    source: kubeBenchCis19,
  },
  cisWildcard: {
    framework: "cisKubernetes",
    reference: "5.1.3",
    title: "Minimise wildcard use in Roles and ClusterRoles",
    source: kubeBenchCis19,
  },
  cisCreatePods: {
    framework: "cisKubernetes",
    reference: "5.1.4",
    title: "Minimise access to create pods",
    source: kubeBenchCis19,
  },
  cisDefaultServiceAccount: {
    framework: "cisKubernetes",
    reference: "5.1.5",
    title: "Default service accounts not actively used",
    source: kubeBenchCis19,
  },
  cisSystemMasters: {
    framework: "cisKubernetes",
    reference: "5.1.7",
    title: "Avoid use of the system:masters group",
    source: kubeBenchCis19,
  },
  cisEscalationVerbs: {
    framework: "cisKubernetes",
    reference: "5.1.8",
    title: "Limit the bind, impersonate and escalate permissions",
    source: kubeBenchCis19,
  },
  cisPersistentVolumes: {
    framework: "cisKubernetes",
    reference: "5.1.9",
    title: "Minimise access to create persistent volumes",
    source: kubeBenchCis19,
  },
  cisNodeProxy: {
    framework: "cisKubernetes",
    reference: "5.1.10",
    title: "Minimise access to the proxy sub-resource of nodes",
    source: kubeBenchCis19,
  },
  cisCsrApproval: {
    framework: "cisKubernetes",
    reference: "5.1.11",
    title: "Minimise access to the approval sub-resource of certificatesigningrequests",
    source: kubeBenchCis19,
  },
  cisWebhookConfigurations: {
    framework: "cisKubernetes",
    reference: "5.1.12",
    title: "Minimise access to webhook configuration objects",
    source: kubeBenchCis19,
  },
  cisTokenCreation: {
    framework: "cisKubernetes",
    reference: "5.1.13",
    title: "Minimise access to the service account token creation",
    source: kubeBenchCis19,
  },
  cisPolicyControl: {
    framework: "cisKubernetes",
    reference: "5.2.1",
    title: "An active policy control mechanism in every namespace with user workloads",
    source: kubeBenchCis19,
  },
  cisHostProcess: {
    framework: "cisKubernetes",
    reference: "5.2.11",
    title: "Minimise the admission of Windows HostProcess containers",
    source: kubeBenchCis19,
  },
  cisSecretsAsFiles: {
    framework: "cisKubernetes",
    reference: "5.4.1",
    title: "Prefer using Secrets as files over Secrets as environment variables",
    source: kubeBenchCis19,
  },
  cisDefaultNamespace: {
    framework: "cisKubernetes",
    reference: "5.7.4",
    title: "The default namespace should not be used",
    source: kubeBenchCis19,
  },
  isoAccessControl: { framework: "iso27001", reference: "A.5.15", title: "Access control" },
  isoAccessRights: { framework: "iso27001", reference: "A.5.18", title: "Access rights" },
  anssiCrypto: {
    framework: "anssi",
    reference: "Guide des mécanismes cryptographiques v2.04",
    // The guide's own minima; the pack's rules (AES-256, RSA >= 3072 now) are stricter by choice.
    title:
      "Minima: symmetric keys >= 128 bits, RSA >= 2048 bits to 2030 and >= 3072 from 2031, EC order >= 250 bits",
    source: anssiCryptoGuide,
  },
  anssiAdmin: {
    framework: "anssi",
    reference: "Recommandations pour l'administration sécurisée des SI",
    title: "Administration through a hardened bastion",
  },
  anssiContainers: {
    framework: "anssi",
    reference: "Recommandations de sécurité relatives au déploiement de conteneurs Docker",
    title: "Hardened container execution",
  },
} satisfies Record<string, Requirement>;
