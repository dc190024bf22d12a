/**
 * `hdh policy-config` declares the endpoints a stack itself names as trusted EU endpoints, so the
 * endpoint-operator rule judges our own stacks against what their operator declared: a generic
 * OpenStack's Keystone, an existing cluster's API server. An OVHcloud stack declares nothing: its
 * hosts are in the catalogue.
 */
import { describe, expect, it } from "vitest";
import { policySettingsFor } from "../../stacks/policy-settings";
import { onMagnumOpenStack } from "./magnum-cloud";
import { parsePlatformConfig } from "../../stacks/config";
import { rawStack, today } from "../components/plan-helpers";

/** The kubeconfig is a secret, as `pulumi config set --secret` stores it. */
const settingsOf = (raw: Record<string, unknown>) =>
  policySettingsFor(
    parsePlatformConfig(raw, { stack: "dev", today, securePaths: [["cluster", "kubeconfig"]] }),
  );

describe("trusted EU endpoints from the stack's own configuration", () => {
  it("an OVHcloud stack declares none", () => {
    expect(settingsOf(rawStack("dev")).trustedEuEndpoints).toEqual([]);
  });

  it("a generic OpenStack declares its Keystone host, under its primary region's country", () => {
    expect(settingsOf(onMagnumOpenStack(rawStack("dev"))).trustedEuEndpoints).toEqual([
      expect.objectContaining({
        host: "keystone.private-cloud.example.fr",
        jurisdiction: "FR",
        reason: expect.stringContaining("hdh:cloud.authUrl"),
      }),
    ]);
  });

  it("an existing cluster declares its API server's host", () => {
    const raw = rawStack("dev");
    raw.cluster = {
      mode: "existing",
      kubeconfig: "apiVersion: v1\nkind: Config\n",
      apiEndpoint: "https://k8s.internal.example.fr:6443",
    };
    expect(settingsOf(raw).trustedEuEndpoints).toEqual([
      expect.objectContaining({
        host: "k8s.internal.example.fr",
        reason: expect.stringContaining("hdh:cluster.apiEndpoint"),
      }),
    ]);
  });
});
