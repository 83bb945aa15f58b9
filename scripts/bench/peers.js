"use strict";
/**
 * The peers, each computing the per-community figures of docs/data-model.md (participants, enrolments,
 * activities, attendance, hours) for 2024 from the cleaned office (office.js: officeClean), and
 * the comparison that must hold before anything is timed.
 *
 * Figures are compared as { [community]: { participants?, enrolments, activities, attendance, hours } }.
 */
const { COMMUNITIES, SERIAL_2024, DAYS_2024 } = require("./office");

const FROM = SERIAL_2024;
const TO = SERIAL_2024 + DAYS_2024 - 1;

/** The engine's figures in the comparison shape. */
function engineFigures(metrics) {
  const out = {};
  for (const c of metrics.byCommunity) {
    out[c.community] = {
      participants: c.participants,
      enrolments: c.enrolments,
      activities: c.activities,
      attendance: c.attendance,
      hours: c.hours,
    };
  }
  return out;
}

/** (c) The floor: one hand-written pass with Maps over already-clean rows, no validation. */
function plainAggregation(clean) {
  const by = new Map();
  const get = (c) => {
    let r = by.get(c);
    if (!r) by.set(c, (r = { people: new Set(), enrolments: 0, activities: 0, attendance: 0, hours: 0 }));
    return r;
  };
  const e = clean.enrolments;
  for (let i = 0; i < e.community.length; i++) {
    const d = e.date[i];
    if (d < FROM || d > TO) continue;
    const r = get(e.community[i]);
    r.enrolments++;
    r.people.add(e.person[i]);
  }
  const a = clean.activities;
  for (let i = 0; i < a.community.length; i++) {
    const d = a.date[i];
    if (d < FROM || d > TO) continue;
    const r = get(a.community[i]);
    r.activities++;
    r.attendance += a.participants[i];
    r.hours += a.hours[i];
  }
  const out = {};
  for (const [c, r] of by) {
    out[c] = { participants: r.people.size, enrolments: r.enrolments, activities: r.activities, attendance: r.attendance, hours: r.hours };
  }
  return out;
}

/** (b) Arquero 7: filter + group-by + rollup over column tables. */
function arqueroFigures(aq, clean) {
  const { op } = aq;
  const e = aq
    .table(clean.enrolments)
    .params({ from: FROM, to: TO })
    .filter((d, $) => d.date >= $.from && d.date <= $.to)
    .groupby("community")
    .rollup({ participants: op.distinct("person"), enrolments: op.count() })
    .objects();
  const a = aq
    .table(clean.activities)
    .params({ from: FROM, to: TO })
    .filter((d, $) => d.date >= $.from && d.date <= $.to)
    .groupby("community")
    .rollup({ activities: op.count(), attendance: op.sum("participants"), hours: op.sum("hours") })
    .objects();
  const out = {};
  const row = (c) => (out[c] ??= { participants: 0, enrolments: 0, activities: 0, attendance: 0, hours: 0 });
  for (const r of e) Object.assign(row(r.community), { participants: r.participants, enrolments: r.enrolments });
  for (const r of a) Object.assign(row(r.community), { activities: r.activities, attendance: r.attendance, hours: r.hours });
  return out;
}

/**
 * Compares a peer's figures with the engine's on the fields the peer computes.
 * Returns null when equal, else a description of the first differences.
 */
function compareFigures(engine, peer, fields) {
  const diffs = [];
  for (const c of COMMUNITIES) {
    for (const f of fields) {
      const x = engine[c]?.[f];
      const y = peer[c]?.[f];
      if (typeof x !== "number" || typeof y !== "number" || Math.abs(x - y) > 1e-6 * Math.max(1, Math.abs(x))) {
        diffs.push(`${c}.${f}: engine ${x} vs peer ${y}`);
      }
    }
  }
  for (const c of Object.keys(peer)) if (!COMMUNITIES.includes(c)) diffs.push(`unexpected community ${c}`);
  return diffs.length ? diffs.slice(0, 10).join("; ") : null;
}

module.exports = { FROM, TO, engineFigures, plainAggregation, arqueroFigures, compareFigures };
