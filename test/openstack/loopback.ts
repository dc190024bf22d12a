/**
 * The real Keystone, Swift and Barbican that scripts/openstack-loopback.sh starts on 127.0.0.1,
 * as the tests reach them. `reachLoopback()` is undefined when they are not running: the suites
 * that need them then skip, named as such in the report, and never pass. With
 * HDH_REQUIRE_OPENSTACK=1 (set by `npm run test:openstack` and .ci/run) a missing cloud fails.
 */
import { inject } from "vitest";
import type { LoopbackEnv } from "../../scripts/openstack-loopback/env";
import { skipReason } from "./probe";

export type { LoopbackEnv };

export { skipReason };

declare module "vitest" {
  export interface ProvidedContext {
    /** The loopback cloud, or null when it is not running (test/global-setup.ts). */
    openstackLoopback: LoopbackEnv | null;
  }
}

/** The cloud the global setup found, in a test file; undefined when none is running. */
export function reachLoopback(): LoopbackEnv | undefined {
  return inject("openstackLoopback") ?? undefined;
}

export interface HttpResult {
  readonly status: number;
  readonly body: Buffer;
  readonly headers: Headers;
}

/** One request; the body is read whole (the services close every connection). */
export async function http(
  method: string,
  url: string,
  headers: Record<string, string> = {},
  body?: Buffer | string,
): Promise<HttpResult> {
  const response = await fetch(url, { method, headers, body });
  return {
    status: response.status,
    body: Buffer.from(await response.arrayBuffer()),
    headers: response.headers,
  };
}

/** A project-scoped token of `user` (password login), with the roles it holds there. */
export async function userToken(
  cloud: LoopbackEnv,
  user: string,
  project?: string,
): Promise<string> {
  const u = cloud.users[user];
  if (!u) throw new Error(`no user ${user} in the loopback cloud`);
  return token(cloud, {
    identity: {
      methods: ["password"],
      password: { user: { id: u.id, password: u.password } },
    },
    scope: { project: { name: project ?? u.project, domain: { id: "default" } } },
  });
}

/** A token from an application credential (its project and roles are the credential's). */
export async function appCredentialToken(
  cloud: LoopbackEnv,
  credential: { id: string; secret: string },
): Promise<string> {
  return token(cloud, {
    identity: {
      methods: ["application_credential"],
      application_credential: { id: credential.id, secret: credential.secret },
    },
  });
}

async function token(cloud: LoopbackEnv, auth: unknown): Promise<string> {
  const r = await http(
    "POST",
    `${cloud.keystoneUrl}/auth/tokens`,
    { "Content-Type": "application/json" },
    JSON.stringify({ auth }),
  );
  const value = r.headers.get("x-subject-token");
  if (r.status !== 201 || !value) {
    throw new Error(`Keystone refused the login: HTTP ${r.status} ${r.body.toString()}`);
  }
  return value;
}

/** The Swift account URL of a project (keystoneauth's AUTH_<project id>). */
export function accountUrl(cloud: LoopbackEnv, project: string): string {
  const id = cloud.projects[project];
  if (!id) throw new Error(`no project ${project} in the loopback cloud`);
  return `${cloud.swiftUrl}/v1/AUTH_${id}`;
}

/** `<project id>:<user id>`: the one ACL grant form Swift's keystoneauth accepts across projects. */
export function userGrant(cloud: LoopbackEnv, user: string): string {
  const u = cloud.users[user];
  return `${cloud.projects[u.project]}:${u.id}`;
}
