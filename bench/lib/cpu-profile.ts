/**
 * Reads a V8 CPU profile (`node --cpu-prof`) into the evidence results.md shows: where the
 * self time goes, by function and by owner (our code, the Pulumi SDK, protobuf, GC...).
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  topFunctions: { name: string; where: string; ms: number; share: number }[];
  byOwner: { owner: string; ms: number; share: number }[];
}

/** Who owns the code a sample landed in, from its script URL. */
export function ownerOf(url: string, functionName: string): string {
  if (functionName === "(garbage collector)") return "garbage collection";
  if (functionName === "(program)" || functionName === "(idle)") return "V8/Node (native, idle)";
  if (url.includes("node_modules/@pulumi/pulumi/")) return "Pulumi SDK (@pulumi/pulumi)";
  if (url.includes("google-protobuf")) return "protobuf (google-protobuf)";
  if (url.includes("node_modules/@pulumi/policy/")) return "@pulumi/policy";
  if (url.includes("node_modules/@pulumi/"))
    return "provider SDKs (@pulumi/openstack, kubernetes...)";
  if (url.includes("node_modules/typescript/")) return "typescript (loaded by the SDK)";
  if (url.includes("node_modules/")) return "other dependencies";
  if (/\/(dist|bench\/\.runs\/js)\/(components|stacks)\//.test(url))
    return "ours: program (components, stacks)";
  if (/\/(dist|bench\/\.runs\/js)\/policies\//.test(url) || url.includes("evaluate-policies"))
    return "ours: policies and evaluator";
  if (/\/(dist|bench\/\.runs\/js)\/offline\//.test(url)) return "ours: mock engine (offline/)";
  if (/\/(dist|bench\/\.runs\/js)\/cli\//.test(url)) return "ours: CLI (normalise, report)";
  if (url.startsWith("node:") || url === "") return "V8/Node (runtime, module loading)";
  return "other";
}

export function summariseProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let totalUs = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
    totalUs += dt;
  });
  const functions = new Map<string, { name: string; where: string; us: number }>();
  const owners = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const name = functionName || "(anonymous)";
    const where = url ? `${shorten(url)}:${lineNumber + 1}` : "";
    const key = `${name} ${where}`;
    const entry = functions.get(key) ?? { name, where, us: 0 };
    entry.us += us;
    functions.set(key, entry);
    const owner = ownerOf(url, functionName);
    owners.set(owner, (owners.get(owner) ?? 0) + us);
  }
  const share = (us: number) => us / totalUs;
  return {
    totalMs: totalUs / 1000,
    topFunctions: [...functions.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, ms: f.us / 1000, share: share(f.us) })),
    byOwner: [...owners.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([owner, us]) => ({ owner, ms: us / 1000, share: share(us) })),
  };
}

function shorten(url: string): string {
  return url
    .replace(/^file:\/\//, "")
    .replace(/^.*node_modules\//, "")
    .replace(/^.*\/(dist|bench\/\.runs\/js)\//, "$1/");
}
