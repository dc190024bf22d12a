/**
 * The gateway's configuration (hdh:gateway), the policy settings it implies, and the
 * component's refusal of bad arguments before anything is registered.
 */
import * as k8s from "@pulumi/kubernetes";
import * as openstack from "@pulumi/openstack";
import { describe, expect, it } from "vitest";
import { renderConnectionsSql } from "../../../components/gateway/connections";
import { edgeComponentType } from "../../../components/gateway/edge";
import { ResearchGateway } from "../../../components/gateway/gateway";
import { ConfigError } from "../../../stacks/config";
import { policySettingsFor } from "../../../stacks/policy-settings";
import { baselineCount, failingRun, parseStack, rawStack, type RawConfig } from "../plan-helpers";
import { gatewayArgs, tierWorkspaces, type GatewayOverrides } from "./fixtures";

function problemsOf(change: (raw: RawConfig) => void, stack = "dev"): string[] {
  const raw = rawStack(stack);
  change(raw);
  try {
    parseStack(stack, raw);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((p) => `${ConfigError.key(p.path)}: ${p.message}`);
  }
}

describe("hdh:gateway configuration", () => {
  it("both reference stacks declare a gateway with named researcher networks and no internet opt-out", () => {
    for (const stack of ["dev", "prod"]) {
      const config = parseStack(stack);
      expect(config.gateway?.researcherCidrs.length, stack).toBeGreaterThan(0);
      expect(config.gateway?.allowInternetResearchers, stack).toBe(false);
      expect(config.gateway?.sessionRecording, stack).toBe(true);
    }
  });

  it("researchers open to the whole internet (0.0.0.0/0) are refused, naming the opt-out", () => {
    const problems = problemsOf((raw) => (raw.gateway.researcherCidrs = ["0.0.0.0/0"]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^hdh:gateway\.researcherCidrs\[0\]: .*whole internet.*allowInternetResearchers: true/,
    );
  });

  it("no researcher network and no opt-out is refused: secure by default", () => {
    const problems = problemsOf((raw) => delete raw.gateway.researcherCidrs);
    expect(problems).toEqual([
      expect.stringMatching(/^hdh:gateway\.researcherCidrs: name the researchers' networks/),
    ]);
  });

  it("the explicit opt-out is accepted, and only then is 443 a named public port of a bastion", () => {
    expect(policySettingsFor(parseStack("dev")).bastionPublicPorts).toEqual([]);
    const raw = rawStack("dev");
    raw.gateway.allowInternetResearchers = true;
    raw.gateway.researcherCidrs = [];
    const settings = policySettingsFor(parseStack("dev", raw));
    expect(settings.bastionPublicPorts).toEqual([443]);
    expect(settings.bastionComponentTypes).toContain(edgeComponentType);
  });

  it("a certificate that is not a Barbican container reference is refused", () => {
    const problems = problemsOf((raw) => (raw.gateway.certificateRef = "gateway.pem"));
    expect(problems).toEqual([
      expect.stringMatching(/^hdh:gateway\.certificateRef: .*v1\/containers/),
    ]);
  });

  it("a plain-http identity provider is refused", () => {
    const problems = problemsOf(
      (raw) => (raw.gateway.oidc.jwksEndpoint = "http://sso.example.fr/certs"),
    );
    expect(problems).toEqual([expect.stringMatching(/^hdh:gateway\.oidc\.jwksEndpoint: .*https/)]);
  });

  it("a misspelt key is refused, not ignored", () => {
    const problems = problemsOf((raw) => (raw.gateway.allowInternet = true));
    expect(problems[0]).toMatch(/^hdh:gateway: unknown key "allowInternet"/);
  });

  it("without a gateway section the stack plans no gateway and no workspace ingress", () => {
    const raw = rawStack("dev");
    delete raw.gateway;
    expect(parseStack("dev", raw).gateway).toBeUndefined();
    expect(policySettingsFor(parseStack("dev", raw)).bastionPublicPorts).toBeUndefined();
  });
});

describe("ResearchGateway refuses bad arguments and registers nothing", () => {
  const cases: { what: string; overrides: GatewayOverrides; path: RegExp }[] = [
    {
      what: "no researcher network without the opt-out",
      overrides: { researcherCidrs: [] },
      path: /researcherCidrs: name/,
    },
    {
      what: "a researcher range wider than /16",
      overrides: { researcherCidrs: ["100.0.0.0/8"] },
      path: /researcherCidrs\[0\]/,
    },
    {
      what: "a certificate that is not a Barbican container",
      overrides: { certificateRef: "https://x.fr/cert.pem" },
      path: /certificateRef/,
    },
    {
      what: "a hostname that is not a DNS name",
      overrides: { hostname: "https://gw" },
      path: /hostname/,
    },
    {
      what: "an image pinned by tag",
      overrides: {
        images: {
          ...gatewayArgsImages(),
          guacd: { repository: "guacamole/guacd", tag: "latest", digest: "1.6.0" },
        },
      },
      path: /images\.guacd\.digest/,
    },
  ];
  it.each(cases)("$what", async ({ overrides, path }) => {
    const baseline = await baselineCount("test");
    const { error, registered } = await failingRun("test", () => {
      new ResearchGateway("gw", {
        ...gatewayArgs(tierWorkspaces, overrides),
        kubernetesProvider: new k8s.Provider("cluster", { kubeconfig: "mock" }),
        openstackProvider: new openstack.Provider("gra11", { region: "GRA11" }),
      });
    });
    expect(String(error)).toMatch(path);
    // The two providers are registered before the component refuses; nothing of the gateway.
    expect(registered).toBeLessThanOrEqual(baseline + 2);
  });
});

function gatewayArgsImages() {
  return {
    guacamole: {
      repository: "guacamole/guacamole",
      tag: "1.6.0",
      digest: `sha256:${"a".repeat(64)}`,
    },
    guacd: { repository: "guacamole/guacd", tag: "1.6.0", digest: `sha256:${"b".repeat(64)}` },
    database: { repository: "library/postgres", tag: "16", digest: `sha256:${"c".repeat(64)}` },
    kiosk: { repository: "hdh/kiosk-browser", tag: "0.1.0", digest: `sha256:${"d".repeat(64)}` },
  };
}

describe("the connections SQL", () => {
  const sql = renderConnectionsSql([]);
  it("removes Guacamole's default admin account (known password) on every pass", () => {
    expect(sql).toContain(
      "DELETE FROM guacamole_entity WHERE type = 'USER' AND name = 'guacadmin';",
    );
  });
  it("starts by deleting every platform-managed connection, so a closed workspace keeps none", () => {
    expect(sql).toContain(
      "DELETE FROM guacamole_connection WHERE connection_name LIKE 'hdh-ws-%';",
    );
    expect(sql).not.toContain("INSERT INTO guacamole_connection ");
  });
  it("doubles quotes in values rather than letting them end the literal", () => {
    const rendered = renderConnectionsSql([
      {
        name: "hdh-ws-x",
        projectId: "x",
        ownerGroup: "o'brien",
        protocol: "vnc",
        maxConnections: 1,
        parameters: { hostname: "a'b" },
      },
    ]);
    expect(rendered).toContain("'o''brien'");
    expect(rendered).toContain("'a''b'");
  });
});
