/**
 * A hand-rolled fake of the slice of the Excel object model that src/excel uses, as strict as
 * Microsoft documents Excel to be. office-addin-mock needs every object and address spelled out in
 * advance, which does not fit sheets that are added, renamed and deleted, or ranges addressed by
 * computed A1 strings.
 *
 * What it enforces, each rule with its source (learn.microsoft.com unless noted) and a test in
 * test/excel/fake.test.ts that fails if the rule is removed:
 *  - Batches: every write is queued and runs at `context.sync()`, in order; an operation that fails
 *    stops the batch there (earlier operations stay applied) and the sync rejects; loads become
 *    readable only after the sync that carried them ("Call context.sync() ... The proxy objects
 *    ... are only populated after sync", Office "Application-specific API model"). Reading a
 *    property that was not loaded throws PropertyNotLoaded.
 *  - Payload (rule A.1): Excel on the web refuses a request or a response over 5 MB
 *    ("Resource limits and performance optimization for Office Add-ins", "Excel add-ins";
 *    error codes RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded, "Error
 *    handling with the application-specific JavaScript APIs"). Sizes are UTF-8 bytes of the JSON
 *    Excel would carry (a Chinese character is 3 bytes), plus a fixed cost per operation and per
 *    proxy object ("the payload size is the number of API calls, the number of objects ... and the
 *    length of the values"). Counted per sync in `requestBytes` / `responseBytes`.
 *  - Merged areas (rule A.2): Range.getMergedAreasOrNullObject fails when the range holds more
 *    than 512 merged areas (Excel API reference, Excel.Range.getMergedAreasOrNullObject: "if the
 *    merged areas count in this range is more than 512, then this method will fail to return the
 *    result"). Only areas whose top-left cell lies in the range are found (office-js#3611).
 *  - Protection (rule A.3): on a protected sheet, values cannot be written to its (locked) cells;
 *    formatting (fill, fonts, number formats, autofit) needs `allowFormatCells`, notes need
 *    `allowEditObjects` (Excel.WorksheetProtectionOptions). A cell with a threaded comment cannot
 *    take a note: Excel keeps the two apart ("The difference between threaded comments and notes",
 *    support.microsoft.com; Excel.NoteCollection.add fails on such a cell).
 *  - Formulas (rule A.4): a formula referring to a sheet follows its renames; when the sheet is
 *    deleted the reference becomes #REF! in the formula text itself, so a later sheet of the same
 *    name does not repair it (Excel's own behaviour for deleted references, "How to correct a
 *    #REF! error", support.microsoft.com). Workbook names behave the same.
 *  - Cell edit (rule A.5): while the user edits a cell a batch fails with
 *    InvalidOperationInCellEditMode, unless the run was started with `delayForCellEdit: true`,
 *    which holds it until the edit ends (Excel.RunOptions.delayForCellEdit; "Delay execution
 *    while cell is being edited", Excel "Application-specific API model").
 *  - Worksheets (rule A.7): every sheet has a stable id; `getItem(key)` takes a name or an id
 *    (Excel.WorksheetCollection.getItem); Move/Copy copies the sheet's custom properties.
 *  - Events (rule A.8): `worksheets.onChanged` reports cell edits only; adding, deleting and
 *    renaming a sheet raise onAdded / onDeleted / onNameChanged ("Work with events using the
 *    Excel JavaScript API"). Handlers of this add-in are not called while
 *    `context.runtime.enableEvents` is false; the add-in's own edits carry triggerSource
 *    "ThisLocalAddin" (Excel.WorksheetChangedEventArgs.triggerSource).
 * Custom functions' argument rules (A.6) live in ./fake/customFunctions.ts.
 */

import { fakeDataValidation } from "./fakeDataValidation";
import { addColumnWidth, areaFormatAt, fakePageLayout, setAreaFormat } from "./fakeSheetLayout";

type Cell = unknown;

/** Excel on the web: 5 MB for a request and for a response; read as 5,000,000 bytes (the stricter reading). */
export const PAYLOAD_LIMIT_BYTES = 5_000_000;
/** What one queued operation, load or proxy object costs in a request beyond its own values. */
export const OPERATION_BYTES = 48;
/** Excel.Range.getMergedAreasOrNullObject fails beyond this many merged areas. */
export const MAX_MERGED_AREAS = 512;

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}
function jsonBytes(value: unknown): number {
  return utf8Bytes(JSON.stringify(value) ?? "null");
}

function officeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

export interface WriteRecord {
  sync: number;
  sheet: string;
  address: string;
  kind: "values" | "numberFormat";
  payload: unknown[][];
}

