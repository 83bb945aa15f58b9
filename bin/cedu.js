#!/usr/bin/env node
// The command line lives in src/cli; `npm ci` compiles it to lib/ (the "prepare" script).
require("../lib/cli/main.js").main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
