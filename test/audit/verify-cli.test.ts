import { describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { runCli } from "../../cli/main";
import { sealedChain } from "./chain-fixtures";

function writeChain(sizes: number[], damage?: (files: Map<string, unknown>) => void) {
  const dir = mkdtempSync(join(tmpdir(), "hdh-audit-"));
  const { stored, head } = sealedChain(sizes);
  const files = new Map(stored.map((s) => [s.name, s.content]));
  damage?.(files);
  for (const [name, content] of files) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), JSON.stringify(content));
  }
  return { dir, head };
}

async function hdh(args: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(args, {
    io: {
      stdout: (t) => void (out += t),
      stderr: (t) => void (err += t),
      stderrIsTty: false,
      cwd: process.cwd(),
      env: {},
    },
  });
  return { code, out, err };
}

describe("hdh audit verify", () => {
  it("exits 0 on an intact chain and prints the head to keep", async () => {
    const { dir, head } = writeChain([2, 2, 2]);
    try {
      const run = await hdh(["audit", "verify", dir, "--known-head", `${head.seq}:${head.hash}`]);
      expect(run.code).toBe(0);
      expect(run.out).toContain(`head ${head.seq}:${head.hash}`);
      expect(run.out).toMatch(/intact/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it("exits 1 and names the batch whose file was deleted", async () => {
    const { dir } = writeChain([1, 1, 1], (files) =>
      files.delete("hdh-test/batches/000000000001.json"),
    );
    try {
      const run = await hdh(["audit", "verify", dir]);
      expect(run.code).toBe(1);
      expect(run.out).toMatch(/batch-missing: batch 1 is missing/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it("exits 1 and names the altered record in JSON output", async () => {
    const { dir } = writeChain([2, 2], (files) => {
      const batch = files.get("hdh-test/batches/000000000000.json") as {
        records: { outcome: string }[];
      };
      batch.records[1].outcome = "denied";
    });
    try {
      const run = await hdh(["audit", "verify", dir, "--json"]);
      expect(run.code).toBe(1);
      expect(JSON.parse(run.out).problems).toEqual([
        expect.objectContaining({
          kind: "record-altered",
          seq: 0,
          record: { index: 1, id: "evt-1" },
        }),
      ]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it("exits 2 on a missing directory or a malformed head", async () => {
    expect((await hdh(["audit", "verify", "/nonexistent/hdh-audit"])).code).toBe(2);
    const { dir } = writeChain([1]);
    try {
      const run = await hdh(["audit", "verify", dir, "--known-head", "latest"]);
      expect(run.code).toBe(2);
      expect(run.err).toMatch(/<seq>:<sha256>/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
