import { defineConfig } from "vitest/config";
import base from "./vitest.config.mts";

// The tests that judge the mutated code (stryker.config.mjs): the policy tests and the config
// validation tests. Tests that plan whole programs (program, fuzz-plan) are left out: each would
// cost seconds per mutant, and the pure tests already pin what they would check. Spread, not
// mergeConfig: mergeConfig would append to the base `include` rather than replace it.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      "test/stacks/*config*.test.ts",
      "test/components/gateway/gateway-config.test.ts",
      "test/policies/**/*.test.ts",
    ],
    // config-fuzz runs 5,000 generated configurations per mutant it covers (nearly all): hours
    // on two cores. The targeted tests are the ones meant to kill mutants.
    // The gRPC half of the policy corpus runs the compiled pack (policies/bin), which never holds
    // the mutant, and restarts it for every mutant: minutes each. The in-process half is the judge.
    testNamePattern: /^(?!policy corpus, over the Analyzer gRPC protocol)/,
    exclude: [
      "test/stacks/config-fuzz-plan.test.ts",
      "test/stacks/config-fuzz.test.ts",
      "**/node_modules/**",
    ],
  },
});
