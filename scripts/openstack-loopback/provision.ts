/**
 * Creates, in the loopback Keystone, what the platform expects of its cloud (called by
 * scripts/openstack-loopback.sh):
 *
 * - `services`: the `service` project and the Swift and Barbican service users (role `service`,
 *   which Keystone's default policy lets validate tokens), and the catalogue's object-store and
 *   key-manager endpoints (public and internal, region RegionOne, http on 127.0.0.1).
 * - `identities`: the platform's projects, roles, users and application credentials (the table
 *   `identities` below), then env.json for the tests.
 *
 * Application credentials are created by their own user (Keystone lets nobody else), each
 * restricted to the roles listed, and never `unrestricted`: they cannot mint other credentials.
 */
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import type { LoopbackAppCredential, LoopbackEnv, LoopbackUser } from "./env";
import { loopbackEnvPath } from "./env";

const env = (key: string): string => {
  const value = process.env[key];
  if (!value) throw new Error(`provision: ${key} is not set (run scripts/openstack-loopback.sh)`);
  return value;
};
const keystoneUrl = env("HDH_KEYSTONE_URL");
const region = "RegionOne";

/** A user of the platform: the project its tokens are scoped to and its roles there. */
interface UserSpec {
  readonly project: string;
  readonly roles: readonly string[];
  /** Application credentials this user creates, each with a subset of its roles. */
  readonly appCredentials?: Readonly<Record<string, readonly string[]>>;
}

/**
 * The platform's identities. `hdh-platform` owns the workspaces' containers (the platform's
 * OpenStack provider), `hdh-audit` the audit trail. Only `deployer` and `audit-deployer` hold
 * Swift's operator role (`swiftoperator`): everyone else gets what container ACLs grant.
 */
const identities: Readonly<Record<string, UserSpec>> = {
  deployer: { project: "hdh-platform", roles: ["swiftoperator", "member"] },
  "audit-deployer": { project: "hdh-audit", roles: ["swiftoperator", "member"] },
  // The credential a workspace holds: the researcher role of its project, nothing else.
  "cardio-workspace": {
    project: "hdh-platform",
    roles: ["hdh-ws-cardio-researcher"],
    appCredentials: { "cardio-workspace": ["hdh-ws-cardio-researcher"] },
  },
  "onco-workspace": {
    project: "hdh-platform",
    roles: ["hdh-ws-onco-researcher"],
    appCredentials: { "onco-workspace": ["hdh-ws-onco-researcher"] },
  },
  // The project owner, who reads approved results from the outbox, outside the workspace.
  alice: { project: "hdh-platform", roles: ["hdh-ws-cardio-researcher", "hdh-ws-cardio-owner"] },
  // Output reviewers; carl also belongs to cardio's own group (the identity provider says so).
  rita: { project: "hdh-platform", roles: ["hdh-airlock-reviewer"] },
  remy: { project: "hdh-platform", roles: ["hdh-airlock-reviewer"] },
  carl: { project: "hdh-platform", roles: ["hdh-airlock-reviewer"] },
  steward: { project: "hdh-platform", roles: ["hdh-data-steward"] },
  mover: {
    project: "hdh-platform",
    roles: ["hdh-airlock-mover"],
    appCredentials: { mover: ["hdh-airlock-mover"] },
  },
  // The audit trail: its writer and its readers. `retention` holds a role no ACL names (the
  // audit container's ACL once did): the tests show it cannot delete. The retention job itself
  // is an application credential of audit-deployer (operator role, access rules), created by the
  // test as components/audit/retention-job.ts creates it.
  sealer: { project: "hdh-audit", roles: ["hdh-audit-writer"] },
  auditor: { project: "hdh-audit", roles: ["hdh-audit-reader"] },
  retention: {
    project: "hdh-audit",
    roles: ["hdh-audit-retention"],
    appCredentials: { retention: ["hdh-audit-retention"] },
  },
  // The workspaces' key custodian: ends a workspace's key at the end of its retention.
  "key-retention": {
    project: "hdh-platform",
    roles: ["member"],
    appCredentials: { "key-retention": ["member"] },
  },
};

