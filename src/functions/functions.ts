/*
 * CEDU.* custom functions (shared runtime). custom-functions-metadata-plugin reads the JSDoc below
 * to generate dist/functions.json and appends `CustomFunctions.associate(id, fn)` for every
 * @customfunction to this file at build time; do not call associate by hand (docs/design/toolchain-notes.md, trap P4). The
 * build wraps those calls in `typeof CustomFunctions !== "undefined"` (see
 * scripts/webpack/guard-associate-loader.js) so the page still starts without office.js.
 *
 * Localized names and descriptions: src/functions/zh-cn.json (→ dist/functions-zh-cn.json).
 * Rules for this folder (ARCHITECTURE.md at the repository root): thin functions, no Excel API calls, pure results.
 * The work is in compute.ts; the argument order and the choice of @volatile are explained in
 * README, "Custom functions".
 *
 * Argument order, everywhere: filters first (community, from, to, category; the school functions
 * community, type), then the optional source ranges (roster, population, activities, schools).
 * With no source range, a function computes from the workbook the add-in recognised (model.ts).
 * Every indicator is @volatile: only volatile functions are recalculated when a workbook opens,
 * and the argument-free form must follow the workbook; repeats are cache lookups (cache.ts).
 * Each also asks for its cell's address (@requiresAddress, CustomFunctionsRuntime 1.1): the live
 * feed recalculates exactly the cells whose figure an edit left behind, never the application.
 */
import { divide, indicator, issuesTable, schoolRate, summaryTable } from "./compute";
import { guarded, guardedSync } from "./errors";

/**
 * Participation rate: distinct residents with at least one enrolment in the period, divided by the residents of the population sheet. Without ranges, uses this workbook's sheets.
 * @customfunction PARTICIPATION
 * @volatile
 * @requiresAddress
 * @helpurl https://cedu.example.org/addin/README#custom-functions
 * @param community Community name, e.g. "六角社区". Leave empty for all communities.
 * @param from First day of the period: a date, a text date such as "2025-01-01", or a year such as 2025. Empty: the calendar year of the latest date in the data.
 * @param to Last day of the period: a date, a text date or a year. Empty: the end of the year of "from".
 * @param category Course category, e.g. "信息技术培训". Leave empty for all categories.
 * @param roster Learner roster range including its header row (姓名, 所属社区, 培训项目, 报名日期 …). Empty: this workbook's roster sheets.
 * @param population Community population range including its header row (社区, 常住人口). Needed when a roster range is given.
 * @returns A rate between 0 and 1 (format the cell as a percentage); #DIV/0! when there are no residents.
 */
export function participation(
  community?: string,
  from?: unknown,
  to?: unknown,
  category?: string,
  roster?: unknown[][],
  population?: unknown[][],
  invocation?: CustomFunctions.Invocation
): Promise<number> {
  return guarded(() =>
    indicator(
      "participation",
      { community, from, to, category },
      { roster, population },
      invocation?.address
    )
  );
}

/**
 * Number of participants (人): distinct people with at least one valid enrolment in the period. Without ranges, uses this workbook's sheets.
 * @customfunction PARTICIPANTS
 * @volatile
 * @requiresAddress
 * @helpurl https://cedu.example.org/addin/README#custom-functions
 * @param community Community name, e.g. "六角社区". Leave empty for all communities.
 * @param from First day of the period: a date, a text date such as "2025-01-01", or a year such as 2025. Empty: the calendar year of the latest date in the data.
 * @param to Last day of the period: a date, a text date or a year. Empty: the end of the year of "from".
 * @param category Course category, e.g. "信息技术培训". Leave empty for all categories.
 * @param roster Learner roster range including its header row. Empty: this workbook's roster sheets.
 * @returns Number of people.
 */
export function participants(
  community?: string,
  from?: unknown,
  to?: unknown,
  category?: string,
  roster?: unknown[][],
  invocation?: CustomFunctions.Invocation
): Promise<number> {
  return guarded(() =>
    indicator("participants", { community, from, to, category }, { roster }, invocation?.address)
  );
}

