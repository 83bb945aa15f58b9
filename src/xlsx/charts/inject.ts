/**
 * Adds native charts to an .xlsx package that ExcelJS wrote (ExcelJS 4.4 writes no charts): a
 * pure post-processing step on the zip, so the workbook writer stays ExcelJS's and this step knows
 * only the package's parts. Per worksheet with charts it adds a drawing part, one chart part per
 * chart, their relationships, the content types, and the sheet's `<drawing r:id>`.
 *
 * No Node API: it runs in the CLI and in the task pane's file door alike.
 */
import JSZip from "jszip";
import { chartPartXml } from "./chart-part";
import { drawingPartXml } from "./drawing-part";
import type { SheetCharts } from "./types";
import { escapeXml, unescapeXml } from "./xml";

const REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const DRAWING_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml";

/** Worksheet elements that CT_Worksheet lists after `drawing`: the drawing goes before the first present. */
const AFTER_DRAWING = [
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

export class ChartPackageError extends Error {}

function attribute(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1]) : null;
}

async function text(zip: JSZip, path: string): Promise<string | null> {
  const file = zip.file(path);
  return file ? file.async("string") : null;
}

/** Resolves a relationship target against the folder of the part that owns the relationships. */
function resolveTarget(baseFolder: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = baseFolder.split("/").filter(Boolean);
  for (const segment of target.split("/")) {
    if (segment === "..") parts.pop();
    else if (segment !== ".") parts.push(segment);
  }
  return parts.join("/");
}

/** The target of a relationship from one part to another: a path relative to the first's folder. */
function relativeTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split("/").slice(0, -1);
  const to = toPart.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}

/** Worksheet name → its part path, from xl/workbook.xml and its relationships. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = await text(zip, "xl/workbook.xml");
  const rels = await text(zip, "xl/_rels/workbook.xml.rels");
  if (workbook === null || rels === null)
    throw new ChartPackageError("not a workbook package: xl/workbook.xml is missing");
  const targets = new Map<string, string>();
  for (const tag of rels.match(/<Relationship\b[^>]*>/g) ?? []) {
    const id = attribute(tag, "Id");
    const target = attribute(tag, "Target");
    if (id && target) targets.set(id, resolveTarget("xl", target));
  }
  const parts = new Map<string, string>();
  for (const tag of workbook.match(/<sheet\b[^>]*>/g) ?? []) {
    const name = attribute(tag, "name");
    const id = attribute(tag, "r:id");
    const target = id ? targets.get(id) : undefined;
    if (name !== null && target) parts.set(name, target);
  }
  return parts;
}

/** The first free number N for parts named `${prefix}N.xml`. */
function nextFree(zip: JSZip, prefix: string): () => number {
  let n = 1;
  return () => {
    while (zip.file(`${prefix}${n}.xml`)) n++;
    return n++;
  };
}

function relsPath(partPath: string): string {
  const slash = partPath.lastIndexOf("/");
  return `${partPath.slice(0, slash)}/_rels/${partPath.slice(slash + 1)}.rels`;
}

