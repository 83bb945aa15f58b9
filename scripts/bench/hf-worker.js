"use strict";
/**
 * (a) HyperFormula peer, run in a worker thread so that the main thread can stop it at its time
 * limit. The cleaned roster and activity log are loaded as sheets (only the columns the formulas
 * read) and a summary sheet holds the formulas a staff member would write:
 *   per community: enrolments  =COUNTIFS(社区, A2, 报名日期, ">="&from, 报名日期, "<="&to)
 *                  activities  =COUNTIFS(活动社区, A2, 活动日期, …)
 *                  attendance  =SUMIFS(参加人数, 活动社区, A2, 活动日期, …)
 *                  hours       =SUMIFS(课时, 活动社区, A2, 活动日期, …)
 *   totals:        enrolments and activities over the period       (5 × 4 + 2 = 22 formulas)
 * variant "distinct" adds per-community participants with the usual distinct-count idiom
 *                  =SUMPRODUCT((社区=A2)/COUNTIFS(社区, 社区, 身份证号, 身份证号))
 * (every cleaned row lies in the period, so the idiom needs no date test here).
 *
 * Messages: in {n, variant, runs}; out {type: "ready"}, {type: "start", run}, {type: "check",
 * figures}, {type: "run", run, loadMs, formulaMs, totalMs}, {type: "done"}.
 */
const { parentPort, workerData } = require("worker_threads");
const { performance } = require("perf_hooks");
const { HyperFormula } = require("hyperformula");
const { officeClean, COMMUNITIES } = require("./office");
const { FROM, TO } = require("./peers");

const { n, variant, runs } = workerData;
const clean = officeClean(n);
const e = clean.enrolments;
const a = clean.activities;

const roster = [["所属社区", "身份证号", "报名日期", "培训项目"]];
for (let i = 0; i < e.community.length; i++) roster.push([e.community[i], e.person[i], e.date[i], e.course[i]]);
const acts = [["举办社区", "日期", "参加人数", "课时"]];
for (let i = 0; i < a.community.length; i++) acts.push([a.community[i], a.date[i], a.participants[i], a.hours[i]]);
const re = roster.length;
const ra = acts.length;

const period = (range) => `${range},">="&${FROM},${range},"<="&${TO}`;
const R = (col) => `Roster!$${col}$2:$${col}$${re}`;
const A = (col) => `Acts!$${col}$2:$${col}$${ra}`;
const summary = [["社区", "报名人次", "活动场次", "活动参与人次", "课时", ...(variant === "distinct" ? ["参与人数"] : [])]];
COMMUNITIES.forEach((c, i) => {
  const r = i + 2;
  const row = [
    c,
    `=COUNTIFS(${R("A")},$A${r},${period(R("C"))})`,
    `=COUNTIFS(${A("A")},$A${r},${period(A("B"))})`,
    `=SUMIFS(${A("C")},${A("A")},$A${r},${period(A("B"))})`,
    `=SUMIFS(${A("D")},${A("A")},$A${r},${period(A("B"))})`,
  ];
  if (variant === "distinct") row.push(`=SUMPRODUCT((${R("A")}=$A${r})/COUNTIFS(${R("A")},${R("A")},${R("B")},${R("B")}))`);
  summary.push(row);
});
summary.push(["合计", `=COUNTIFS(${period(R("C"))})`, `=COUNTIFS(${period(A("B"))})`]);

const config = {
  licenseKey: "gpl-v3",
  maxRows: Math.max(40000, re + 10),
  useArrayArithmetic: variant === "distinct",
};

parentPort.postMessage({ type: "ready" });
for (let run = 0; run < runs; run++) {
  parentPort.postMessage({ type: "start", run });
  const t0 = performance.now();
  const hf = HyperFormula.buildFromSheets({ Roster: roster, Acts: acts, Summary: [] }, config);
  const t1 = performance.now();
  const sheetId = hf.getSheetId("Summary");
  hf.setSheetContent(sheetId, summary);
  const values = hf.getSheetValues(sheetId);
  const t2 = performance.now();
  if (run === 0) {
    const figures = {};
    COMMUNITIES.forEach((c, i) => {
      const v = values[i + 1];
      figures[c] = { enrolments: v[1], activities: v[2], attendance: v[3], hours: v[4] };
      if (variant === "distinct") figures[c].participants = typeof v[5] === "number" ? Math.round(v[5] * 1e6) / 1e6 : v[5];
    });
    const total = values[COMMUNITIES.length + 1];
    parentPort.postMessage({ type: "check", figures, totals: { enrolments: total[1], activities: total[2] } });
  }
  parentPort.postMessage({ type: "run", run, loadMs: t1 - t0, formulaMs: t2 - t1, totalMs: t2 - t0 });
  hf.destroy();
}
parentPort.postMessage({ type: "done" });
