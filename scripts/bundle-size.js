#!/usr/bin/env node
/**
 * The task pane's initial JavaScript: the gzip size of every local script that dist/taskpane.html
 * loads (runtime, functions, commands, taskpane), not the lazy chunks (ExcelJS) loaded on demand.
 * Exits 1 above the budget.
 *
 *   npm run build && node scripts/bundle-size.js [dist-dir]
 */
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const BUDGET = 400 * 1024;

function main() {
  const dist = path.resolve(process.argv[2] || path.join(__dirname, "..", "dist"));
  const htmlPath = path.join(dist, "taskpane.html");
  if (!fs.existsSync(htmlPath)) {
    console.error(`bundle-size: ${htmlPath} not found; run \`npm run build\` first`);
    return 2;
  }
  const html = fs.readFileSync(htmlPath, "utf8");
  const sources = [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"'\s>]+)/gi)]
    .map((m) => m[1])
    .filter((src) => !/^(https?:)?\/\//i.test(src));
  if (sources.length === 0) {
    console.error("bundle-size: taskpane.html loads no local script");
    return 2;
  }
  let raw = 0;
  let gz = 0;
  for (const src of sources) {
    const bytes = fs.readFileSync(path.join(dist, src));
    const size = zlib.gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gz += size;
    console.log(`${src.padEnd(20)} ${(bytes.length / 1024).toFixed(1).padStart(8)} KiB  gzip ${(size / 1024).toFixed(1).padStart(7)} KiB`);
  }
  const kib = (gz / 1024).toFixed(1);
  console.log(`initial JS of taskpane.html: ${(raw / 1024).toFixed(1)} KiB, gzip ${kib} KiB (budget ${BUDGET / 1024} KiB)`);
  if (gz > BUDGET) {
    console.error(`bundle-size: over budget by ${((gz - BUDGET) / 1024).toFixed(1)} KiB`);
    return 1;
  }
  return 0;
}

process.exitCode = main();
