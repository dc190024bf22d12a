import { defineConfig } from "vitest/config";

// Pulumi and its providers cost seconds to import. Tests share one module graph per worker
// (isolate: false) so that cost is paid once per worker, not once per file; every test that
// runs a program goes through offline/mock-run.ts, which resets the mock engine for each run.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    pool: "forks",
    isolate: false,
    maxWorkers: 2,
    fileParallelism: true,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ["test/global-setup.ts"],
  },
});
