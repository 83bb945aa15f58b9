/**
 * One composition root for the shared runtime (issue 14): the built bundles (runtime.js,
 * functions.js, commands.js, taskpane.js, as taskpane.html loads them) run in one context over the
 * fake Excel; the ribbon bundle starts the live feed on Office.onReady, and a custom function from
 * the functions bundle computes from the model that feed filled. Needs the production build
 * (`npm test` builds first).
 */
import * as vm from "vm";
import { readDist } from "../build/dist";
import { FakeSheetData, FakeState, installExcel } from "../excel/fakeExcel";
import { buildPopulation, buildRoster } from "./fixture";

class FakeError {
  constructor(
    public code: string,
    public message?: string
  ) {}
}

test("a model fed by the commands bundle is seen by a function of the functions bundle", async () => {
  const state = new FakeState();
  const sheet = (name: string, values: unknown[][]) => {
    const s = new FakeSheetData(name);
    values.forEach((row, r) => row.forEach((v, c) => s.cells.set(`${r},${c}`, v)));
    return s;
  };
  state.sheets = [sheet("学员花名册", buildRoster(40)), sheet("社区人口", buildPopulation())];
  const excel = installExcel(state);
  const Excel = (globalThis as { Excel?: unknown }).Excel;
  excel.uninstall();

  const associated = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  const Office = {
    HostType: { Excel: "Excel" },
    StartupBehavior: { load: "Load" },
    context: {
      displayLanguage: "zh-CN",
      requirements: { isSetSupported: () => true },
    },
    onReady: (callback?: (info: { host: string }) => void) => {
      const info = { host: "Excel" };
      callback?.(info);
      return Promise.resolve(info);
    },
    addin: { setStartupBehavior: async () => undefined },
    actions: { associate: () => undefined },
  };
  const context = vm.createContext({
    console: { ...console, error: () => undefined, info: () => undefined },
    setTimeout,
    clearTimeout,
    Office,
    Excel,
    CustomFunctions: {
      associate: (id: string, fn: (...args: unknown[]) => Promise<unknown>) =>
        associated.set(id, fn),
      Error: FakeError,
      ErrorCode: {
        invalidValue: "#VALUE!",
        notAvailable: "#N/A",
        divisionByZero: "#DIV/0!",
        invalidNumber: "#NUM!",
      },
    },
  });
  context.self = context;
  for (const file of ["runtime.js", "functions.js", "commands.js", "taskpane.js"]) {
    try {
      vm.runInContext(readDist(file), context, { filename: file });
    } catch (e) {
      // The pane needs a page (#container); the runtime it shares does not.
      if (file !== "taskpane.js") throw e;
    }
  }
  const participants = associated.get("PARTICIPANTS");
  expect(participants).toBeDefined();
  const value = await participants!(null, null, null, null, null, { address: "报表!A1" });
  expect(typeof value).toBe("number");
  expect(value).toBeGreaterThan(0);
  // The feed that filled it is the one the commands bundle started: the page's runtime has it.
  const runtime = vm.runInContext('globalThis[Symbol.for("cedu.sharedRuntime")]', context) as {
    feed: { stop(): void } | null;
    model: { version: number };
  };
  expect(runtime.feed).not.toBeNull();
  expect(runtime.model.version).toBe(1);
  runtime.feed!.stop();
});
