/**
 * webpack loader for src/functions/functions.ts. custom-functions-metadata-plugin appends
 * `CustomFunctions.associate("ID", fn);` lines to that file without a guard (docs/design/toolchain-notes.md, trap P4): when
 * office.js failed to load, `CustomFunctions` is undefined and the bundle would throw a
 * ReferenceError. This loader runs after the plugin's loader and before ts-loader and turns each
 * of those lines into `if (typeof CustomFunctions !== "undefined") CustomFunctions.associate(...)`.
 *
 * It only touches lines that *start* with `CustomFunctions.associate(` (what the plugin writes),
 * so hand-written code elsewhere in the file is left alone.
 */
"use strict";

const ASSOCIATE_LINE = /^CustomFunctions\.associate\(/gm;
const GUARD = 'if (typeof CustomFunctions !== "undefined") ';

/** @param {string} source */
function guardAssociateCalls(source) {
  return source.replace(ASSOCIATE_LINE, (call) => GUARD + call);
}

/** @this {import("webpack").LoaderContext<unknown>} @param {string} source */
function guardAssociateLoader(source) {
  return guardAssociateCalls(source);
}

module.exports = guardAssociateLoader;
module.exports.guardAssociateCalls = guardAssociateCalls;