function relationshipsXml(rels: { id: string; type: string; target: string }[]): string {
  const items = rels
    .map(
      (r) =>
        `<Relationship Id="${r.id}" Type="${REL_TYPE}/${r.type}" Target="${escapeXml(r.target)}"/>`
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${REL_NS}">${items}</Relationships>`;
}

/** Adds one relationship to a part's existing (or new) .rels; returns its Id. */
async function addRelationship(
  zip: JSZip,
  partPath: string,
  type: string,
  target: string
): Promise<string> {
  const path = relsPath(partPath);
  const existing = (await text(zip, path)) ?? `<Relationships xmlns="${REL_NS}"></Relationships>`;
  const ids = new Set(
    (existing.match(/<Relationship\b[^>]*>/g) ?? []).map((tag) => attribute(tag, "Id"))
  );
  // Continue the part's own rIdN numbering, as Excel does.
  let n = ids.size + 1;
  while (ids.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const rel = `<Relationship Id="${id}" Type="${REL_TYPE}/${type}" Target="${escapeXml(target)}"/>`;
  const closed = existing.replace(
    /<Relationships\b([^>]*)\/>/,
    `<Relationships$1></Relationships>`
  );
  const updated = closed.replace(/<\/Relationships>\s*$/, `${rel}</Relationships>`);
  if (updated === closed) throw new ChartPackageError(`${path} is not a relationships part`);
  zip.file(
    path,
    updated.startsWith("<?xml")
      ? updated
      : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${updated}`
  );
  return id;
}

/** The sheet part with `<drawing r:id>` in its schema position. */
function withDrawing(sheetXml: string, relId: string, sheetName: string): string {
  if (/<drawing\b/.test(sheetXml))
    throw new ChartPackageError(`sheet "${sheetName}" already has a drawing`);
  let root = /<worksheet\b[^>]*>/.exec(sheetXml);
  if (!root) throw new ChartPackageError(`sheet "${sheetName}" is not a worksheet part`);
  let xml = sheetXml;
  if (!/\sxmlns:r=/.test(root[0])) {
    const declared = root[0].replace(/^<worksheet\b/, `<worksheet xmlns:r="${REL_TYPE}"`);
    xml = xml.replace(root[0], declared);
    root = /<worksheet\b[^>]*>/.exec(xml)!;
  }
  const element = `<drawing r:id="${relId}"/>`;
  let at = xml.lastIndexOf("</worksheet>");
  for (const name of AFTER_DRAWING) {
    const m = new RegExp(`<${name}[\\s/>]`).exec(xml);
    if (m && m.index < at) at = m.index;
  }
  return xml.slice(0, at) + element + xml.slice(at);
}

async function addOverrides(zip: JSZip, parts: { path: string; type: string }[]): Promise<void> {
  const path = "[Content_Types].xml";
  const types = await text(zip, path);
  if (types === null) throw new ChartPackageError("not a workbook package: no [Content_Types].xml");
  const overrides = parts
    .filter((p) => !types.includes(`PartName="/${p.path}"`))
    .map((p) => `<Override PartName="/${escapeXml(p.path)}" ContentType="${p.type}"/>`)
    .join("");
  zip.file(path, types.replace(/<\/Types>\s*$/, `${overrides}</Types>`));
}

/**
 * The package with the given charts added. Sheets are named as in the workbook; a chart on a
 * sheet the package does not have is an error (the caller's layout and the workbook disagree).
 */
export async function addChartsToXlsx(
  xlsx: ArrayBuffer | Uint8Array,
  sheets: readonly SheetCharts[]
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  const byName = await sheetParts(zip);
  const nextChart = nextFree(zip, "xl/charts/chart");
  const nextDrawing = nextFree(zip, "xl/drawings/drawing");
  const newParts: { path: string; type: string }[] = [];

  for (const { sheet, charts } of sheets) {
    if (charts.length === 0) continue;
    const sheetPath = byName.get(sheet);
    if (!sheetPath) throw new ChartPackageError(`the workbook has no sheet named "${sheet}"`);
    const sheetXml = await text(zip, sheetPath);
    if (sheetXml === null) throw new ChartPackageError(`${sheetPath} is missing`);

    const drawingPath = `xl/drawings/drawing${nextDrawing()}.xml`;
    const chartRels = charts.map((chart, i) => {
      const chartPath = `xl/charts/chart${nextChart()}.xml`;
      zip.file(chartPath, chartPartXml(chart));
      newParts.push({ path: chartPath, type: CHART_TYPE });
      return { id: `rId${i + 1}`, type: "chart", target: relativeTarget(drawingPath, chartPath) };
    });
    zip.file(
      drawingPath,
      drawingPartXml(
        charts,
        chartRels.map((r) => r.id)
      )
    );
    zip.file(relsPath(drawingPath), relationshipsXml(chartRels));
    newParts.push({ path: drawingPath, type: DRAWING_TYPE });

    const relId = await addRelationship(
      zip,
      sheetPath,
      "drawing",
      relativeTarget(sheetPath, drawingPath)
    );
    zip.file(sheetPath, withDrawing(sheetXml, relId, sheet));
  }
  await addOverrides(zip, newParts);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
