#!/usr/bin/env node
// @ts-check
/**
 * Offline checks for manifest.xml (Microsoft's validator, `npm run validate`, needs the network;
 * docs/design/toolchain-notes.md, trap P3). Used by test/manifest, by every webpack build
 * (scripts/webpack/manifest-check-plugin.js)
 * and from the command line:
 *
 *   node scripts/manifest-check.js [manifest.xml] [--dist dist]
 *
 * checkManifest(xmlText, opts) returns a list of problems; an empty list means the manifest
 * passed. What it checks:
 *  - the XML parses; root OfficeApp/TaskPaneApp; GUID id; DefaultLocale en-US; Workbook host;
 *  - the base requirement sets (ExcelApi 1.12, SharedRuntime 1.1, CustomFunctionsRuntime 1.2);
 *  - Permissions is exactly ReadWriteDocument; no AppDomain outside the add-in's own origin;
 *  - every resid refers to a defined resource of the right kind (image, URL, short or long
 *    string); resource ids unique and at most 32 characters; tab/group/control ids unique;
 *  - DisplayName, Description and every bt:String have a zh-cn Override; string lengths;
 *  - the custom-functions Namespace resolves to "CEDU" in every language; the functions
 *    metadata URL has a zh-cn override pointing at functions-zh-cn.json;
 *  - shared runtime: Runtimes is the first child of Host, lifetime long, and the task pane,
 *    FunctionFile and custom-functions Page all use the runtime's resid;
 *  - every URL is https and lies under the add-in's base URL; with `distFiles`, each maps to a
 *    file the build emits; with `imageSize`, icon files have the sizes the manifest declares;
 *  - with `ribbonActions`, every ExecuteFunction FunctionName is one the code registers.
 */
"use strict";

const fs = require("fs");
const path = require("path");
const xml2js = require("xml2js");

/**
 * @typedef {{ name: string, attrs: Record<string, string>, children: XNode[], text: string, parent: XNode | null }} XNode
 * @typedef {"image" | "url" | "short" | "long"} ResourceKind
 * @typedef {{ id: string, kind: ResourceKind, defaultValue: string, overrides: Map<string, string> }} Resource
 * @typedef {{
 *   distFiles?: string[] | null,
 *   baseUrl?: string,
 *   namespace?: string,
 *   requirements?: Record<string, string>,
 *   imageSize?: ((distPath: string) => { width: number, height: number } | null) | null,
 *   ribbonActions?: string[] | null,
 * }} CheckOptions
 */

const ZH = "zh-cn";
const DEFAULT_REQUIREMENTS = {
  ExcelApi: "1.12",
  SharedRuntime: "1.1",
  CustomFunctionsRuntime: "1.2",
};
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_LENGTH = { short: 125, long: 250 };

/** Which kind of resource an element's resid must name. */
const RESID_KIND = /** @type {Record<string, ResourceKind>} */ ({
  Image: "image",
  SourceLocation: "url",
  Runtime: "url",
  FunctionFile: "url",
  LearnMoreUrl: "url",
  Label: "short",
  Title: "short",
  Namespace: "short",
  Description: "long",
});

// ---------------------------------------------------------------- XML

/**
 * Parses XML into a small tree with namespace prefixes removed from element and attribute names
 * (bt:Image → Image, xsi:type → type). Throws on malformed XML.
 * @param {string} text
 * @returns {XNode}
 */
function parseXml(text) {
  const parser = new xml2js.Parser({
    explicitChildren: true,
    preserveChildrenOrder: true,
    explicitRoot: true,
    async: false,
    strict: true,
    tagNameProcessors: [xml2js.processors.stripPrefix],
    attrNameProcessors: [xml2js.processors.stripPrefix],
  });
  /** @type {unknown} */ let result;
  /** @type {unknown} */ let failure;
  let called = false;
  parser.parseString(text, (/** @type {unknown} */ err, /** @type {unknown} */ res) => {
    if (called) return; // xml2js may report a second error after the first
    called = true;
    failure = err;
    result = res;
  });
  if (!called) throw new Error("the XML parser did not finish synchronously");
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  if (!result || typeof result !== "object") throw new Error("the document is empty");
  const rootKey = Object.keys(result)[0];
  return toNode(/** @type {Record<string, any>} */ (result)[rootKey], null);
}

/** @param {any} raw @param {XNode | null} parent @returns {XNode} */
function toNode(raw, parent) {
  /** @type {XNode} */
  const node = {
    name: raw["#name"],
    attrs: raw.$ || {},
    children: [],
    text: typeof raw._ === "string" ? raw._.trim() : "",
    parent,
  };
  node.children = (raw.$$ || []).map((/** @type {any} */ c) => toNode(c, node));
  return node;
}