/** What a queued operation is, for `FakeState.failWhen` (tests that make one step fail). */
export interface OperationInfo {
  kind: string;
  sheet?: string;
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
function colLetters(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
export function parseAddress(address: string): {
  row: number;
  col: number;
  rows: number;
  cols: number;
} {
  const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const [a, b] = local.replace(/\$/g, "").split(":");
  const p = (s: string) => {
    const m = /^([A-Z]+)(\d+)$/i.exec(s.trim());
    if (!m) throw officeError("InvalidArgument", `bad address ${address}`);
    return { row: Number(m[2]) - 1, col: colIndex(m[1]) };
  };
  const s = p(a);
  const e = b ? p(b) : s;
  return { row: s.row, col: s.col, rows: e.row - s.row + 1, cols: e.col - s.col + 1 };
}
/** A sheet name as Excel writes it in an address: quoted unless plain ASCII letters and digits. */
function quoteSheet(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
function addressOf(sheet: string, row: number, col: number, rows: number, cols: number): string {
  const start = `${colLetters(col)}${row + 1}`;
  const end = `${colLetters(col + cols - 1)}${row + rows}`;
  return `${sheet}!${rows === 1 && cols === 1 ? start : `${start}:${end}`}`;
}
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** The references to sheet `name` in a formula: 'name'! or name! (not preceded by a name character). */
function sheetRefPattern(name: string): RegExp {
  const quoted = `'${escapeRegExp(name.replace(/'/g, "''"))}'!`;
  const plain = `(?<![\\w.'\\u0080-\\uffff])${escapeRegExp(name)}!`;
  return new RegExp(`${quoted}|${plain}`, "gi");
}

/* ------------------------------------------------------------------ loading */

class Loadable {
  private pending = new Set<string>();
  protected loaded = new Set<string>();
  constructor(protected ctx: FakeContext) {}
  load(props?: string | string[] | Record<string, unknown>): this {
    const list =
      typeof props === "string" ? props.split(",") : Array.isArray(props) ? props : ["*"];
    for (const p of list) this.pending.add(p.trim());
    this.ctx.queueLoad(this);
    return this;
  }
  /** Marks the pending loads as loaded; returns an undo for a response Excel refused. */
  commit(): () => void {
    const before = new Set(this.loaded);
    const pending = new Set(this.pending);
    for (const p of this.pending) this.loaded.add(p);
    this.loaded.add("isNullObject");
    this.pending.clear();
    return () => {
      this.loaded = before;
      this.pending = pending;
    };
  }
  dropPending(): void {
    this.pending.clear();
  }
  /** UTF-8 bytes of the response carrying this object's just-loaded properties. */
  responseBytes(): number {
    let bytes = OPERATION_BYTES;
    for (const p of this.loaded) {
      if (p === "*" || p === "isNullObject" || p.includes("/")) continue;
      try {
        bytes += utf8Bytes(p) + jsonBytes((this as Record<string, unknown>)[p]);
      } catch {
        /* a property this fake does not model */
      }
    }
    return bytes;
  }
  protected need(prop: string): void {
    if (!this.loaded.has(prop) && !this.loaded.has("*")) {
      throw officeError("PropertyNotLoaded", `PropertyNotLoaded: ${prop}`);
    }
  }
}

/** A setting or custom property as getItemOrNullObject returns it: a null object when absent. */
class FakeKeyedItem extends Loadable {
  constructor(
    ctx: FakeContext,
    private items: ReadonlyMap<string, unknown>,
    private key: string
  ) {
    super(ctx);
  }
  get isNullObject(): boolean {
    this.need("isNullObject");
    return !this.items.has(this.key);
  }
  get value(): unknown {
    this.need("value");
    return this.items.get(this.key);
  }
}

/* ------------------------------------------------------------------ data */

export interface ProtectionOptions {
  allowFormatCells?: boolean;
  allowEditObjects?: boolean;
}

let sheetIds = 0;
function newSheetId(): string {
  sheetIds++;
  return `{00000000-0001-0000-${String(sheetIds).padStart(4, "0")}-000000000000}`;
}

export class FakeSheetData {
  readonly id = newSheetId();
  cells = new Map<string, Cell>();
  /** Cells holding a formula, by "row,col" (the formula text, as Range.formulas gives it). */
  formulas = new Map<string, string>();
  formats = new Map<string, string>();
  fills = new Map<string, string>();
  bold = new Set<string>();
  customProperties = new Map<string, string>();
  tables: { address: string; hasHeaders: boolean; style?: string }[] = [];
  charts: FakeChart[] = [];
  frozenRows = 0;
  autofit: string[] = [];
  /** Cell notes (ExcelApi 1.18) by "row,col". */
  notes = new Map<string, string>();
  /** Cells with a threaded comment (ExcelApi 1.10), by "row,col". */
  comments = new Map<string, string>();
  /** Error cells by "row,col": their value is the error's text, their value type "Error". */
  errors = new Set<string>();
  /** Merged areas, 0-based; only the top-left cell holds the value, as in Excel. */
  merged: { row: number; col: number; rows: number; cols: number }[] = [];
  /** What a protected sheet still allows (Excel.WorksheetProtectionOptions). */
  protectionOptions: ProtectionOptions = {};
  /** The workbook holding the sheet (set when the sheet is added to a FakeState). */
  owner: FakeState | null = null;
  constructor(
    public name: string,
    public visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible",
    public protectedSheet = false,
    /** Generated content for big sheets: origin, size and a cell function. */
    public gen?: {
      row: number;
      col: number;
      rows: number;
      cols: number;
      value: (r: number, c: number) => Cell;
    }
  ) {}
  raw(r: number, c: number): Cell {
    const k = `${r},${c}`;
    if (this.cells.has(k)) return this.cells.get(k);
    const g = this.gen;
    if (g && r >= g.row && r < g.row + g.rows && c >= g.col && c < g.col + g.cols)
      return g.value(r - g.row, c - g.col);
    return "";
  }
  get(r: number, c: number): Cell {
    const formula = this.formulas.get(`${r},${c}`);
    return formula === undefined ? this.raw(r, c) : this.evaluate(formula);
  }
  isError(r: number, c: number): boolean {
    const k = `${r},${c}`;
    if (this.errors.has(k)) return true;
    const formula = this.formulas.get(k);
    return formula !== undefined && /^#[A-Z/0!?]+/.test(String(this.evaluate(formula)));
  }
  /** Only what the tests write: =Sheet!A1, ='My sheet'!A1, or a reference turned #REF!. */
  private evaluate(formula: string): Cell {
    if (/#REF!/.test(formula)) return "#REF!";
    const m = /^=(?:'((?:[^']|'')+)'|([^!'\s]+))!\$?([A-Z]+)\$?(\d+)$/i.exec(formula);
    if (!m) return formula;
    const target = this.owner?.sheet((m[1] ?? m[2]).replace(/''/g, "'"));
    if (!target) return "#REF!";
    return target.get(Number(m[4]) - 1, colIndex(m[3]));
  }
  used(): { row: number; col: number; rows: number; cols: number } | null {
    let r0 = Infinity,
      c0 = Infinity,
      r1 = -1,
      c1 = -1;
    const g = this.gen;
    if (g) [r0, c0, r1, c1] = [g.row, g.col, g.row + g.rows - 1, g.col + g.cols - 1];
    const keys = [...this.cells.entries()]
      .filter(([, v]) => !(v === "" || v === null || v === undefined))
      .map(([k]) => k)
      .concat([...this.formulas.keys()]);
    for (const k of keys) {
      const [r, c] = k.split(",").map(Number);
      r0 = Math.min(r0, r);
      c0 = Math.min(c0, c);
      r1 = Math.max(r1, r);
      c1 = Math.max(c1, c);
    }
    return r1 < 0 ? null : { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }
}

export interface FakeName {
  name: string;
  /** "=Sheet!$C$5", as NamedItem.formula gives it. */
  formula: string;
  comment?: string;
}

type EventKind = "changed" | "added" | "deleted" | "nameChanged";
type Handler = (args: Record<string, unknown>) => unknown;

export class FakeState {
  private list: FakeSheetData[] = [];
  settings = new Map<string, unknown>();
  /** Workbook names (Excel.NamedItem), by lower-cased name. */
  names = new Map<string, FakeName>();
  workbookProtected = false;
  readOnly = false;
  /** Payload limits apply on the web only ("only occurs in Office on the web"). */
  platform: "web" | "desktop" = "web";
  /** The workbook uses the 1904 date system. */
  date1904 = false;
  active: string | null = null;
  selected: string | null = null;
  /** context.runtime.enableEvents, shared by every context of the add-in's runtime. */
  eventsEnabled = true;
  /** Every sync of every context, in order: request and response bytes. */
  syncLog: { request: number; response: number }[] = [];
  /** application.calculate and Range.calculate calls. */
  calculations: string[] = [];
  /** Application.calculationMode (ExcelApi 1.1): "Automatic", "AutomaticExceptTables" or "Manual". */
  calculationMode = "Automatic";
  /** Makes a queued operation fail at its sync (GeneralException), e.g. one fill of a batch. */
  failWhen: ((op: OperationInfo) => boolean) | null = null;
  private editing = false;
  private editWaiters: (() => void)[] = [];
  private handlers: { kind: EventKind; handler: Handler; id: number }[] = [];
  private handlerIds = 0;

  get sheets(): FakeSheetData[] {
    return this.list;
  }
  set sheets(list: FakeSheetData[]) {
    this.list = list;
    for (const s of list) s.owner = this;
  }
  sheet(nameOrId: string): FakeSheetData | undefined {
    return (
      this.list.find((s) => s.name.toLowerCase() === nameOrId.toLowerCase()) ??
      this.list.find((s) => s.id === nameOrId)
    );
  }
  get syncs(): number {
    return this.syncLog.length;
  }

  /* ---- the user, acting in Excel (tests) */

