import * as React from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import {
  Badge,
  Button,
  Caption1,
  makeStyles,
  Subtitle2,
  Text,
  tokens,
} from "@fluentui/react-components";
import {
  CheckmarkCircleRegular,
  DismissCircleRegular,
  EraserRegular,
  HighlightRegular,
  InfoRegular,
  PlayRegular,
  TableArrowUpRegular,
  WarningRegular,
} from "@fluentui/react-icons";
import { format, issueCodeLabel } from "../core";
import type { Issue, Lang, Severity } from "../core";
import type { HostKind } from "./host";
import { countByCode, countBySeverity, severityLabel } from "./display";
import { ui } from "./strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, minWidth: 0 },
  bar: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  counts: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    margin: 0,
    padding: 0,
    listStyle: "none",
  },
  codes: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  viewport: {
    height: "360px",
    overflowY: "auto",
    overflowX: "hidden",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    contain: "strict",
  },
  row: {
    position: "absolute",
    top: 0,
    left: 0,
    width: "100%",
    boxSizing: "border-box",
    display: "block",
    textAlign: "left",
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: "none",
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    background: "transparent",
    cursor: "pointer",
    font: "inherit",
    color: "inherit",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
  },
  rowHead: { display: "flex", gap: tokens.spacingHorizontalXS, alignItems: "center", minWidth: 0 },
  cell: { fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  value: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  message: { display: "block", overflowWrap: "anywhere" },
});

const SEVERITY_ICON: Record<Severity, React.JSX.Element> = {
  error: <DismissCircleRegular color={tokens.colorPaletteRedForeground1} aria-hidden />,
  warning: <WarningRegular color={tokens.colorPaletteDarkOrangeForeground1} aria-hidden />,
  info: <InfoRegular color={tokens.colorBrandForeground1} aria-hidden />,
};
const SEVERITY_COLOR = { error: "danger", warning: "warning", info: "informative" } as const;

export interface IssueListProps {
  lang: Lang;
  issues: readonly Issue[];
  onSelect: (issue: Issue) => void;
}

/** Issues in a virtualized list: only the rows in view (plus a few) are in the DOM. */
export function IssueList({ lang, issues, onSelect }: IssueListProps): React.JSX.Element {
  const styles = useStyles();
  const parentRef = React.useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: issues.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => 64,
    overscan: 6,
    initialRect: { width: 300, height: 360 },
  });
  const items = virtualizer.getVirtualItems();
  const onKeyDown = (event: React.KeyboardEvent<HTMLButtonElement>, index: number) => {
    const next = event.key === "ArrowDown" ? index + 1 : event.key === "ArrowUp" ? index - 1 : -1;
    if (next < 0 || next >= issues.length) return;
    event.preventDefault();
    virtualizer.scrollToIndex(next);
    requestAnimationFrame(() =>
      parentRef.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus()
    );
  };
  return (
    <div
      ref={parentRef}
      className={styles.viewport}
      role="list"
      aria-label={ui("check.list", lang)}
      data-testid="issue-list"
      tabIndex={-1}
    >
      <div
        style={{ height: `${virtualizer.getTotalSize()}px`, width: "100%", position: "relative" }}
      >
        {items.map((item) => {
          const issue = issues[item.index];
          return (
            <div
              role="listitem"
              key={item.key}
              aria-setsize={issues.length}
              aria-posinset={item.index + 1}
            >
              <button
                type="button"
                data-index={item.index}
                ref={virtualizer.measureElement}
                className={styles.row}
                style={{ transform: `translateY(${item.start}px)` }}
                title={ui("check.goTo", lang, { cell: issue.cell })}
                onClick={() => onSelect(issue)}
                onKeyDown={(e) => onKeyDown(e, item.index)}
                data-testid="issue-row"
              >
                <span className={styles.rowHead}>
                  {SEVERITY_ICON[issue.severity]}
                  <span className={styles.cell}>{issue.cell}</span>
                  {issue.value !== "" && <span className={styles.value}>{`“${issue.value}”`}</span>}
                </span>
                <span className={styles.message}>{format(issue.message, lang)}</span>
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
}

export interface CheckPanelProps {
  lang: Lang;
  hostKind: HostKind;
  /** null: the check has not run yet. */
  issues: readonly Issue[] | null;
  busy: boolean;
  canRun: boolean;
  onRun: () => void;
  onSelect: (issue: Issue) => void;
  onMark: () => void;
  onClear: () => void;
  onExport: () => void;
}

export function CheckPanel(props: CheckPanelProps): React.JSX.Element {
  const { lang, hostKind, issues, busy, canRun, onRun, onSelect, onMark, onClear, onExport } =
    props;
  const styles = useStyles();
  const counts = React.useMemo(() => (issues ? countBySeverity(issues) : null), [issues]);
  const byCode = React.useMemo(() => (issues ? countByCode(issues) : []), [issues]);
  const inExcel = hostKind === "excel";
  return (
    <div className={styles.root}>
      <div className={styles.bar}>
        <Button
          appearance="primary"
          icon={<PlayRegular />}
          onClick={onRun}
          disabled={busy || !canRun}
        >
          {ui("check.run", lang)}
        </Button>
      </div>
      {issues === null && <Text>{ui("check.notRun", lang)}</Text>}
      {issues !== null && counts && (
        <>
          <ul
            className={styles.counts}
            aria-label={ui("check.total", lang, { count: issues.length })}
            data-testid="severity-counts"
          >
            {(["error", "warning", "info"] as const).map((s) => (
              <li key={s}>
                <Badge
                  appearance="tint"
                  color={SEVERITY_COLOR[s]}
                  size="large"
                  data-testid={`count-${s}`}
                  data-count={counts[s]}
                >
                  {`${severityLabel(s, lang)} ${counts[s]}`}
                </Badge>
              </li>
            ))}
          </ul>
          {issues.length === 0 ? (
            <Text>
              <CheckmarkCircleRegular aria-hidden /> {ui("check.none", lang)}
            </Text>
          ) : (
            <>
              <Subtitle2 as="h3">{ui("check.byCode", lang)}</Subtitle2>
              <ul className={styles.codes} data-testid="code-counts">
                {byCode.map(([code, n]) => (
                  <li key={code}>
                    <Caption1>{`${issueCodeLabel(code, lang)}: ${n}`}</Caption1>
                  </li>
                ))}
              </ul>
              <div className={styles.bar}>
                {inExcel && (
                  <>
                    <Button icon={<HighlightRegular />} onClick={onMark} disabled={busy}>
                      {ui("check.mark", lang)}
                    </Button>
                    <Button icon={<EraserRegular />} onClick={onClear} disabled={busy}>
                      {ui("check.clear", lang)}
                    </Button>
                  </>
                )}
                <Button icon={<TableArrowUpRegular />} onClick={onExport} disabled={busy}>
                  {inExcel ? ui("check.toSheet", lang) : ui("check.download", lang)}
                </Button>
              </div>
              <Subtitle2 as="h3">{`${ui("check.list", lang)} · ${ui("check.total", lang, { count: issues.length })}`}</Subtitle2>
              <IssueList lang={lang} issues={issues} onSelect={onSelect} />
            </>
          )}
        </>
      )}
    </div>
  );
}
