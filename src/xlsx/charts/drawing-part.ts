/**
 * The drawing part of one worksheet (`xl/drawings/drawingN.xml`, SpreadsheetML drawing, ECMA-376
 * Part 1 §20.5): one two-cell anchor per chart, so the chart covers the same cells as
 * `chart.setPosition(from, to)` in Excel and moves and resizes with them.
 */
import type { XlsxChart } from "./types";
import { escapeXml } from "./xml";

const NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const marker = (tag: "from" | "to", col: number, row: number) =>
  `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;

/** `relIds[i]` is the drawing's relationship to the part of `charts[i]`. */
export function drawingPartXml(charts: readonly XlsxChart[], relIds: readonly string[]): string {
  const anchors = charts.map((chart, i) => {
    // The end marker is the cell after the last covered one, at offset 0: the chart fills `to`.
    const id = i + 2;
    return (
      `<xdr:twoCellAnchor>` +
      marker("from", chart.from.col, chart.from.row) +
      marker("to", chart.to.col + 1, chart.to.row + 1) +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="${escapeXml(`Chart ${i + 1}`)}" descr="${escapeXml(chart.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
      `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" r:id="${relIds[i]}"/></a:graphicData></a:graphic>` +
      `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
    );
  });
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">${anchors.join("")}</xdr:wsDr>`
  );
}