  /** The user starts typing in a cell (cell edit mode). */
  beginCellEdit(): void {
    this.editing = true;
  }
  /** The user presses Enter or Esc: batches held by delayForCellEdit run. */
  endCellEdit(): void {
    this.editing = false;
    const waiters = this.editWaiters;
    this.editWaiters = [];
    for (const w of waiters) w();
  }
  get inCellEdit(): boolean {
    return this.editing;
  }
  /** Resolves when cell edit ends (at once when there is none). */
  untilCellEditEnds(): Promise<void> {
    return this.editing ? new Promise((r) => this.editWaiters.push(r)) : Promise.resolve();
  }
  /** The user types or pastes values at `address` of `sheet`; resolves once handlers ran. */
  async userEdit(sheet: string, address: string, values: Cell[][]): Promise<void> {
    const data = this.sheet(sheet);
    if (!data) throw new Error(`no sheet ${sheet}`);
    const p = parseAddress(address);
    values.forEach((row, r) =>
      row.forEach((v, c) => {
        const k = `${p.row + r},${p.col + c}`;
        if (typeof v === "string" && v.startsWith("=")) this.formulas_set(data, k, v);
        else {
          data.formulas.delete(k);
          data.cells.set(k, v);
        }
      })
    );
    const rows = values.length;
    const cols = Math.max(1, ...values.map((r) => r.length));
    await this.dispatch([
      changedEvent(data, addressOf(data.name, p.row, p.col, rows, cols), "Unknown", rows, cols),
    ]);
  }
  async userAddSheet(name: string): Promise<FakeSheetData> {
    const data = new FakeSheetData(name);
    this.insertSheet(data);
    await this.dispatch([{ kind: "added", args: addedEvent(data) }]);
    return data;
  }
  async userDeleteSheet(name: string): Promise<void> {
    const data = this.sheet(name);
    if (!data) throw new Error(`no sheet ${name}`);
    this.removeSheet(data);
    await this.dispatch([{ kind: "deleted", args: deletedEvent(data) }]);
  }
  async userRenameSheet(name: string, to: string): Promise<void> {
    const data = this.sheet(name);
    if (!data) throw new Error(`no sheet ${name}`);
    const before = data.name;
    this.renameSheet(data, to);
    await this.dispatch([{ kind: "nameChanged", args: nameChangedEvent(data, before) }]);
  }
  /** Move or Copy → Create a copy: a new sheet (new id) with the cells and custom properties. */
  async userCopySheet(name: string): Promise<FakeSheetData> {
    const data = this.sheet(name);
    if (!data) throw new Error(`no sheet ${name}`);
    const copy = this.copySheet(data);
    await this.dispatch([{ kind: "added", args: addedEvent(copy) }]);
    return copy;
  }

  /* ---- shared by the user's actions and the add-in's operations */

  formulas_set(data: FakeSheetData, key: string, formula: string): void {
    data.cells.delete(key);
    data.formulas.set(key, formula);
  }
  insertSheet(data: FakeSheetData): void {
    if (this.sheet(data.name))
      throw officeError("ItemAlreadyExists", `a sheet named ${data.name} exists`);
    data.owner = this;
    this.list.push(data);
  }
  removeSheet(data: FakeSheetData): void {
    this.list = this.list.filter((s) => s !== data);
    const pattern = sheetRefPattern(data.name);
    for (const s of this.list) {
      for (const [k, f] of s.formulas) s.formulas.set(k, f.replace(pattern, "#REF!"));
    }
    for (const n of this.names.values()) n.formula = n.formula.replace(pattern, "#REF!");
  }
  renameSheet(data: FakeSheetData, to: string): void {
    if (this.list.some((s) => s !== data && s.name.toLowerCase() === to.toLowerCase()))
      throw officeError("ItemAlreadyExists", `a sheet named ${to} exists`);
    const pattern = sheetRefPattern(data.name);
    const replacement = `${quoteSheet(to)}!`;
    for (const s of this.list) {
      for (const [k, f] of s.formulas)
        s.formulas.set(
          k,
          f.replace(pattern, () => replacement)
        );
    }
    for (const n of this.names.values()) n.formula = n.formula.replace(pattern, () => replacement);
    data.name = to;
  }
  copySheet(data: FakeSheetData): FakeSheetData {
    let name = "";
    for (let i = 2; ; i++) {
      name = `${data.name.slice(0, 31 - ` (${i})`.length)} (${i})`;
      if (!this.sheet(name)) break;
    }
    const copy = new FakeSheetData(name, data.visibility, data.protectedSheet, data.gen);
    copy.cells = new Map(data.cells);
    copy.formulas = new Map(data.formulas);
    copy.formats = new Map(data.formats);
    copy.fills = new Map(data.fills);
    copy.customProperties = new Map(data.customProperties);
    copy.notes = new Map(data.notes);
    copy.merged = data.merged.map((m) => ({ ...m }));
    const at = this.list.indexOf(data);
    copy.owner = this;
    this.list.splice(at + 1, 0, copy);
    return copy;
  }

  /* ---- events */

  addHandler(kind: EventKind, handler: Handler): number {
    const id = ++this.handlerIds;
    this.handlers.push({ kind, handler, id });
    return id;
  }
  removeHandler(id: number): void {
    this.handlers = this.handlers.filter((h) => h.id !== id);
  }
  handlerCount(kind?: EventKind): number {
    return this.handlers.filter((h) => !kind || h.kind === kind).length;
  }
  /** Calls this add-in's handlers (none while its events are disabled); awaits them. */
  async dispatch(events: { kind: EventKind; args: Record<string, unknown> }[]): Promise<void> {
    await Promise.resolve();
    if (!this.eventsEnabled) return;
    for (const e of events) {
      for (const h of this.handlers.filter((x) => x.kind === e.kind)) await h.handler(e.args);
    }
  }
}

function changedEvent(
  data: FakeSheetData,
  address: string,
  triggerSource: string,
  rows: number,
  cols: number
): { kind: EventKind; args: Record<string, unknown> } {
  const local = address.slice(address.lastIndexOf("!") + 1);
  const args: Record<string, unknown> = {
    type: "WorksheetChanged",
    changeType: "RangeEdited",
    source: "Local",
    worksheetId: data.id,
    address: local,
    triggerSource,
  };
  // details is documented for single-cell changes only (office-js#5347).
  if (rows === 1 && cols === 1) {
    const p = parseAddress(local);
    args.details = { valueAfter: data.get(p.row, p.col) };
  }
  return { kind: "changed", args };
}
const addedEvent = (data: FakeSheetData) => ({
  type: "WorksheetAdded",
  source: "Local",
  worksheetId: data.id,
});
const deletedEvent = (data: FakeSheetData) => ({
  type: "WorksheetDeleted",
  source: "Local",
  worksheetId: data.id,
});
const nameChangedEvent = (data: FakeSheetData, nameBefore: string) => ({
  type: "WorksheetNameChanged",
  source: "Local",
  worksheetId: data.id,
  nameBefore,
  nameAfter: data.name,
});

/* ------------------------------------------------------------------ ranges */

/** Formatting a protected sheet needs allowFormatCells (Excel.WorksheetProtectionOptions). */
function checkFormat(sheet: FakeSheetData): void {
  if (sheet.protectedSheet && !sheet.protectionOptions.allowFormatCells)
    throw officeError(
      "AccessDenied",
      `sheet ${sheet.name} is protected: formatting is not allowed`
    );
}
/** A protected sheet's cells are locked (Excel's default for every cell). */
function checkEdit(sheet: FakeSheetData): void {
  if (sheet.protectedSheet)
    throw officeError("AccessDenied", `sheet ${sheet.name} is protected: its cells are locked`);
}

