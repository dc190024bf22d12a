import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.mts";

// The tests that judge the mutated code (stryker.config.mjs): the policy tests and the config
// validation tests. Tests that plan whole programs (program, fuzz-plan) are left out: each would
// cost seconds per mutant, and the pure tests already pin what they would check.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ["test/stacks/config*.test.ts", "test/policies/**/*.test.ts"],
      exclude: ["test/stacks/config-fuzz-plan.test.ts"],
    },
  }),
);
