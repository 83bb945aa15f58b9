import * as React from "react";
import {
  Button,
  Caption1,
  Card,
  makeStyles,
  Subtitle2,
  Text,
  tokens,
} from "@fluentui/react-components";
import { AddRegular, DismissRegular } from "@fluentui/react-icons";
import type { Lang } from "../core";
import type { HostKind } from "./host";
import { ui } from "./strings";

const useStyles = makeStyles({
  card: {
    padding: tokens.spacingHorizontalM,
    minWidth: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  list: { margin: 0, padding: 0, listStyle: "none" },
  item: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS, minWidth: 0 },
  name: { overflowWrap: "anywhere", minWidth: 0, flexGrow: 1 },
  muted: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  hiddenInput: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
  bar: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

/**
 * The workbooks counted together: outside Excel the files opened, in Excel the open workbook and
 * the files picked beside it. Several files make one district (core/district): a person counts
 * once, and the Summary tab shows what each file reported and which schools have not.
 */
export function SourcesCard(props: {
  lang: Lang;
  hostKind: HostKind;
  /** The open workbook (Excel) or the first file opened; null when none. */
  primary: string | null;
  /** The files added to it. */
  extras: readonly string[];
  busy: boolean;
  onAdd: (files: File[]) => void;
  onRemove: (label: string) => void;
  onClear: () => void;
}): React.JSX.Element {
  const { lang, hostKind, primary, extras, busy, onAdd, onRemove, onClear } = props;
  const styles = useStyles();
  const inputRef = React.useRef<HTMLInputElement>(null);
  const inputId = React.useId();
  const excel = hostKind === "excel";
  const count = (primary ? 1 : 0) + extras.length;
  return (
    <Card className={styles.card} data-testid="sources-card">
      <Subtitle2 as="h2">
        {count > 1
          ? ui("district.files", lang, { count })
          : ui(excel ? "district.addExcel" : "district.add", lang)}
      </Subtitle2>
      {count > 1 && (
        <ul className={styles.list} data-testid="sources">
          {primary && (
            <li className={styles.item}>
              <Text className={styles.name}>{primary}</Text>
            </li>
          )}
          {extras.map((label) => (
            <li key={label} className={styles.item} data-testid="source">
              <Text className={styles.name}>{label}</Text>
              <Button
                size="small"
                appearance="subtle"
                icon={<DismissRegular />}
                aria-label={ui("district.remove", lang, { name: label })}
                onClick={() => onRemove(label)}
                disabled={busy}
              />
            </li>
          ))}
        </ul>
      )}
      <Caption1 className={styles.muted}>
        {ui(excel ? "district.addExcelHint" : "district.addHint", lang)}
      </Caption1>
      <input
        ref={inputRef}
        id={inputId}
        className={styles.hiddenInput}
        type="file"
        multiple
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-label={ui(excel ? "district.addExcel" : "district.add", lang)}
        data-testid="sources-input"
        tabIndex={-1}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          if (files.length > 0) onAdd(files);
          e.target.value = "";
        }}
      />
      <div className={styles.bar}>
        <Button icon={<AddRegular />} onClick={() => inputRef.current?.click()} disabled={busy}>
          {ui(excel ? "district.addExcel" : "district.add", lang)}
        </Button>
        {extras.length > 0 && (
          <Button appearance="subtle" onClick={onClear} disabled={busy}>
            {ui("district.clear", lang)}
          </Button>
        )}
      </div>
    </Card>
  );
}
