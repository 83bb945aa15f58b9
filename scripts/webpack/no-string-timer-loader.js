/**
 * ExcelJS's browser build (node_modules/exceljs/dist/exceljs.min.js, loaded lazily by the task pane
 * outside Excel) bundles a setImmediate polyfill, and JSZip (the charts added to a written .xlsx)
 * requires the same polyfill from node_modules/setimmediate, that turns a *string* callback into code with
 * `new Function("" + callback)`. CEDU never passes a string, the page's CSP forbids it anyway, and
 * the build must contain no Function constructor (test/robustness/security.test.ts). This loader
 * replaces that branch with a TypeError; nothing else in the file changes.
 */
"use strict";

const PATTERN = /new Function\(\s*""\s*\+\s*(\w+)\s*\)/g;

module.exports = function noStringTimerLoader(source) {
  return source.replace(PATTERN, '(function(){throw new TypeError("setImmediate: callback must be a function")})');
};
