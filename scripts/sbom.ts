/**
 * `npm run sbom`: the CycloneDX bill of materials of what ships (production dependencies), from
 * the lockfile, with npm's own generator. Written to reports/sbom.cdx.json (git-ignored); CI
 * keeps it as a build artifact.
 *
 * Refuses an SBOM a reviewer could not use: every component must carry a package URL and a
 * SHA-512 hash, which is what lets a scanner match it against advisories and the registry.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

interface Component {
  name: string;
  version: string;
  purl?: string;
  hashes?: { alg: string; content: string }[];
}

const root = path.resolve(__dirname, "..");
const out = path.join(root, "reports", "sbom.cdx.json");

const text = execFileSync(
  "npm",
  ["sbom", "--sbom-format", "cyclonedx", "--omit", "dev", "--package-lock-only"],
  {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", "inherit"],
  },
);
const bom = JSON.parse(text) as {
  bomFormat?: string;
  specVersion?: string;
  components?: Component[];
};
const components = bom.components ?? [];
const incomplete = components.filter(
  (c) => !c.purl || !c.hashes?.some((h) => h.alg === "SHA-512" && h.content.length === 128),
);
if (bom.bomFormat !== "CycloneDX" || components.length === 0 || incomplete.length > 0) {
  const names = incomplete.map((c) => `${c.name}@${c.version}`).join(", ");
  console.error(
    `sbom: npm produced an unusable SBOM (format ${bom.bomFormat}, ${components.length} components` +
      `${names ? `; without purl or SHA-512: ${names}` : ""}). Run \`npm ci\` and retry.`,
  );
  process.exit(1);
}
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, text);
console.log(
  `sbom: ${path.relative(root, out)}: CycloneDX ${bom.specVersion}, ${components.length} components`,
);
