/**
 * Runs once before the suite. Nothing to prepare yet beyond checking the Node version the SDK
 * supports, so a wrong toolchain fails with one clear line rather than odd import errors.
 */
export default function setup(): void {
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    throw new Error(`hdh-sovereign needs Node.js >= 20.19, found ${process.versions.node}`);
  }
}
