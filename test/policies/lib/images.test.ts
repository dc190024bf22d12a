/**
 * Image references read the way container runtimes resolve them: which registry an image is
 * pulled from (the EU-registry rule), its tag and whether it is pinned by a content digest (the
 * immutable-reference rule).
 */
import { describe, expect, it } from "vitest";
import { fromAllowedRegistry, hasDigest, parseImage } from "../../../policies/lib/images";

const hex = "a".repeat(64);

describe("parseImage", () => {
  it("a bare name is on Docker Hub, without a tag", () => {
    expect(parseImage("nginx")).toMatchObject({
      host: "docker.io",
      hostExplicit: false,
      path: "nginx",
      tag: undefined,
      digest: undefined,
    });
  });

  it("a first component without '.', ':' or 'localhost' is a Docker Hub namespace, not a host", () => {
    expect(parseImage("library/nginx:1.25")).toMatchObject({
      host: "docker.io",
      hostExplicit: false,
      path: "library/nginx",
      tag: "1.25",
    });
  });

  it("a registry host with a path, tag and digest", () => {
    expect(parseImage(`Registry.Example.fr/hdh/jupyter:4.1.0@sha256:${hex}`)).toEqual({
      text: `Registry.Example.fr/hdh/jupyter:4.1.0@sha256:${hex}`,
      host: "registry.example.fr",
      hostExplicit: true,
      path: "hdh/jupyter",
      tag: "4.1.0",
      digest: `sha256:${hex}`,
    });
  });

  it("a port makes the first component a host; the port's colon is no tag", () => {
    expect(parseImage("registry.example.fr:5000/hdh/app")).toMatchObject({
      host: "registry.example.fr:5000",
      path: "hdh/app",
      tag: undefined,
    });
    expect(parseImage("mirror:5000/app:2")).toMatchObject({
      host: "mirror:5000",
      hostExplicit: true,
      path: "app",
      tag: "2",
    });
  });

  it("localhost is a host", () => {
    expect(parseImage("localhost/app:1")).toMatchObject({
      host: "localhost",
      hostExplicit: true,
      path: "app",
    });
  });

  it("a digest without a tag leaves the tag unset", () => {
    expect(parseImage(`nginx@sha256:${hex}`)).toMatchObject({
      path: "nginx",
      tag: undefined,
      digest: `sha256:${hex}`,
    });
  });

  it("surrounding spaces are not part of the host or the tag", () => {
    expect(parseImage("  registry.example.fr/app:1.0 ")).toMatchObject({
      text: "registry.example.fr/app:1.0",
      host: "registry.example.fr",
      tag: "1.0",
    });
  });
});

describe("hasDigest", () => {
  it("a tag alone or no reference suffix is not a digest", () => {
    expect(hasDigest(parseImage("registry.example.fr/app:1.0"))).toBe(false);
    expect(hasDigest(parseImage("nginx"))).toBe(false);
  });

  it("sha256 and multi-part algorithms with a hex content digest are digests", () => {
    expect(hasDigest(parseImage(`app@sha256:${hex}`))).toBe(true);
    expect(hasDigest(parseImage(`app@multihash+base58:${hex}`))).toBe(true);
  });

  it("a digest that is not algorithm:hex from start to end is not a pin", () => {
    expect(hasDigest(parseImage("app@sha256:"))).toBe(false);
    expect(hasDigest(parseImage("app@sha256:abc123"))).toBe(false);
    expect(hasDigest(parseImage(`app@v1:sha256:${hex}`))).toBe(false);
    expect(hasDigest(parseImage(`app@sha256:${hex}-dirty`))).toBe(false);
    expect(hasDigest(parseImage(`app@SHA256:${hex}`))).toBe(false);
  });
});

describe("fromAllowedRegistry", () => {
  const allowed = (image: string, registries: string[]) =>
    fromAllowedRegistry(parseImage(image), registries);

  it("a host entry allows every path on that host only", () => {
    expect(allowed("registry.example.fr/any/app:1", ["registry.example.fr"])).toBe(true);
    expect(allowed("registry.example.com/any/app:1", ["registry.example.fr"])).toBe(false);
    expect(allowed("nginx:1.25", ["registry.example.fr"])).toBe(false);
  });

  it("a wildcard entry allows sub-domains", () => {
    expect(allowed("gra.registry.ovh.net/app:1", ["*.registry.ovh.net"])).toBe(true);
    expect(allowed("registry.ovh.net.evil.io/app:1", ["*.registry.ovh.net"])).toBe(false);
  });

  it("a host/path entry allows that repository and those below it only", () => {
    const entries = ["registry.example.fr/hdh"];
    expect(allowed("registry.example.fr/hdh/jupyter:1", entries)).toBe(true);
    expect(allowed("registry.example.fr/hdh:1", entries)).toBe(true);
    expect(allowed("registry.example.fr/other/jupyter:1", entries)).toBe(false);
    expect(allowed("registry.example.fr/hdh-fork/jupyter:1", entries)).toBe(false);
    expect(allowed("registry.example.fr/team/hdh/jupyter:1", entries)).toBe(false);
  });

  it("a deeper path entry, with or without trailing slashes, keeps its inner slashes", () => {
    const image = "registry.example.fr/hdh/tools/jupyter:1";
    expect(allowed(image, ["registry.example.fr/hdh/tools"])).toBe(true);
    expect(allowed(image, ["registry.example.fr/hdh/tools//"])).toBe(true);
    expect(
      allowed("registry.example.fr/hdh/other/jupyter:1", ["registry.example.fr/hdh/tools/"]),
    ).toBe(false);
  });

  it("the path of a host/path entry is not read as part of the host", () => {
    expect(allowed("registry.example.fr/hdh/app:1", ["registry.example.fr/"])).toBe(true);
  });

  it("any one entry is enough", () => {
    expect(
      allowed("registry.example.fr/hdh/app:1", ["other.example", "registry.example.fr/hdh"]),
    ).toBe(true);
  });
});
