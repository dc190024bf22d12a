/**
 * The allowlist proxy's behaviour, measured: the rendered nginx configuration runs in a real
 * nginx in front of a stub upstream, and each request's status is checked. Needs `nginx` on the
 * PATH (Debian: apt-get install nginx-light); skipped, visibly, where it is absent.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageAllowlist } from "../../../components/mirror/allowlists";
import { proxyPort, renderProxyConfig } from "../../../components/mirror/proxy-config";

const nginxAvailable = spawnSync("nginx", ["-v"]).status === 0;

/** Adapts the pod's configuration to a sandbox: local port, pid, cache and resolver. */
function sandboxed(config: string, dir: string, port: number): string {
  return config
    .replaceAll(" /tmp/", ` ${dir}/`)
    .replaceAll("/var/cache/nginx", `${dir}/cache`)
    .replace(`listen ${proxyPort};`, `listen 127.0.0.1:${port};`)
    .replace(/resolver \S+/, "resolver 127.0.0.1");
}

describe.skipIf(!nginxAvailable)("allowlist proxy in a real nginx", () => {
  let upstream: Server;
  let nginx: ChildProcess;
  let port: number;
  let dir: string;

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      const body = req.url!.startsWith("/simple/")
        ? `<a href="${base}/packages/aa/bb/numpy-2.0.0-cp312-manylinux.whl">numpy</a>`
        : `path=${req.url}`;
      res.writeHead(200, { "content-type": "text/html" }).end(body);
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), "hdh-mirror-"));
    // nginx's workers drop to an unprivileged user when started as root: let them in.
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, "cache"), { mode: 0o777 });
    port = 20000 + Math.floor(Math.random() * 20000);
    const upstreams = { cran: base, pypiIndex: base, pypiFiles: base, conda: base };
    writeFileSync(
      join(dir, "nginx.conf"),
      sandboxed(renderProxyConfig(upstreams, packageAllowlist), dir, port),
    );
    nginx = spawn("nginx", ["-c", join(dir, "nginx.conf"), "-g", "daemon off;"], {
      stdio: "ignore",
    });
    for (let i = 0; i < 50; i++) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("nginx did not start");
  });

  afterAll(() => {
    nginx?.kill("SIGTERM");
    upstream?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const status = async (path: string, method = "GET") =>
    (await fetch(`http://127.0.0.1:${port}${path}`, { method })).status;

  const cases: [string, number][] = [
    ["/cran/src/contrib/PACKAGES", 200],
    ["/cran/src/contrib/survival_3.5-8.tar.gz", 200],
    ["/cran/src/contrib/data.table_1.15.4.tar.gz", 200],
    // "." in data.table is a literal dot, not "any character"
    ["/cran/src/contrib/dataXtable_1.0.tar.gz", 403],
    ["/cran/src/contrib/keylogger_1.0.tar.gz", 403],
    ["/pypi/simple/numpy/", 200],
    ["/pypi/simple/requests/", 403],
    ["/pypi/files/packages/aa/bb/numpy-2.0.0-cp312-manylinux.whl", 200],
    ["/pypi/files/packages/aa/bb/scikit_learn-1.5.0.tar.gz", 200],
    ["/pypi/files/packages/aa/bb/requests-2.32.0-py3-none-any.whl", 403],
    ["/pypi/files/packages/aa/bb/sixpack-1.0.tar.gz", 403],
    ["/conda/conda-forge/linux-64/repodata.json", 200],
    ["/conda/conda-forge/linux-64/pandas-2.2.0-py312_0.conda", 200],
    ["/conda/conda-forge/linux-64/requests-2.32-pyhd8ed1ab_0.conda", 403],
    ["/anything-else", 404],
  ];
  for (const [path, expected] of cases) {
    it(`GET ${path} -> ${expected}`, async () => {
      expect(await status(path)).toBe(expected);
    });
  }

  it("rewrites PyPI index links to come back through the mirror", async () => {
    const page = await (await fetch(`http://127.0.0.1:${port}/pypi/simple/numpy/`)).text();
    expect(page).toContain('href="/pypi/files/packages/aa/bb/numpy-2.0.0');
  });

  it("refuses uploads", async () => {
    expect(await status("/cran/src/contrib/PACKAGES", "POST")).toBe(405);
  });
});