/**
 * Number of enrolments (人次): valid enrolment rows in the period, a person enrolled twice in the same course counted once. Without ranges, uses this workbook's sheets.
 * @customfunction ENROLMENTS
 * @volatile
 * @requiresAddress
 * @helpurl https://cedu.example.org/addin/README#custom-functions
 * @param community Community name, e.g. "六角社区". Leave empty for all communities.
 * @param from First day of the period: a date, a text date such as "2025-01-01", or a year such as 2025. Empty: the calendar year of the latest date in the data.
 * @param to Last day of the period: a date, a text date or a year. Empty: the end of the year of "from".
 * @param category Course category, e.g. "信息技术培训". Leave empty for all categories.
 * @param roster Learner roster range including its header row. Empty: this workbook's roster sheets.
 * @returns Number of enrolments.
 */
export function enrolments(
  community?: string,
  from?: unknown,
  to?: unknown,
  category?: string,
  roster?: unknown[][],
  invocation?: CustomFunctions.Invocation
): Promise<number> {
  return guarded(() =>
    indicator("enrolments", { community, from, to, category }, { roster }, invocation?.address)
  );
}

/**
 * Completion rate: enrolments with status 结业 (completed) divided by enrolments with any recorded status. Without ranges, uses this workbook's sheets.
 * @customfunction COMPLETION
 * @volatile
 * @requiresAddress
 * @helpurl https://cedu.example.org/addin/README#custom-functions
 * @param community Community name, e.g. "六角社区". Leave empty for all communities.
 * @param from First day of the period: a date, a text date such as "2025-01-01", or a year such as 2025. Empty: the calendar year of the latest date in the data.
 * @param to Last day of the period: a date, a text date or a year. Empty: the end of the year of "from".
 * @param category Course category, e.g. "信息技术培训". Leave empty for all categories.
 * @param roster Learner roster range including its header row. Empty: this workbook's roster sheets.
 * @returns A rate between 0 and 1; #DIV/0! when no status is recorded.
 */
export function completion(
  community?: string,
  from?: unknown,
  to?: unknown,
  category?: string,
  roster?: unknown[][],
  invocation?: CustomFunctions.Invocation
): Promise<number> {
  return guarded(() =>
    indicator("completion", { community, from, to, category }, { roster }, invocation?.address)
  );
}

/**
 * Learners' excellence rate: results 优秀 (excellent) divided by results recorded. Without ranges, uses this workbook's sheets.
 * @customfunction EXCELLENCE
 * @volatile
 * @requiresAddress
 * @helpurl https://cedu.example.org/addin/README#custom-functions
 * @param community Community name, e.g. "六角社区". Leave empty for all communities.
 * @param from First day of the period: a date, a text date such as "2025-01-01", or a year such as 2025. Empty: the calendar year of the latest date in the data.
 * @param to Last day of the period: a date, a text date or a year. Empty: the end of the year of "from".
 * @param category Course category, e.g. "信息技术培训". Leave empty for all categories.
 * @param roster Learner roster range including its header row. Empty: this workbook's roster sheets.
 * @returns A rate between 0 and 1; #DIV/0! when no result is recorded.
 */
export function excellence(
  community?: string,
  from?: unknown,
  to?: unknown,
  category?: string,
  roster?: unknown[][],
  invocation?: CustomFunctions.Invocation
): Promise<number> {
  return guarded(() =>
    indicator("excellence", { community, from, to, category }, { roster }, invocation?.address)
  );
}

/**
 * Learners' qualified rate: results 合格, 良好 or 优秀 divided by results recorded. Without ranges, uses this workbook's sheets.
 * @customfunction QUALIFIED
 * @volatile
 * @requiresAddress
 * @helpurl https://cedu.example.org/addin/README#custom-functions
 * @param community Community name, e.g. "六角社区". Leave empty for all communities.
 * @param from First day of the period: a date, a text date such as "2025-01-01", or a year such as 2025. Empty: the calendar year of the latest date in the data.
 * @param to Last day of the period: a date, a text date or a year. Empty: the end of the year of "from".
 * @param category Course category, e.g. "信息技术培训". Leave empty for all categories.
 * @param roster Learner roster range including its header row. Empty: this workbook's roster sheets.
 * @returns A rate between 0 and 1; #DIV/0! when no result is recorded.
 */