class FakeFill extends Loadable {
  constructor(
    ctx: FakeContext,
    private sheet: FakeSheetData,
    private cellsOf: () => string[]
  ) {
    super(ctx);
  }
  get color(): string {
    this.need("color");
    return this.sheet.fills.get(this.cellsOf()[0]) ?? "#FFFFFF";
  }
  set color(v: string) {
    this.ctx.queue({ kind: "fill", sheet: this.sheet.name }, utf8Bytes(v), () => {
      this.ctx.checkWritable();
      checkFormat(this.sheet);
      for (const k of this.cellsOf()) this.sheet.fills.set(k, v.toUpperCase());
    });
  }
  get pattern(): string {
    this.need("pattern");
    return this.sheet.fills.has(this.cellsOf()[0]) ? "Solid" : "None";
  }
  clear(): void {
    this.ctx.queue({ kind: "fill", sheet: this.sheet.name }, 0, () => {
      this.ctx.checkWritable();
      checkFormat(this.sheet);
      for (const k of this.cellsOf()) this.sheet.fills.delete(k);
    });
  }
}

export class FakeRange extends Loadable {
  isNullObject = false;
  format: {
    fill: FakeFill;
    font: { bold?: boolean; italic?: boolean; size?: number };
    autofitColumns: () => void;
  };
  constructor(
    ctx: FakeContext,
    public sheet: FakeSheetData,
    public row: number,
    public col: number,
    public rows: number,
    public cols: number
  ) {
    super(ctx);
    const font: { bold?: boolean; italic?: boolean; size?: number } = {};
    const fontOp = (apply: () => void) =>
      ctx.queue({ kind: "font", sheet: sheet.name }, 8, () => {
        ctx.checkWritable();
        checkFormat(sheet);
        apply();
      });
    Object.defineProperty(font, "bold", {
      set: (v: boolean) =>
        fontOp(() => {
          for (const k of this.keys()) {
            if (v) sheet.bold.add(k);
            else sheet.bold.delete(k);
          }
        }),
    });
    for (const prop of ["italic", "size"])
      Object.defineProperty(font, prop, { set: () => fontOp(() => undefined) });
    this.format = {
      fill: new FakeFill(ctx, sheet, () => this.keys()),
      font,
      autofitColumns: () =>
        ctx.queue({ kind: "autofit", sheet: sheet.name }, 0, () => {
          ctx.checkWritable();
          checkFormat(sheet);
          sheet.autofit.push(this.address0());
        }),
    };
    addColumnWidth(ctx, this.format, sheet, col, cols);
  }
  keys(): string[] {
    const out: string[] = [];
    for (let r = 0; r < this.rows; r++)
      for (let c = 0; c < this.cols; c++) out.push(`${this.row + r},${this.col + c}`);
    return out;
  }
  address0(): string {
    return addressOf(quoteSheet(this.sheet.name), this.row, this.col, this.rows, this.cols);
  }
  get address(): string {
    this.need("address");
    return this.address0();
  }
  get rowCount(): number {
    this.need("rowCount");
    return this.rows;
  }
  get columnCount(): number {
    this.need("columnCount");
    return this.cols;
  }
  grid<T>(f: (r: number, c: number) => T): T[][] {
    return Array.from({ length: this.rows }, (_, r) =>
      Array.from({ length: this.cols }, (_, c) => f(this.row + r, this.col + c))
    );
  }
  get values(): Cell[][] {
    this.need("values");
    return this.grid((r, c) => this.sheet.get(r, c));
  }
  set values(v: Cell[][]) {
    this.write("values", v, () =>
      v.forEach((row, r) =>
        row.forEach((x, c) => {
          const k = `${this.row + r},${this.col + c}`;
          // Excel reads a string starting with "=" as a formula.
          if (typeof x === "string" && x.startsWith("="))
            this.sheet.owner?.formulas_set(this.sheet, k, x);
          else {
            this.sheet.formulas.delete(k);
            this.sheet.cells.set(k, x);
          }
        })
      )
    );
  }
  get formulas(): Cell[][] {
    this.need("formulas");
    return this.grid((r, c) => this.sheet.formulas.get(`${r},${c}`) ?? this.sheet.raw(r, c));
  }
  /** Formulas in Excel's invariant (en-US) spelling; values that do not start with "=" are constants. */
  set formulas(v: Cell[][]) {
    this.values = v;
  }
  getCell(row: number, col: number): FakeRange {
    return new FakeRange(this.ctx, this.sheet, this.row + row, this.col + col, 1, 1);
  }
  get valueTypes(): string[][] {
    this.need("valueTypes");
    return this.grid((r, c) => {
      if (this.sheet.isError(r, c)) return "Error";
      const v = this.sheet.get(r, c);
      if (v === "" || v === null || v === undefined) return "Empty";
      return typeof v === "number" ? "Double" : typeof v === "boolean" ? "Boolean" : "String";
    });
  }
  get numberFormat(): string[][] {
    this.need("numberFormat");
    return this.grid(
      (r, c) => this.sheet.formats.get(`${r},${c}`) ?? areaFormatAt(this.sheet, r, c) ?? "General"
    );
  }
  set numberFormat(v: string[][]) {
    if (!Array.isArray(v)) {
      setAreaFormat(this.ctx, this.sheet, this, v);
      return;
    }
    this.write("numberFormat", v, () =>
      v.forEach((row, r) =>
        row.forEach((x, c) => this.sheet.formats.set(`${this.row + r},${this.col + c}`, x))
      )
    );
  }
  private write(kind: "values" | "numberFormat", payload: unknown[][], apply: () => void): void {
    const sync = this.ctx.syncCount + 1;
    this.ctx.queue({ kind, sheet: this.sheet.name }, jsonBytes(payload), () => {
      this.ctx.checkWritable();
      if (kind === "values") checkEdit(this.sheet);
      else checkFormat(this.sheet);
      if (payload.length !== this.rows || payload.some((row) => row.length !== this.cols)) {
        throw officeError("InvalidArgument", `${kind} shape does not match ${this.address0()}`);
      }
      this.ctx.writes.push({
        sync,
        sheet: this.sheet.name,
        address: this.address0(),
        kind,
        payload,
      });
      apply();
      if (kind === "values")
        this.ctx.raise(
          changedEvent(this.sheet, this.address0(), "ThisLocalAddin", this.rows, this.cols)
        );
    });
  }
  /** Clears values, formulas and formats (Range.clear, ExcelApi 1.1). */
  clear(): void {
    this.ctx.queue({ kind: "clear", sheet: this.sheet.name }, 0, () => {
      this.ctx.checkWritable();
      checkEdit(this.sheet);
      const inside = (k: string) => {
        const [r, c] = k.split(",").map(Number);
        return (
          r >= this.row && r < this.row + this.rows && c >= this.col && c < this.col + this.cols
        );
      };
      for (const map of [
        this.sheet.cells,
        this.sheet.formulas,
        this.sheet.formats,
        this.sheet.fills,
      ])
        for (const k of [...map.keys()]) if (inside(k)) map.delete(k);
      for (const k of [...this.sheet.bold]) if (inside(k)) this.sheet.bold.delete(k);
      if (this.sheet.gen && this.row === 0 && this.col === 0 && this.rows >= 1_048_576)
        this.sheet.gen = undefined;
    });
  }
  get dataValidation() {
    return fakeDataValidation(this.ctx, this.sheet, this.row, this.col, this.rows, this.cols);
  }
  calculate(): void {
    this.ctx.queue({ kind: "calculate", sheet: this.sheet.name }, 0, () => {
      this.ctx.state.calculations.push(`range:${this.address0()}`);
    });
  }
  select(): void {
    this.ctx.queue({ kind: "select", sheet: this.sheet.name }, 0, () => {
      this.ctx.state.selected = addressOf(
        this.sheet.name,
        this.row,
        this.col,
        this.rows,
        this.cols
      );
    });
  }
  /**
   * Merged areas whose top-left cell lies in this range (as Excel does, office-js#3611); the
   * query fails at its sync beyond MAX_MERGED_AREAS.
   */
  getMergedAreasOrNullObject(): FakeMergedAreas {
    const areas = new FakeMergedAreas(this.ctx, () =>
      this.sheet.merged
        .filter(
          (m) =>
            m.row >= this.row &&
            m.row < this.row + this.rows &&
            m.col >= this.col &&
            m.col < this.col + this.cols
        )
        .map((m) => addressOf(quoteSheet(this.sheet.name), m.row, m.col, m.rows, m.cols))
    );
    this.ctx.queue({ kind: "mergedAreas", sheet: this.sheet.name }, 0, () => {
      const n = areas.count();
      if (n > MAX_MERGED_AREAS)
        throw officeError(
          "GeneralException",
          `${this.address0()} holds ${n} merged areas (more than ${MAX_MERGED_AREAS})`
        );
    });
    return areas;
  }
  untrack(): this {
    return this;
  }
  override responseBytes(): number {
    let bytes = OPERATION_BYTES;
    for (const p of ["values", "numberFormat", "valueTypes", "formulas"]) {
      try {
        bytes += jsonBytes((this as Record<string, unknown>)[p]);
      } catch {
        /* not loaded */
      }
    }
    for (const p of ["address", "rowCount", "columnCount"]) {
      try {
        bytes += jsonBytes((this as Record<string, unknown>)[p]);
      } catch {
        /* not loaded */
      }
    }
    return bytes;
  }
}

