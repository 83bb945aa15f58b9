import * as React from "react";
import {
  Badge,
  Button,
  Caption1,
  Card,
  Field,
  makeStyles,
  Select,
  Subtitle2,
  Text,
  tokens,
} from "@fluentui/react-components";
import { ArrowSyncRegular, EditRegular } from "@fluentui/react-icons";
import { fieldLabel, format, KINDS, t, type Analysis } from "../core";
import { columnLetter } from "../core";
import type {
  AnyField,
  Issue,
  Lang,
  Overrides,
  SheetDetection,
  SheetKind,
  SheetOverride,
  WorkbookInput,
} from "../core";
import { SHEET_KINDS } from "../core";
import { ui } from "./strings";

const useStyles = makeStyles({
  list: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
  },
  card: { padding: tokens.spacingHorizontalM, minWidth: 0 },
  head: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  name: { overflowWrap: "anywhere", minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  columns: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalXS,
    margin: 0,
    padding: 0,
    listStyle: "none",
  },
  explanation: { overflowWrap: "anywhere" },
  editor: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  expected: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  bar: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

export interface SheetsPanelProps {
  lang: Lang;
  analysis: Analysis | null;
  workbook: WorkbookInput | null;
  overrides: Overrides;
  busy: boolean;
  /** Absent outside Excel before a file is opened (the file zone reads instead). */
  onRead?: () => void;
  onOverride: (sheet: string, override: SheetOverride | undefined) => void;
}

const KIND_AUTO = "auto";
const KIND_IGNORE = "ignore";

function kindLabel(kind: SheetKind | null, lang: Lang): string {
  return t(kind ? `kind.${kind}` : "kind.none", lang);
}

/** The header texts of a sheet's header row, by 0-based sheet column. */
function headerCells(workbook: WorkbookInput | null, sheet: SheetDetection): string[] {
  const input = workbook?.sheets.find((s) => s.name === sheet.name);
  if (!input || sheet.headerRow < 1) return [];
  const origin = input.origin ?? { row: 0, col: 0 };
  const row = input.values[sheet.headerRow - 1 - origin.row] ?? [];
  const out: string[] = [];
  const width = Math.max(
    row.length + origin.col,
    ...Object.values(sheet.columns).map((c) => (c ?? 0) + 1)
  );
  for (let c = 0; c < width; c++) {
    const v = row[c - origin.col];
    out.push(v === null || v === undefined ? "" : String(v).slice(0, 24));
  }
  return out;
}

export function ExpectedHeaders({ lang }: { lang: Lang }): React.JSX.Element {
  const styles = useStyles();
  return (
    <div data-testid="expected-headers">
      <Text as="p" block>
        {ui("sheets.emptyHint", lang)}
      </Text>
      <ul className={styles.expected}>
        {SHEET_KINDS.map((kind) => (
          <li key={kind}>
            <Text weight="semibold">{kindLabel(kind, lang)}</Text>
            <Text>
              {lang === "zh-CN" ? "：" : ": "}
              {KINDS[kind].fields
                .filter((f) => f.required)
                .map((f) => fieldLabel(kind, f.field, lang))
                .join(lang === "zh-CN" ? "、" : ", ")}
            </Text>
          </li>
        ))}
      </ul>
    </div>
  );
}

function SheetCard(props: {
  lang: Lang;
  sheet: SheetDetection;
  workbook: WorkbookInput | null;
  override: SheetOverride | undefined;
  onOverride: SheetsPanelProps["onOverride"];
  /** The engine's note that this hidden sheet repeats a visible one. */
  hiddenCopy?: Issue;
}): React.JSX.Element {
  const { lang, sheet, workbook, override, onOverride, hiddenCopy } = props;
  const styles = useStyles();
  const [editing, setEditing] = React.useState(false);
  const id = React.useId();
  const kindValue =
    override && "kind" in override
      ? override.kind === null
        ? KIND_IGNORE
        : (override.kind ?? KIND_AUTO)
      : KIND_AUTO;
  const mapped = Object.entries(sheet.columns) as Array<[AnyField, number]>;
  const headers = editing ? headerCells(workbook, sheet) : [];

  const setKind = (value: string) => {
    const next: SheetOverride = { ...(override ?? {}) };
    if (value === KIND_AUTO) delete next.kind;
    else next.kind = value === KIND_IGNORE ? null : (value as SheetKind);
    if (next.kind !== undefined && next.kind !== sheet.kind) delete next.columns;
    onOverride(sheet.name, Object.keys(next).length > 0 ? next : undefined);
  };
  const setColumn = (field: AnyField, value: string) => {
    const columns = { ...(override?.columns ?? {}) };
    if (value === KIND_AUTO) delete columns[field];
    else columns[field] = Number(value);
    const next: SheetOverride = { ...(override ?? {}), columns };
    if (Object.keys(columns).length === 0) delete next.columns;
    onOverride(sheet.name, Object.keys(next).length > 0 ? next : undefined);
  };

  return (
    <li style={{ listStyle: "none" }}>
      <Card
        className={styles.card}
        data-testid={`sheet-${sheet.name}`}
        aria-labelledby={`${id}-name`}
      >
        <div className={styles.head}>
          <Subtitle2 id={`${id}-name`} className={styles.name}>
            {sheet.name}
          </Subtitle2>
          <Badge
            appearance={sheet.kind ? "filled" : "outline"}
            color={sheet.kind ? "brand" : "informative"}
            data-testid="sheet-kind"
          >
            {kindLabel(sheet.kind, lang)}
          </Badge>
          {sheet.overridden && (
            <Badge appearance="tint" color="warning">
              {ui("sheets.overridden", lang)}
            </Badge>
          )}
          {sheet.hidden && <Badge appearance="outline">{ui("sheets.hidden", lang)}</Badge>}
        </div>
        <Caption1 className={styles.muted}>
          {ui("sheets.headerRow", lang)}:{" "}
          {sheet.headerRow > 0
            ? ui("sheets.headerRowValue", lang, { row: sheet.headerRow })
            : ui("sheets.noHeader", lang)}
          {sheet.kind ? ` · ${ui("sheets.rows", lang, { rows: sheet.dataRows })}` : ""}
        </Caption1>
        <Text className={styles.explanation} data-testid="sheet-explanation">
          {format(sheet.explanation, lang)}
        </Text>
        {hiddenCopy && kindValue !== KIND_IGNORE && (
          <div className={styles.bar} data-testid="hidden-copy">
            <Text className={styles.explanation}>{format(hiddenCopy.message, lang)}</Text>
            <Button size="small" onClick={() => setKind(KIND_IGNORE)}>
              {ui("sheets.ignore", lang)}
            </Button>
          </div>
        )}
        {mapped.length > 0 ? (
          <ul className={styles.columns} aria-label={ui("sheets.columns", lang)}>
            {mapped.map(([field, col]) => (
              <li key={field}>
                <Badge appearance="outline" shape="rounded">
                  {`${sheet.kind ? fieldLabel(sheet.kind, field, lang) : field} → ${columnLetter(col)}`}
                </Badge>
              </li>
            ))}
          </ul>
        ) : (
          <Caption1 className={styles.muted}>{ui("sheets.noColumns", lang)}</Caption1>
        )}
        <div className={styles.editor}>
          <Field label={ui("sheets.correctKind", lang, { sheet: sheet.name })} size="small">
            <Select size="small" value={kindValue} onChange={(_e, data) => setKind(data.value)}>
              <option value={KIND_AUTO}>{ui("sheets.auto", lang)}</option>
              {SHEET_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {kindLabel(kind, lang)}
                </option>
              ))}
              <option value={KIND_IGNORE}>{ui("sheets.ignore", lang)}</option>
            </Select>
          </Field>
          {sheet.kind && (
            <div>
              <Button
                size="small"
                appearance="subtle"
                icon={<EditRegular />}
                aria-expanded={editing}
                onClick={() => setEditing(!editing)}
              >
                {ui("sheets.edit", lang)}
              </Button>
            </div>
          )}
          {editing &&
            sheet.kind &&
            KINDS[sheet.kind].fields.map((spec) => {
              const field = spec.field as AnyField;
              const label = fieldLabel(sheet.kind as SheetKind, field, lang);
              const chosen = override?.columns?.[field];
              return (
                <Field
                  key={field}
                  label={ui("sheets.correctColumn", lang, { field: label })}
                  size="small"
                  required={spec.required}
                >
                  <Select
                    size="small"
                    value={chosen === undefined ? KIND_AUTO : String(chosen)}
                    onChange={(_e, data) => setColumn(field, data.value)}
                  >
                    <option value={KIND_AUTO}>
                      {ui("sheets.auto", lang)}
                      {sheet.columns[field] !== undefined
                        ? ` (${columnLetter(sheet.columns[field] as number)})`
                        : ""}
                    </option>
                    <option value="-1">{ui("sheets.unmapped", lang)}</option>
                    {headers.map((h, c) => (
                      <option key={c} value={String(c)}>
                        {h ? `${columnLetter(c)} · ${h}` : columnLetter(c)}
                      </option>
                    ))}
                  </Select>
                </Field>
              );
            })}
        </div>
      </Card>
    </li>
  );
}

