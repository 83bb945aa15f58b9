/**
 * The production build in dist/ (`npm test` builds before jest): the files the manifest and the
 * shared runtime need, no eval, the page's script order and CSP, the localized metadata, and the
 * custom-functions and ribbon bundles run with and without office.js.
 */
import * as vm from "vm";
import { readDist } from "./dist";

const BUNDLES = ["runtime.js", "functions.js", "commands.js", "taskpane.js"];

describe("dist/", () => {
  test.each([
    "taskpane.html",
    ...BUNDLES,
    "functions.json",
    "functions-zh-cn.json",
    "manifest.xml",
    "help.html",
    "assets/icon-16.png",
    "assets/icon-32.png",
    "assets/icon-64.png",
    "assets/icon-80.png",
    "assets/icon-128.png",
  ])("has %s", (file) => {
    expect(readDist(file).length).toBeGreaterThan(0);
  });

  test("no separate functions.html or commands.html (shared runtime: one page)", () => {
    expect(() => readDist("functions.html")).toThrow(/missing/);
    expect(() => readDist("commands.html")).toThrow(/missing/);
  });

  test.each(BUNDLES)("%s contains no eval and no Function constructor", (file) => {
    const code = readDist(file);
    expect(code).not.toMatch(/\beval\s*\(/);
    expect(code).not.toMatch(/new\s+Function\s*\(/);
    expect(code).toMatch(/sourceMappingURL=/);
  });
});

describe("taskpane.html", () => {
  const html = readDistSafe("taskpane.html");

  test("loads office.js first, then runtime, functions, commands and taskpane", () => {
    const scripts = [...html.matchAll(/<script[^>]*src="?([^"\s>]+)"?/g)].map((m) => m[1]);
    expect(scripts).toEqual([
      "https://appsforoffice.microsoft.com/lib/1/hosted/office.js",
      "runtime.js",
      "functions.js",
      "commands.js",
      "taskpane.js",
    ]);
  });

  test("has a Content-Security-Policy allowing only itself and Office.js", () => {
    const csp = /http-equiv="?Content-Security-Policy"?\s+content="([^"]+)"/.exec(html)?.[1];
    expect(csp).toBeDefined();
    const directives = Object.fromEntries(
      csp!.split(";").map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      })
    );
    expect(directives["default-src"]).toEqual(["'self'"]);
    expect(directives["script-src"]).toEqual(["'self'", "https://appsforoffice.microsoft.com"]);
    expect(directives["connect-src"]).toEqual(["'self'", "https://appsforoffice.microsoft.com"]);
    expect(directives["img-src"]).toEqual(["'self'", "data:"]);
    expect(directives["style-src"]).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp).not.toMatch(/unsafe-eval|localhost/);
  });
});

describe("custom-functions metadata", () => {
  const en = JSON.parse(readDistSafe("functions.json"));
  const zh = JSON.parse(readDistSafe("functions-zh-cn.json"));

  test("functions.json declares CEDU.RATIO", () => {
    const rate = en.functions.find((f: { id: string }) => f.id === "RATIO");
    expect(rate).toMatchObject({ id: "RATIO", name: "RATIO", result: { type: "number" } });
    expect(rate.parameters.map((p: { name: string }) => p.name)).toEqual([
      "numerator",
      "denominator",
    ]);
  });

  test("functions-zh-cn.json has the same functions, ids and types, with Chinese text", () => {
    expect(zh.functions.map((f: { id: string }) => f.id)).toEqual(
      en.functions.map((f: { id: string }) => f.id)
    );
    const strip = (f: { name?: string; description?: string; parameters?: object[] }) => ({
      ...f,
      name: undefined,
      description: undefined,
      parameters: (f.parameters || []).map((p) => ({
        ...p,
        name: undefined,
        description: undefined,
      })),
    });
    expect(zh.functions.map(strip)).toEqual(en.functions.map(strip));
    const rate = zh.functions.find((f: { id: string }) => f.id === "RATIO");
    expect(rate.name).toBe("计算比率");
    expect(rate.description).toMatch(/[\u4e00-\u9fff]/);
  });
});

/** Runs the given dist bundles in a fresh context with the given globals. */
function runBundles(files: string[], globals: Record<string, unknown>): vm.Context {
  const context = vm.createContext({ console, setTimeout, clearTimeout, ...globals });
  context.self = context;
  for (const file of files) {
    vm.runInContext(readDist(file), context, { filename: file });
  }
  return context;
}

describe("functions.js", () => {
  test("starts without office.js (the associate calls are guarded)", () => {
    expect(() => runBundles(["runtime.js", "functions.js"], {})).not.toThrow();
  });

  test("registers every function of functions.json; RATIO divides and reports #DIV/0!", () => {
    class FakeError {
      constructor(
        public code: string,
        public message?: string
      ) {}
    }
    const associated = new Map<string, (...args: unknown[]) => unknown>();
    const CustomFunctions = {
      associate: (id: string, fn: (...args: unknown[]) => unknown) => associated.set(id, fn),
      Error: FakeError,
      ErrorCode: { divisionByZero: "#DIV/0!" },
    };
    runBundles(["runtime.js", "functions.js"], { CustomFunctions });
    const declared = JSON.parse(readDistSafe("functions.json"))
      .functions.map((f: { id: string }) => f.id)
      .sort();
    expect([...associated.keys()].sort()).toEqual(declared);
    expect(declared.length).toBeGreaterThanOrEqual(14);
    const rate = associated.get("RATIO")!;
    expect(rate(3, 4)).toBe(0.75);
    expect(() => rate(1, 0)).toThrow(expect.objectContaining({ code: "#DIV/0!" }));
  });
});

describe("commands.js", () => {
  test("starts without office.js", () => {
    expect(() => runBundles(["runtime.js", "commands.js"], {})).not.toThrow();
  });

  test("registers generateSummary, which completes its event", async () => {
    const handlers = new Map<string, (event: unknown) => void>();
    const Office = {
      actions: {
        associate: (name: string, fn: (event: unknown) => void) => handlers.set(name, fn),
      },
    };
    runBundles(["runtime.js", "commands.js"], { Office });
    expect([...handlers.keys()]).toEqual(["generateSummary"]);
    const completed = jest.fn();
    handlers.get("generateSummary")!({ source: { id: "CEDU.GenerateSummaryButton" }, completed });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(completed).toHaveBeenCalledTimes(1);
  });
});

function readDistSafe(file: string): string {
  try {
    return readDist(file);
  } catch {
    return ""; // the "has <file>" tests above report the missing build
  }
}
