/**
 * One chart part (`xl/charts/chartN.xml`, DrawingML chart, ECMA-376 Part 1 §21.2) for a chart the
 * add-in draws in Excel with `sheet.charts.add`: the same kind, title, series, axis title and
 * legend. Series point at the table's cells and carry a cache of their values, so Excel,
 * LibreOffice and WPS draw them on opening and redraw them when a cell changes.
 *
 * Elements are written in the order the schema's sequences require (CT_Chart, CT_BarChart,
 * CT_BarSer, CT_CatAx, CT_ValAx …): Excel refuses a part whose children are out of order.
 */
import type { ChartKind } from "../../core";
import type { ChartSeries, XlsxChart } from "./types";
import { cellRef, escapeXml, runRef } from "./xml";

const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const CATEGORY_AXIS = 500000001;
const VALUE_AXIS = 500000002;

/** Excel's default palette (Office theme accents 1–6), so the colours match a chart Excel drew. */
const ACCENTS = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"];

function richText(text: string, size: number, bold: boolean): string {
  const b = bold ? "1" : "0";
  return (
    `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${b}"/></a:pPr>` +
    `<a:r><a:rPr sz="${size}" b="${b}"/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx>`
  );
}

function title(text: string, size: number, bold: boolean): string {
  return `<c:title>${richText(text, size, bold)}<c:overlay val="0"/></c:title>`;
}

function strCache(values: readonly string[]): string {
  const points = values
    .map((v, i) => `<c:pt idx="${i}"><c:v>${escapeXml(v)}</c:v></c:pt>`)
    .join("");
  return `<c:strCache><c:ptCount val="${values.length}"/>${points}</c:strCache>`;
}

function numCache(values: readonly (number | null)[], format: string): string {
  const points = values
    .map((v, i) =>
      v === null || !Number.isFinite(v) ? "" : `<c:pt idx="${i}"><c:v>${String(v)}</c:v></c:pt>`
    )
    .join("");
  return (
    `<c:numCache><c:formatCode>${escapeXml(format)}</c:formatCode>` +
    `<c:ptCount val="${values.length}"/>${points}</c:numCache>`
  );
}

function fill(kind: ChartKind, index: number): string {
  const color = ACCENTS[index % ACCENTS.length];
  if (kind === "line")
    return `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill><a:round/></a:ln></c:spPr>`;
  return `<c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></c:spPr>`;
}

function series(kind: ChartKind, s: ChartSeries, index: number, percent: boolean): string {
  const head =
    `<c:idx val="${index}"/><c:order val="${index}"/>` +
    `<c:tx><c:strRef><c:f>${escapeXml(cellRef(s.name.sheet, s.name.cell))}</c:f>${strCache([s.name.text])}</c:strRef></c:tx>` +
    (kind === "pie" ? "" : fill(kind, index));
  const between =
    kind === "line"
      ? `<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>`
      : kind === "pie"
        ? ""
        : `<c:invertIfNegative val="0"/>`;
  const cat = `<c:cat><c:strRef><c:f>${escapeXml(runRef(s.categories.run))}</c:f>${strCache(s.categories.values)}</c:strRef></c:cat>`;
  const val = `<c:val><c:numRef><c:f>${escapeXml(runRef(s.values.run))}</c:f>${numCache(s.values.values, percent ? "0.0%" : "General")}</c:numRef></c:val>`;
  const tail = kind === "line" ? `<c:smooth val="0"/>` : "";
  return `<c:ser>${head}${between}${cat}${val}${tail}</c:ser>`;
}

function plot(chart: XlsxChart): string {
  const sers = chart.series.map((s, i) => series(chart.kind, s, i, chart.percentAxis)).join("");
  const axes = `<c:axId val="${CATEGORY_AXIS}"/><c:axId val="${VALUE_AXIS}"/>`;
  switch (chart.kind) {
    case "pie":
      return `<c:pieChart><c:varyColors val="1"/>${sers}<c:firstSliceAng val="0"/></c:pieChart>`;
    case "line":
      return `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${sers}<c:marker val="1"/>${axes}</c:lineChart>`;
    case "columnStacked":
      return `<c:barChart><c:barDir val="col"/><c:grouping val="stacked"/><c:varyColors val="0"/>${sers}<c:gapWidth val="150"/><c:overlap val="100"/>${axes}</c:barChart>`;
    case "barClustered":
    case "columnClustered": {
      const dir = chart.kind === "barClustered" ? "bar" : "col";
      return `<c:barChart><c:barDir val="${dir}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${sers}<c:gapWidth val="182"/>${axes}</c:barChart>`;
    }
  }
}

function axes(chart: XlsxChart): string {
  if (chart.kind === "pie") return "";
  // A bar chart lays its categories on the left and its values along the bottom.
  const horizontal = chart.kind === "barClustered";
  const catPos = horizontal ? "l" : "b";
  const valPos = horizontal ? "b" : "l";
  const valueFormat = chart.percentAxis
    ? `<c:numFmt formatCode="0%" sourceLinked="0"/>`
    : `<c:numFmt formatCode="General" sourceLinked="1"/>`;
  const category =
    `<c:catAx><c:axId val="${CATEGORY_AXIS}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${catPos}"/><c:numFmt formatCode="General" sourceLinked="1"/>` +
    `<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${VALUE_AXIS}"/><c:crosses val="autoZero"/><c:auto val="1"/>` +
    `<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const value =
    `<c:valAx><c:axId val="${VALUE_AXIS}"/><c:scaling><c:orientation val="minMax"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="${valPos}"/><c:majorGridlines/>` +
    (chart.valueAxisTitle ? title(chart.valueAxisTitle, 1000, false) : "") +
    `${valueFormat}<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${CATEGORY_AXIS}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`;
  return category + value;
}

export function chartPartXml(chart: XlsxChart): string {
  const legend = chart.legend
    ? `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>`
    : "";
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">` +
    `<c:roundedCorners val="0"/>` +
    `<c:chart>${title(chart.title, 1400, true)}<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${plot(chart)}${axes(chart)}</c:plotArea>` +
    `${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `</c:chartSpace>`
  );
}
