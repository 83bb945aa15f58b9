/** scripts/start.js, scripts/stop.js and scripts/make-icons.js as a developer runs them. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { pngSize } from "../../scripts/manifest-check";

const ROOT = path.resolve(__dirname, "..", "..");

function run(script: string, args: string[] = []) {
  return spawnSync(process.execPath, [path.join(ROOT, "scripts", script), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    // Behave as on a machine without desktop Excel, whatever this machine is.
    env: { ...process.env, CEDU_EXCEL: "none" },
  });
}

test.each([
  ["start.js", /^Excel is not installed on this machine: run `npm run dev-server`/],
  ["stop.js", /^Excel is not installed on this machine/],
])("%s without Excel prints one sentence and exits 0", (script, pattern) => {
  const result = run(script);
  expect(result.status).toBe(0);
  expect(result.stderr).toBe("");
  const lines = result.stdout.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
});

test("the committed icons are what scripts/make-icons.js draws", () => {
  const result = run("make-icons.js", ["--check"]);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
});

test.each([16, 32, 64, 80, 128])("assets/icon-%i.png is a %ix%i PNG", (size) => {
  const bytes = fs.readFileSync(path.join(ROOT, "assets", `icon-${size}.png`));
  expect(pngSize(bytes)).toEqual({ width: size, height: size });
});
