import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ImportGraph } from "../../cli/changed/import-closure";
import { isEuHost } from "../../cli/settings/eu-hosts";
import { backendsOfProject, judgeSettings } from "../../cli/settings/judge-settings";
import { findProject, readStackFile } from "../../cli/settings/project-files";
import {
  judgeSecretsProvider,
  type SecretsProviderInput,
} from "../../cli/settings/secrets-provider";
import { judgeStateBackend } from "../../cli/settings/state-backend";
import { repoRoot } from "./run-cli";

const secrets = (value: string | undefined, extra: Partial<SecretsProviderInput> = {}) =>
  judgeSecretsProvider({
    value,
    hasEncryptionSalt: false,
    backendIsPulumiCloud: false,
    euHosts: [],
    origin: "test",
    ...extra,
  });
const backend = (url: string | undefined, production = true, euHosts: string[] = []) =>
  judgeStateBackend({ url, origin: "test", production, euHosts });

describe("secrets provider", () => {
  it.each([
    ["awskms://alias/hdh?region=eu-west-3", /AWS KMS.*US law/],
    ["azurekeyvault://hdh.vault.azure.net/keys/state", /Azure Key Vault/],
    ["gcpkms://projects/p/locations/europe-west9/keyRings/r/cryptoKeys/k", /Google Cloud KMS/],
    ["default", /Pulumi Cloud/],
    ["service", /Pulumi Cloud/],
    ["rot13://nope", /not a secrets provider hdh knows/],
    ["not a url", /not a secrets provider hdh knows/],
  ])("%s is a mandatory violation, even in an EU region", (value, reason) => {
    const { judgement, finding } = secrets(value);
    expect(judgement.compliant).toBe(false);
    expect(finding?.enforcement).toBe("mandatory");
    expect(finding?.message).toMatch(reason);
    expect(finding?.remediation).toMatch(/passphrase/);
  });

  it("passphrase is fine", () => expect(secrets("passphrase").finding).toBeUndefined());

  it("a Vault on an EU or private host is fine, elsewhere or unknown it is not", () => {
    expect(
      secrets("hashivault://state", { vaultAddress: "https://vault.hdh.example.fr:8200" }).finding,
    ).toBeUndefined();
    expect(
      secrets("hashivault://state", { vaultAddress: "https://10.42.8.5:8200" }).finding,
    ).toBeUndefined();
    expect(
      secrets("hashivault://state", { vaultAddress: "https://vault.example.com" }).finding?.message,
    ).toMatch(/not known to be in the EU/);
    expect(secrets("hashivault://state").finding?.message).toMatch(/VAULT_SERVER_URL/);
    expect(
      secrets("hashivault://state", {
        vaultAddress: "https://vault.example.com",
        euHosts: ["example.com"],
      }).finding,
    ).toBeUndefined();
  });

  it("unset means passphrase on a self-managed backend but Pulumi Cloud's provider on Pulumi Cloud", () => {
    expect(secrets(undefined).finding).toBeUndefined();
    expect(secrets(undefined, { backendIsPulumiCloud: true }).finding?.message).toMatch(
      /Pulumi Cloud/,
    );
    expect(
      secrets(undefined, { backendIsPulumiCloud: true, hasEncryptionSalt: true }).finding,
    ).toBeUndefined();
  });
});

describe("state backend", () => {
  it.each([
    ["https://api.pulumi.com", /US SaaS/],
    ["https://app.pulumi.com", /US SaaS/],
    [undefined, /nothing pins the backend/],
    ["s3://hdh-state?region=eu-west-3", /AWS S3/],
    ["azblob://state", /Azure/],
    ["gs://state", /Google/],
    ["s3://state?endpoint=s3.us-east-va.io.cloud.ovh.us", /OVH US LLC.*under US law/],
    ["https://pulumi.example.com", /not known to be in the EU/],
  ])("%s is a violation, mandatory in production, advisory elsewhere", (url, reason) => {
    expect(backend(url, true).finding?.enforcement).toBe("mandatory");
    expect(backend(url, true).finding?.message).toMatch(reason);
    expect(backend(url, false).finding?.enforcement).toBe("advisory");
  });

  it.each([
    "file://./.pulumi-state",
    "file:///var/lib/pulumi",
    "s3://hdh-state?endpoint=s3.gra.io.cloud.ovh.net&region=gra",
    "s3://hdh-state?endpoint=https://oos.cloudgouv-eu-west-1.outscale.com&region=cloudgouv-eu-west-1",
    "s3://hdh-state?endpoint=minio.internal:9000",
    "https://pulumi.sante.gouv.fr",
  ])("%s is fine", (url) => expect(backend(url).finding).toBeUndefined());

  it("an operator can vouch for a host through euHosts", () => {
    expect(
      backend("s3://b?endpoint=objects.example.net", true, ["example.net"]).finding,
    ).toBeUndefined();
  });
});

