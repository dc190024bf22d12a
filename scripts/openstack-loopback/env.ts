/**
 * What scripts/openstack-loopback.sh writes to `$HDH_OPENSTACK_STATE/env.json` once Keystone,
 * Swift and Barbican answer on 127.0.0.1 and the platform's identities exist: the tests read it
 * (test/openstack/loopback.ts) to reach the real services.
 */

/** A Keystone user of the loopback cloud, with the password the tests log in with. */
export interface LoopbackUser {
  readonly id: string;
  readonly name: string;
  readonly password: string;
  /** Project the user's tokens are scoped to. */
  readonly project: string;
  /** Roles the user holds on that project. */
  readonly roles: readonly string[];
}

/** An application credential created by its user, restricted to `roles`. */
export interface LoopbackAppCredential {
  readonly id: string;
  readonly secret: string;
  /** The user who owns it. */
  readonly user: string;
  readonly roles: readonly string[];
}

export interface LoopbackEnv {
  readonly v: 1;
  readonly keystoneUrl: string;
  readonly swiftUrl: string;
  readonly barbicanUrl: string;
  readonly region: string;
  /** Project name to id. */
  readonly projects: Readonly<Record<string, string>>;
  /** User name to the user. */
  readonly users: Readonly<Record<string, LoopbackUser>>;
  /** Application credential name to the credential. */
  readonly appCredentials: Readonly<Record<string, LoopbackAppCredential>>;
}

/** Where `start` writes the environment. */
export function loopbackEnvPath(env: NodeJS.ProcessEnv = process.env): string {
  return `${env.HDH_OPENSTACK_STATE ?? "/tmp/hdh-openstack-loopback"}/env.json`;
}
