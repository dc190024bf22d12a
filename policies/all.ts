/**
 * Every policy of the pack, in one list, with its metadata. Imported by the pack's entry point
 * (index.ts), the in-process evaluator (offline/evaluate-policies.ts) and the compliance-matrix
 * generator; importing it starts nothing.
 */
import { instanceNoPasswordLogin } from "./compute/instance-no-password-login";
import { instanceNoPrivateKeyInUserData } from "./compute/instance-no-private-key-in-user-data";
import { helmReleaseImageRegistry } from "./helm/release-image-registry";
import { helmReleaseNoHostAccess } from "./helm/release-no-host-access";
import { helmReleaseNoServiceExposure } from "./helm/release-no-service-exposure";
import { helmReleaseValuesJudged } from "./helm/release-values-judged";
import { helmReleaseChartOverTls } from "./helm/release-chart-over-tls";
import { containerEncrypted } from "./encryption/container-encrypted";
import { providerEndpointOperator } from "./jurisdiction/provider-endpoint-operator";
import { clusterTemplateTls } from "./encryption/cluster-template-tls";
import { ingressTls } from "./encryption/ingress-tls";
import { gatewayListenerTls } from "./stack/gateway-listener-tls";
import { instanceBootVolumeEncrypted } from "./encryption/instance-boot-volume-encrypted";
import { keymanagerOrderStrongKey } from "./encryption/keymanager-order-strong-key";
import { keymanagerServerSideKey } from "./encryption/keymanager-server-side-key";
import { listenerTls } from "./encryption/listener-tls";
import { loadbalancerMonitorTls } from "./encryption/loadbalancer-monitor-tls";
import { loadbalancerPoolTlsToMembers } from "./encryption/loadbalancer-pool-tls-to-members";
import { loadbalancerTlsMinVersion } from "./encryption/loadbalancer-tls-min-version";
import { loadbalancerTlsStrongCiphers } from "./encryption/loadbalancer-tls-strong-ciphers";
import { providerTlsVerify } from "./encryption/provider-tls-verify";
import { providerTlsEndpoint } from "./encryption/provider-tls-endpoint";
import { storageClassEncrypted } from "./encryption/storageclass-encrypted";
import { volumeEncryptedType } from "./encryption/volume-encrypted-type";
import { vpnStrongCrypto } from "./encryption/vpn-strong-crypto";
import { clusterNoPublicAddress } from "./exposure/cluster-no-public-address";
import { containerNoPublicAcl } from "./exposure/container-no-public-acl";
import { listenerNoSensitivePortFromInternet } from "./exposure/listener-no-sensitive-port-from-internet";
import { objectstorageNoTempUrl } from "./exposure/objectstorage-no-temp-url";
import { containerNoSync } from "./exposure/container-no-sync";
import { portSecurityEnabled } from "./exposure/port-security-enabled";
import { imageNotPublic } from "./exposure/image-not-public";
import { ovhIpRestrictionsNoInternet } from "./exposure/ovh-ip-restrictions-no-internet";
import { ovhKubeApiRestricted } from "./exposure/ovh-kube-api-restricted";
import { networkNotSharedWithAllProjects } from "./exposure/network-not-shared-with-all-projects";
import { shareAccessNotPublic } from "./exposure/share-access-not-public";
import { openstackProviderNoCredentials } from "./exposure/openstack-provider-no-credentials";
import { serviceNoNodePort } from "./exposure/service-no-node-port";
import { floatingIpBastionOnly } from "./exposure/floating-ip-bastion-only";
import { publicNetworkBastionOnly } from "./exposure/public-network-bastion-only";
import { secgroupNoInternetIngress } from "./exposure/secgroup-no-internet-ingress";
import { secgroupNoSensitivePort } from "./exposure/secgroup-no-sensitive-port";
import { secgroupNoWidePortRange } from "./exposure/secgroup-no-wide-port-range";
import { serviceNoPublicLoadBalancer } from "./exposure/service-no-public-load-balancer";
import { extraEuProvider } from "./jurisdiction/extra-eu-provider";
import { extraEuRegistry } from "./jurisdiction/extra-eu-registry";
import { podDropAllCapabilities } from "./kubernetes/drop-all-capabilities";
import { podImageImmutable } from "./kubernetes/image-immutable";
import { podImageRegistry } from "./kubernetes/image-registry";
import { podNoHostNamespaces } from "./kubernetes/no-host-namespaces";
import { podNoHostPath } from "./kubernetes/no-host-path";
import { podNoHostPorts } from "./kubernetes/no-host-ports";
import { podNoPrivilegeEscalation } from "./kubernetes/no-privilege-escalation";
import { podNoPrivileged } from "./kubernetes/no-privileged";
import { podNoServiceAccountToken } from "./kubernetes/no-service-account-token";
import { podReadOnlyRootFilesystem } from "./kubernetes/read-only-root-filesystem";
import { podResourceLimits } from "./kubernetes/resource-limits";
import { podRunAsNonRoot } from "./kubernetes/run-as-non-root";
import { podSeccompProfile } from "./kubernetes/seccomp-profile";
import { podNoWindowsHostProcess } from "./kubernetes/no-windows-host-process";
import { podNoKernelConfinementOverride } from "./kubernetes/no-kernel-confinement-override";
import { persistentVolumeNoHostPath } from "./kubernetes/persistent-volume-no-host-path";
import { podNoSecretEnv } from "./kubernetes/no-secret-env";
import { podNoGitSyncCommandOverride } from "./kubernetes/no-git-sync-command-override";
import { podNoDefaultServiceAccount } from "./kubernetes/no-default-service-account";
import { noDefaultNamespace } from "./kubernetes/no-default-namespace";
import { ingressNoSnippetAnnotations } from "./kubernetes/ingress-no-snippet-annotations";
import { podNoClusterConsole } from "./kubernetes/no-cluster-console";
import { podHealthProbes } from "./kubernetes/health-probes";
import { podRunAsHighUid } from "./kubernetes/run-as-high-uid";
import { openstackProviderEuRegion } from "./location/openstack-provider-eu-region";
import { openstackResourceEuRegion } from "./location/openstack-resource-eu-region";
import type { HdhPolicy } from "./policy-meta";
import { rbacBindingNoAnonymousSubjects } from "./rbac/binding-no-anonymous-subjects";
import { rbacBindingNoClusterAdmin } from "./rbac/binding-no-cluster-admin";
import { rbacBindingNoDefaultServiceAccount } from "./rbac/binding-no-default-service-account";
import { rbacResearcherSecretsExecOwnWorkspace } from "./rbac/researcher-secrets-exec-own-workspace";
import { rbacRoleNoEscalationVerbs } from "./rbac/role-no-escalation-verbs";
import { rbacRoleNoWildcard } from "./rbac/role-no-wildcard";
import { rbacRoleNoSensitiveRights } from "./rbac/role-no-sensitive-rights";
import { rbacClusterRoleNoDataRightsAggregatedToView } from "./rbac/clusterrole-no-data-rights-aggregated-to-view";
import { helmReleaseNoRootOrEscalation } from "./helm/release-no-root-or-escalation";
import { kubernetesManifestsJudged } from "./kubernetes/manifests-judged";
import { rbacBindingDataRightsOwnNamespace } from "./rbac/binding-data-rights-own-namespace";
import { attachedVolumeEncrypted } from "./stack/attached-volume-encrypted";
import { containerNoForceDestroy } from "./stack/container-no-force-destroy";
import { keyHasConsumer } from "./stack/key-has-consumer";
import { listenerHttpRedirect } from "./stack/listener-http-redirect";
import { ownershipLabels } from "./stack/ownership-labels";
import { pvcEncryptedClass } from "./stack/pvc-encrypted-class";
import { statefulProtected } from "./stack/stateful-protected";
import { workspaceAuthorisationExpired } from "./stack/workspace-authorisation-expired";
import { workspaceAuthorisationExpiring } from "./stack/workspace-authorisation-expiring";
import { namespaceWorkloadIsolation } from "./stack/namespace-workload-isolation";
import { networkpolicyNoInternetEgress } from "./stack/networkpolicy-no-internet-egress";
import { networkpolicyNoOpenIngress } from "./stack/networkpolicy-no-open-ingress";
import { workspaceDefaultDeny } from "./stack/workspace-default-deny";
import { workspaceEgressWithinTier } from "./stack/workspace-egress-within-tier";
import { workspaceNoExposure } from "./stack/workspace-no-exposure";
import { workspacePodSecurity } from "./stack/workspace-pod-security";
import { serviceNoTiller } from "./stack/service-no-tiller";

