// The protocol's floor for the policy-pack benchmark: one resource policy and one stack policy
// that do nothing. It loads the same @pulumi/policy as our pack (the repository root's, patched),
// so every Analyze deserialises the resource once for its one untyped resource policy and every
// AnalyzeStack builds the resource list once for its one stack policy: the least any pack that
// looks at resources at all must do. Plain CommonJS, run as is by run-policy-pack.
/* global require */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS pack entry */
const { PolicyPack } = require("@pulumi/policy");

new PolicyPack("bench-floor", {
  enforcementLevel: "mandatory",
  policies: [
    {
      name: "floor-empty-resource-policy",
      description: "Reads nothing, reports nothing.",
      validateResource: () => {},
    },
    {
      name: "floor-empty-stack-policy",
      description: "Reads nothing, reports nothing.",
      validateStack: () => {},
    },
  ],
});
