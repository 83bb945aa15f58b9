"use strict";
/**
 * Loads the TypeScript sources (src/**, test/excel/fakeExcel.ts) directly: a require hook that
 * transpiles each .ts file with the installed `typescript` (no type check, CommonJS out). The
 * bench therefore measures the working tree, not a possibly stale lib/.
 */
const fs = require("fs");
const ts = require("typescript");

const OPTIONS = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2021,
  esModuleInterop: true,
  isolatedModules: true,
  jsx: ts.JsxEmit.ReactJSX,
  sourceMap: false,
};

let installed = false;
function install() {
  if (installed) return;
  installed = true;
  require.extensions[".ts"] = function (module, filename) {
    const source = fs.readFileSync(filename, "utf8");
    const out = ts.transpileModule(source, { compilerOptions: OPTIONS, fileName: filename });
    module._compile(out.outputText, filename);
  };
}

module.exports = { install };
