/**
 * Finds the loopback cloud once per test run (test/global-setup.ts): env.json written by
 * scripts/openstack-loopback.sh, and a Keystone that answers. Without vitest imports: it runs
 * in the global setup's process.
 */
import { existsSync, readFileSync } from "node:fs";
import { loopbackEnvPath, type LoopbackEnv } from "../../scripts/openstack-loopback/env";

export const skipReason =
  "real OpenStack not running: start it with `scripts/openstack-loopback.sh start` or run `npm run test:openstack`";

/** Reads env.json and checks that Keystone answers (once, in test/global-setup.ts). */
export async function probeLoopback(): Promise<LoopbackEnv | undefined> {
  const path = loopbackEnvPath();
  let cloud: LoopbackEnv | undefined;
  if (existsSync(path)) {
    const candidate = JSON.parse(readFileSync(path, "utf8")) as LoopbackEnv;
    const answers = await fetch(candidate.keystoneUrl, { signal: AbortSignal.timeout(3000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (answers) cloud = candidate;
  }
  if (!cloud && process.env.HDH_REQUIRE_OPENSTACK === "1") {
    throw new Error(`HDH_REQUIRE_OPENSTACK=1 but ${skipReason}`);
  }
  return cloud;
}
