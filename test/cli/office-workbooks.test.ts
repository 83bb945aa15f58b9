/**
 * Issue 15, "Real office workbooks", through the command line: the same cells give the same
 * figures at any file size (item 3), and the language follows the workbook (item 9).
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import type ExcelJS from "exceljs";
import * as office from "../fixtures/office-workbooks";
import { main } from "../../src/cli/main";
import { readWorkbookFile, STREAM_FILE_BYTES, tapMergeCells } from "../../src/cli/read";
import { analyze, figures } from "../../src/core/engine";
import { epochDayFromISO } from "../../src/core/cells";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cedu-office-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function write(name: string, wb: ExcelJS.Workbook): Promise<string> {
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

async function run(args: string[], env: NodeJS.ProcessEnv) {
  let out = "";
  let err = "";
  const code = await main(
    args,
    { out: (s) => (out += s + "\n"), err: (s) => (err += s + "\n") },
    env
  );
  return { code, out, err };
}

const TODAY = epochDayFromISO("2026-01-05") as number;

describe("3. the same cells give the same figures at any file size", () => {
  let big: string;
  let small: string;
  beforeAll(async () => {
    big = await write("with-photos.xlsx", office.mergedWithPhotos({ photos: true }));
    small = await write("without-photos.xlsx", office.mergedWithPhotos({ photos: false }));
  });

  test("the photos take the file past the streaming threshold", async () => {
    expect((await fs.stat(big)).size).toBeGreaterThan(STREAM_FILE_BYTES);
    expect((await fs.stat(small)).size).toBeLessThan(STREAM_FILE_BYTES);
  });

  test("streaming and whole reading give the same values, merged areas filled in both", async () => {
    const streamed = await readWorkbookFile(big, { stream: true });
    const whole = await readWorkbookFile(big, { stream: false });
    expect(streamed).toEqual(whole);
    const roster = streamed.sheets.find((s) => s.name === "学员花名册");
    // 所属社区 is written once per block and merged down it: every learner of the block has it.
    expect(roster?.values.slice(2).map((r) => r[1])).toEqual([
      ...Array(4).fill("六角社区"),
      ...Array(3).fill("金阳村"),
      ...Array(5).fill("东湖社区"),
    ]);
    const log = streamed.sheets.find((s) => s.name === "活动记录");
    expect(log?.values[2]).toEqual(Array(5).fill("一月份"));
  });

  test("the figures do not depend on the photos, nor on the reader", async () => {
    const of = async (file: string, stream?: boolean) => {
      const a = analyze(await readWorkbookFile(file, { stream }), { today: TODAY });
      return { overall: figures(a).overall, sheets: a.sheets, issues: a.issues };
    };
    const reference = await of(small);
    expect(reference.overall.participants).toBe(12);
    expect(reference.overall.activities).toBe(4);
    expect(reference.issues.filter((i) => i.severity === "error")).toEqual([]);
    const bigDefault = await of(big);
    expect(bigDefault.overall).toEqual(reference.overall);
    expect(await of(big, false)).toEqual(bigDefault);
    expect(await of(small, true)).toEqual(reference);
  });

  test("cedu report --json prints the same figures for both files", async () => {
    const json = async (file: string) => {
      const r = await run(["report", file, "--json"], { LANG: "zh_CN.UTF-8" });
      expect(r.code).toBe(0);
      const { period, overall, byCommunity } = JSON.parse(r.out);
      return { period, overall, byCommunity };
    };
    expect(await json(big)).toEqual(await json(small));
  });
});

describe("merged areas of a streamed worksheet", () => {
  test("are found whatever chunks the XML arrives in", async () => {
    const xml =
      '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' +
      '<mergeCells count="3"><mergeCell ref="A1:E1"/><mergeCell ref="B3:B6"/>' +
      '<mergeCell ref="AA10"/></mergeCells></worksheet>';
    for (let size = 1; size <= xml.length; size++) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < xml.length; i += size) chunks.push(Buffer.from(xml.slice(i, i + size)));
      const ws = {
        iterator: (async function* () {
          yield* chunks;
        })() as AsyncIterable<Buffer>,
      };
      const areas = tapMergeCells(ws);
      let passed = "";
      for await (const chunk of ws.iterator) passed += chunk.toString();
      expect(passed).toBe(xml);
      expect(areas).toEqual([
        { top: 1, left: 1, bottom: 1, right: 5 },
        { top: 3, left: 2, bottom: 6, right: 2 },
        { top: 10, left: 27, bottom: 10, right: 27 },
      ]);
    }
  });
});

describe("9. language follows the workbook", () => {
  let english: string;
  let chinese: string;
  beforeAll(async () => {
    english = await write("english.xlsx", office.english());
    chinese = await write("chinese.xlsx", office.hiddenCopy({ copy: false }));
  });

  const messages = async (file: string, env: NodeJS.ProcessEnv, extra: string[] = []) => {
    const r = await run(["report", file, "--json", ...extra], env);
    expect(r.code).toBe(0);
    return (JSON.parse(r.out).issues as { code: string; message: string }[]).map(
      (i) => `${i.code}: ${i.message}`
    );
  };

  test("no --lang and no locale preference: an English workbook gets English messages", async () => {
    for (const env of [{}, { LANG: "C.UTF-8" }, { LC_ALL: "POSIX" }]) {
      const lines = await messages(english, env);
      expect(lines.find((l) => l.startsWith("missing-required"))).toMatch(
        /Required field “Enrolment date” is empty/
      );
      expect(lines.join("\n")).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  test("…and a Chinese workbook Chinese ones", async () => {
    const lines = await messages(chinese, {});
    expect(lines.find((l) => l.startsWith("duplicate-enrolment"))).toMatch(/同一人重复报名/);
  });

  test("--lang and a locale preference still win over the workbook", async () => {
    const zh = await messages(english, {}, ["--lang", "zh-CN"]);
    expect(zh.find((l) => l.startsWith("missing-required"))).toMatch(/必填项/);
    const byLocale = await messages(english, { LANG: "zh_CN.UTF-8" });
    expect(byLocale.find((l) => l.startsWith("missing-required"))).toMatch(/必填项/);
    const en = await messages(chinese, { CEDU_LANG: "en-US" });
    expect(en.find((l) => l.startsWith("duplicate-enrolment"))).toMatch(/enrolled twice/);
  });

  test("the text report speaks the workbook's language too", async () => {
    const r = await run(["report", english], {});
    expect(r.out).toMatch(/Recognised sheets/);
    expect(r.out).toMatch(/learner roster/);
  });
});