export function qualified(
  community?: string,
  from?: unknown,
  to?: unknown,
  category?: string,
  roster?: unknown[][],
  invocation?: CustomFunctions.Invocation
): Promise<number> {
  return guarded(() =>
    indicator("qualified", { community, from, to, category }, { roster }, invocation?.address)
  );
}

/**
 * Number of activities (场): valid rows of the activity log in the period. Without ranges, uses this workbook's sheets.
 * @customfunction ACTIVITIES
 * @volatile
 * @requiresAddress
 * @helpurl https://cedu.example.org/addin/README#custom-functions
 * @param community Community that held the activity, e.g. "六角社区". Leave empty for all communities.
 * @param from First day of the period: a date, a text date such as "2025-01-01", or a year such as 2025. Empty: the calendar year of the latest date in the data.
 * @param to Last day of the period: a date, a text date or a year. Empty: the end of the year of "from".
 * @param category Activity category. Leave empty for all categories.
 * @param activities Activity log range including its header row (日期, 社区, 活动名称, 参加人数 …). Empty: this workbook's activity sheets.
 * @returns Number of activities.
 */
export function activities(
  community?: string,
  from?: unknown,
  to?: unknown,
  category?: string,
  activities?: unknown[][],
  invocation?: CustomFunctions.Invocation
): Promise<number> {
  return guarded(() =>
    indicator("activities", { community, from, to, category }, { activities }, invocation?.address)
  );
}

/**
 * Activity attendance (人次): the sum of participants over the activities in the period. Without ranges, uses this workbook's sheets.
 * @customfunction ATTENDANCE
 * @volatile
 * @requiresAddress
 * @helpurl https://cedu.example.org/addin/README#custom-functions
 * @param community Community that held the activity, e.g. "六角社区". Leave empty for all communities.
 * @param from First day of the period: a date, a text date such as "2025-01-01", or a year such as 2025. Empty: the calendar year of the latest date in the data.
 * @param to Last day of the period: a date, a text date or a year. Empty: the end of the year of "from".
 * @param category Activity category. Leave empty for all categories.
 * @param activities Activity log range including its header row. Empty: this workbook's activity sheets.
 * @returns Number of attendances.
 */
export function attendance(
  community?: string,
  from?: unknown,
  to?: unknown,
  category?: string,
  activities?: unknown[][],
  invocation?: CustomFunctions.Invocation
): Promise<number> {
  return guarded(() =>
    indicator("attendance", { community, from, to, category }, { activities }, invocation?.address)
  );
}

/**
 * Teaching hours (课时): the sum of hours over the activities in the period. Without ranges, uses this workbook's sheets.
 * @customfunction HOURS
 * @volatile
 * @requiresAddress
 * @helpurl https://cedu.example.org/addin/README#custom-functions
 * @param community Community that held the activity, e.g. "六角社区". Leave empty for all communities.
 * @param from First day of the period: a date, a text date such as "2025-01-01", or a year such as 2025. Empty: the calendar year of the latest date in the data.
 * @param to Last day of the period: a date, a text date or a year. Empty: the end of the year of "from".
 * @param category Activity category. Leave empty for all categories.
 * @param activities Activity log range including its header row. Empty: this workbook's activity sheets.
 * @returns Number of hours.
 */
export function hours(
  community?: string,
  from?: unknown,
  to?: unknown,
  category?: string,
  activities?: unknown[][],
  invocation?: CustomFunctions.Invocation
): Promise<number> {
  return guarded(() =>
    indicator("hours", { community, from, to, category }, { activities }, invocation?.address)
  );
}

/**
 * Schools' excellence rate: schools rated 优秀 divided by schools rated. Without ranges, uses this workbook's school list.
 * @customfunction SCHOOLEXCELLENCE
 * @volatile
 * @requiresAddress
 * @helpurl https://cedu.example.org/addin/README#custom-functions
 * @param community Community of the schools, e.g. "六角社区". Leave empty for all schools.
 * @param type School type, e.g. "职工学校" or "社区学校". Leave empty for all types.
 * @param schools School list range including its header row (学校名称, 评估等级 …). Empty: this workbook's school list.
 * @returns A rate between 0 and 1; #DIV/0! when no school is rated.
 */
