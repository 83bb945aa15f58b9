"use strict";
/**
 * `npm run bench`: the performance benchmark of issue 7 (README, "Benchmark"). One process; the
 * garbage collector is exposed here so that runs can start from a clean heap without a flag.
 */
const v8 = require("v8");
const vm = require("vm");

if (typeof global.gc !== "function") {
  v8.setFlagsFromString("--expose-gc");
  global.gc = vm.runInNewContext("gc");
}

const { main, Mismatch } = require("./bench/main");

main().catch((e) => {
  if (e instanceof Mismatch) {
    process.stdout.write(`FIGURES DIFFER — stopping before timing: ${e.message}\n`);
    process.stdout.write(JSON.stringify({ ok: false, mismatch: e.message }) + "\n");
  } else {
    process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
    process.stdout.write(JSON.stringify({ ok: false, error: String(e && e.message ? e.message : e) }) + "\n");
  }
  process.exitCode = 1;
});