/** @param {XNode | undefined} node @param {string} name */
const child = (node, name) => (node ? node.children.find((c) => c.name === name) : undefined);
/** @param {XNode | undefined} node @param {string} name */
const childrenNamed = (node, name) => (node ? node.children.filter((c) => c.name === name) : []);

/** @param {XNode | undefined} node @param {...string} names */
function at(node, ...names) {
  let current = node;
  for (const name of names) current = child(current, name);
  return current;
}

/** All nodes below (and including) `node`, in document order. @param {XNode | undefined} node */
function descendants(node) {
  /** @type {XNode[]} */ const out = [];
  /** @param {XNode} n */
  const walk = (n) => {
    out.push(n);
    n.children.forEach(walk);
  };
  if (node) walk(node);
  return out;
}

/** Override values by lower-cased locale. @param {XNode} node */
function overridesOf(node) {
  /** @type {Map<string, string>} */ const map = new Map();
  for (const o of childrenNamed(node, "Override")) {
    map.set((o.attrs.Locale || "").toLowerCase(), o.attrs.Value || "");
  }
  return map;
}

/** @param {XNode} node */
const describe = (node) => (node.attrs.id ? `${node.name} "${node.attrs.id}"` : `<${node.name}>`);

// ---------------------------------------------------------------- URLs and files

/**
 * Every URL in the manifest with where it came from.
 * @param {XNode} root
 * @returns {{ where: string, url: string }[]}
 */
function urlsIn(root) {
  /** @type {{ where: string, url: string }[]} */ const urls = [];
  /** @param {string} where @param {XNode | undefined} node */
  const addValued = (where, node) => {
    if (!node) return;
    if (node.attrs.DefaultValue !== undefined) urls.push({ where, url: node.attrs.DefaultValue });
    for (const [locale, value] of overridesOf(node)) {
      urls.push({ where: `${where} (${locale})`, url: value });
    }
  };
  addValued("IconUrl", child(root, "IconUrl"));
  addValued("HighResolutionIconUrl", child(root, "HighResolutionIconUrl"));
  addValued("SupportUrl", child(root, "SupportUrl"));
  addValued("DefaultSettings/SourceLocation", at(root, "DefaultSettings", "SourceLocation"));
  for (const domain of childrenNamed(child(root, "AppDomains"), "AppDomain")) {
    urls.push({ where: "AppDomain", url: domain.text });
  }
  const resources = at(root, "VersionOverrides", "Resources");
  for (const node of childrenNamed(child(resources, "Images"), "Image")) {
    addValued(`bt:Image "${node.attrs.id}"`, node);
  }
  for (const node of childrenNamed(child(resources, "Urls"), "Url")) {
    addValued(`bt:Url "${node.attrs.id}"`, node);
  }
  return urls;
}

/**
 * All URLs in a manifest (for tests and tools).
 * @param {string} xmlText
 * @returns {string[]}
 */
function collectUrls(xmlText) {
  return urlsIn(parseXml(xmlText)).map((u) => u.url);
}

/**
 * The dist/ path a URL under `base` maps to ("https://x/addin/assets/a.png" → "assets/a.png").
 * Returns null when the URL is not under base.
 * @param {string} url @param {string} base
 */
function distPathOf(url, base) {
  if (!url.startsWith(base)) return null;
  const rest = url.slice(base.length).replace(/[?#].*$/, "");
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}

/**
 * Files below `dir`, relative, with "/" separators.
 * @param {string} dir
 * @returns {string[]}
 */
function listFiles(dir) {
  /** @type {string[]} */ const out = [];
  /** @param {string} sub */
  const walk = (sub) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else out.push(rel);
    }
  };
  walk("");
  return out.sort();
}

/**
 * Width and height from a PNG header, or null if the bytes are not a PNG.
 * @param {Buffer} bytes
 */
