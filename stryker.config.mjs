// Mutation testing (`npm run mutation`): too slow for every merge request, so not in CI.
// Scope: the policy pack and the config validation, the code whose tests must catch every change
// of meaning. Reports go to reports/mutation/ (git-ignored).
const scopes = {
  config: ["stacks/config*.ts"],
  policies: ["policies/{encryption,exposure,jurisdiction,kubernetes,location,stack,lib}/**/*.ts"],
};
// The sovereignty and encryption rules alone: the part of the pack a two-core run finishes in
// about a quarter of an hour.
scopes.sovereignty = ["policies/{location,jurisdiction,encryption}/**/*.ts"];
scopes.all = [...scopes.config, ...scopes.policies];
const scope = process.env.HDH_MUTATION_SCOPE ?? "all";
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
  ignorePatterns: ["dist", "policies/bin", "reports", "coverage", ".pulumi-state", "bench/.runs"],
  reporters: ["html", "json", "clear-text", "progress"],
  htmlReporter: { fileName: `reports/mutation/${scope}.html` },
  jsonReporter: { fileName: `reports/mutation/${scope}.json` },
  tempDirName: ".stryker-tmp",
  // Re-runs only the mutants whose code or covering tests changed since the last run.
  incremental: true,
  incrementalFile: `reports/mutation/${scope}-incremental.json`,
  concurrency: 2,
  timeoutMS: 30_000,
  thresholds: { high: 90, low: 85, break: null },
};
