/**
 * A hand-rolled fake of the slice of the Excel object model that src/excel uses. office-addin-mock
 * needs every object and address spelled out in advance, which does not fit sheets that are added,
 * renamed and deleted, or ranges addressed by computed A1 strings; this fake is small and honest
 * about what matters here:
 *  - `context.sync()` is counted; loads become readable only after the next sync (reading a
 *    property that was not loaded and synced throws, like PropertyNotLoaded);
 *  - every values / numberFormat payload written is recorded with the sync it belongs to, and the
 *    JSON size of every values/numberFormat response is measured per sync;
 *  - writes are applied when queued (a batch that fails part-way leaves its earlier writes, as
 *    Excel does), and `failAtSync` makes a chosen sync throw.
 */

type Cell = unknown;

export interface WriteRecord {
  sync: number;
  sheet: string;
  address: string;
  kind: "values" | "numberFormat";
  payload: unknown[][];
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
function parseAddress(address: string): { row: number; col: number; rows: number; cols: number } {
  const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const [a, b] = local.replace(/\$/g, "").split(":");
  const p = (s: string) => {
    const m = /^([A-Z]+)(\d+)$/i.exec(s.trim());
    if (!m) throw Object.assign(new Error(`bad address ${address}`), { code: "InvalidArgument" });
    return { row: Number(m[2]) - 1, col: colIndex(m[1]) };
  };
  const s = p(a);
  const e = b ? p(b) : s;
  return { row: s.row, col: s.col, rows: e.row - s.row + 1, cols: e.col - s.col + 1 };
}
function addressOf(sheet: string, row: number, col: number, rows: number, cols: number): string {
  const start = `${colLetters(col)}${row + 1}`;
  const end = `${colLetters(col + cols - 1)}${row + rows}`;
  return `${sheet}!${rows === 1 && cols === 1 ? start : `${start}:${end}`}`;
}

class Loadable {
  private pending = new Set<string>();
  private loaded = new Set<string>();
  constructor(protected ctx: FakeContext) {}
  load(props?: string | string[] | Record<string, unknown>): this {
    const list =
      typeof props === "string" ? props.split(",") : Array.isArray(props) ? props : ["*"];
    for (const p of list) this.pending.add(p.trim());
    this.ctx.queueLoad(this);
    return this;
  }
  commit(): void {
    for (const p of this.pending) this.loaded.add(p);
    this.loaded.add("isNullObject");
    this.pending.clear();
  }
  protected need(prop: string): void {
    if (!this.loaded.has(prop) && !this.loaded.has("*")) {
      throw Object.assign(new Error(`PropertyNotLoaded: ${prop}`), { code: "PropertyNotLoaded" });
    }
  }
}

/** A setting or custom property as getItemOrNullObject returns it: a null object when absent. */
class FakeKeyedItem extends Loadable {
  private readonly has: boolean;
  private readonly stored: unknown;
  constructor(ctx: FakeContext, items: ReadonlyMap<string, unknown>, key: string) {
    super(ctx);
    this.has = items.has(key);
    this.stored = items.get(key);
  }
  get isNullObject(): boolean {
    this.need("isNullObject");
    return !this.has;
  }
  get value(): unknown {
    this.need("value");
    return this.stored;
  }
}

export class FakeSheetData {
  cells = new Map<string, Cell>();
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
  /** Error cells by "row,col": their value is the error's text, their value type "Error". */
  errors = new Set<string>();
  /** Merged areas, 0-based; only the top-left cell holds the value, as in Excel. */
  merged: { row: number; col: number; rows: number; cols: number }[] = [];
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
  get(r: number, c: number): Cell {
    const k = `${r},${c}`;
    if (this.cells.has(k)) return this.cells.get(k);
    const g = this.gen;
    if (g && r >= g.row && r < g.row + g.rows && c >= g.col && c < g.col + g.cols)
      return g.value(r - g.row, c - g.col);
    return "";
  }
  used(): { row: number; col: number; rows: number; cols: number } | null {
    let r0 = Infinity,
      c0 = Infinity,
      r1 = -1,
      c1 = -1;
    const g = this.gen;
    if (g) [r0, c0, r1, c1] = [g.row, g.col, g.row + g.rows - 1, g.col + g.cols - 1];
    for (const [k, v] of this.cells) {
      if (v === "" || v === null || v === undefined) continue;
      const [r, c] = k.split(",").map(Number);
      r0 = Math.min(r0, r);
      c0 = Math.min(c0, c);
      r1 = Math.max(r1, r);
      c1 = Math.max(c1, c);
    }
    return r1 < 0 ? null : { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }
}

export class FakeState {
  sheets: FakeSheetData[] = [];
  settings = new Map<string, unknown>();
  workbookProtected = false;
  readOnly = false;
  /** The workbook uses the 1904 date system. */
  date1904 = false;
  active: string | null = null;
  selected: string | null = null;
  sheet(name: string): FakeSheetData | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
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
    this.ctx.check();
    for (const k of this.cellsOf()) this.sheet.fills.set(k, v.toUpperCase());
  }
  get pattern(): string {
    this.need("pattern");
    return this.sheet.fills.has(this.cellsOf()[0]) ? "Solid" : "None";
  }
  clear(): void {
    for (const k of this.cellsOf()) this.sheet.fills.delete(k);
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
    Object.defineProperty(font, "bold", {
      set: (v: boolean) => {
        for (const k of this.keys()) {
          if (v) sheet.bold.add(k);
          else sheet.bold.delete(k);
        }
      },
    });
    this.format = {
      fill: new FakeFill(ctx, sheet, () => this.keys()),
      font,
      autofitColumns: () => {
        sheet.autofit.push(this.address0());
      },
    };
  }
  keys(): string[] {
    const out: string[] = [];
    for (let r = 0; r < this.rows; r++)
      for (let c = 0; c < this.cols; c++) out.push(`${this.row + r},${this.col + c}`);
    return out;
  }
  address0(): string {
    return addressOf(this.sheet.name, this.row, this.col, this.rows, this.cols);
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
    this.write("values", v);
    v.forEach((row, r) =>
      row.forEach((x, c) => this.sheet.cells.set(`${this.row + r},${this.col + c}`, x))
    );
  }
  get valueTypes(): string[][] {
    this.need("valueTypes");
    return this.grid((r, c) => {
      const v = this.sheet.get(r, c);
      if (this.sheet.errors.has(`${r},${c}`)) return "Error";
      if (v === "" || v === null || v === undefined) return "Empty";
      return typeof v === "number" ? "Double" : typeof v === "boolean" ? "Boolean" : "String";
    });
  }
  get numberFormat(): string[][] {
    this.need("numberFormat");
    return this.grid((r, c) => this.sheet.formats.get(`${r},${c}`) ?? "General");
  }
  set numberFormat(v: string[][]) {
    this.write("numberFormat", v);
    v.forEach((row, r) =>
      row.forEach((x, c) => this.sheet.formats.set(`${this.row + r},${this.col + c}`, x))
    );
  }
  private write(kind: "values" | "numberFormat", payload: unknown[][]): void {
    this.ctx.check();
    if (payload.length !== this.rows || payload.some((row) => row.length !== this.cols)) {
      throw Object.assign(new Error(`${kind} shape does not match ${this.address0()}`), {
        code: "InvalidArgument",
      });
    }
    this.ctx.writes.push({
      sync: this.ctx.syncCount + 1,
      sheet: this.sheet.name,
      address: this.address0(),
      kind,
      payload,
    });
  }
  select(): void {
    this.ctx.state.selected = this.address0();
  }
  /** Merged areas whose top-left cell lies in this range (as Excel does, office-js#3611). */
  getMergedAreasOrNullObject(): FakeMergedAreas {
    const inside = this.sheet.merged.filter(
      (m) =>
        m.row >= this.row &&
        m.row < this.row + this.rows &&
        m.col >= this.col &&
        m.col < this.col + this.cols
    );
    return new FakeMergedAreas(
      this.ctx,
      inside.map((m) => addressOf(this.sheet.name, m.row, m.col, m.rows, m.cols))
    );
  }
  untrack(): this {
    return this;
  }
  override commit(): void {
    super.commit();
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
    this.ctx.check();
    this.sheet.notes.delete(this.key);
  }
}

class FakeMergedAreas extends Loadable {
  readonly isNullObject: boolean;
  readonly areas: { items: { address: string }[] };
  constructor(ctx: FakeContext, addresses: string[]) {
    super(ctx);
    this.isNullObject = addresses.length === 0;
    const need = () => this.need("areas/items/address");
    this.areas = {
      get items() {
        need();
        return addresses.map((address) => ({ address }));
      },
    };
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
    const ranges = address.split(",").map((a) => {
      const p = parseAddress(a);
      return new FakeRange(ctx, sheet, p.row, p.col, p.rows, p.cols);
    });
    this.format = {
      fill: {
        set color(v: string) {
          for (const r of ranges) r.format.fill.color = v;
        },
        get color(): string {
          throw new Error("not loaded");
        },
        clear: function () {
          for (const r of ranges) r.format.fill.clear();
        },
      },
    };
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

export class FakeWorksheet extends Loadable {
  isNullObject: boolean;
  protection: Loadable & { protected: boolean };
  customProperties: {
    getItemOrNullObject: (k: string) => any;
    add: (k: string, v: string) => void;
  };
  tables: { add: (address: string, hasHeaders: boolean) => { style: string } };
  charts: { add: (type: string, range: FakeRange, seriesBy?: string) => FakeChart };
  freezePanes: { freezeRows: (n: number) => void };
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
      if (!this.data) throw Object.assign(new Error("null object"), { code: "ItemNotFound" });
      return this.data;
    };
    const prot = new (class extends Loadable {
      get protected(): boolean {
        this.need("protected");
        return d().protectedSheet;
      }
    })(ctx);
    this.protection = prot as any;
    this.customProperties = {
      getItemOrNullObject: function (key: string) {
        return new FakeKeyedItem(ctx, d().customProperties, key.toLowerCase());
      },
      add: function (key: string, value: string) {
        d().customProperties.set(key.toLowerCase(), value);
      },
    };
    this.tables = {
      add: function (address: string, hasHeaders: boolean) {
        const t: { address: string; hasHeaders: boolean; style?: string } = { address, hasHeaders };
        d().tables.push(t);
        return t as { style: string };
      },
    };
    this.charts = {
      add: function (type: string, range: FakeRange, seriesBy?: string) {
        const c = new FakeChart(type, range, seriesBy);
        d().charts.push(c);
        return c;
      },
    };
    this.freezePanes = {
      freezeRows: function (n: number) {
        d().frozenRows = n;
      },
    };
    const cellKey = (cell: FakeRange | string) => {
      const p = typeof cell === "string" ? parseAddress(cell) : cell;
      if (p.rows !== 1 || p.cols !== 1)
        throw Object.assign(new Error("not a single cell"), { code: "InvalidArgument" });
      return `${p.row},${p.col}`;
    };
    this.notes = {
      add: function (cell: FakeRange | string, content: string) {
        ctx.check();
        const key = cellKey(cell);
        if (d().notes.has(key))
          throw Object.assign(new Error("the cell has a note"), { code: "InvalidArgument" });
        d().notes.set(key, content);
      },
      getItemOrNullObject: function (address: string) {
        return new FakeNote(ctx, d(), cellKey(address));
      },
    };
  }
  get name(): string {
    this.need("name");
    return this.data!.name;
  }
  set name(v: string) {
    this.ctx.check();
    if (
      this.ctx.state.sheets.some((s) => s !== this.data && s.name.toLowerCase() === v.toLowerCase())
    ) {
      throw Object.assign(new Error(`sheet ${v} exists`), { code: "ItemAlreadyExists" });
    }
    this.data!.name = v;
  }
  get visibility(): string {
    this.need("visibility");
    return this.data!.visibility;
  }
  getRange(address: string): FakeRange {
    const p = parseAddress(address);
    return new FakeRange(this.ctx, this.data!, p.row, p.col, p.rows, p.cols);
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    return new FakeRange(this.ctx, this.data!, row, col, rows, cols);
  }
  getRanges(address: string): FakeRangeAreas {
    return new FakeRangeAreas(this.ctx, this.data!, address);
  }
  getUsedRangeOrNullObject(_valuesOnly?: boolean): FakeRange {
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
    this.ctx.state.active = this.data!.name;
  }
  delete(): void {
    this.ctx.check();
    this.ctx.state.sheets = this.ctx.state.sheets.filter((s) => s !== this.data);
    this.ctx.deleted.push(this.data!.name);
  }
}

export class FakeContext {
  syncCount = 0;
  writes: WriteRecord[] = [];
  /** Per sync: bytes of values/numberFormat returned (JSON length). */
  responseBytes: number[] = [];
  deleted: string[] = [];
  getRangesCalls: { sheet: string; count: number }[] = [];
  suspendCalls = { screen: 0, calc: 0 };
  failAtSync: number | null = null;
  private loads = new Set<Loadable>();
  workbook: any;
  application: any;
  runtime: any;

