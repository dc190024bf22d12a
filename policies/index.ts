/**
 * The CrossGuard policy pack. `pulumi preview --policy-pack policies` runs the compiled form of
 * this file (package.json `main`: bin/index.js). It only assembles: every rule lives in all.ts.
 */
import { PolicyPack } from "@pulumi/policy";
import { allPolicies, packName } from "./all";

new PolicyPack(packName, {
  policies: [...allPolicies],
  enforcementLevel: "mandatory",
  description:
    "Sovereignty and security of the HDH health-data platform: EU-only location and jurisdiction, encryption at rest and in transit, no public exposure, hardened Kubernetes workloads.",
});
