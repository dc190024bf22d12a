/**
 * Shared by the component and program tests: load a stack's configuration (optionally changed),
 * plan it under the same mocks `hdh plan` uses, and query what would be created.
 */
import { runUnderMocks, type MockRunResult, type PlannedResource } from "../../offline/mock-run";
import { parsePlatformConfig, type PlatformConfig } from "../../stacks/config";
import { platformProgram } from "../../stacks/program";
import { readStackFile } from "../../stacks/stack-file";

/** Fixed "today" so expiry checks do not drift with the calendar. */
export const today = new Date("2026-06-01T00:00:00Z");
export const project = "hdh-sovereign";

/** Raw config as tests edit it: any path, any value (that is the point of the bad-config cases). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests reach arbitrary config paths
export type RawConfig = Record<string, any>;

/** The raw `hdh:*` values of a stack file, deep-copied so a test can change them. */
export function rawStack(stack: string): RawConfig {
  return structuredClone(readStackFile(stack).hdh) as RawConfig;
}

export function parseStack(stack: string, raw: unknown = rawStack(stack)): PlatformConfig {
  return parsePlatformConfig(raw, { stack, today, securePaths: readStackFile(stack).securePaths });
}

/** Plans the whole platform for `raw` (parse included, as `hdh plan` does). */
export function planRaw(stack: string, raw: unknown): Promise<MockRunResult> {
  return runUnderMocks(() => platformProgram(parseStack(stack, raw)), { project, stack });
}

/** Resources a program that registers nothing leaves behind (the root stack). */
export async function baselineCount(stack: string): Promise<number> {
  const { resources } = await runUnderMocks(() => ({}), { project, stack });
  return resources.length;
}

/** Runs `program` under mocks expecting it to throw; returns the error and how many resources were registered. */
export async function failingRun(
  stack: string,
  program: () => unknown,
): Promise<{ error: unknown; registered: number }> {
  let registered = 0;
  try {
    await runUnderMocks(
      () => {
        program();
      },
      { project, stack, onResource: (count) => (registered = count) },
    );
  } catch (error) {
    return { error, registered };
  }
  throw new Error("the program was expected to fail but succeeded");
}

export const ofType = (resources: readonly PlannedResource[], type: string) =>
  resources.filter((r) => r.type === type);

/** True when the resource sits (at any depth) inside a component of the given type. */
export const isInside = (resource: PlannedResource, componentType: string) =>
  resource.urn.split("::")[2].split("$").slice(0, -1).includes(componentType);

/** Pulumi's wire-form secret wrapper. */
export const secretSig = "4dabf18193072939515e22adb298388d";
export const isSecretWrapped = (value: unknown) =>
  typeof value === "object" && value !== null && secretSig in (value as object);
