/** Runs validation on small hand-written sheets, the detections frozen to prove they are only read. */
import { epochDayFromISO } from "../../../src/core/cells";
import { detectSheets, type DetectedSheet } from "../../../src/core/detect";
import type { Issue, SheetInput } from "../../../src/core/types";
import { validate, type ValidationResult } from "../../../src/core/validate";

export const TODAY = epochDayFromISO("2026-06-30") as number;
export const day = (iso: string) => epochDayFromISO(iso) as number;

export const POPULATION: SheetInput = {
  name: "人口",
  values: [
    ["社区", "常住人口"],
    ["东湖社区", 1000],
    ["西山村", 500],
  ],
};

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

export function run(
  sheets: SheetInput[],
  options: { today?: number; date1904?: boolean } = {}
): ValidationResult & { detected: readonly DetectedSheet[]; codes: string[] } {
  const detected = deepFreeze(detectSheets(sheets, {}));
  const result = validate(sheets, detected, { today: options.today ?? TODAY, ...options });
  return { ...result, detected, codes: result.issues.map((i) => i.code) };
}

export const at = (issues: Issue[], code: string) =>
  issues.filter((i) => i.code === code).map((i) => i.cell);
