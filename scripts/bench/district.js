"use strict";
/**
 * The district row of `npm run bench`: one office of n enrolment rows written once as a single
 * .xlsx and once split into `parts` .xlsx files (one per school: its slice of the roster and
 * of the activity log, the population sheet in each, the school list and plan in the first), then
 * `cedu report <file> --json` against `cedu report <folder> --json`, each as a child process
 * under /usr/bin/time -v (wall time, peak RSS). The district reads one file at a time, so its
 * peak memory should stay near one small file's, far under the single big file's.
 *
 * The participants per community must agree: a person's rows may sit in several files, and the
 * district counts each person once, as the single workbook does.
 */
const fs = require("fs");
const path = require("path");
const { performance } = require("perf_hooks");
const { officeInput } = require("./office");

/** Writes sheets (name → rows) to an .xlsx with ExcelJS's streaming writer. */
async function writeSheets(file, sheets, dateColumns) {
  const ExcelJS = require("exceljs");
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  for (const { name, rows } of sheets) {
    const ws = wb.addWorksheet(name);
    const dc = dateColumns[name];
    rows.forEach((row, r) => {
      const cells = row.map((v, c) =>
        c === dc && r > 0 && typeof v === "number" ? new Date(Math.round((v - 25569) * 86400000)) : v
      );
      const added = ws.addRow(cells);
      if (dc !== undefined && cells[dc] instanceof Date) added.getCell(dc + 1).numFmt = "yyyy-mm-dd";
      added.commit();
    });
    ws.commit();
  }
  await wb.commit();
}

/** The office of n rows as one file and as `parts` files in `dir`/district/. */
async function writeOffice(dir, n, parts) {
  const input = officeInput(n);
  const dateColumns = { 学员花名册: 8, 活动记录: 0 };
  const single = path.join(dir, `office-${n}.xlsx`);
  const t0 = performance.now();
  await writeSheets(single, input.sheets.map((s) => ({ name: s.name, rows: s.values })), dateColumns);
  const folder = path.join(dir, "district");
  fs.mkdirSync(folder);
  const [roster, activities, ...small] = input.sheets;
  // The roster has a title row and a header row; the activity log a header row.
  const rosterHead = roster.values.slice(0, 2);
  const rosterBody = roster.values.slice(2);
  const actHead = activities.values.slice(0, 1);
  const actBody = activities.values.slice(1);
  const slice = (rows, k) => rows.slice(Math.floor((rows.length * k) / parts), Math.floor((rows.length * (k + 1)) / parts));
  const population = small.find((s) => s.name === "社区人口");
  for (let k = 0; k < parts; k++) {
    const sheets = [
      { name: roster.name, rows: [...rosterHead, ...slice(rosterBody, k)] },
      { name: activities.name, rows: [...actHead, ...slice(actBody, k)] },
      ...(k === 0 ? small : [population]).map((s) => ({ name: s.name, rows: s.values })),
    ];
    await writeSheets(path.join(folder, `school-${String(k + 1).padStart(2, "0")}.xlsx`), sheets, dateColumns);
  }
  const folderBytes = fs.readdirSync(folder).reduce((b, f) => b + fs.statSync(path.join(folder, f)).size, 0);
  return { single, folder, singleBytes: fs.statSync(single).size, folderBytes, writeMs: performance.now() - t0 };
}

/**
 * Runs the comparison. `timedChild(args)` → {wall, peakRss, status, stdout, stderr}; `runs`
 * timed runs of each after a warm-up run (which also checks the figures).
 */
async function benchDistrict({ root, dir, n, parts, runs, timedChild, log }) {
  log(`district: writing one ${n}-row office and the same in ${parts} files…`);
  const files = await writeOffice(dir, n, parts);
  const cli = path.join(root, "bin/cedu.js");
  const kinds = {
    single: [cli, "report", files.single, "--json"],
    district: [cli, "report", files.folder, "--json"],
  };
  const out = { rows: n, parts, singleBytes: files.singleBytes, folderBytes: files.folderBytes, writeMs: files.writeMs };
  const participants = {};
  for (const [k, args] of Object.entries(kinds)) {
    log(`district: cedu report (${k})…`);
    const first = timedChild(args);
    if (first.status !== 0 && first.status !== 1)
      throw new Error(`cedu report ${k} failed (exit ${first.status}): ${first.stderr.slice(0, 500)}`);
    const json = JSON.parse(first.stdout);
    participants[k] = Object.fromEntries(json.byCommunity.map((c) => [c.community, c.participants]));
    const walls = [first.wall];
    const peaks = [first.peakRss];
    for (let i = 1; i < runs; i++) {
      const r = timedChild(args);
      walls.push(r.wall);
      peaks.push(r.peakRss);
    }
    const sorted = [...walls].sort((a, b) => a - b);
    out[k] = { median: sorted[sorted.length >> 1], runsMs: walls, peakRss: Math.max(...peaks), runs };
  }
  const a = JSON.stringify(participants.single);
  const b = JSON.stringify(participants.district);
  if (a !== b) throw new Error(`district participants differ from the single workbook's: ${b} vs ${a}`);
  return out;
}

module.exports = { benchDistrict, writeOffice };