function pngSize(bytes) {
  const signature = "89504e470d0a1a0a";
  if (bytes.length < 24 || bytes.subarray(0, 8).toString("hex") !== signature) return null;
  if (bytes.subarray(12, 16).toString("ascii") !== "IHDR") return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

// ---------------------------------------------------------------- the check

/**
 * @param {string} xmlText the manifest
 * @param {CheckOptions} [opts]
 * @returns {string[]} problems; empty when the manifest passes
 */
function checkManifest(xmlText, opts = {}) {
  /** @type {string[]} */ const problems = [];
  const problem = (/** @type {string} */ message) => problems.push(message);

  /** @type {XNode} */ let root;
  try {
    root = parseXml(xmlText);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return [`the XML does not parse: ${message.replace(/\s+/g, " ").trim()}`];
  }

  // ---- top level
  if (root.name !== "OfficeApp") problem(`the root element is <${root.name}>, not <OfficeApp>`);
  if (root.attrs.type !== "TaskPaneApp")
    problem(`OfficeApp xsi:type is "${root.attrs.type}", not "TaskPaneApp"`);
  const id = child(root, "Id");
  if (!id || !GUID.test(id.text)) problem(`<Id> must be a GUID (found "${id ? id.text : ""}")`);
  const version = child(root, "Version");
  if (!version || !/^\d+(\.\d+){0,3}$/.test(version.text))
    problem(`<Version> must look like 1.0.0.0`);
  if (!child(root, "ProviderName") || !child(root, "ProviderName")?.text)
    problem("<ProviderName> is empty");
  const defaultLocale = child(root, "DefaultLocale");
  if (!defaultLocale || defaultLocale.text.toLowerCase() !== "en-us") {
    problem(`<DefaultLocale> must be en-US (found "${defaultLocale ? defaultLocale.text : ""}")`);
  }
  for (const name of ["DisplayName", "Description"]) {
    const node = child(root, name);
    if (!node || !node.attrs.DefaultValue) {
      problem(`<${name}> has no DefaultValue`);
      continue;
    }
    const zh = overridesOf(node).get(ZH);
    if (!zh) problem(`<${name}> has no zh-cn Override`);
    const limit = name === "DisplayName" ? 125 : 4000;
    for (const value of [node.attrs.DefaultValue, zh || ""]) {
      if (value.length > limit) problem(`<${name}> "${value}" is longer than ${limit} characters`);
    }
  }
  const hosts = childrenNamed(child(root, "Hosts"), "Host").map((h) => h.attrs.Name);
  if (hosts.length !== 1 || hosts[0] !== "Workbook") {
    problem(`<Hosts> must declare exactly the Workbook host (found ${hosts.join(", ") || "none"})`);
  }

  // ---- requirements and permissions
  const sets = new Map(
    childrenNamed(at(root, "Requirements", "Sets"), "Set").map((s) => [
      s.attrs.Name,
      s.attrs.MinVersion,
    ])
  );
  for (const [name, minVersion] of Object.entries(opts.requirements || DEFAULT_REQUIREMENTS)) {
    if (!sets.has(name)) problem(`<Requirements> lacks the ${name} ${minVersion} set`);
    else if (sets.get(name) !== minVersion) {
      problem(
        `<Requirements> asks for ${name} ${sets.get(name)}, expected ${minVersion} (see README, "Requirement sets")`
      );
    }
  }
  const permissions = child(root, "Permissions");
  if (!permissions || permissions.text !== "ReadWriteDocument") {
    problem(
      `<Permissions> must be ReadWriteDocument (found "${permissions ? permissions.text : ""}")`
    );
  }

  // ---- resources
  const overrides = child(root, "VersionOverrides");
  if (!overrides) {
    problem("<VersionOverrides> is missing");
    return problems;
  }
  if (overrides.attrs.type !== "VersionOverridesV1_0") {
    problem(`VersionOverrides xsi:type is "${overrides.attrs.type}", not "VersionOverridesV1_0"`);
  }
  /** @type {Map<string, Resource>} */ const resources = new Map();
  const resourceRoot = child(overrides, "Resources");
  /** @type {[string, string, ResourceKind][]} */
  const groups = [
    ["Images", "Image", "image"],
    ["Urls", "Url", "url"],
    ["ShortStrings", "String", "short"],
    ["LongStrings", "String", "long"],
  ];
  for (const [groupName, itemName, kind] of groups) {
    for (const node of childrenNamed(child(resourceRoot, groupName), itemName)) {
      const rid = node.attrs.id;
      if (!rid) {
        problem(`a resource in ${groupName} has no id`);
        continue;
      }
      if (rid.length > 32) problem(`resource id "${rid}" is longer than 32 characters`);
      if (resources.has(rid)) problem(`resource id "${rid}" is defined more than once`);
      const resource = {
        id: rid,
        kind,
        defaultValue: node.attrs.DefaultValue || "",
        overrides: overridesOf(node),
      };
      resources.set(rid, resource);
      if (!resource.defaultValue) problem(`resource "${rid}" has no DefaultValue`);
      if (kind === "short" || kind === "long") {
        const zh = resource.overrides.get(ZH);
        if (!zh) problem(`string "${rid}" has no zh-cn Override`);
        for (const value of [resource.defaultValue, zh || ""]) {
          if (value.length > MAX_LENGTH[kind]) {
            problem(`string "${rid}" is longer than ${MAX_LENGTH[kind]} characters: "${value}"`);
          }
        }
      }
    }
  }

  // ---- references
  const hostNode = at(overrides, "Hosts", "Host");
  for (const node of descendants(child(overrides, "Hosts"))) {
    const resid = node.attrs.resid;
    if (resid === undefined) continue;
    if (resid.length > 32) problem(`resid "${resid}" is longer than 32 characters`);
    const resource = resources.get(resid);
    if (!resource) {
      problem(`${describe(node)} refers to resid "${resid}", which no resource defines`);
      continue;
    }
    const expected = RESID_KIND[node.name];
    if (expected && resource.kind !== expected) {
      problem(
        `${describe(node)} refers to "${resid}", a ${resource.kind} resource; it needs a ${expected} resource`
      );
    }
  }

  // ---- ids of tabs, groups, controls, menu items
  /** @type {Set<string>} */ const ids = new Set();
  for (const node of descendants(child(overrides, "Hosts"))) {
    const nodeId = node.attrs.id;
    if (nodeId === undefined || node.name === "OfficeTab") continue;
    if (ids.has(nodeId)) problem(`id "${nodeId}" is used by more than one element (${node.name})`);
    ids.add(nodeId);
  }

  // ---- shared runtime
  const runtimes = child(hostNode, "Runtimes");
  const runtime = child(runtimes, "Runtime");
  if (!hostNode || !runtime) {
    problem("VersionOverrides <Host> has no <Runtimes><Runtime/></Runtimes> (shared runtime)");
  } else {
    if (hostNode.children[0] !== runtimes)
      problem("<Runtimes> must be the first element inside <Host>");
    if (runtime.attrs.lifetime !== "long") problem(`<Runtime> lifetime must be "long"`);
    const shared = runtime.attrs.resid;
    const sameRuntime = [
      ...descendants(hostNode).filter((n) => n.name === "FunctionFile"),
      ...descendants(hostNode)
        .filter((n) => n.name === "Action" && n.attrs.type === "ShowTaskpane")
        .map((n) => child(n, "SourceLocation")),
    ];
    const cf = descendants(hostNode).find(
      (n) => n.name === "ExtensionPoint" && n.attrs.type === "CustomFunctions"
    );
    if (cf) sameRuntime.push(at(cf, "Page", "SourceLocation"));
    for (const node of sameRuntime) {
      if (node && node.attrs.resid !== shared) {
        problem(
          `${node.parent ? node.parent.name + "/" : ""}${node.name} uses resid "${node.attrs.resid}"; the shared runtime needs "${shared}"`
        );
      }
    }
    // "Configure your Office Add-in to use a shared runtime": with a shared runtime a ShowTaskpane
    // action carries no TaskpaneId, so every button opens the one task pane of that runtime.
    const showActions = descendants(hostNode).filter(
      (n) => n.name === "Action" && n.attrs.type === "ShowTaskpane"
    );
    for (const action of showActions) {
      if (child(action, "TaskpaneId"))
        problem(
          "a ShowTaskpane action has a <TaskpaneId>; the shared runtime has one task pane, opened without one"
        );
    }
    const page = resources.get(shared || "");
    const startPage = at(root, "DefaultSettings", "SourceLocation");
    if (page && startPage && page.defaultValue !== startPage.attrs.DefaultValue) {
      problem(
        `the runtime page ${page.defaultValue} differs from DefaultSettings/SourceLocation ${startPage.attrs.DefaultValue}`
      );
    }
  }

  // ---- custom functions
  const cf = descendants(hostNode).find(
    (n) => n.name === "ExtensionPoint" && n.attrs.type === "CustomFunctions"
  );
  const expectedNamespace = opts.namespace === undefined ? "CEDU" : opts.namespace;
  if (!cf) {
    problem("there is no CustomFunctions ExtensionPoint");
  } else {
    const ns = resources.get(child(cf, "Namespace")?.attrs.resid || "");
    if (!ns) {
      problem("the custom functions <Namespace> does not resolve to a string");
    } else {
      for (const [locale, value] of [["default", ns.defaultValue], ...ns.overrides]) {
        if (value !== expectedNamespace) {
          problem(
            `the custom functions namespace is "${value}" (${locale}), expected "${expectedNamespace}"`
          );
        }
      }
    }
    const metadata = resources.get(at(cf, "Metadata", "SourceLocation")?.attrs.resid || "");
    if (metadata) {
      if (!/\/functions\.json$/.test(metadata.defaultValue)) {
        problem(
          `the functions metadata URL ${metadata.defaultValue} should end in /functions.json`
        );
      }
      const zh = metadata.overrides.get(ZH);
      if (!zh || !/\/functions-zh-cn\.json$/.test(zh)) {
        problem(
          `the functions metadata URL has no zh-cn Override pointing at functions-zh-cn.json`
        );
      }
    }
  }

  // ---- ribbon actions
  if (opts.ribbonActions) {
    for (const node of descendants(hostNode).filter((n) => n.name === "FunctionName")) {
      if (!opts.ribbonActions.includes(node.text)) {
        problem(
          `ExecuteFunction "${node.text}" is not registered by src/commands (Office.actions.associate)`
        );
      }
    }
  }

  // ---- URLs and files
  const startUrl = at(root, "DefaultSettings", "SourceLocation")?.attrs.DefaultValue || "";
  const base = opts.baseUrl || startUrl.replace(/[^/]*$/, "");
  if (!/^https:\/\/[^/]+\//.test(base)) {
    problem(`cannot tell the add-in's base URL (DefaultSettings/SourceLocation is "${startUrl}")`);
    return problems;
  }
  const origin = new URL(base).origin;
  const distFiles = opts.distFiles
    ? new Set(opts.distFiles.map((f) => f.replace(/\\/g, "/")))
    : null;
  for (const { where, url } of urlsIn(root)) {
    if (where === "AppDomain") {
      if (!url.startsWith(origin))
        problem(`AppDomain ${url} is outside the add-in's own origin ${origin}`);
      continue;
    }
    if (!url.startsWith("https://")) {
      problem(`${where}: ${url} is not an https URL`);
      continue;
    }
    const file = distPathOf(url, base);
    if (file === null) {
      problem(`${where}: ${url} is not under the add-in's base URL ${base}`);
    } else if (file === "" || file.endsWith("/")) {
      problem(`${where}: ${url} names a folder, not a file`);
    } else if (distFiles && !distFiles.has(file)) {
      problem(`${where}: ${url} points at ${file}, which the build does not emit`);
    }
  }

  // ---- icon sizes
  if (opts.imageSize) {
    const imageSize = opts.imageSize;
    /** @param {string} where @param {string | undefined} url @param {number} size */
    const expectSize = (where, url, size) => {
      const file = url ? distPathOf(url, base) : null;
      if (!file || (distFiles && !distFiles.has(file))) return; // reported above
      const actual = imageSize(file);
      if (!actual) problem(`${where}: ${file} is not a readable PNG`);
      else if (actual.width !== size || actual.height !== size) {
        problem(`${where}: ${file} is ${actual.width}x${actual.height}, expected ${size}x${size}`);
      }
    };
    expectSize("IconUrl", child(root, "IconUrl")?.attrs.DefaultValue, 32);
    expectSize(
      "HighResolutionIconUrl",
      child(root, "HighResolutionIconUrl")?.attrs.DefaultValue,
      64
    );
    /** @type {Set<string>} */ const seen = new Set();
    for (const node of descendants(hostNode).filter((n) => n.name === "Image" && n.attrs.size)) {
      const key = `${node.attrs.resid}@${node.attrs.size}`;
      const resource = resources.get(node.attrs.resid || "");
      if (seen.has(key) || !resource) continue;
      seen.add(key);
      expectSize(`bt:Image "${resource.id}"`, resource.defaultValue, Number(node.attrs.size));
    }
  }

  return problems;
}

// ---------------------------------------------------------------- command line

/** @param {string[]} argv @returns {number} exit code */
function main(argv) {
  const distIndex = argv.indexOf("--dist");
  const distDir = distIndex >= 0 ? argv[distIndex + 1] : null;
  const positional = argv.filter(
    (a, i) => !a.startsWith("--") && (distIndex < 0 || i !== distIndex + 1)
  );
  const file = positional[0] || "manifest.xml";
  const xml = fs.readFileSync(file, "utf8");
  const distFiles = distDir ? listFiles(distDir) : null;
  const imageSize = distDir
    ? (/** @type {string} */ p) => {
        const full = path.join(distDir, p);
        return fs.existsSync(full) ? pngSize(fs.readFileSync(full)) : null;
      }
    : null;
  const problems = checkManifest(xml, { distFiles, imageSize });
  if (problems.length === 0) {
    console.log(`${file}: OK${distDir ? ` (URLs checked against ${distDir}/)` : ""}`);
    return 0;
  }
  console.error(`${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"}`);
  problems.forEach((p) => console.error(`  - ${p}`));
  return 1;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}

module.exports = { checkManifest, collectUrls, distPathOf, listFiles, pngSize, parseXml };
