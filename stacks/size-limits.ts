/**
 * How long a config value may be: what the API it ends up in accepts, so an oversized value is
 * refused by its key before anything is built rather than by the API at `pulumi up`.
 * Each bound names its source; "budget" marks a bound of ours (no API states one) with its reason;
 * "unverified" marks a source cited from memory and not yet read again.
 */

/** OpenStack names: Nova's API schema gives names, hostnames and ids `maxLength: 255`
 * (openstack/nova nova/api/validation/parameter_types.py, checked); Neutron, Cinder and Glance
 * store names in 255-character columns (not verified against their sources: unverified). Regions, flavors, images, zones, volume types, networks, projects. */
export const openstackNameMax = 255;

/** URLs: senders and recipients should support at least 8000 octets (RFC 9110 §4.1,
 * https://www.rfc-editor.org/rfc/rfc9110#section-4.1); anything longer may be refused. */
export const urlMax = 8000;

/** Container image references: a repository name is at most 255 characters (distribution
 * reference grammar, github.com/distribution/reference `NameTotalLengthMax = 255`; unverified). */
export const registryMax = 255;

/** A kubeconfig is stored as a Kubernetes Secret by the provider's consumers: Secrets are limited
 * to 1 MiB (https://kubernetes.io/docs/concepts/configuration/secret/#restriction-data-size). */
export const kubeconfigMax = 1024 * 1024;

/** The SSH CA key goes into the bastions' cloud-init user data, which Nova limits to 65535 bytes
 * base64-encoded (nova servers schema `user_data` maxLength 65535; unverified): budget, a quarter. */
export const sshPublicKeyMax = 16 * 1024;

/**
 * Free text that lands in a Kubernetes object (the gateway's OIDC client id and claim names are
 * environment values of its Deployment): every object must fit one etcd request, 1.5 MiB by
 * default (https://etcd.io/docs/v3.6/dev-guide/limit/). Budget: 4 KiB each, so the dozen such
 * values of one Deployment stay far below it.
 */
export const objectTextMax = 4096;

/** A 5-field cron expression: budget, far beyond any real one. */
export const cronMax = 256;

/** Security-group rules: Neutron's default quota is 100 rules per project
 * (neutron/conf/quota.py `security_group_rule` default 100; unverified); one admin range, one rule. */
export const adminCidrsMax = 50;

/** Availability zones a bastion spreads over: at most one per bastion (count max 5). */
export const availabilityZonesMax = 5;

/** Regions an operator declares for a generic OpenStack: budget, no cloud has that many. */
export const declaredRegionsMax = 50;

/** Keystone users allowed to read a key (a Barbican ACL): budget for service users. */
export const keyConsumersMax = 100;

/** Closed workspaces kept in the register: budget, ten times the open workspaces' bound. */
export const closedWorkspacesMax = 20_000;

/** An OIDC identity written as an e-mail address: at most 254 characters (RFC 5321 §4.5.3.1.3,
 * a 256-octet path including its angle brackets; unverified). */
export const emailMax = 254;

/** Node pools of one managed cluster: budget, far beyond a research platform's needs. */
export const nodePoolsMax = 50;
