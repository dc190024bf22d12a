/**
 * Image digests are stack config (`hdh:images`): what the registry team writes there is what every
 * pod pulls, and a config without an image keeps the component's pin (a placeholder digest).
 */
import { describe, expect, it } from "vitest";
import { imageKeys } from "../../stacks/image-pins";
import { ConfigError } from "../../stacks/config";
import { parseStack, planRaw, rawStack, type RawConfig } from "../components/plan-helpers";

function problemsOfRaw(stack: string, raw: RawConfig): string[] {
  try {
    parseStack(stack, raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => `${ConfigError.key(p.path)}: ${p.message}`);
  }
  throw new Error("configuration was accepted, expected it to be refused");
}

const filled = (n: number) => "sha256:" + n.toString(16).padStart(2, "0").repeat(32);

/** Every image reference of every pod template (Deployments, StatefulSets, CronJobs, DaemonSets). */
function imagesOf(resources: readonly { inputs: Record<string, unknown> }[]): string[] {
  const found: string[] = [];
  const walk = (value: unknown, key?: string): void => {
    if (typeof value === "string" && key === "image") found.push(value);
    else if (Array.isArray(value)) value.forEach((v) => walk(v));
    else if (value !== null && typeof value === "object")
      for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  resources.forEach((r) => walk(r.inputs));
  return found;
}

describe("hdh:images", () => {
  it("every digest the stack file gives is the one its pods pull, with no other digest left", async () => {
    const raw = rawStack("prod");
    imageKeys.forEach((key, index) => (raw.images[key].digest = filled(index + 1)));
    const { resources } = await planRaw("prod", raw);
    const pulled = imagesOf(resources);
    expect(pulled.length).toBeGreaterThan(0);
    const digests = new Set(pulled.map((image) => image.split("@")[1]));
    // Every configured image is pulled, by its configured digest, and no default digest is left.
    expect([...digests].sort()).toEqual(imageKeys.map((_, index) => filled(index + 1)).sort());
    expect(
      pulled.every((image) => image.startsWith("registry.hdh-sovereign.example.fr/hdh/")),
    ).toBe(true);
    // The workspaces' tools pull what their keys say.
    expect(pulled).toContain(
      `registry.hdh-sovereign.example.fr/hdh/jupyter/scipy-notebook@${filled(imageKeys.indexOf("jupyter") + 1)}`,
    );
  });

  it("a repository given in config replaces the component's", () => {
    const raw = rawStack("dev");
    raw.images.rstudio = { repository: "mirrors/rocker-rstudio", tag: "4.4.2", digest: filled(7) };
    const config = parseStack("dev", raw);
    expect(config.images.workspace.rstudio).toMatchObject({
      repository: "mirrors/rocker-rstudio",
      tag: "4.4.2",
      digest: filled(7),
      port: 8787,
    });
  });

  it('a tag of "latest", a digest that is not sha256 and an unknown image are refused by key', () => {
    const raw = rawStack("dev");
    raw.images.jupyter.tag = "latest";
    raw.images.guacd.digest = "sha256:abc";
    raw.images.grafana = { tag: "11.0.0", digest: filled(1) };
    const problems = problemsOfRaw("dev", raw);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^hdh:images\.jupyter\.tag: name the mirrored version, never "latest"/,
        ),
        expect.stringMatching(
          /^hdh:images\.guacd\.digest: expected "sha256:" and 64 lower-case hex/,
        ),
        expect.stringMatching(/^hdh:images: unknown key "grafana"/),
      ]),
    );
  });
});