export function schoolExcellence(
  community?: string,
  type?: string,
  schools?: unknown[][],
  invocation?: CustomFunctions.Invocation
): Promise<number> {
  return guarded(() => schoolRate("excellence", community, type, schools, invocation?.address));
}

/**
 * Schools' qualified rate: schools rated 合格 or 优秀 divided by schools rated. Without ranges, uses this workbook's school list.
 * @customfunction SCHOOLQUALIFIED
 * @volatile
 * @requiresAddress
 * @helpurl https://cedu.example.org/addin/README#custom-functions
 * @param community Community of the schools, e.g. "六角社区". Leave empty for all schools.
 * @param type School type, e.g. "职工学校" or "社区学校". Leave empty for all types.
 * @param schools School list range including its header row (学校名称, 评估等级 …). Empty: this workbook's school list.
 * @returns A rate between 0 and 1; #DIV/0! when no school is rated.
 */
export function schoolQualified(
  community?: string,
  type?: string,
  schools?: unknown[][],
  invocation?: CustomFunctions.Invocation
): Promise<number> {
  return guarded(() => schoolRate("qualified", community, type, schools, invocation?.address));
}

/**
 * Table by community (spills), as on the summary sheet: residents, participants, enrolments, participation rate, target, target met, activities, attendance and hours, with a total row. Without ranges, uses this workbook's sheets.
 * @customfunction SUMMARY
 * @volatile
 * @requiresAddress
 * @helpurl https://cedu.example.org/addin/README#custom-functions
 * @param community Community name, e.g. "六角社区". Leave empty for every community.
 * @param from First day of the period: a date, a text date such as "2025-01-01", or a year such as 2025. Empty: the calendar year of the latest date in the data.
 * @param to Last day of the period: a date, a text date or a year. Empty: the end of the year of "from".
 * @param category Course or activity category. Leave empty for all categories.
 * @param roster Learner roster range including its header row. Empty: this workbook's sheets.
 * @param population Community population range including its header row.
 * @param activities Activity log range including its header row.
 * @returns A header row and one row per community; rates are numbers between 0 and 1.
 */
export function summary(
  community?: string,
  from?: unknown,
  to?: unknown,
  category?: string,
  roster?: unknown[][],
  population?: unknown[][],
  activities?: unknown[][],
  invocation?: CustomFunctions.Invocation
): Promise<unknown[][]> {
  return guarded(() =>
    summaryTable(
      { community, from, to, category },
      { roster, population, activities },
      invocation?.address
    )
  );
}

/**
 * Data problems found in the sheets (spills): severity, sheet, cell, kind, value and message, most severe first. ID and phone numbers are masked. Without ranges, checks this workbook's sheets.
 * @customfunction ISSUES
 * @volatile
 * @requiresAddress
 * @helpurl https://cedu.example.org/addin/README#custom-functions
 * @param from First day of the period, for the out-of-period notes: a date, a text date or a year. Empty: the calendar year of the latest date in the data.
 * @param to Last day of the period: a date, a text date or a year. Empty: the end of the year of "from".
 * @param roster Learner roster range including its header row. Empty: this workbook's sheets.
 * @param population Community population range including its header row.
 * @param activities Activity log range including its header row.
 * @param schools School list range including its header row.
 * @returns A header row and one row per issue (at most 500).
 */
export function issues(
  from?: unknown,
  to?: unknown,
  roster?: unknown[][],
  population?: unknown[][],
  activities?: unknown[][],
  schools?: unknown[][],
  invocation?: CustomFunctions.Invocation
): Promise<unknown[][]> {
  return guarded(() =>
    issuesTable({ from, to }, { roster, population, activities, schools }, invocation?.address)
  );
}

/**
 * Divides two numbers as a ratio (named RATIO, not RATE: RATE is Excel's own interest-rate function), for example participants out of enrolled people.
 * @customfunction RATIO
 * @helpurl https://cedu.example.org/addin/README#custom-functions
 * @param numerator The part, for example the number of participants.
 * @param denominator The whole, for example the number of enrolled people. Must not be 0.
 * @returns numerator / denominator; #DIV/0! when the denominator is 0.
 */
export function ratio(numerator: number, denominator: number): number {
  return guardedSync(() => divide(numerator, denominator));
}