export class FakeNote extends Loadable {
  constructor(
    ctx: FakeContext,
    private sheet: FakeSheetData,
    private key: string
  ) {
    super(ctx);
  }
  get isNullObject(): boolean {
    this.need("isNullObject");
    return !this.sheet.notes.has(this.key);
  }
  get content(): string {
    this.need("content");
    return this.sheet.notes.get(this.key) ?? "";
  }
  delete(): void {
    this.ctx.queue({ kind: "note", sheet: this.sheet.name }, 0, () => {
      this.ctx.checkWritable();
      if (this.sheet.protectedSheet && !this.sheet.protectionOptions.allowEditObjects)
        throw officeError(
          "AccessDenied",
          `sheet ${this.sheet.name} is protected: notes are locked`
        );
      this.sheet.notes.delete(this.key);
    });
  }
}

class FakeMergedAreas extends Loadable {
  private snapshot: string[] | null = null;
  readonly areas: { items: { address: string }[] };
  constructor(
    ctx: FakeContext,
    private find: () => string[]
  ) {
    super(ctx);
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    this.areas = {
      get items() {
        self.need("areas/items/address");
        return self.snapshot!.map((address) => ({ address }));
      },
    };
  }
  count(): number {
    return this.find().length;
  }
  get isNullObject(): boolean {
    this.need("isNullObject");
    return this.snapshot!.length === 0;
  }
  override commit(): () => void {
    const undo = super.commit();
    this.snapshot = this.find();
    return undo;
  }
  override responseBytes(): number {
    return OPERATION_BYTES + jsonBytes(this.snapshot ?? []);
  }
}

class FakeRangeAreas {
  format: { fill: { color: string; clear: () => void } };
  constructor(
    ctx: FakeContext,
    sheet: FakeSheetData,
    public address: string
  ) {
    ctx.getRangesCalls.push({ sheet: sheet.name, count: address.split(",").length });
    ctx.proxy(utf8Bytes(address));
    const ranges = address.split(",").map((a) => {
      const p = parseAddress(a);
      return new FakeRange(ctx, sheet, p.row, p.col, p.rows, p.cols);
    });
    const fill = {
      set color(v: string) {
        ctx.queue({ kind: "fill", sheet: sheet.name }, utf8Bytes(v), () => {
          ctx.checkWritable();
          checkFormat(sheet);
          for (const r of ranges) for (const k of r.keys()) sheet.fills.set(k, v.toUpperCase());
        });
      },
      get color(): string {
        throw officeError("PropertyNotLoaded", "not loaded");
      },
      clear: function () {
        ctx.queue({ kind: "fill", sheet: sheet.name }, 0, () => {
          ctx.checkWritable();
          checkFormat(sheet);
          for (const r of ranges) for (const k of r.keys()) sheet.fills.delete(k);
        });
      },
    };
    this.format = { fill };
  }
}

export class FakeChart {
  title = { text: "" };
  legend = { visible: true };
  axes = { valueAxis: { title: { text: "" }, numberFormat: "General" } };
  series: {
    items: { name: string; values?: string; x?: string }[];
    getItemAt: (i: number) => any;
    add: (name: string) => any;
  };
  position: [string, string] | null = null;
  constructor(
    public type: string,
    source: FakeRange,
    public seriesBy: string | undefined
  ) {
    const items: { name: string; values?: string; x?: string }[] = [
      { name: "", values: source.address0() },
    ];
    const wrap = (s: { name: string; values?: string; x?: string }) => ({
      set name(v: string) {
        s.name = v;
      },
      get name() {
        return s.name;
      },
      setValues: function (r: FakeRange) {
        s.values = r.address0();
      },
      setXAxisValues: function (r: FakeRange) {
        s.x = r.address0();
      },
    });
    this.series = {
      items,
      getItemAt: function (i: number) {
        return wrap(items[i]);
      },
      add: function (name: string) {
        const s = { name };
        items.push(s);
        return wrap(s);
      },
    };
  }
  setPosition(a: string, b: string): void {
    this.position = [a, b];
  }
}

/* ------------------------------------------------------------------ worksheets */

/** A collection whose items are loaded with load("items") and each deleted with delete(). */
function itemCollection<T>(
  ctx: FakeContext,
  list: () => T[],
  remove: (item: T) => void,
  kind: string,
  sheet: () => string
) {
  return new (class extends Loadable {
    private snapshot: T[] = [];
    override commit(): () => void {
      const undo = super.commit();
      this.snapshot = list();
      return undo;
    }
    get items(): (T & { delete: () => void })[] {
      if (![...this.loaded].some((p) => p === "*" || p === "items" || p.startsWith("items/")))
        this.need("items");
      return this.snapshot.map(
        (item) =>
          Object.assign(Object.create(item as object) as object, {
            delete: () =>
              ctx.queue({ kind, sheet: sheet() }, 0, () => {
                ctx.checkWritable();
                remove(item);
              }),
          }) as T & { delete: () => void }
      );
    }
  })(ctx);
}

