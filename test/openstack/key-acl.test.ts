/**
 * Who can read and delete a key on the real Barbican (scripts/openstack-loopback.sh), as
 * components/kms/managed-key.ts deploys it: an AES-256 key from an order, then the secret's own
 * ACL set by the code the Pulumi resource runs (components/kms/secret-acl.ts: `applySecretAcl`,
 * and the provider text stored in the state, loaded as the engine's dynamic-provider host loads
 * it), logged in with the deployment's OS_* environment.
 *
 * Barbican 15's default policies (barbican/common/policies/secrets.py, acls.py) let any `member`
 * of the project read and delete a secret while its project access is on; a container's ACL does
 * not reach its secrets. Both are shown first, so the cases after them fail if the ACL is not
 * applied to the secret itself.
 */
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { keySpec } from "../../components/kms/managed-key";
import {
  applySecretAcl,
  secretAclProviderSource,
  type SecretAclInputs,
} from "../../components/kms/secret-acl";
import {
  appCredentialToken,
  http,
  reachLoopback,
  skipReason,
  userToken,
  type LoopbackEnv,
} from "./loopback";

const cloud = reachLoopback();

/** What the stored provider records: its inputs and the ACL as set or read back. */
type AclOuts = SecretAclInputs & { users: string[]; deployerId: string; projectAccess: boolean };

interface AclProvider {
  create(inputs: SecretAclInputs): Promise<{ id: string; outs: AclOuts }>;
  read(id: string, props: AclOuts): Promise<{ id: string; props: AclOuts }>;
  diff(id: string, olds: AclOuts, news: SecretAclInputs): Promise<{ changes: boolean }>;
  update(id: string, olds: AclOuts, news: SecretAclInputs): Promise<{ outs: AclOuts }>;
  delete(id: string, props: SecretAclInputs): Promise<void>;
}

/** The provider as the engine's host gets it: `require` the stored text, call `handler()`. */
function providerFromState(): AclProvider {
  const module = { exports: {} as { handler?: () => AclProvider } };
  // It must need no module: the host's `require` is not the program's.
  const noRequire = (name: string) => {
    throw new Error(`the stored provider requires ${name}`);
  };
  new Function("exports", "module", "require", secretAclProviderSource)(
    module.exports,
    module,
    noRequire,
  );
  return module.exports.handler!();
}

