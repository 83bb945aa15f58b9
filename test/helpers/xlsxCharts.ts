/**
 * Reads the charts of an .xlsx package back the way a spreadsheet program finds them: from each
 * worksheet's `<drawing r:id>` through the relationships to the drawing's anchors and the chart
 * parts, parsed as XML (xml2js). Throws when a link is broken, so a test that uses it also proves
 * the package hangs together.
 */
import JSZip from "jszip";
import { parseStringPromise } from "xml2js";

export interface ReadSeries {
  nameRef: string;
  name: string;
  categoriesRef: string;
  categories: string[];
  valuesRef: string;
  /** null where the cache has no point. */
  values: (number | null)[];
}

export interface ReadChart {
  part: string;
  /** The plot element: barChart, lineChart, pieChart. */
  plot: string;
  barDir: string | null;
  grouping: string | null;
  title: string;
  valueAxisTitle: string | null;
  valueAxisFormat: string | null;
  legend: boolean;
  series: ReadSeries[];
  from: { row: number; col: number };
  /** The exclusive end marker of the two-cell anchor. */
  to: { row: number; col: number };
}

export interface ReadSheetCharts {
  sheet: string;
  part: string;
  charts: ReadChart[];
}

type Xml = any;

async function xml(zip: JSZip, path: string): Promise<Xml> {
  const file = zip.file(path);
  if (!file) throw new Error(`missing part ${path}`);
  return parseStringPromise(await file.async("string"), { explicitArray: true });
}

function resolve(fromPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = fromPart.split("/").slice(0, -1);
  for (const s of target.split("/")) {
    if (s === "..") parts.pop();
    else if (s !== ".") parts.push(s);
  }
  return parts.join("/");
}

async function rels(
  zip: JSZip,
  part: string
): Promise<Map<string, { type: string; target: string }>> {
  const slash = part.lastIndexOf("/");
  const path = `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`;
  const map = new Map<string, { type: string; target: string }>();
  if (!zip.file(path)) return map;
  const doc = await xml(zip, path);
  for (const r of doc.Relationships.Relationship ?? []) {
    map.set(r.$.Id, { type: r.$.Type.split("/").pop(), target: resolve(part, r.$.Target) });
  }
  return map;
}

const texts = (node: Xml): string =>
  (node?.["c:tx"]?.[0]?.["c:rich"]?.[0]?.["a:p"] ?? [])
    .flatMap((p: Xml) => p["a:r"] ?? [])
    .map((r: Xml) => r["a:t"][0])
    .join("");

function cache(ref: Xml, kind: "str" | "num"): { f: string; values: (string | null)[] } {
  const r = ref[`c:${kind}Ref`][0];
  const c = r[`c:${kind}Cache`][0];
  const count = Number(c["c:ptCount"][0].$.val);
  const values: (string | null)[] = Array(count).fill(null);
  for (const pt of c["c:pt"] ?? []) values[Number(pt.$.idx)] = pt["c:v"][0];
  return { f: r["c:f"][0], values };
}

export async function readCharts(buffer: Uint8Array | ArrayBuffer): Promise<ReadSheetCharts[]> {
  const zip = await JSZip.loadAsync(buffer);
  const types = await (zip.file("[Content_Types].xml") as JSZip.JSZipObject).async("string");
  const workbook = await xml(zip, "xl/workbook.xml");
  const wbRels = await rels(zip, "xl/workbook.xml");
  const out: ReadSheetCharts[] = [];
  for (const s of workbook.workbook.sheets[0].sheet) {
    const part = wbRels.get(s.$["r:id"])!.target;
    const sheet = await xml(zip, part);
    const drawing = sheet.worksheet.drawing?.[0];
    const entry: ReadSheetCharts = { sheet: s.$.name, part, charts: [] };
    out.push(entry);
    if (!drawing) continue;
    const drawingRel = (await rels(zip, part)).get(drawing.$["r:id"]);
    if (!drawingRel || drawingRel.type !== "drawing") throw new Error(`${part}: bad drawing rel`);
    if (!types.includes(`PartName="/${drawingRel.target}"`))
      throw new Error(`${drawingRel.target} has no content type`);
    const drawingXml = await xml(zip, drawingRel.target);
    const chartRels = await rels(zip, drawingRel.target);
    for (const anchor of drawingXml["xdr:wsDr"]["xdr:twoCellAnchor"] ?? []) {
      const id =
        anchor["xdr:graphicFrame"][0]["a:graphic"][0]["a:graphicData"][0]["c:chart"][0].$["r:id"];
      const rel = chartRels.get(id);
      if (!rel || rel.type !== "chart")
        throw new Error(`${drawingRel.target}: bad chart rel ${id}`);
      if (!types.includes(`PartName="/${rel.target}"`))
        throw new Error(`${rel.target} has no content type`);
      const chart = (await xml(zip, rel.target))["c:chartSpace"]["c:chart"][0];
      const plotArea = chart["c:plotArea"][0];
      const plot = Object.keys(plotArea).find((k) => /Chart$/.test(k))!;
      const p = plotArea[plot][0];
      const valAx = plotArea["c:valAx"]?.[0];
      const marker = (m: Xml) => ({ row: Number(m["xdr:row"][0]), col: Number(m["xdr:col"][0]) });
      out[out.length - 1].charts.push({
        part: rel.target,
        plot: plot.replace(/^c:/, ""),
        barDir: p["c:barDir"]?.[0].$.val ?? null,
        grouping: p["c:grouping"]?.[0].$.val ?? null,
        title: texts(chart["c:title"][0]),
        valueAxisTitle: valAx?.["c:title"] ? texts(valAx["c:title"][0]) : null,
        valueAxisFormat: valAx?.["c:numFmt"]?.[0].$.formatCode ?? null,
        legend: Boolean(chart["c:legend"]),
        series: (p["c:ser"] ?? []).map((ser: Xml) => {
          const name = cache(ser["c:tx"][0], "str");
          const cat = cache(ser["c:cat"][0], "str");
          const val = cache(ser["c:val"][0], "num");
          return {
            nameRef: name.f,
            name: name.values[0],
            categoriesRef: cat.f,
            categories: cat.values,
            valuesRef: val.f,
            values: val.values.map((v) => (v === null ? null : Number(v))),
          };
        }),
        from: marker(anchor["xdr:from"][0]),
        to: marker(anchor["xdr:to"][0]),
      });
    }
  }
  return out;
}

/** `'a''b'!$B$3:$B$9` → sheet a'b, 0-based rows 2..8 of column 1. */
export function parseRef(ref: string): {
  sheet: string;
  col: number;
  firstRow: number;
  lastRow: number;
} {
  const m = /^'((?:[^']|'')+)'!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?$/.exec(ref);
  if (!m) throw new Error(`not a reference: ${ref}`);
  if (m[4] && m[4] !== m[2]) throw new Error(`reference spans columns: ${ref}`);
  const col = [...m[2]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return {
    sheet: m[1].replace(/''/g, "'"),
    col,
    firstRow: Number(m[3]) - 1,
    lastRow: Number(m[5] ?? m[3]) - 1,
  };
}