export function SheetsPanel(props: SheetsPanelProps): React.JSX.Element {
  const { lang, analysis, workbook, overrides, busy, onRead, onOverride } = props;
  const styles = useStyles();
  const recognised = analysis?.sheets.some((s) => s.kind !== null) ?? false;
  const copies = new Map(
    (analysis?.issues ?? []).filter((i) => i.code === "hidden-copy").map((i) => [i.sheet, i])
  );
  return (
    <div className={styles.editor}>
      {onRead && (
        <div className={styles.bar}>
          <Button appearance="primary" icon={<ArrowSyncRegular />} onClick={onRead} disabled={busy}>
            {analysis ? ui("sheets.refresh", lang) : ui("sheets.read", lang)}
          </Button>
        </div>
      )}
      {!analysis && <Text>{ui("sheets.notRead", lang)}</Text>}
      {analysis && !recognised && (
        <Text weight="semibold" as="p" block>
          {ui("sheets.empty", lang)}
        </Text>
      )}
      {(!analysis || !recognised) && <ExpectedHeaders lang={lang} />}
      {analysis && (
        <ul className={styles.list}>
          {analysis.sheets.map((sheet) => (
            <SheetCard
              key={sheet.name}
              lang={lang}
              sheet={sheet}
              workbook={workbook}
              override={overrides[sheet.name]}
              onOverride={onOverride}
              hiddenCopy={copies.get(sheet.name)}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