/** Runs `action` with the deployment's OS_* variables in process.env, as `pulumi up` would. */
async function withDeploymentEnv<T>(env: Record<string, string>, action: () => Promise<T>) {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await action();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe.skipIf(!cloud)(
  `key-manager ACLs on the real Barbican${cloud ? "" : ` (${skipReason})`}`,
  () => {
    const c = cloud as LoopbackEnv;
    const tokens: Record<string, string> = {};
    /** The deployment's environment, as the OpenStack provider and SecretAcl read it. */
    let deployerEnv: Record<string, string>;
    /** An application credential of the deploying user without `member` (the sealer's shape). */
    let deployerCredential: { id: string; secret: string };

    const barbican = (who: string, method: string, path: string, body?: unknown) =>
      http(
        method,
        path.startsWith("http") ? path : `${c.barbicanUrl}/v1${path}`,
        {
          "X-Auth-Token": tokens[who],
          "Content-Type": "application/json",
          Accept: "application/json",
        },
        body === undefined ? undefined : JSON.stringify(body),
      );
    const payload = (who: string, secretRef: string) =>
      http("GET", `${secretRef}/payload`, {
        "X-Auth-Token": tokens[who],
        Accept: "application/octet-stream",
      });
    const statuses = async (secretRef: string, who: readonly string[]) =>
      Object.fromEntries(
        await Promise.all(who.map(async (w) => [w, (await payload(w, secretRef)).status])),
      );

    /** A key ordered as ManagedKey orders it (keySpec), by the deployment. */
    async function orderKey(name: string): Promise<string> {
      const order = await barbican("deployer", "POST", "/orders", {
        type: "key",
        meta: {
          name,
          algorithm: keySpec.algorithm,
          bit_length: keySpec.bitLength,
          mode: keySpec.mode,
          payload_content_type: "application/octet-stream",
        },
      });
      expect(order.status).toBe(202);
      const orderRef = (JSON.parse(order.body.toString()) as { order_ref: string }).order_ref;
      const done = JSON.parse((await barbican("deployer", "GET", orderRef)).body.toString()) as {
        status: string;
        secret_ref?: string;
      };
      expect(done.status).toBe("ACTIVE");
      return done.secret_ref!;
    }

    beforeAll(async () => {
      // deployer: member of the platform project (creates the keys); key-retention: another
      // member; alice: a researcher; rita: a reviewer; sealer: a user of another project.
      for (const user of ["deployer", "key-retention", "alice", "rita", "sealer"]) {
        tokens[user] = await userToken(c, user);
      }
      tokens.admin = await userToken(c, "admin", "hdh-platform");
      tokens.workspace = await appCredentialToken(c, c.appCredentials["cardio-workspace"]);
      deployerEnv = {
        OS_USERNAME: c.users.deployer.name,
        OS_PASSWORD: c.users.deployer.password,
        OS_USER_DOMAIN_NAME: "Default",
        OS_PROJECT_NAME: "hdh-platform",
        OS_PROJECT_DOMAIN_NAME: "Default",
      };
      const created = await http(
        "POST",
        `${c.keystoneUrl}/users/${c.users.deployer.id}/application_credentials`,
        { "X-Auth-Token": tokens.deployer, "Content-Type": "application/json" },
        JSON.stringify({
          application_credential: {
            name: `hdh-key-acl-${randomBytes(3).toString("hex")}`,
            roles: [{ name: "swiftoperator" }],
            unrestricted: false,
          },
        }),
      );
      expect(created.status).toBe(201);
      deployerCredential = (
        JSON.parse(created.body.toString()) as {
          application_credential: { id: string; secret: string };
        }
      ).application_credential;
      tokens["deployer-credential"] = await appCredentialToken(c, deployerCredential);
    });

    it("without its own ACL, any member of the project reads and deletes the key, whatever its container's ACL says", async () => {
      const secretRef = await orderKey("hdh-ws-default-policy");
      // The container ManagedKey also creates, private: Barbican does not apply it to the secret.
      const container = await barbican("deployer", "POST", "/containers", {
        type: "generic",
        name: "hdh-ws-default-policy rotation=P90D",
        secret_refs: [{ name: "key", secret_ref: secretRef }],
      });
      expect(container.status).toBe(201);
      const containerRef = (JSON.parse(container.body.toString()) as { container_ref: string })
        .container_ref;
      const containerAcl = await barbican("deployer", "PUT", `${containerRef}/acl`, {
        read: { users: [], "project-access": false },
      });
      expect(containerAcl.status).toBe(200);
      expect((await payload("key-retention", secretRef)).status).toBe(200);
      expect((await barbican("key-retention", "DELETE", secretRef)).status).toBe(204);
    });

    it("with the secret's ACL set as SecretAcl sets it, only the deployer, its consumers and project admins read it", async () => {
      const secretRef = await orderKey("hdh-ws-cardio");
      const applied = await applySecretAcl(
        {
          secretRef,
          readers: [c.users.sealer.id],
          includeDeployer: false,
          authUrl: c.keystoneUrl,
          projectName: "hdh-platform",
        },
        deployerEnv,
      );
      expect(applied).toEqual({ users: [c.users.sealer.id], deployerId: c.users.deployer.id });
      const acl = JSON.parse(
        (await barbican("deployer", "GET", `${secretRef}/acl`)).body.toString(),
      );
      expect(acl.read).toMatchObject({ "project-access": false, users: [c.users.sealer.id] });

      expect(
        await statuses(secretRef, [
          "deployer",
          "sealer",
          "admin",
          "key-retention",
          "alice",
          "rita",
          "workspace",
          "deployer-credential",
        ]),
      ).toEqual({
        deployer: 200, // the creator, with member
        sealer: 200, // the consumer named in the ACL, from another project, with no Barbican role
        admin: 200, // a project admin: what no ACL restricts (docs/audit.md)
        "key-retention": 403, // another member of the project
        alice: 403,
        rita: 403,
        workspace: 403, // the workspace's application credential
        "deployer-credential": 403, // the deployer's own credential without member: not named
      });
      // Neither another member nor the consumer can delete the key or widen its ACL.
      for (const who of ["key-retention", "sealer"]) {
        expect({ who, status: (await barbican(who, "DELETE", secretRef)).status }).toEqual({
          who,
          status: 403,
        });
        const widen = await barbican(who, "PUT", `${secretRef}/acl`, {
          read: { users: [c.users[who].id], "project-access": true },
        });
        expect({ who, status: widen.status }).toEqual({ who, status: 403 });
      }
      expect((await payload("key-retention", secretRef)).status).toBe(403);
    });

    it("includeDeployer lets the deployer's application credentials read without the member role (the audit sealer's case)", async () => {
      const secretRef = await orderKey("hdh-loop-audit");
      await applySecretAcl(
        {
          secretRef,
          readers: [],
          includeDeployer: true,
          authUrl: c.keystoneUrl,
          projectName: "hdh-platform",
        },
        // Logged in with an application credential, as a CI deployment would be.
        {
          OS_APPLICATION_CREDENTIAL_ID: deployerCredential.id,
          OS_APPLICATION_CREDENTIAL_SECRET: deployerCredential.secret,
        },
      ).then(
        () => {
          throw new Error("a credential without member set the ACL");
        },
        (error: Error) => expect(error.message).toMatch(/HTTP 403/),
      );
      const applied = await applySecretAcl(
        {
          secretRef,
          readers: [],
          includeDeployer: true,
          authUrl: c.keystoneUrl,
          projectName: "hdh-platform",
        },
        deployerEnv,
      );
      expect(applied.users).toEqual([c.users.deployer.id]);
      expect(await statuses(secretRef, ["deployer-credential", "key-retention"])).toEqual({
        "deployer-credential": 200,
        "key-retention": 403,
      });
    });

    /** A SecretAcl whose only reader is the sealer, applied by the deployer in hdh-platform. */
    const sealerOnlyAcl = (secretRef: string): SecretAclInputs => ({
      secretRef,
      readers: [c.users.sealer.id],
      includeDeployer: false,
      authUrl: c.keystoneUrl,
      projectName: "hdh-platform",
    });

    it("the provider stored in the state creates the ACL; deleting it clears the readers and keeps the key private; crypto-shredding then leaves nothing to read", async () => {
      const secretRef = await orderKey("hdh-ws-closing");
      const inputs = sealerOnlyAcl(secretRef);
      const provider = providerFromState();
      const created = await withDeploymentEnv(deployerEnv, () => provider.create(inputs));
      expect(created.id).toBe(`${secretRef}/acl`);
      expect(created.outs.users).toEqual([c.users.sealer.id]);
      expect(await statuses(secretRef, ["sealer", "key-retention"])).toEqual({
        sealer: 200,
        "key-retention": 403,
      });
      await withDeploymentEnv(deployerEnv, () => provider.delete(created.id, inputs));
      expect(await statuses(secretRef, ["sealer", "key-retention", "deployer"])).toEqual({
        sealer: 403,
        "key-retention": 403,
        deployer: 200,
      });
      expect((await barbican("deployer", "DELETE", secretRef)).status).toBe(204);
      expect(await statuses(secretRef, ["deployer", "admin"])).toEqual({
        deployer: 404,
        admin: 404,
      });
      // A later delete of the resource finds no secret: done, not an error.
      await expect(
        withDeploymentEnv(deployerEnv, () => provider.delete(created.id, inputs)),
      ).resolves.toBeUndefined();
    });

    it("pulumi refresh sees a hand-made widening of the ACL: read reports it, diff plans the update that takes it back", async () => {
      const secretRef = await orderKey("hdh-ws-drift");
      const inputs = sealerOnlyAcl(secretRef);
      const provider = providerFromState();
      const inDeployment = <T>(action: () => Promise<T>) => withDeploymentEnv(deployerEnv, action);
      const created = await inDeployment(() => provider.create(inputs));
      // Untouched: a refresh reads back exactly what was set, and nothing is planned.
      const fresh = await inDeployment(() => provider.read(created.id, created.outs));
      expect(fresh.id).toBe(created.id);
      expect(fresh.props).toMatchObject({ users: [c.users.sealer.id], projectAccess: false });
      expect((await provider.diff(created.id, fresh.props, inputs)).changes).toBe(false);

      // By hand, as the key's creator may: a researcher named a reader, and project access on.
      const widened = await barbican("deployer", "PUT", `${secretRef}/acl`, {
        read: { users: [c.users.sealer.id, c.users.alice.id], "project-access": true },
      });
      expect(widened.status).toBe(200);
      // Both widenings are real: the researcher reads it, and so does any member of the project.
      expect(await statuses(secretRef, ["alice", "key-retention"])).toEqual({
        alice: 200,
        "key-retention": 200,
      });
      const drifted = await inDeployment(() => provider.read(created.id, fresh.props));
      expect(drifted.props.users).toEqual([c.users.sealer.id, c.users.alice.id].sort());
      expect(drifted.props.projectAccess).toBe(true);
      expect((await provider.diff(created.id, drifted.props, inputs)).changes).toBe(true);

      // Each widening alone is seen too.
      const onlyReader = await barbican("deployer", "PUT", `${secretRef}/acl`, {
        read: { users: [c.users.sealer.id, c.users["key-retention"].id], "project-access": false },
      });
      expect(onlyReader.status).toBe(200);
      const readerAdded = await inDeployment(() => provider.read(created.id, fresh.props));
      expect(readerAdded.props.projectAccess).toBe(false);
      expect((await provider.diff(created.id, readerAdded.props, inputs)).changes).toBe(true);
      // Removing every ACL entry (DELETE <secret>/acl) falls back to Barbican's default: the
      // whole project reads the key.
      expect((await barbican("deployer", "DELETE", `${secretRef}/acl`)).status).toBe(200);
      const aclRemoved = await inDeployment(() => provider.read(created.id, fresh.props));
      expect(aclRemoved.props).toMatchObject({ users: [], projectAccess: true });
      expect((await provider.diff(created.id, aclRemoved.props, inputs)).changes).toBe(true);

      // The update `pulumi up` then runs puts the declared ACL back.
      const restored = await inDeployment(() =>
        provider.update(created.id, aclRemoved.props, inputs),
      );
      expect(restored.outs).toMatchObject({ users: [c.users.sealer.id], projectAccess: false });
      const again = await inDeployment(() => provider.read(created.id, restored.outs));
      expect((await provider.diff(created.id, again.props, inputs)).changes).toBe(false);
      expect(await statuses(secretRef, ["sealer", "alice", "key-retention"])).toEqual({
        sealer: 200,
        alice: 403,
        "key-retention": 403,
      });

      // A secret deleted by hand leaves no ACL: the refresh drops the resource (blank id).
      expect((await barbican("deployer", "DELETE", secretRef)).status).toBe(204);
      const gone = await inDeployment(() => provider.read(created.id, again.props));
      expect(gone.id).toBe("");
    });
  },
);
