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
import { TableAddRegular, TableSimpleCheckmarkRegular } from "@fluentui/react-icons";
import type { HostKind } from "./host";
import type { Lang } from "../core";
import { ui } from "./strings";

const useStyles = makeStyles({
  card: {
    padding: tokens.spacingHorizontalM,
    marginTop: tokens.spacingVerticalM,
    minWidth: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  action: { display: "flex", flexDirection: "column", alignItems: "flex-start", gap: "2px" },
  muted: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
});

/**
 * The standard workbook in the Sheets tab: insert the template, or tidy the recognised sheets
 * into it. In Excel both write into the open workbook; outside Excel both download a file.
 */
export function StandardCard(props: {
  lang: Lang;
  hostKind: HostKind;
  busy: boolean;
  /** Tidying needs a workbook: outside Excel, an opened file. */
  canTidy: boolean;
  onInsert: () => void;
  onTidy: () => void;
}): React.JSX.Element {
  const { lang, hostKind, busy, canTidy, onInsert, onTidy } = props;
  const styles = useStyles();
  const excel = hostKind === "excel";
  return (
    <Card className={styles.card} data-testid="standard-card">
      <Subtitle2 as="h2">{ui("standard.title", lang)}</Subtitle2>
      <Text className={styles.muted}>{ui("standard.intro", lang)}</Text>
      <div className={styles.action}>
        <Button icon={<TableAddRegular />} onClick={onInsert} disabled={busy}>
          {ui(excel ? "standard.insert" : "standard.insertFile", lang)}
        </Button>
        <Caption1 className={styles.muted}>
          {ui(excel ? "standard.insertHint" : "standard.insertFileHint", lang)}
        </Caption1>
      </div>
      <div className={styles.action}>
        <Button icon={<TableSimpleCheckmarkRegular />} onClick={onTidy} disabled={busy || !canTidy}>
          {ui(excel ? "standard.tidy" : "standard.tidyFile", lang)}
        </Button>
        <Caption1 className={styles.muted}>
          {ui(excel ? "standard.tidyHint" : "standard.tidyFileHint", lang)}
        </Caption1>
      </div>
    </Card>
  );
}
