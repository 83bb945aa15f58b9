/**
 * Shared by scripts/start.js and scripts/stop.js: sideloads (or removes) the add-in in desktop
 * Excel through Microsoft's office-addin-debugging, fetched with `npx --yes` on the developer's
 * machine. It is deliberately not a dependency: it pulls in a large toolkit with a native module
 * that cannot be built here, and it is of no use without Excel (docs/design/toolchain-notes.md, P13).
 *
 * On a machine without desktop Excel (Linux, or Windows/macOS without Excel) it prints one
 * sentence saying what to do instead and exits 0.
 */
"use strict";

const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const MANIFEST = "manifest.xml";

/** Where desktop Excel lives on this machine, or null. */
function findExcel(platform = process.platform, env = process.env) {
  if (platform === "darwin") {
    const app = "/Applications/Microsoft Excel.app";
    return fs.existsSync(app) ? app : null;
  }
  if (platform === "win32") {
    const roots = [env.ProgramFiles, env["ProgramFiles(x86)"], env.ProgramW6432].filter(Boolean);
    for (const root of roots) {
      for (const version of ["root\\Office16", "Office16", "root\\Office15"]) {
        const exe = path.win32.join(root, "Microsoft Office", version, "EXCEL.EXE");
        if (fs.existsSync(exe)) return exe;
      }
    }
    // Click-to-Run and Store installs register an App Path.
    const query = spawnSync(
      "reg",
      ["query", "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\excel.exe", "/ve"],
      { encoding: "utf8", windowsHide: true }
    );
    return query.status === 0 ? "excel.exe (App Paths)" : null;
  }
  return null;
}

/**
 * @param {"start" | "stop"} command
 * @param {string[]} extraArgs passed on to office-addin-debugging (e.g. `npm start -- web`)
 * @returns {number} exit code
 */
function sideload(command, extraArgs) {
  const forced = process.env.CEDU_EXCEL === "none";
  const excel = forced ? null : findExcel();
  if (!excel) {
    console.log(
      command === "start"
        ? "Excel is not installed on this machine: run `npm run dev-server` and sideload manifest.xml in Excel on the web (see README, 'Sideload into Excel')."
        : "Excel is not installed on this machine, so no add-in is sideloaded here: stop `npm run dev-server` with Ctrl+C."
    );
    return 0;
  }
  const args = ["--yes", "office-addin-debugging", command, MANIFEST, ...extraArgs];
  const result = spawnSync("npx", args, {
    cwd: ROOT,
    stdio: "inherit",
    shell: process.platform === "win32", // npx is npx.cmd on Windows
  });
  if (result.error) {
    console.error(`Could not run npx office-addin-debugging: ${result.error.message}`);
    return 1;
  }
  return result.status === null ? 1 : result.status;
}

module.exports = { findExcel, sideload };
