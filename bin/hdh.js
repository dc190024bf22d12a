#!/usr/bin/env node
// `hdh` command: a shim that loads the compiled CLI from dist/ (built by `npm run build`, which
// `npm ci` runs through `prepare`). All logic lives in cli/main.ts.
"use strict";
/* global require, __dirname, process */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS shim, run as is by Node */
const path = require("node:path");

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
