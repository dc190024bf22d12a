// Mutation testing (`npm run mutation`): too slow for every merge request, so not in CI.
// Scope: the policy pack and the config validation, the code whose tests must catch every change
// of meaning. Reports go to reports/mutation/ (git-ignored).
// Three scopes that together cover it all, each short enough to finish in one sitting on two
// cores, each with its own incremental file: the config validation, the sovereignty rules
// (location, jurisdiction, encryption) and the hardening rules (exposure, Kubernetes, stack-wide
// rules and the shared helpers in policies/lib).
const scopes = {
  config: ["stacks/config*.ts"],
  sovereignty: ["policies/{location,jurisdiction,encryption}/**/*.ts"],
  hardening: ["policies/{exposure,kubernetes,stack,lib}/**/*.ts"],
};
scopes.all = [...scopes.config, ...scopes.sovereignty, ...scopes.hardening];
const scope = process.env.HDH_MUTATION_SCOPE ?? "all";
// HDH_MUTATE="glob,glob" mutates just those files (while writing tests for one area), under the
// report name HDH_MUTATION_SCOPE, so it neither needs a named scope nor disturbs another's report.
const customMutate = process.env.HDH_MUTATE?.split(",").filter((glob) => glob !== "");
if (customMutate?.length) scopes[scope] = customMutate;
if (!scopes[scope]) throw new Error(`HDH_MUTATION_SCOPE must be one of ${Object.keys(scopes)}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.mts", related: false },
  coverageAnalysis: "perTest",
  // The rules and their helpers. Left out: pure data and metadata (policies/catalog, the
  // requirement texts, the settings descriptions, the pack assembly), where a mutant changes a
  // name or a description rather than a decision. HDH_MUTATION_SCOPE=config|policies runs one half.
  mutate: scopes[scope],
  // A static mutant (module-level constant) reruns every test; those constants are the tables
  // the per-test mutants already exercise.
  ignoreStatic: true,
  ignorePatterns: [
    "dist",
    "policies/bin",
    "reports",
    "coverage",
    ".pulumi-state",
    "bench/.runs",
    ".stryker-tmp*",
  ],
  reporters: ["html", "json", "clear-text", "progress"],
  htmlReporter: { fileName: `reports/mutation/${scope}.html` },
  jsonReporter: { fileName: `reports/mutation/${scope}.json` },
  // One sandbox directory per scope: two runs side by side must not clean up each other's.
  tempDirName: `.stryker-tmp-${scope}`,
  // Re-runs only the mutants whose code or covering tests changed since the last run.
  incremental: true,
  incrementalFile: `reports/mutation/${scope}-incremental.json`,
  concurrency: 2,
  timeoutMS: 30_000,
  thresholds: { high: 90, low: 85, break: null },
};