export class FakeWorksheet extends Loadable {
  isNullObject: boolean;
  protection: Loadable & { protected: boolean; options: ProtectionOptions };
  customProperties: {
    getItemOrNullObject: (k: string) => any;
    add: (k: string, v: string) => void;
  };
  tables: any;
  charts: any;
  comments: any;
  freezePanes: { freezeRows: (n: number) => void };
  pageLayout = fakePageLayout(this.ctx, () => this.data!);
  notes: {
    add: (cell: FakeRange | string, content: string) => void;
    getItemOrNullObject: (address: string) => FakeNote;
  };
  constructor(
    ctx: FakeContext,
    public data: FakeSheetData | null
  ) {
    super(ctx);
    this.isNullObject = data === null;
    const d = () => {
      if (!this.data) throw officeError("ItemNotFound", "null object");
      return this.data;
    };
    const sheetName = () => this.data?.name ?? "";
    const op = (kind: string, bytes: number, apply: () => void) =>
      ctx.queue({ kind, sheet: sheetName() }, bytes, () => {
        ctx.checkWritable();
        apply();
      });
    this.protection = new (class extends Loadable {
      get protected(): boolean {
        this.need("protected");
        return d().protectedSheet;
      }
      get options(): ProtectionOptions {
        this.need("options");
        return {
          allowFormatCells: !!d().protectionOptions.allowFormatCells,
          allowEditObjects: !!d().protectionOptions.allowEditObjects,
        };
      }
    })(ctx) as any;
    this.customProperties = {
      getItemOrNullObject: function (key: string) {
        return new FakeKeyedItem(ctx, d().customProperties, key.toLowerCase());
      },
      add: function (key: string, value: string) {
        op("customProperty", utf8Bytes(key + value), () =>
          d().customProperties.set(key.toLowerCase(), value)
        );
      },
    };
    const tables = itemCollection(
      ctx,
      () => d().tables,
      (t) => (d().tables = d().tables.filter((x) => x !== t)),
      "table",
      sheetName
    );
    this.tables = Object.assign(tables, {
      add: function (address: string, hasHeaders: boolean) {
        const t: { address: string; hasHeaders: boolean; style?: string } = { address, hasHeaders };
        op("table", utf8Bytes(address), () => {
          const p = parseAddress(address);
          const overlaps = d().tables.some((x) => {
            const q = parseAddress(x.address);
            return (
              p.row < q.row + q.rows &&
              q.row < p.row + p.rows &&
              p.col < q.col + q.cols &&
              q.col < p.col + p.cols
            );
          });
          if (overlaps) throw officeError("InvalidOperation", `a table already covers ${address}`);
          d().tables.push(t);
        });
        return t as { style: string };
      },
    });
    const charts = itemCollection(
      ctx,
      () => d().charts,
      (c) => (d().charts = d().charts.filter((x) => x !== c)),
      "chart",
      sheetName
    );
    this.charts = Object.assign(charts, {
      add: function (type: string, range: FakeRange, seriesBy?: string) {
        const c = new FakeChart(type, range, seriesBy);
        op("chart", 0, () => d().charts.push(c));
        return c;
      },
    });
    this.comments = itemCollection(
      ctx,
      () => [...d().comments.entries()].map(([key, content]) => ({ key, content })),
      (c) => d().comments.delete(c.key),
      "comment",
      sheetName
    );
    const comments = this.comments;
    const commentItems = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(comments), "items")!;
    Object.defineProperty(comments, "items", {
      get: () =>
        (commentItems.get!.call(comments) as { key: string; content: string }[]).map((c) => ({
          content: c.content,
          getLocation: () => {
            const [r, cc] = c.key.split(",").map(Number);
            return new FakeRange(ctx, d(), r, cc, 1, 1);
          },
        })),
    });
    this.freezePanes = {
      freezeRows: function (n: number) {
        op("freezePanes", 0, () => (d().frozenRows = n));
      },
    };
    const cellKey = (cell: FakeRange | string) => {
      const p = typeof cell === "string" ? parseAddress(cell) : cell;
      if (p.rows !== 1 || p.cols !== 1) throw officeError("InvalidArgument", "not a single cell");
      return `${p.row},${p.col}`;
    };
    this.notes = {
      add: function (cell: FakeRange | string, content: string) {
        const key = cellKey(cell);
        op("note", utf8Bytes(content), () => {
          const s = d();
          if (s.protectedSheet && !s.protectionOptions.allowEditObjects)
            throw officeError("AccessDenied", `sheet ${s.name} is protected: notes are locked`);
          if (s.comments.has(key))
            throw officeError("InvalidOperation", "the cell has a threaded comment");
          if (s.notes.has(key)) throw officeError("InvalidArgument", "the cell has a note");
          s.notes.set(key, content);
        });
      },
      getItemOrNullObject: function (address: string) {
        return new FakeNote(ctx, d(), cellKey(address));
      },
    };
  }
  /** Paths such as "protection/protected" load the navigation property's own properties. */
  override load(props?: string | string[] | Record<string, unknown>): this {
    const list = typeof props === "string" ? props.split(",") : Array.isArray(props) ? props : [];
    const own = list.map((p) => p.trim()).filter((p) => !p.startsWith("protection/"));
    const protection = list
      .map((p) => p.trim())
      .filter((p) => p.startsWith("protection/"))
      .map((p) => p.slice("protection/".length));
    if (protection.length > 0) this.protection.load(protection);
    return super.load(typeof props === "object" && !Array.isArray(props) ? props : own);
  }
  get id(): string {
    this.need("id");
    return this.data!.id;
  }
  get name(): string {
    this.need("name");
    return this.data!.name;
  }
  set name(v: string) {
    const data = this.data!;
    this.ctx.queue({ kind: "rename", sheet: data.name }, utf8Bytes(v), () => {
      this.ctx.checkStructure();
      const before = data.name;
      this.ctx.state.renameSheet(data, v);
      this.ctx.raise({ kind: "nameChanged", args: nameChangedEvent(data, before) });
    });
  }
  get visibility(): string {
    this.need("visibility");
    return this.data!.visibility;
  }
  /** Without an address: the whole sheet (Worksheet.getRange()). */
  getRange(address?: string): FakeRange {
    this.ctx.proxy(utf8Bytes(address ?? ""));
    if (address === undefined) return new FakeRange(this.ctx, this.data!, 0, 0, 1_048_576, 16_384);
    const p = parseAddress(address);
    return new FakeRange(this.ctx, this.data!, p.row, p.col, p.rows, p.cols);
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    this.ctx.proxy(0);
    return new FakeRange(this.ctx, this.data!, row, col, rows, cols);
  }
  getRanges(address: string): FakeRangeAreas {
    return new FakeRangeAreas(this.ctx, this.data!, address);
  }
  getUsedRangeOrNullObject(_valuesOnly?: boolean): FakeRange {
    this.ctx.proxy(0);
    const u = this.data!.used();
    const r = new FakeRange(
      this.ctx,
      this.data!,
      u?.row ?? 0,
      u?.col ?? 0,
      u?.rows ?? 1,
      u?.cols ?? 1
    );
    r.isNullObject = u === null;
    return r;
  }
  activate(): void {
    const data = this.data!;
    this.ctx.queue({ kind: "activate", sheet: data.name }, 0, () => {
      this.ctx.state.active = data.name;
    });
  }
  delete(): void {
    const data = this.data!;
    this.ctx.queue({ kind: "deleteSheet", sheet: data.name }, 0, () => {
      this.ctx.checkStructure();
      this.ctx.state.removeSheet(data);
      this.ctx.deleted.push(data.name);
      this.ctx.raise({ kind: "deleted", args: deletedEvent(data) });
    });
  }
}

/* ------------------------------------------------------------------ context */

interface Operation {
  info: OperationInfo;
  apply: () => void;
}

