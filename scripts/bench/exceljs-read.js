"use strict";
/** ExcelJS alone reading a file, for the CLI comparison: `node exceljs-read.js file whole|stream`. */
const ExcelJS = require("exceljs");

async function main() {
  const [file, mode] = process.argv.slice(2);
  let cells = 0;
  if (mode === "stream") {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: "cache", styles: "cache", worksheets: "emit", hyperlinks: "ignore", entries: "emit" });
    for await (const ws of reader) for await (const row of ws) cells += row.values.length;
  } else {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    wb.eachSheet((ws) => ws.eachRow((row) => (cells += row.values.length)));
  }
  process.stdout.write(`${cells}\n`);
}
main().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
  process.exitCode = 2;
});
