/**
 * The settings file of a stack of this checkout, found from an artifact alone: a plan, export or
 * preview names its project and stack in every URN (`urn:pulumi:<stack>::<project>::...`), and
 * the project's `stackConfigDir` holds `Pulumi.<stack>.yaml`, the file `pulumi preview` itself
 * read. So `hdh check` of our own plan judges it exactly as `hdh plan` did, with no flag.
 * An artifact of another project, or of a stack with no file here, finds none: that is what
 * `--stack-config` is for.
 */
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { UserError } from "../user-error";
import { findProject, type ProjectFile } from "./project-files";

export interface OwnStackFile {
  file: string;
  /** Path relative to the project root, for the report's note. */
  displayPath: string;
}

export function ownStackFile(
  cwd: string,
  project: string | undefined,
  stack: string | undefined,
): OwnStackFile | undefined {
  // A stack name is a path segment here: refuse anything that could leave stackConfigDir.
  if (!project || !stack || !/^[A-Za-z0-9_.-]+$/.test(stack) || stack.startsWith(".")) {
    return undefined;
  }
  let found: ProjectFile;
  try {
    found = findProject(cwd);
  } catch (error) {
    if (error instanceof UserError) return undefined; // not run from a Pulumi project
    throw error;
  }
  if (found.name !== project) return undefined;
  const dir = join(found.root, found.stackConfigDir);
  const file = [`Pulumi.${stack}.yaml`, `Pulumi.${stack}.yml`]
    .map((name) => join(dir, name))
    .find((candidate) => existsSync(candidate));
  return file ? { file, displayPath: relative(found.root, file) } : undefined;
}