export class FakeContext {
  syncCount = 0;
  writes: WriteRecord[] = [];
  /** Per sync of this context: UTF-8 bytes of the request (operations, objects, values written). */
  requestBytes: number[] = [];
  /** Per sync of this context: UTF-8 bytes of the response (everything loaded). */
  responseBytes: number[] = [];
  deleted: string[] = [];
  getRangesCalls: { sheet: string; count: number }[] = [];
  suspendCalls = { screen: 0, calc: 0 };
  failAtSync: number | null = null;
  eventsLog: boolean[] = [];
  /** The run's options: `delayForCellEdit` decides what a batch does during cell edit. */
  delayForCellEdit = false;
  private loads = new Set<Loadable>();
  private ops: Operation[] = [];
  private pendingBytes = 0;
  private raised: { kind: EventKind; args: Record<string, unknown> }[] = [];
  workbook: any;
  application: any;
  runtime: any;

  constructor(
    public state: FakeState,
    options: { delayForCellEdit?: boolean } = {}
  ) {
    this.delayForCellEdit = options.delayForCellEdit === true;
    // The nested fake classes below have their own `this`; they reach the context through `ctx`.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const ctx = this;
    const event = (kind: EventKind) => ({
      add(handler: Handler) {
        let id = 0;
        ctx.queue({ kind: "addHandler" }, 0, () => {
          id = state.addHandler(kind, handler);
        });
        return {
          context: ctx,
          remove() {
            ctx.queue({ kind: "removeHandler" }, 0, () => state.removeHandler(id));
          },
        };
      },
    });
    const sheetsColl = new (class extends Loadable {
      private snapshot: FakeWorksheet[] | null = null;
      props: string[] = [];
      onChanged = event("changed");
      onAdded = event("added");
      onDeleted = event("deleted");
      onNameChanged = event("nameChanged");
      override load(props?: string | string[]): this {
        super.load(props);
        this.props =
          typeof props === "string"
            ? props.split(",").map((p) => p.trim().replace(/^items\//, ""))
            : [];
        return this;
      }
      override commit(): () => void {
        const undo = super.commit();
        this.snapshot = ctx.state.sheets.map((s) => {
          const w = new FakeWorksheet(ctx, s);
          w.load(this.props);
          w.commit();
          return w;
        });
        return undo;
      }
      override responseBytes(): number {
        return (this.snapshot ?? []).reduce((sum, w) => sum + w.responseBytes(), OPERATION_BYTES);
      }
      get items(): FakeWorksheet[] {
        this.need("items/name");
        return this.snapshot!;
      }
      add(name: string): FakeWorksheet {
        const s = new FakeSheetData(name);
        ctx.queue({ kind: "addSheet", sheet: name }, utf8Bytes(name), () => {
          ctx.checkStructure();
          ctx.state.insertSheet(s);
          ctx.raise({ kind: "added", args: addedEvent(s) });
        });
        return new FakeWorksheet(ctx, s);
      }
      getItemOrNullObject(key: string): FakeWorksheet {
        ctx.proxy(utf8Bytes(key));
        return new FakeWorksheet(ctx, ctx.state.sheet(key) ?? null);
      }
      getItem(key: string): FakeWorksheet {
        ctx.proxy(utf8Bytes(key));
        const s = ctx.state.sheet(key);
        if (!s) throw officeError("ItemNotFound", `no sheet ${key}`);
        return new FakeWorksheet(ctx, s);
      }
    })(ctx);
    const settings = {
      getItemOrNullObject: function (key: string) {
        return new FakeKeyedItem(ctx, ctx.state.settings, key);
      },
      getItem: function (key: string) {
        return {
          delete: function () {
            ctx.queue({ kind: "setting" }, utf8Bytes(key), () => ctx.state.settings.delete(key));
          },
        };
      },
      add: function (key: string, value: unknown) {
        ctx.queue({ kind: "setting" }, utf8Bytes(key) + jsonBytes(value), () => {
          ctx.checkWritable();
          ctx.state.settings.set(key, value);
        });
      },
    };
    const names = new (class extends Loadable {
      private snapshot: FakeName[] = [];
      override commit(): () => void {
        const undo = super.commit();
        this.snapshot = [...ctx.state.names.values()].map((n) => ({ ...n }));
        return undo;
      }
      get items(): FakeName[] {
        this.need("items");
        return this.snapshot;
      }
      add(name: string, reference: FakeRange | string, comment?: string) {
        const formula =
          typeof reference === "string"
            ? reference.startsWith("=")
              ? reference
              : `=${reference}`
            : `=${quoteSheet(reference.sheet.name)}!${absolute(reference)}`;
        ctx.queue({ kind: "name" }, utf8Bytes(name + formula + (comment ?? "")), () => {
          ctx.checkWritable();
          if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) || /^[A-Z]{1,3}\d+$/i.test(name))
            throw officeError("InvalidArgument", `${name} is not a valid name`);
          if (ctx.state.names.has(name.toLowerCase()))
            throw officeError("ItemAlreadyExists", `the name ${name} exists`);
          ctx.state.names.set(name.toLowerCase(), { name, formula, comment });
        });
      }
      getItemOrNullObject(name: string) {
        const key = name.toLowerCase();
        return new (class extends Loadable {
          get isNullObject(): boolean {
            this.need("isNullObject");
            return !ctx.state.names.has(key);
          }
          get formula(): string {
            this.need("formula");
            return ctx.state.names.get(key)?.formula ?? "";
          }
          delete(): void {
            ctx.queue({ kind: "name" }, 0, () => {
              ctx.checkWritable();
              if (!ctx.state.names.delete(key))
                throw officeError("ItemNotFound", `no name ${name}`);
            });
          }
        })(ctx);
      }
    })(ctx);
    const protection = new (class extends Loadable {
      get protected(): boolean {
        this.need("protected");
        return ctx.state.workbookProtected;
      }
    })(ctx);
    const functions = {
      // Only what the code under test calls: DATE, in the workbook's date system.
      date: function (y: number, m: number, d: number) {
        const serial =
          Math.round(Date.UTC(y, m - 1, d) / 86_400_000) + 25_569 - (ctx.state.date1904 ? 1462 : 0);
        return new (class extends Loadable {
          get value(): number {
            this.need("value");
            return serial;
          }
        })(ctx);
      },
    };
    this.workbook = new (class extends Loadable {
      functions = functions;
      worksheets = sheetsColl;
      settings = settings;
      names = names;
      protection = protection;
      get application(): unknown {
        return ctx.application;
      }
      get readOnly(): boolean {
        this.need("readOnly");
        return ctx.state.readOnly;
      }
      /** Every threaded comment of the workbook (ExcelApi 1.10); getLocation() gives its cell. */
      comments = Object.defineProperty(
        itemCollection(
          ctx,
          () =>
            ctx.state.sheets.flatMap((sheet) =>
              [...sheet.comments.entries()].map(([key, content]) => ({ sheet, key, content }))
            ),
          (c) => c.sheet.comments.delete(c.key),
          "comment",
          () => ""
        ),
        "items",
        {
          get(this: Loadable) {
            const items = Object.getOwnPropertyDescriptor(
              Object.getPrototypeOf(this),
              "items"
            )!.get!.call(this) as { sheet: FakeSheetData; key: string; content: string }[];
            return items.map((c) => ({
              content: c.content,
              getLocation: () => {
                const [r, cc] = c.key.split(",").map(Number);
                return new FakeRange(ctx, c.sheet, r, cc, 1, 1);
              },
            }));
          },
        }
      );
      /** The selection (state.selected, e.g. "名册!B2"), else A1 of the active or first sheet. */
      getSelectedRange(): FakeRange {
        const selected = ctx.state.selected;
        const name = selected?.includes("!")
          ? selected.slice(0, selected.lastIndexOf("!")).replace(/^'|'$/g, "")
          : (ctx.state.active ?? ctx.state.sheets[0]?.name ?? "");
        const sheet = ctx.state.sheet(name);
        if (!sheet) throw officeError("ItemNotFound", "no selection");
        const p = parseAddress(selected?.includes("!") ? selected : "A1");
        return new FakeRange(ctx, sheet, p.row, p.col, p.rows, p.cols);
      }
    })(ctx);
    this.application = new (class extends Loadable {
      suspendScreenUpdatingUntilNextSync(): void {
        ctx.suspendCalls.screen++;
      }
      suspendApiCalculationUntilNextSync(): void {
        ctx.suspendCalls.calc++;
      }
      calculate(type: string): void {
        ctx.queue({ kind: "calculate" }, 0, () =>
          ctx.state.calculations.push(`application:${type}`)
        );
      }
      get calculationMode(): string {
        this.need("calculationMode");
        return ctx.state.calculationMode;
      }
    })(ctx);
    this.runtime = new (class extends Loadable {
      get enableEvents(): boolean {
        this.need("enableEvents");
        return ctx.state.eventsEnabled;
      }
      set enableEvents(v: boolean) {
        ctx.eventsLog.push(v);
        ctx.queue({ kind: "enableEvents" }, 0, () => {
          ctx.state.eventsEnabled = v;
        });
      }
    })(ctx);
  }

