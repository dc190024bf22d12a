/**
 * The key register the sealer places key-manager accesses with: a JSON file
 * `{"<Barbican secret, order or container ref or uuid>": "<project id>"}` (audit/sources/
 * workspace-of.ts), mounted from a ConfigMap at HDH_AUDIT_KEY_REGISTER. The kubelet rewrites a
 * mounted ConfigMap in place when it changes, so the file is read again whenever its
 * modification time moves; a file that no longer parses keeps the previous register (and is
 * logged), so an edit mistake never empties it.
 */
import { readFileSync, statSync } from "node:fs";
import { keyRegisterFrom, type KeyRegister } from "../../audit/sources/workspace-of";
import type { Logger } from "./log";

const empty: KeyRegister = new Map();

/** A function giving the current register; reads the file at most once per change. */
export function keyRegisterLoader(path: string | undefined, logger: Logger): () => KeyRegister {
  if (path === undefined) return () => empty;
  let register = empty;
  let loadedMtime = -1;
  return () => {
    let mtime: number;
    try {
      mtime = statSync(path).mtimeMs;
    } catch (error) {
      if (loadedMtime !== -2) {
        logger.log("error", "key-register-unreadable", { path, error: (error as Error).message });
      }
      loadedMtime = -2;
      return register;
    }
    if (mtime === loadedMtime) return register;
    loadedMtime = mtime;
    try {
      register = keyRegisterFrom(JSON.parse(readFileSync(path, "utf8")));
      logger.log("info", "key-register-loaded", { path, keys: register.size });
    } catch (error) {
      logger.log("error", "key-register-invalid", { path, error: (error as Error).message });
    }
    return register;
  };
}
