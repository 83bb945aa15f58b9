/**
 * Population sheets: one row per community with its residents. Read first, because the other
 * sheets' communities are checked against this list.
 */
import type { PopulationRow } from "../dataset";
import type { ValidationContext } from "./context";
import { eachRow } from "./reader";

/** The population rows, one per community (null when the workbook has no population sheet). */
export function readPopulation(v: ValidationContext): PopulationRow[] | null {
  if (!v.has("population")) return null;
  const byCommunity = new Map<number, PopulationRow>();
  eachRow(v, "population", (row) => {
    const name = row.text("community");
    const residents = row.number("residents");
    const households = row.number("households");
    const target = row.number("target");
    if (row.bad || name === undefined || residents === undefined) return;
    const { sheet, r } = row;
    const id = v.dicts.community.id(name);
    const entry: PopulationRow = {
      community: id,
      residents,
      households: households ?? null,
      target: target ?? null,
      sheet: sheet.sheet.name,
      row: sheet.originRow + r + 1,
      col: sheet.originCol + (row.col("residents") ?? 0) + 1,
    };
    const prev = byCommunity.get(id);
    if (!prev) {
      byCommunity.set(id, entry);
      return;
    }
    v.report(sheet, r, row.col("community"), {
      code: "duplicate-community",
      severity: "warning",
      field: "community",
      raw: name,
      message: { key: "issue.duplicateCommunity", params: { community: name } },
    });
    // Keep the larger figure whatever the row order, so the result does not depend on sorting.
    if (
      entry.residents > prev.residents ||
      (entry.residents === prev.residents && (entry.target ?? -1) > (prev.target ?? -1))
    ) {
      byCommunity.set(id, { ...entry, households: entry.households ?? prev.households });
    }
  });
  return Array.from(byCommunity.values());
}