  /** Queues an operation for the next sync; `bytes` is what its arguments add to the request. */
  queue(info: OperationInfo, bytes: number, apply: () => void): void {
    this.pendingBytes += OPERATION_BYTES + bytes;
    this.ops.push({ info, apply });
  }
  /** A proxy object created for the next request (getRange, getItem …). */
  proxy(bytes: number): void {
    this.pendingBytes += OPERATION_BYTES + bytes;
  }
  /** An event this batch causes, delivered after its sync. */
  raise(event: { kind: EventKind; args: Record<string, unknown> }): void {
    if (this.state.eventsEnabled) this.raised.push(event);
  }
  /** A read-only workbook takes no write at all. */
  checkWritable(): void {
    if (this.state.readOnly) throw officeError("AccessDenied", "the workbook is read-only");
  }
  /** Structure protection forbids adding, deleting and renaming sheets (and read-only, everything). */
  checkStructure(): void {
    this.checkWritable();
    if (this.state.workbookProtected)
      throw officeError("AccessDenied", "the workbook structure is protected");
  }
  /** Kept for callers of the older fake: a write check now happens at sync. */
  check(): void {
    this.checkWritable();
  }
  queueLoad(o: Loadable): void {
    this.pendingBytes += OPERATION_BYTES;
    this.loads.add(o);
  }
  async sync(): Promise<void> {
    const ops = this.ops;
    const loads = [...this.loads];
    const requestBytes = this.pendingBytes;
    this.ops = [];
    this.loads = new Set();
    this.pendingBytes = 0;
    this.raised = [];
    const fail = (error: Error, response = 0): never => {
      for (const o of loads) o.dropPending();
      this.responseBytes.push(response);
      this.state.syncLog.push({ request: requestBytes, response });
      throw error;
    };
    this.syncCount++;
    this.requestBytes.push(requestBytes);

    if (this.state.inCellEdit) {
      if (this.delayForCellEdit) await this.state.untilCellEditEnds();
      else fail(officeError("InvalidOperationInCellEditMode", "Excel is in cell-editing mode"));
    }
    if (this.state.platform === "web" && requestBytes > PAYLOAD_LIMIT_BYTES)
      fail(officeError("RequestPayloadSizeLimitExceeded", `request of ${requestBytes} bytes`));
    for (const op of ops) {
      try {
        if (this.state.failWhen?.(op.info))
          throw officeError("GeneralException", `simulated failure of ${op.info.kind}`);
        op.apply();
      } catch (error) {
        this.deliver();
        fail(error as Error);
      }
    }
    const undos = loads.map((o) => o.commit());
    let response = 0;
    for (const o of loads) response += o.responseBytes();
    if (this.state.platform === "web" && response > PAYLOAD_LIMIT_BYTES) {
      for (const undo of undos) undo();
      this.deliver();
      fail(
        officeError("ResponsePayloadSizeLimitExceeded", `response of ${response} bytes`),
        response
      );
    }
    this.responseBytes.push(response);
    this.state.syncLog.push({ request: requestBytes, response });
    this.deliver();
    if (this.failAtSync === this.syncCount) {
      throw officeError("GeneralException", "simulated failure");
    }
  }
  private deliver(): void {
    const events = this.raised;
    this.raised = [];
    if (events.length > 0) void this.state.dispatch(events);
  }
  /** As an Excel.RequestContext, for the code under test. */
  get asExcel(): Excel.RequestContext {
    return this as unknown as Excel.RequestContext;
  }
}

function absolute(r: FakeRange): string {
  const a = `$${colLetters(r.col)}$${r.row + 1}`;
  return r.rows === 1 && r.cols === 1
    ? a
    : `${a}:$${colLetters(r.col + r.cols - 1)}$${r.row + r.rows}`;
}

/* ------------------------------------------------------------------ the Excel global */

export interface FakeExcel {
  /** The options of every Excel.run, in order. */
  runs: { delayForCellEdit?: boolean; mergeUndoGroup?: boolean }[];
  /** The context of every Excel.run, in order. */
  contexts: FakeContext[];
  uninstall(): void;
}

/**
 * Installs `Excel` (run, the enums the code uses) over `state`: each Excel.run gets its own
 * context with the run's options; `Excel.run(context, batch)` reuses that context (how an event
 * handler is removed with the context that added it).
 */
export function installExcel(state: FakeState): FakeExcel {
  const fake: FakeExcel = {
    runs: [],
    contexts: [],
    uninstall() {
      delete (globalThis as { Excel?: unknown }).Excel;
    },
  };
  const run = async (...args: unknown[]) => {
    const batch = args[args.length - 1] as (c: Excel.RequestContext) => Promise<unknown>;
    const first = args.length > 1 ? args[0] : undefined;
    let ctx: FakeContext;
    if (first instanceof FakeContext) ctx = first;
    else if (first && (first as { context?: unknown }).context instanceof FakeContext)
      ctx = (first as { context: FakeContext }).context;
    else {
      const options = (first ?? {}) as { delayForCellEdit?: boolean };
      fake.runs.push(options);
      ctx = new FakeContext(state, options);
      fake.contexts.push(ctx);
    }
    return batch(ctx.asExcel);
  };
  (globalThis as { Excel?: unknown }).Excel = {
    run,
    CalculationType: { recalculate: "Recalculate", full: "Full", fullRebuild: "FullRebuild" },
    EventTriggerSource: { thisLocalAddin: "ThisLocalAddin", unknown: "Unknown" },
    ErrorCodes: {
      invalidOperationInCellEditMode: "InvalidOperationInCellEditMode",
      requestPayloadSizeLimitExceeded: "RequestPayloadSizeLimitExceeded",
      responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
    },
  };
  return fake;
}

/** Office.context.requirements for the code under test. */
export function installOffice(supported: (version: string) => boolean = () => true): void {
  (globalThis as any).Office = {
    context: {
      requirements: { isSetSupported: (_set: string, v: string) => supported(v) },
      displayLanguage: "zh-CN",
    },
  };
}
