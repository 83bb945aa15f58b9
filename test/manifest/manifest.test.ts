/**
 * The offline manifest check (scripts/manifest-check.js) on the source manifest, on the built
 * dist/manifest.xml, and on broken copies that each rule must catch.
 *
 * The dist tests need a production build: `npm test` runs `npm run build` before jest. Run
 * `npm run build` first when calling jest directly.
 */
import * as fs from "fs";
import * as path from "path";
import {
  checkManifest,
  collectUrls,
  distPathOf,
  listFiles,
  pngSize,
} from "../../scripts/manifest-check";
import { RIBBON_ACTIONS } from "../../src/commands/commands";

const ROOT = path.resolve(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");
const SOURCE = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const DEV_BASE = "https://localhost:3000/";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const webpackConfig = require("../../webpack.config.js") as {
  urlDev: string;
  urlProd: string;
  RIBBON_ACTIONS: string[];
};

/** The files a production build emits; fails loudly (never skips) when there is no build. */
function distFiles(): string[] {
  if (!fs.existsSync(path.join(DIST, "manifest.xml"))) {
    throw new Error(
      "dist/manifest.xml is missing: run `npm run build` before these tests (`npm test` does it for you)"
    );
  }
  return listFiles(DIST);
}

function imageSize(file: string): { width: number; height: number } | null {
  const full = path.join(DIST, file);
  return fs.existsSync(full) ? pngSize(fs.readFileSync(full)) : null;
}

/** The source manifest with `from` replaced by `to`; `from` must occur exactly once. */
function mutate(from: string, to: string, source: string = SOURCE): string {
  const count = source.split(from).length - 1;
  if (count !== 1) {
    throw new Error(`test setup: expected exactly one "${from}" in manifest.xml, found ${count}`);
  }
  return source.replace(from, to);
}

/** Deletes the single line containing `marker` (and, for an element with children, its block). */
function removeLine(marker: string, source: string = SOURCE): string {
  const lines = source.split("\n");
  const hits = lines.filter((l) => l.includes(marker));
  if (hits.length !== 1) {
    throw new Error(`test setup: expected exactly one line with "${marker}", found ${hits.length}`);
  }
  return lines.filter((l) => !l.includes(marker)).join("\n");
}

function expectProblem(xml: string, pattern: RegExp, opts = {}): void {
  const problems = checkManifest(xml, opts);
  expect(problems.some((p) => pattern.test(p))).toBe(true);
}

describe("manifest.xml (source)", () => {
  test("passes every offline check", () => {
    expect(checkManifest(SOURCE, { ribbonActions: Object.keys(RIBBON_ACTIONS) })).toEqual([]);
  });

  test("every URL points at the dev server", () => {
    const urls = collectUrls(SOURCE);
    expect(urls.length).toBeGreaterThan(8);
    for (const url of urls) expect(url.startsWith(DEV_BASE)).toBe(true);
    expect(webpackConfig.urlDev).toBe(DEV_BASE);
  });

  test("every URL points at a file the build emits", () => {
    expect(checkManifest(SOURCE, { distFiles: distFiles(), imageSize })).toEqual([]);
  });

  test("the ribbon actions in the manifest, the build and the code agree", () => {
    expect([...webpackConfig.RIBBON_ACTIONS].sort()).toEqual(Object.keys(RIBBON_ACTIONS).sort());
  });
});

describe("dist/manifest.xml (production build)", () => {
  test("passes every offline check against the emitted files", () => {
    const files = distFiles();
    const built = fs.readFileSync(path.join(DIST, "manifest.xml"), "utf8");
    expect(checkManifest(built, { distFiles: files, imageSize })).toEqual([]);
  });

  test("points at the production location and nowhere else", () => {
    distFiles();
    const built = fs.readFileSync(path.join(DIST, "manifest.xml"), "utf8");
    if (collectUrls(built).some((u) => u.includes("localhost"))) {
      throw new Error(
        "dist/manifest.xml still points at localhost: dist/ holds a development build; run `npm run build`"
      );
    }
    const urls = collectUrls(built);
    expect(urls.length).toBe(collectUrls(SOURCE).length);
    for (const url of urls) expect(url.startsWith(webpackConfig.urlProd)).toBe(true);
    // Same files as the source manifest, only the base differs.
    const paths = (xml: string, base: string) => collectUrls(xml).map((u) => distPathOf(u, base));
    expect(paths(built, webpackConfig.urlProd)).toEqual(paths(SOURCE, DEV_BASE));
  });
});

describe("each rule catches a broken manifest", () => {
  test("malformed XML", () => {
    const problems = checkManifest(SOURCE.slice(0, SOURCE.length / 2));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/does not parse/);
    expect(checkManifest("")).toEqual([expect.stringMatching(/does not parse|empty/)]);
  });

  test("a resource definition removed", () => {
    const xml = removeLine('<bt:Url id="Functions.Script.Url"');
    expectProblem(xml, /resid "Functions.Script.Url", which no resource defines/);
  });

  test("a string resource removed (referenced from a Supertip)", () => {
    const xml = mutate(
      '<bt:String id="CEDU.GenerateSummary.Tooltip"',
      '<bt:String id="CEDU.GenerateSummary.Hint"'
    );
    expectProblem(xml, /"CEDU.GenerateSummary.Tooltip", which no resource defines/);
  });

  test("a resource id defined twice", () => {
    const xml = mutate('<bt:String id="CEDU.Group.Label"', '<bt:String id="GetStarted.Title"');
    expectProblem(xml, /resource id "GetStarted.Title" is defined more than once/);
  });

  test("a control id used twice", () => {
    const xml = mutate('id="CEDU.GenerateSummaryButton"', 'id="CEDU.TaskpaneButton"');
    expectProblem(xml, /id "CEDU.TaskpaneButton" is used by more than one element/);
  });

  test("a resid naming a resource of the wrong kind", () => {
    const xml = mutate(
      '<Label resid="CEDU.Group.Label"/>',
      '<Label resid="CEDU.TaskpaneButton.Tooltip"/>'
    );
    expectProblem(xml, /a long resource; it needs a short resource/);
  });

  test("the namespace changed", () => {
    const xml = mutate(
      '<bt:String id="Functions.Namespace" DefaultValue="CEDU">',
      '<bt:String id="Functions.Namespace" DefaultValue="CONTOSO">'
    );
    expectProblem(xml, /namespace is "CONTOSO" \(default\), expected "CEDU"/);
  });

  test("the namespace translated", () => {
    const xml = mutate(
      '<bt:String id="Functions.Namespace" DefaultValue="CEDU">\n          <bt:Override Locale="zh-cn" Value="CEDU"/>',
      '<bt:String id="Functions.Namespace" DefaultValue="CEDU">\n          <bt:Override Locale="zh-cn" Value="社区"/>'
    );
    expectProblem(xml, /namespace is "社区" \(zh-cn\)/);
  });

  test("a zh-cn override dropped from a ribbon string", () => {
    const xml = removeLine('<bt:Override Locale="zh-cn" Value="生成汇总"/>');
    expectProblem(xml, /string "CEDU.GenerateSummary.Label" has no zh-cn Override/);
  });

  test("a zh-cn override dropped from DisplayName", () => {
    const xml = removeLine('<Override Locale="zh-cn" Value="CEDU 社区教育统计"/>');
    expectProblem(xml, /<DisplayName> has no zh-cn Override/);
  });

  test("the zh-cn functions metadata override dropped", () => {
    const xml = removeLine("functions-zh-cn.json");
    expectProblem(xml, /no zh-cn Override pointing at functions-zh-cn.json/);
  });

  test.each(["ReadDocument", "ReadWriteMailbox", "WriteDocument", "Restricted"])(
    "permission changed to %s",
    (permission) => {
      const xml = mutate(
        "<Permissions>ReadWriteDocument</Permissions>",
        `<Permissions>${permission}</Permissions>`
      );
      expectProblem(xml, /<Permissions> must be ReadWriteDocument/);
    }
  );

  test("a URL pointing at a file the build does not emit", () => {
    const files = distFiles();
    const xml = mutate(
      'DefaultValue="https://localhost:3000/functions.js"',
      'DefaultValue="https://localhost:3000/public/functions.js"'
    );
    expectProblem(xml, /points at public\/functions.js, which the build does not emit/, {
      distFiles: files,
    });
    // Without a file list the same manifest passes: only the build can tell.
    expect(checkManifest(xml)).toEqual([]);
  });

  test("a URL outside the add-in's own base", () => {
    const xml = mutate(
      '<SupportUrl DefaultValue="https://localhost:3000/help.html"/>',
      '<SupportUrl DefaultValue="https://www.contoso.com/help"/>'
    );
    expectProblem(
      xml,
      /SupportUrl: https:\/\/www.contoso.com\/help is not under the add-in's base URL/
    );
  });

  test("a plain http URL", () => {
    const xml = mutate(
      'DefaultValue="https://localhost:3000/assets/icon-16.png"',
      'DefaultValue="http://localhost:3000/assets/icon-16.png"'
    );
    expectProblem(xml, /is not an https URL/);
  });

  test("an AppDomain outside the add-in's origin", () => {
    const xml = mutate(
      "<Hosts>\n    <Host Name=",
      "<AppDomains><AppDomain>https://evil.example.com</AppDomain></AppDomains>\n  <Hosts>\n    <Host Name="
    );
    expectProblem(xml, /AppDomain https:\/\/evil.example.com is outside/);
  });

  test("a ribbon button using another runtime than the shared one", () => {
    const xml = mutate(
      '<FunctionFile resid="Taskpane.Url"/>',
      '<FunctionFile resid="Functions.Script.Url"/>'
    );
    expectProblem(
      xml,
      /FunctionFile uses resid "Functions.Script.Url"; the shared runtime needs "Taskpane.Url"/
    );
  });

  test("a TaskpaneId on the ShowTaskpane action (a second pane beside the shared runtime's)", () => {
    expect(SOURCE).not.toMatch(/<TaskpaneId>/);
    const xml = mutate(
      '<Action xsi:type="ShowTaskpane">',
      '<Action xsi:type="ShowTaskpane">\n                    <TaskpaneId>ButtonId1</TaskpaneId>'
    );
    expectProblem(xml, /ShowTaskpane action has a <TaskpaneId>/);
  });

  test("Runtimes not first inside Host", () => {
    const runtimes =
      '        <Runtimes>\n          <Runtime resid="Taskpane.Url" lifetime="long"/>\n        </Runtimes>\n';
    const moved = mutate(runtimes, "").replace(
      "        <DesktopFormFactor>",
      runtimes + "        <DesktopFormFactor>"
    );
    expectProblem(moved, /<Runtimes> must be the first element inside <Host>/);
    expectProblem(mutate('lifetime="long"', 'lifetime="short"'), /lifetime must be "long"/);
  });

  test("a base requirement set changed or removed", () => {
    expectProblem(
      mutate(
        '<Set Name="ExcelApi" MinVersion="1.12"/>',
        '<Set Name="ExcelApi" MinVersion="1.14"/>'
      ),
      /asks for ExcelApi 1.14, expected 1.12/
    );
    expectProblem(removeLine('<Set Name="SharedRuntime"'), /lacks the SharedRuntime 1.1 set/);
  });

  test("a ribbon button whose function the code does not register", () => {
    const xml = mutate(
      "<FunctionName>generateSummary</FunctionName>",
      "<FunctionName>generateReport</FunctionName>"
    );
    expectProblem(xml, /ExecuteFunction "generateReport" is not registered/, {
      ribbonActions: Object.keys(RIBBON_ACTIONS),
    });
  });

  test("an icon of the wrong size", () => {
    const files = distFiles();
    const xml = mutate(
      '<bt:Image id="Icon.80x80" DefaultValue="https://localhost:3000/assets/icon-80.png"/>',
      '<bt:Image id="Icon.80x80" DefaultValue="https://localhost:3000/assets/icon-64.png"/>'
    );
    expectProblem(xml, /assets\/icon-64.png is 64x64, expected 80x80/, {
      distFiles: files,
      imageSize,
    });
  });

  test("too-long strings and ids", () => {
    expectProblem(
      mutate('DefaultValue="Generate summary"', `DefaultValue="${"x".repeat(126)}"`),
      /longer than 125 characters/
    );
    expectProblem(
      mutate(
        '<bt:String id="CEDU.GenerateSummary.Tooltip"',
        '<bt:String id="CEDU.GenerateSummary.Tooltip.TooLong"'
      ),
      /resource id "CEDU.GenerateSummary.Tooltip.TooLong" is longer than 32 characters/
    );
  });

  test("a bad GUID and a non-Workbook host", () => {
    expectProblem(mutate("<Id>05bca7ab", "<Id>not-a-guid-05bca7ab"), /<Id> must be a GUID/);
    expectProblem(mutate('<Host Name="Workbook"/>', '<Host Name="Document"/>'), /Workbook host/);
  });
});
