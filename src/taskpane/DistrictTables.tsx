import * as React from "react";
import {
  Caption1,
  Card,
  makeStyles,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import { bySource, type District } from "../core";
import type { Lang, Period } from "../core";
import { formatCount } from "./display";
import { ui, type StringKey } from "./strings";

const useStyles = makeStyles({
  card: {
    padding: tokens.spacingHorizontalM,
    minWidth: 0,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  scroll: { overflowX: "auto", maxWidth: "100%" },
  num: { textAlign: "end", fontVariantNumeric: "tabular-nums" },
  muted: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

const COLUMNS: { key: StringKey; numeric: boolean }[] = [
  { key: "district.file", numeric: false },
  { key: "district.school", numeric: false },
  { key: "district.participants", numeric: true },
  { key: "district.shared", numeric: true },
  { key: "district.enrolments", numeric: true },
  { key: "district.activities", numeric: true },
  { key: "district.issues", numeric: false },
];

/** What each file reported over the period, and the schools of the school list with no file. */
export function DistrictTables(props: {
  lang: Lang;
  district: District;
  period: Period;
}): React.JSX.Element {
  const { lang, district, period } = props;
  const styles = useStyles();
  const rows = React.useMemo(() => bySource(district, period), [district, period]);
  const hasSchools = (district.analysis.data.schools ?? []).length > 0;
  return (
    <Card className={styles.card} data-testid="district">
      <Subtitle2 as="h2">{ui("district.title", lang)}</Subtitle2>
      <div className={styles.scroll}>
        <Table size="small" aria-label={ui("district.title", lang)} data-testid="by-source">
          <TableHeader>
            <TableRow>
              {COLUMNS.map((c) => (
                <TableHeaderCell key={c.key} className={c.numeric ? styles.num : undefined}>
                  {ui(c.key, lang)}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.label} data-testid="source-row" data-label={r.label}>
                <TableCell>{r.label}</TableCell>
                <TableCell>{r.school ?? "—"}</TableCell>
                <TableCell className={styles.num} data-value={r.participants}>
                  {formatCount(r.participants, lang)}
                </TableCell>
                <TableCell className={styles.num} data-value={r.sharedParticipants}>
                  {formatCount(r.sharedParticipants, lang)}
                </TableCell>
                <TableCell className={styles.num} data-value={r.enrolments}>
                  {formatCount(r.enrolments, lang)}
                </TableCell>
                <TableCell className={styles.num} data-value={r.activities}>
                  {formatCount(r.activities, lang)}
                </TableCell>
                <TableCell>{`${formatCount(r.errors, lang)} / ${formatCount(r.warnings, lang)}`}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <Caption1 className={styles.muted}>{ui("district.note", lang)}</Caption1>
      <Subtitle2 as="h3">{ui("district.notReported", lang)}</Subtitle2>
      {!hasSchools ? (
        <Text className={styles.muted}>{ui("district.noSchoolList", lang)}</Text>
      ) : district.notReported.length === 0 ? (
        <Text data-testid="all-reported">{ui("district.allReported", lang)}</Text>
      ) : (
        <ul className={styles.list} data-testid="not-reported">
          {district.notReported.map((s) => (
            <li key={s.school} data-testid="not-reported-school">
              {[s.school, s.community, s.type].filter((x) => x).join(" · ")}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
