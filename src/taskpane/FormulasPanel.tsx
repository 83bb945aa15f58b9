import * as React from "react";
import { Button, Caption1, Card, makeStyles, Text, tokens } from "@fluentui/react-components";
import { CopyRegular, TextboxRegular } from "@fluentui/react-icons";
import type { Lang } from "../core";
import type { HostKind } from "./host";
import { LiveStatus } from "./LiveStatus";
import { ui, type StringKey } from "./strings";

export interface FormulaItem {
  formula: string;
  description: StringKey;
}

export const FORMULAS: readonly FormulaItem[] = [
  { formula: "=CEDU.PARTICIPATION()", description: "formula.participation" },
  { formula: '=CEDU.PARTICIPATION("六角社区")', description: "formula.participationCommunity" },
  { formula: "=CEDU.EXCELLENCE()", description: "formula.excellence" },
  { formula: "=CEDU.COMPLETION()", description: "formula.completion" },
  { formula: "=CEDU.SUMMARY()", description: "formula.summary" },
  { formula: "=CEDU.RATIO(B2,C2)", description: "formula.rate" },
];

const useStyles = makeStyles({
  list: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyle: "none",
  },
  card: {
    display: "flex",
    flexDirection: "row",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    minWidth: 0,
  },
  text: { display: "flex", flexDirection: "column", flexGrow: 1, minWidth: 0 },
  code: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: "anywhere" },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface FormulasPanelProps {
  lang: Lang;
  hostKind: HostKind;
  onInsert: (formula: string) => void;
  busy: boolean;
}

export function FormulasPanel({
  lang,
  hostKind,
  onInsert,
  busy,
}: FormulasPanelProps): React.JSX.Element {
  const styles = useStyles();
  const inExcel = hostKind === "excel";
  return (
    <div>
      {inExcel ? <LiveStatus lang={lang} /> : null}
      <Text as="p" block>
        {ui("formulas.intro", lang)}
      </Text>
      <ul className={styles.list}>
        {FORMULAS.map((item) => (
          <li key={item.formula}>
            <Card className={styles.card} size="small">
              <div className={styles.text}>
                <code className={styles.code}>{item.formula}</code>
                <Caption1 className={styles.muted}>{ui(item.description, lang)}</Caption1>
              </div>
              <Button
                size="small"
                icon={inExcel ? <TextboxRegular /> : <CopyRegular />}
                aria-label={ui(inExcel ? "formulas.insertLabel" : "formulas.copyLabel", lang, {
                  formula: item.formula,
                })}
                onClick={() => onInsert(item.formula)}
                disabled={busy}
              >
                {inExcel ? ui("formulas.insert", lang) : ui("formulas.copy", lang)}
              </Button>
            </Card>
          </li>
        ))}
      </ul>
    </div>
  );
}