  constructor(public state: FakeState) {
    // The nested fake classes below have their own `this`; they reach the context through `ctx`.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const ctx = this;
    const sheetsColl = new (class extends Loadable {
      private snapshot: FakeWorksheet[] | null = null;
      override load(props?: string | string[]): this {
        super.load(props);
        this.props =
          typeof props === "string"
            ? props.split(",").map((p) => p.trim().replace(/^items\//, ""))
            : [];
        return this;
      }
      props: string[] = [];
      override commit(): void {
        super.commit();
        this.snapshot = ctx.state.sheets.map((s) => {
          const w = new FakeWorksheet(ctx, s);
          w.load(this.props);
          w.commit();
          return w;
        });
      }
      get items(): FakeWorksheet[] {
        this.need("items/name");
        return this.snapshot!;
      }
      add(name: string): FakeWorksheet {
        ctx.check();
        if (ctx.state.sheet(name))
          throw Object.assign(new Error(`sheet ${name} exists`), { code: "ItemAlreadyExists" });
        const s = new FakeSheetData(name);
        ctx.state.sheets.push(s);
        return new FakeWorksheet(ctx, s);
      }
      getItemOrNullObject(name: string): FakeWorksheet {
        return new FakeWorksheet(ctx, ctx.state.sheet(name) ?? null);
      }
      getItem(name: string): FakeWorksheet {
        const s = ctx.state.sheet(name);
        if (!s) throw Object.assign(new Error(`no sheet ${name}`), { code: "ItemNotFound" });
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
            ctx.state.settings.delete(key);
          },
        };
      },
      add: function (key: string, value: unknown) {
        ctx.check();
        ctx.state.settings.set(key, value);
      },
    };
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
    const wb = new (class extends Loadable {
      functions = functions;
      worksheets = sheetsColl;
      settings = settings;
      protection = protection;
      get readOnly(): boolean {
        this.need("readOnly");
        return ctx.state.readOnly;
      }
    })(ctx);
    this.workbook = wb;
    this.application = {
      suspendScreenUpdatingUntilNextSync: function () {
        ctx.suspendCalls.screen++;
      },
      suspendApiCalculationUntilNextSync: function () {
        ctx.suspendCalls.calc++;
      },
    };
    let events = true;
    this.runtime = new (class extends Loadable {
      get enableEvents(): boolean {
        this.need("enableEvents");
        return events;
      }
      set enableEvents(v: boolean) {
        events = v;
        ctx.eventsLog.push(v);
      }
    })(ctx);
  }
  eventsLog: boolean[] = [];

  /** Writes are refused on a read-only or structure-protected workbook (as Excel would at sync). */
  check(): void {
    if (this.state.readOnly || this.state.workbookProtected) {
      throw Object.assign(new Error("workbook is protected"), { code: "AccessDenied" });
    }
  }
  queueLoad(o: Loadable): void {
    this.loads.add(o);
  }
  async sync(): Promise<void> {
    this.syncCount++;
    let bytes = 0;
    for (const o of this.loads) {
      o.commit();
      if (o instanceof FakeRange) {
        try {
          bytes += JSON.stringify(o.values).length;
        } catch {
          /* values not loaded */
        }
        try {
          bytes += JSON.stringify(o.numberFormat).length;
        } catch {
          /* numberFormat not loaded */
        }
        try {
          bytes += JSON.stringify(o.valueTypes).length;
        } catch {
          /* valueTypes not loaded */
        }
      }
    }
    this.loads.clear();
    this.responseBytes.push(bytes);
    if (this.failAtSync === this.syncCount) {
      throw Object.assign(new Error("simulated failure"), { code: "GeneralException" });
    }
  }
  /** As an Excel.RequestContext, for the code under test. */
  get asExcel(): Excel.RequestContext {
    return this as unknown as Excel.RequestContext;
  }
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
