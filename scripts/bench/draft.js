"use strict";
/**
 * The work-summary draft's cost next to a generation (issue 16: under 5 % at 100k rows).
 *
 * "The draft" is what a generation adds to write it: the check for last year in the workbook's
 * own rows, the draft built from the figures and its text, in Chinese. Shown beside it, for
 * information: the .docx of that draft, and the draft against a second workbook (last year's
 * office: the same generator with another seed, its serial dates moved back one year, so most
 * people come back), which adds the figures over last year and the new/returning learners.
 */
const path = require("path");
const { performance } = require("perf_hooks");
const { officeInput, TODAY_EPOCH_DAY, ENROL_HEADER, ACT_HEADER } = require("./office");

const ROOT = path.resolve(__dirname, "..", "..");
const core = require(path.join(ROOT, "src/core/index.ts"));
const draft = require(path.join(ROOT, "src/core/draft/index.ts"));
const { draftDocx } = require(path.join(ROOT, "src/docx/draftDocx.ts"));

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A 1900-system serial one calendar year earlier (29 February → 1 March). */
function yearEarlier(serial) {
  const d = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return Math.round((d.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/** Last year's office: another seed, every serial date of the roster and the log a year earlier. */
function lastYearInput(n) {
  const input = officeInput(n + 1);
  for (const [sheet, header, column] of [
    ["学员花名册", ENROL_HEADER, "报名日期"],
    ["活动记录", ACT_HEADER, "日期"],
  ]) {
    const values = input.sheets.find((s) => s.name === sheet).values;
    const c = header.indexOf(column);
    for (const row of values) if (typeof row[c] === "number") row[c] = yearEarlier(row[c]);
  }
  return input;
}

async function timed(runs, fn, gc) {
  await fn(); // warm-up
  const times = [];
  for (let k = 0; k < runs; k++) {
    gc();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/**
 * @param n rows of the roster
 * @param generationMs the engine's median generation (analyze + figures + report) at n, same run
 */
async function benchDraft(n, generationMs, runs, gc) {
  const analysis = core.analyze(officeInput(n), { today: TODAY_EPOCH_DAY });
  const metrics = core.figures(analysis);
  let text = "";
  let d = null;
  const draftMs = await timed(
    runs,
    () => {
      const comparison = draft.previousYearInData(analysis, metrics);
      d = draft.buildDraft(metrics, { lang: "zh-CN", comparison });
      text = draft.draftText(d);
    },
    gc
  );
  const docxMs = await timed(runs, () => draftDocx(d), gc);

  const other = core.analyze(lastYearInput(n), { today: TODAY_EPOCH_DAY });
  let learners = null;
  const compareMs = await timed(
    runs,
    () => {
      const c = draft.previousYearInWorkbook(analysis, metrics, other, "last-year.xlsx");
      if (!draft.isComparison(c)) throw new Error("bench: last year's office has no figures to compare");
      learners = c.learners;
      text = draft.draftText(draft.buildDraft(metrics, { lang: "zh-CN", comparison: c }));
    },
    gc
  );
  return {
    n,
    generationMs,
    draftMs,
    draftShare: draftMs / generationMs,
    docxMs,
    compareMs,
    compareShare: compareMs / generationMs,
    characters: text.length,
    learners,
  };
}

module.exports = { benchDraft, lastYearInput };
