#!/usr/bin/env node
// `hdh` command: a shim that loads the compiled CLI from dist/ (built by `npm run build`, which
// `npm ci` runs through `prepare`). All logic lives in cli/main.ts.
"use strict";
/* global require, __dirname, process */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS shim, run as is by Node */
const path = require("node:path");

// Node.js 22.8+ keeps V8's compiled code of the modules hdh loads between runs (module
// enableCompileCache, nodejs/node#54501: under os.tmpdir()/node-compile-cache unless
// NODE_COMPILE_CACHE names another directory; NODE_DISABLE_COMPILE_CACHE=1 turns it off; it never
// throws). hdh plan loads about a thousand modules (@pulumi/pulumi alone 771) and compiling them
// is about a third of planning one workspace stack (bench/results.md, "Hub"). The directory is
// passed on to the plan workers through the environment. Node.js 20 has no such cache: nothing
// changes there.
const nodeModule = require("node:module");
if (typeof nodeModule.enableCompileCache === "function") {
  const cache = nodeModule.enableCompileCache();
  if (cache && cache.directory) process.env.NODE_COMPILE_CACHE = cache.directory;
}

const entry = path.join(__dirname, "..", "dist", "cli", "main.js");
let cli;
try {
  cli = require(entry);
} catch (err) {
  if (err && err.code === "MODULE_NOT_FOUND" && String(err.message).includes(entry)) {
    process.stderr.write(
      "hdh: the CLI is not built (no dist/cli/main.js).\n" +
        "Run `npm ci` (or `npm run build`) in the repository first.\n",
    );
    process.exit(2);
  }
  throw err;
}
cli.main(process.argv.slice(2));
