/**
 * The architecture's boundaries are enforced by lint (eslint.config.js): these files do not exist,
 * they are linted as if they stood at the path given, and each violation must be refused.
 */
import path from "path";
import { ESLint } from "eslint";

const ROOT = path.join(__dirname, "..", "..");
// The config is handed over rather than found: ESLint loads a config file with a dynamic import,
// which Jest's module system does not run.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(path.join(ROOT, "eslint.config.js"));
const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: config });

/** The boundary rules' messages for a file's text at a path of the repository. */
async function refusals(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages
    .filter((m) => m.ruleId === "no-restricted-imports" || m.ruleId === "no-restricted-globals")
    .map((m) => m.message);
}

jest.setTimeout(60_000);

describe("lint keeps src/core pure and the doors at its entry", () => {
  test.each([
    ["Node's fs", `import { promises } from "fs";\nexport const x = promises;\n`],
    ["a node: module", `import { join } from "node:path";\nexport const x = join;\n`],
    ["path", `import * as p from "path";\nexport const x = p;\n`],
    [
      "a door's file",
      `import { readWorkbook } from "../excel/read";\nexport const x = readWorkbook;\n`,
    ],
    ["React", `import { useState } from "react";\nexport const x = useState;\n`],
    [
      "Fluent UI",
      `import { Button } from "@fluentui/react-components";\nexport const x = Button;\n`,
    ],
    ["ExcelJS", `import ExcelJS from "exceljs";\nexport const x = ExcelJS;\n`],
    ["Office.js", `export const x = Office.context;\n`],
    ["the DOM", `export const x = document.title;\n`],
  ])("src/core refuses %s", async (_what, code) => {
    expect(await refusals("src/core/probe.ts", code)).toHaveLength(1);
  });

  test("a file deeper in src/core may import core's own files but not climb out of src/core", async () => {
    expect(
      await refusals(
        "src/core/draft/probe.ts",
        `import { t } from "../i18n";\nexport const x = t;\n`
      )
    ).toEqual([]);
    expect(
      await refusals(
        "src/core/draft/probe.ts",
        `import { readWorkbookFile } from "../../cli/read";\nexport const x = readWorkbookFile;\n`
      )
    ).toHaveLength(1);
  });

  test("doors import core through src/core/index.ts only", async () => {
    const deep = `import { normalizeText } from "../core/cells";\nexport const x = normalizeText;\n`;
    const entry = `import { normalizeText } from "../core";\nexport const x = normalizeText;\n`;
    for (const door of ["excel", "functions", "taskpane", "cli", "xlsx", "docx"]) {
      expect(await refusals(`src/${door}/probe.ts`, deep)).toHaveLength(1);
      expect(await refusals(`src/${door}/probe.ts`, entry)).toEqual([]);
    }
    expect(
      await refusals(
        "src/xlsx/charts/probe.ts",
        `import { t } from "../../core/i18n";\nexport const x = t;\n`
      )
    ).toHaveLength(1);
  });

  test("src/xlsx runs in the browser too: no Node there; src/cli may use Node", async () => {
    const node = `import { promises } from "fs";\nexport const x = promises;\n`;
    expect(await refusals("src/xlsx/probe.ts", node)).toHaveLength(1);
    expect(await refusals("src/cli/probe.ts", node)).toEqual([]);
  });
});
