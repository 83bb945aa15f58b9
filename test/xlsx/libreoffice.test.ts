/**
 * LibreOffice opens the standard workbook and keeps its checks: the template is converted with
 * `soffice --headless --convert-to xlsx` (a private profile) and the saved XML still has every
 * data validation (type, list, bounds, TODAY(), the community name) and the community name's
 * formula. LibreOffice shortens each rule's range to the rows in use plus about a thousand when it
 * saves (README, "The standard workbook").
 *
 * Skips only when soffice is absent (.ci/run installs libreoffice-calc-nogui).
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { standardWorkbook } from "../../src/core/standard";
import { standardXlsx } from "../../src/xlsx/standard";
import { readWorkbookXml, type WorkbookXml } from "../helpers/xlsxParts";

const SOFFICE = ["/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"].find((p) =>
  fs.existsSync(p)
);
if (!SOFFICE) {
  console.log(
    "SKIP test/xlsx/libreoffice.test.ts: soffice not found (apt-get install libreoffice-calc-nogui; .ci/run does)"
  );
}
const maybe = SOFFICE ? describe : describe.skip;

maybe("the template after a LibreOffice round trip", () => {
  let dir: string;
  let before: WorkbookXml;
  let after: WorkbookXml;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cedu-lo-"));
    const source = path.join(dir, "template.xlsx");
    const bytes = await standardXlsx(standardWorkbook({ lang: "zh-CN" }));
    fs.writeFileSync(source, bytes);
    before = await readWorkbookXml(bytes);
    const out = path.join(dir, "out");
    await promisify(execFile)(
      SOFFICE as string,
      [
        `-env:UserInstallation=file://${path.join(dir, "lo-profile")}`,
        "--headless",
        "--convert-to",
        "xlsx",
        "--outdir",
        out,
        source,
      ],
      { timeout: 110_000 }
    );
    after = await readWorkbookXml(fs.readFileSync(path.join(out, "template.xlsx")));
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("the same sheets", () => {
    expect(after.sheets.map((s) => s.name)).toEqual(before.sheets.map((s) => s.name));
  });

  test("every data validation is still there, with its type, formulas and messages", () => {
    // A rule of type "any" (input message only) is written by LibreOffice as type "none" with a
    // placeholder formula; a list or custom rule's second formula is a placeholder too.
    const key = (v: WorkbookXml["sheets"][number]["validations"][number]) => {
      const type = !v.type || v.type === "none" ? "any" : v.type;
      const f1 = type === "any" ? "" : (v.formula1 ?? "");
      const f2 = type === "any" || type === "list" || type === "custom" ? "" : (v.formula2 ?? "");
      const range = v.sqref.replace(/\d+$/, "");
      return [range, type, f1, f2, v.promptTitle, v.prompt, v.error ?? ""].join(" | ");
    };
    const dataSheets = before.sheets.filter((s) => s.validations.length > 0);
    expect(dataSheets).toHaveLength(5);
    for (const sheet of dataSheets) {
      const kept = after.sheets.find((s) => s.name === sheet.name)!;
      expect(kept.validations.map(key).sort()).toEqual(sheet.validations.map(key).sort());
    }
    const roster = after.sheets.find((s) => s.name === "学员花名册")!;
    expect(roster.validations.filter((v) => v.formula2 === "TODAY()")).toHaveLength(2);
    expect(roster.validations.filter((v) => v.formula1 === "CEDU_Communities")).toHaveLength(1);
  });

  test("the community list's name and formula are kept", () => {
    const name = after.names.find((n) => n.name === "CEDU_Communities");
    expect(name?.formula.replace(/'/g, "")).toBe(
      "OFFSET(社区人口!$B$2,0,0,MAX(1,COUNTA(社区人口!$B$2:$B$1048576)),1)"
    );
  });
});
