/**
 * The 工作总结 draft as a Word document (.docx), built with the `docx` library:
 * A4 portrait, the title, the intro, one Heading 1 per section (so Word's
 * navigation pane lists them), body paragraphs with a two-character first-line
 * indent as offices set them, and the key-figure table at the end.
 *
 * No Node or DOM API here: the same bytes are made by the command line, the
 * task pane outside Excel and the task pane inside Excel.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { paragraphText, sentenceText } from "../core";
import { PUNCTUATION } from "../core";
import type { Draft, KeyFigureColumn, KeyFigureRow, KeyFigureTable } from "../core";

/** A4 in twentieths of a point (210 × 297 mm), and 2.54 cm margins. */
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1440;

/** Body 12 pt (小四) with 1.5 line spacing; sizes are in half-points. */
const BODY_SIZE = 24;
const FONTS = {
  "zh-CN": { body: "仿宋", heading: "黑体", title: "宋体", latin: "Times New Roman" },
  "en-US": { body: "Calibri", heading: "Calibri", title: "Calibri", latin: "Calibri" },
} as const;

function font(lang: Draft["lang"], kind: "body" | "heading" | "title") {
  const f = FONTS[lang];
  return { ascii: f.latin, hAnsi: f.latin, eastAsia: f[kind] };
}

const THIN = { style: BorderStyle.SINGLE, size: 4, color: "808080" };

/** Relative column widths: the indicator's name is the longest cell, the target the shortest. */
const WEIGHTS: Record<KeyFigureColumn, number> = {
  label: 2.6,
  value: 1.9,
  target: 0.9,
  previous: 1.9,
  change: 1.7,
};
const TEXT_WIDTH = A4.width - 2 * MARGIN;

function cell(
  text: string,
  lang: Draft["lang"],
  header: boolean,
  right: boolean,
  width: number
): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    shading: header ? { type: ShadingType.CLEAR, fill: "DDEBF7", color: "auto" } : undefined,
    borders: { top: THIN, bottom: THIN, left: THIN, right: THIN },
    margins: { left: 80, right: 80 },
    children: [
      new Paragraph({
        alignment: right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: header, font: font(lang, "body"), size: 20 })],
      }),
    ],
  });
}

function keyFigureTable(table: KeyFigureTable, lang: Draft["lang"]): Table {
  const shown = (r: KeyFigureRow, key: KeyFigureColumn) => {
    if (key === "label") return r.label;
    return r[key]?.text ?? "—";
  };
  const total = table.columns.reduce((n, c) => n + WEIGHTS[c.key], 0);
  const widths = table.columns.map((c) => Math.floor((TEXT_WIDTH * WEIGHTS[c.key]) / total));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        children: table.columns.map((c, i) => cell(c.header, lang, true, i > 0, widths[i])),
      }),
      ...table.rows.map(
        (r) =>
          new TableRow({
            children: table.columns.map((c, i) =>
              cell(shown(r, c.key), lang, false, i > 0, widths[i])
            ),
          })
      ),
    ],
  });
}

/** The document model, for callers that pack it themselves. */
export function draftDocument(draft: Draft): Document {
  const { lang } = draft;
  const gap = PUNCTUATION[lang].sentenceGap;
  const indent = lang === "zh-CN" ? { firstLine: BODY_SIZE * 20 } : undefined;
  const body = (text: string) =>
    new Paragraph({
      indent,
      alignment: AlignmentType.JUSTIFIED,
      children: [new TextRun({ text, font: font(lang, "body") })],
    });
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: sentenceText(draft.title), font: font(lang, "title") })],
    }),
    body(paragraphText(draft.intro, gap)),
  ];
  for (const section of draft.sections) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        keepNext: true,
        children: [new TextRun({ text: section.heading, font: font(lang, "heading") })],
      })
    );
    for (const p of section.paragraphs) children.push(body(paragraphText(p, gap)));
  }
  if (draft.table.rows.length > 0) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        keepNext: true,
        children: [new TextRun({ text: draft.table.title, font: font(lang, "heading") })],
      }),
      keyFigureTable(draft.table, lang)
    );
  }
  return new Document({
    creator: "CEDU",
    title: sentenceText(draft.title),
    styles: {
      default: {
        document: {
          run: { size: BODY_SIZE, font: font(lang, "body") },
          paragraph: { spacing: { line: 360, after: 0 } },
        },
        title: {
          run: { size: 36, bold: true, color: "000000", font: font(lang, "title") },
          paragraph: { spacing: { after: 240 }, alignment: AlignmentType.CENTER },
        },
        heading1: {
          run: { size: 28, bold: true, color: "000000", font: font(lang, "heading") },
          paragraph: { spacing: { before: 240, after: 120 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: A4,
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
          },
        },
        children,
      },
    ],
  });
}

/** The .docx file's bytes. */
export async function draftDocx(draft: Draft): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(draftDocument(draft)));
}