describe("EU hosts", () => {
  it("does not take a look-alike suffix for an EU domain", () => {
    expect(isEuHost("s3.gra.io.cloud.ovh.net.attacker.com")).toBe(false);
    expect(isEuHost("evilcloud-temple.com")).toBe(false);
    expect(isEuHost("vault.example.fr")).toBe(true);
    expect(isEuHost("")).toBe(false);
  });
});

describe("project files", () => {
  const root = mkdtempSync(join(tmpdir(), "hdh-project-"));
  mkdirSync(join(root, "stacks"));
  writeFileSync(join(root, "Pulumi.yaml"), "name: demo\nruntime: nodejs\nstackConfigDir: stacks\n");
  writeFileSync(
    join(root, "stacks", "Pulumi.prod.yaml"),
    "# prod\nencryptionsalt: v1:abc\nsecretsprovider: awskms://alias/x?region=eu-west-3\nconfig:\n  hdh:environment: prod\n",
  );
  mkdirSync(join(root, "docs"));
  writeFileSync(
    join(root, "docs", "deploy.md"),
    "Run `pulumi login s3://bucket?endpoint=s3.gra.io.cloud.ovh.net&region=gra` then\n\n    pulumi login https://app.pulumi.com\n",
  );

  it("reads the secrets provider with its line, and the salt", () => {
    const stack = readStackFile(findProject(join(root, "stacks")), "prod");
    expect(stack.secretsProvider).toBe("awskms://alias/x?region=eu-west-3");
    expect(stack.secretsProviderLine).toBe(3);
    expect(stack.hasEncryptionSalt).toBe(true);
  });

  it("a documented `pulumi login <url>` is not what is in force: the current login is judged", () => {
    const home = mkdtempSync(join(tmpdir(), "hdh-logged-out-"));
    const backends = backendsOfProject(findProject(root), { PULUMI_HOME: home });
    expect(backends.map((b) => b.url)).toEqual([undefined]);
    expect(backends[0].origin).toMatch(/no current login/);
  });

  it("PULUMI_BACKEND_URL decides over the files, and Pulumi.yaml's backend.url over the docs", () => {
    const project = findProject(root);
    expect(backendsOfProject(project, { PULUMI_BACKEND_URL: "file://~" })).toEqual([
      { url: "file://~", origin: "environment variable PULUMI_BACKEND_URL" },
    ]);
    expect(
      backendsOfProject(
        { ...project, backendUrl: "https://api.pulumi.com", backendLine: 4 },
        {},
      )[0],
    ).toMatchObject({
      url: "https://api.pulumi.com",
      location: { file: "Pulumi.yaml", line: 4 },
    });
  });

  it("nothing configured or documented means the CLI's default, Pulumi Cloud", () => {
    const bare = mkdtempSync(join(tmpdir(), "hdh-bare-"));
    writeFileSync(join(bare, "Pulumi.yaml"), "name: bare\nruntime: nodejs\n");
    const backends = backendsOfProject(findProject(bare), { PULUMI_HOME: bare });
    expect(backends).toHaveLength(1);
    expect(backends[0].url).toBeUndefined();
    expect(judgeSettings({ backends, production: true, euHosts: [] }).findings[0].message).toMatch(
      /nothing pins the backend/,
    );
  });
});

describe("the CLI's settings layer", () => {
  it("does not load the program's stack-file reader, which finds the project root as it loads", async () => {
    const graph = await ImportGraph.of(repoRoot);
    const loaded = graph.closure([{ file: "cli/settings/project-files.ts" }]);
    expect(loaded.has("stacks/stack-names.ts")).toBe(true);
    expect(loaded.has("stacks/stack-file.ts")).toBe(false);
  });
});
