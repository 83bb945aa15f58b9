#!/usr/bin/env node
"use strict";
/**
 * `npm run build:cli`: compiles the command line to lib/ from a clean folder. tsc never deletes
 * what it emitted before, so a module moved or removed in src would otherwise survive in lib/ and
 * could still be loaded by the `cedu` command.
 */
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const root = path.resolve(__dirname, "..");
fs.rmSync(path.join(root, "lib"), { recursive: true, force: true });
const r = spawnSync(
  process.execPath,
  [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.cli.json"],
  {
    cwd: root,
    stdio: "inherit",
  }
);
process.exit(r.status ?? 1);