export const packName = "hdh-sovereign";

export const allPolicies: readonly HdhPolicy[] = [
  // location
  ...openstackResourceEuRegion(),
  openstackProviderEuRegion(),
  // jurisdiction
  ...extraEuProvider(),
  extraEuRegistry(),
  // encryption at rest
  ...volumeEncryptedType(),
  instanceBootVolumeEncrypted(),
  ...containerEncrypted(),
  ...providerEndpointOperator(),
  keymanagerServerSideKey(),
  keymanagerOrderStrongKey(),
  storageClassEncrypted(),
  // encryption in transit
  ...listenerTls(),
  ...ingressTls(),
  ...gatewayListenerTls(),
  ...providerTlsEndpoint(),
  clusterTemplateTls(),
  ...loadbalancerTlsMinVersion(),
  ...loadbalancerTlsStrongCiphers(),
  ...loadbalancerMonitorTls(),
  ...loadbalancerPoolTlsToMembers(),
  ...providerTlsVerify(),
  ...vpnStrongCrypto(),
  // exposure
  ...floatingIpBastionOnly(),
  publicNetworkBastionOnly(),
  clusterNoPublicAddress(),
  ...secgroupNoInternetIngress(),
  ...secgroupNoSensitivePort(),
  secgroupNoWidePortRange(),
  serviceNoPublicLoadBalancer(),
  ...containerNoPublicAcl(),
  ...objectstorageNoTempUrl(),
  ...containerNoSync(),
  ...portSecurityEnabled(),
  ...networkNotSharedWithAllProjects(),
  ...imageNotPublic(),
  ...ovhIpRestrictionsNoInternet(),
  ...shareAccessNotPublic(),
  ...openstackProviderNoCredentials(),
  ...serviceNoNodePort(),
  ...listenerNoSensitivePortFromInternet(),
  // kubernetes workload hardening (kubernetes/pod-rule.ts)
  ...podNoPrivileged(),
  ...podNoPrivilegeEscalation(),
  ...podNoHostNamespaces(),
  ...podNoHostPath(),
  ...podNoHostPorts(),
  ...podRunAsNonRoot(),
  ...podDropAllCapabilities(),
  ...podReadOnlyRootFilesystem(),
  ...podResourceLimits(),
  ...podSeccompProfile(),
  ...podNoServiceAccountToken(),
  ...podImageRegistry(),
  ...podImageImmutable(),
  ...podNoWindowsHostProcess(),
  ...podNoKernelConfinementOverride(),
  ...persistentVolumeNoHostPath(),
  ...podNoSecretEnv(),
  ...podNoGitSyncCommandOverride(),
  ...podNoDefaultServiceAccount(),
  ...noDefaultNamespace(),
  ...ingressNoSnippetAnnotations(),
  ...podNoClusterConsole(),
  ...podHealthProbes(),
  ...podRunAsHighUid(),
  // Kubernetes RBAC (each naming, advisory, what preview could not show)
  ...rbacRoleNoWildcard(),
  ...rbacRoleNoEscalationVerbs(),
  ...rbacBindingNoClusterAdmin(),
  ...rbacBindingNoAnonymousSubjects(),
  ...rbacBindingNoDefaultServiceAccount(),
  ...rbacResearcherSecretsExecOwnWorkspace(),
  ...rbacRoleNoSensitiveRights(),
  ...rbacClusterRoleNoDataRightsAggregatedToView(),
  ...rbacBindingDataRightsOwnNamespace(),
  // Helm releases: their values, and what cannot be judged in them
  helmReleaseNoServiceExposure(),
  helmReleaseNoHostAccess(),
  helmReleaseNoRootOrEscalation(),
  kubernetesManifestsJudged(),
  helmReleaseImageRegistry(),
  helmReleaseValuesJudged(),
  ...helmReleaseChartOverTls(),
  // instances: cloud-init
  ...instanceNoPasswordLogin(),
  ...instanceNoPrivateKeyInUserData(),
  // stack level and production
  workspaceDefaultDeny(),
  ...namespaceWorkloadIsolation(),
  ...networkpolicyNoInternetEgress(),
  ...networkpolicyNoOpenIngress(),
  ...serviceNoTiller(),
  ...workspaceEgressWithinTier(),
  workspaceAuthorisationExpired(),
  workspaceAuthorisationExpiring(),
  ...workspacePodSecurity(),
  workspaceNoExposure(),
  attachedVolumeEncrypted(),
  keyHasConsumer(),
  statefulProtected(),
  containerNoForceDestroy(),
  ownershipLabels(),
  ...pvcEncryptedClass(),
  ...listenerHttpRedirect(),
  ...ovhKubeApiRestricted(),
];

/** Policy metadata by name, for reports and the compliance matrix. */
export const policyMetadata: ReadonlyMap<string, HdhPolicy> = new Map(
  allPolicies.map((p) => [p.name, p]),
);
