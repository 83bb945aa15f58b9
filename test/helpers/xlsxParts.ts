/**
 * Reads the parts of a saved .xlsx that ExcelJS does not give back faithfully (data validations,
 * formula names, frozen panes), straight from its XML, with JSZip and xml2js.
 */
import JSZip from "jszip";
import { parseStringPromise } from "xml2js";

export interface ValidationXml {
  type: string;
  sqref: string;
  formula1?: string;
  formula2?: string;
  operator?: string;
  allowBlank?: string;
  showInputMessage?: string;
  promptTitle?: string;
  prompt?: string;
  showErrorMessage?: string;
  errorStyle?: string;
  errorTitle?: string;
  error?: string;
}

export interface SheetXml {
  name: string;
  validations: ValidationXml[];
  /** The frozen pane's ySplit, or null when nothing is frozen. */
  frozenRows: number | null;
}

export interface WorkbookXml {
  sheets: SheetXml[];
  /** Workbook names: name (with the sheet index for a local one) → formula. */
  names: { name: string; localSheetId?: string; formula: string }[];
}

const text = (node: unknown): string | undefined => {
  if (node === undefined) return undefined;
  const first = Array.isArray(node) ? node[0] : node;
  return typeof first === "string" ? first : (first as { _?: string })?._;
};

export async function readWorkbookXml(bytes: Uint8Array | Buffer): Promise<WorkbookXml> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (path: string) => parseStringPromise(await zip.file(path)!.async("string"));
  const workbook = await read("xl/workbook.xml");
  const rels = await read("xl/_rels/workbook.xml.rels");
  const targets = new Map<string, string>(
    rels.Relationships.Relationship.map((r: { $: { Id: string; Target: string } }) => [
      r.$.Id,
      r.$.Target.replace(/^\/?(xl\/)?/, "xl/"),
    ])
  );
  const sheets: SheetXml[] = [];
  for (const s of workbook.workbook.sheets[0].sheet as { $: Record<string, string> }[]) {
    const id = s.$["r:id"];
    const xml = await read(targets.get(id) as string);
    const ws = xml.worksheet;
    const validations = (
      (ws.dataValidations?.[0]?.dataValidation ?? []) as {
        $: Record<string, string>;
        formula1?: unknown;
        formula2?: unknown;
      }[]
    ).map((v) => ({
      ...(v.$ as unknown as ValidationXml),
      formula1: text(v.formula1),
      formula2: text(v.formula2),
    }));
    const pane = ws.sheetViews?.[0]?.sheetView?.[0]?.pane?.[0]?.$;
    sheets.push({
      name: s.$.name,
      validations,
      frozenRows: pane && pane.state === "frozen" ? Number(pane.ySplit) : null,
    });
  }
  const names = (
    (workbook.workbook.definedNames?.[0]?.definedName ?? []) as {
      $: { name: string; localSheetId?: string };
      _?: string;
    }[]
  ).map((n) => ({ name: n.$.name, localSheetId: n.$.localSheetId, formula: n._ ?? "" }));
  return { sheets, names };
}