async function call(
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown>; token?: string }> {
  const response = await fetch(`${keystoneUrl}${path}`, {
    method,
    headers: {
      "Content-Type": "application/json",
      ...(token ? { "X-Auth-Token": token } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (response.status >= 300) {
    throw new Error(`Keystone ${method} ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
  }
  return { status: response.status, json, token: response.headers.get("x-subject-token") ?? "" };
}

async function passwordToken(user: string, password: string, project: string): Promise<string> {
  const { token } = await call("POST", "/auth/tokens", undefined, {
    auth: {
      identity: {
        methods: ["password"],
        password: { user: { name: user, domain: { id: "default" }, password } },
      },
      scope: { project: { name: project, domain: { id: "default" } } },
    },
  });
  return token!;
}

const idOf = (json: Record<string, unknown>, kind: string): string =>
  (json[kind] as { id: string }).id;

async function ensureRole(admin: string, name: string): Promise<string> {
  const found = await call("GET", `/roles?name=${encodeURIComponent(name)}`, admin);
  const existing = (found.json.roles as { id: string }[])[0];
  if (existing) return existing.id;
  return idOf((await call("POST", "/roles", admin, { role: { name } })).json, "role");
}

async function ensureProject(admin: string, name: string): Promise<string> {
  const found = await call("GET", `/projects?name=${encodeURIComponent(name)}`, admin);
  const existing = (found.json.projects as { id: string }[])[0];
  if (existing) return existing.id;
  const created = await call("POST", "/projects", admin, {
    project: { name, domain_id: "default", description: `hdh loopback: ${name}` },
  });
  return idOf(created.json, "project");
}

async function createUser(admin: string, name: string, password: string): Promise<string> {
  const created = await call("POST", "/users", admin, {
    user: { name, password, domain_id: "default" },
  });
  return idOf(created.json, "user");
}

async function services(admin: string): Promise<void> {
  const project = await ensureProject(admin, "service");
  const serviceRole = await ensureRole(admin, "service");
  const password = env("HDH_SERVICE_PASSWORD");
  for (const name of ["swift", "barbican"]) {
    const user = await createUser(admin, name, password);
    await call("PUT", `/projects/${project}/users/${user}/roles/${serviceRole}`, admin);
  }
  const catalogue = [
    { type: "object-store", name: "swift", url: `${env("HDH_SWIFT_URL")}/v1/AUTH_$(project_id)s` },
    { type: "key-manager", name: "barbican", url: env("HDH_BARBICAN_URL") },
  ];
  for (const entry of catalogue) {
    const created = await call("POST", "/services", admin, {
      service: { type: entry.type, name: entry.name },
    });
    for (const iface of ["public", "internal"]) {
      await call("POST", "/endpoints", admin, {
        endpoint: {
          service_id: idOf(created.json, "service"),
          interface: iface,
          region_id: region,
          url: entry.url,
        },
      });
    }
  }
}

async function platform(admin: string): Promise<LoopbackEnv> {
  const projects: Record<string, string> = {};
  const roleIds = new Map<string, string>();
  const users: Record<string, LoopbackUser> = {};
  const appCredentials: Record<string, LoopbackAppCredential> = {};
  for (const spec of Object.values(identities)) {
    projects[spec.project] ??= await ensureProject(admin, spec.project);
    for (const role of spec.roles) {
      if (!roleIds.has(role)) roleIds.set(role, await ensureRole(admin, role));
    }
  }
  // The cloud administrator: admin of every platform project ("admin rights" in the tests).
  const adminUser = (
    (await call("GET", "/users?name=admin", admin)).json.users as { id: string }[]
  )[0].id;
  const adminRole = await ensureRole(admin, "admin");
  for (const project of Object.values(projects)) {
    await call("PUT", `/projects/${project}/users/${adminUser}/roles/${adminRole}`, admin);
  }
  for (const [name, spec] of Object.entries(identities)) {
    const password = randomBytes(12).toString("hex");
    const id = await createUser(admin, name, password);
    const project = projects[spec.project];
    for (const role of spec.roles) {
      await call("PUT", `/projects/${project}/users/${id}/roles/${roleIds.get(role)}`, admin);
    }
    users[name] = { id, name, password, project: spec.project, roles: spec.roles };
    if (spec.appCredentials) {
      const own = await passwordToken(name, password, spec.project);
      for (const [credential, roles] of Object.entries(spec.appCredentials)) {
        const created = await call("POST", `/users/${id}/application_credentials`, own, {
          application_credential: {
            name: credential,
            roles: roles.map((role) => ({ name: role })),
            unrestricted: false,
          },
        });
        const ac = created.json.application_credential as { id: string; secret: string };
        appCredentials[credential] = { id: ac.id, secret: ac.secret, user: name, roles };
      }
    }
  }
  users.admin = {
    id: adminUser,
    name: "admin",
    password: env("HDH_ADMIN_PASSWORD"),
    project: "admin",
    roles: ["admin"],
  };
  return {
    v: 1,
    keystoneUrl,
    swiftUrl: env("HDH_SWIFT_URL"),
    barbicanUrl: env("HDH_BARBICAN_URL"),
    region,
    projects,
    users,
    appCredentials,
  };
}

async function main(): Promise<void> {
  const admin = await passwordToken("admin", env("HDH_ADMIN_PASSWORD"), "admin");
  const phase = process.argv[2];
  if (phase === "services") await services(admin);
  else if (phase === "identities") {
    const loopback = await platform(admin);
    writeFileSync(loopbackEnvPath(), `${JSON.stringify(loopback, null, 2)}\n`, { mode: 0o600 });
  } else throw new Error(`provision: unknown phase "${phase}" (services|identities)`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
