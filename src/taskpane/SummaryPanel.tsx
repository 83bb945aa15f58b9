import * as React from "react";
import {
  Badge,
  Button,
  Caption1,
  Card,
  CardHeader,
  Checkbox,
  Field,
  Input,
  makeStyles,
  ProgressBar,
  Radio,
  RadioGroup,
  Select,
  Subtitle2,
  Text,
  Title3,
  tokens,
} from "@fluentui/react-components";
import { ArrowDownloadRegular, ChartMultipleRegular, OpenRegular } from "@fluentui/react-icons";
import { periodISO, rateValue, t, yearPeriod, type Analysis } from "../core";
import type { Lang, Metrics, Period, Rate, SectionKey } from "../core";
import { BarChart } from "./BarChart";
import { DraftCard } from "./DraftCard";
import type { HostKind } from "./host";
import { formatCount, formatRate, type PeriodChoice } from "./display";
import { ui, type StringKey } from "./strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM, minWidth: 0 },
  row: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    alignItems: "flex-end",
  },
  grow: { flexGrow: 1, minWidth: "120px" },
  sections: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    border: "none",
    margin: 0,
    padding: 0,
  },
  cards: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(240px, 1fr))",
    gap: tokens.spacingVerticalS,
  },
  card: { minWidth: 0 },
  big: { fontVariantNumeric: "tabular-nums", margin: 0, display: "block" },
  pair: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXXL },
  muted: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  legend: {
    padding: 0,
    marginBottom: tokens.spacingVerticalXS,
    fontWeight: tokens.fontWeightSemibold,
  },
});

export type Stage = "reading" | "checking" | "computing" | "writing";
export const STAGES: readonly Stage[] = ["reading", "checking", "computing", "writing"];

export interface Generated {
  sheetName: string;
  metrics: Metrics;
  /** The workbook the figures come from, for the work-summary draft's comparison with last year. */
  analysis: Analysis;
}

export interface SummaryPanelProps {
  lang: Lang;
  hostKind: HostKind;
  choice: PeriodChoice;
  onChoice: (choice: PeriodChoice) => void;
  years: number[];
  /** The resolved period; null when the custom range is invalid; undefined before a workbook is read. */
  period: Period | null | undefined;
  available: readonly SectionKey[];
  sections: ReadonlySet<SectionKey>;
  onSections: (sections: Set<SectionKey>) => void;
  canGenerate: boolean;
  busy: boolean;
  stage: Stage | null;
  generated: Generated | null;
  onGenerate: () => void;
  onReveal: () => void;
}

function PeriodPicker(
  props: Pick<SummaryPanelProps, "lang" | "choice" | "onChoice" | "years" | "period">
): React.JSX.Element {
  const { lang, choice, onChoice, years, period } = props;
  const styles = useStyles();
  const year = choice.mode === "custom" ? years[1] : choice.year;
  const setMode = (mode: string) => {
    if (mode === "year") onChoice({ mode: "year", year });
    else if (mode === "half") onChoice({ mode: "half", year, half: 1 });
    else {
      const whole = yearPeriod(year);
      onChoice({ mode: "custom", ...(whole ? periodISO(whole) : { from: "", to: "" }) });
    }
  };
  return (
    <div>
      <Field label={ui("period.label", lang)}>
        <RadioGroup
          layout="horizontal"
          value={choice.mode}
          onChange={(_e, d) => setMode(d.value)}
          aria-label={ui("period.label", lang)}
        >
          <Radio value="year" label={ui("period.year", lang)} />
          <Radio value="half" label={ui("period.half", lang)} />
          <Radio value="custom" label={ui("period.custom", lang)} />
        </RadioGroup>
      </Field>
      <div className={styles.row}>
        {choice.mode !== "custom" && (
          <Field label={ui("period.whichYear", lang)} className={styles.grow}>
            <Select
              value={String(choice.year)}
              onChange={(_e, d) => onChoice({ ...choice, year: Number(d.value) })}
            >
              {years.map((y) => (
                <option key={y} value={String(y)}>
                  {y}
                </option>
              ))}
            </Select>
          </Field>
        )}
        {choice.mode === "half" && (
          <Field label={ui("period.whichHalf", lang)} className={styles.grow}>
            <Select
              value={String(choice.half)}
              onChange={(_e, d) => onChoice({ ...choice, half: d.value === "2" ? 2 : 1 })}
            >
              <option value="1">{ui("period.h1", lang)}</option>
              <option value="2">{ui("period.h2", lang)}</option>
            </Select>
          </Field>
        )}
        {choice.mode === "custom" && (
          <>
            <Field label={ui("period.from", lang)} className={styles.grow}>
              <Input
                type="date"
                value={choice.from}
                onChange={(_e, d) => onChoice({ ...choice, from: d.value })}
              />
            </Field>
            <Field label={ui("period.to", lang)} className={styles.grow}>
              <Input
                type="date"
                value={choice.to}
                onChange={(_e, d) => onChoice({ ...choice, to: d.value })}
              />
            </Field>
          </>
        )}
      </div>
      {period && (
        <Caption1 className={styles.muted} data-testid="period-shown">
          {ui("period.shown", lang, periodISO(period))}
        </Caption1>
      )}
      {period === null && <Caption1 role="alert">{ui("period.invalid", lang)}</Caption1>}
    </div>
  );
}

/** One figure: its value as text, with the raw number in data-value for tests. */
function Figure({ id, rate }: { id: string; rate: Rate }): React.JSX.Element {
  const styles = useStyles();
  const v = rateValue(rate);
  return (
    <Title3
      as="p"
      className={styles.big}
      data-testid={`fig-${id}`}
      data-value={v === null ? "" : String(v)}
    >
      {formatRate(rate)}
    </Title3>
  );
}

function KeyFigures({ lang, metrics }: { lang: Lang; metrics: Metrics }): React.JSX.Element {
  const styles = useStyles();
  const o = metrics.overall;
  const targetState: StringKey =
    o.targetMet === null ? "fig.targetUnknown" : o.targetMet ? "fig.targetMet" : "fig.targetMissed";
  const communities = metrics.byCommunity.filter((c) => c.inPopulation).slice(0, 12);
  const schools = metrics.schools;
  return (
    <section aria-label={ui("summary.figures", lang)} data-testid="key-figures">
      <Subtitle2 as="h3">{ui("summary.figures", lang)}</Subtitle2>
      <div className={styles.cards}>
        <Card className={styles.card}>
          <CardHeader header={<Text weight="semibold">{ui("fig.participation", lang)}</Text>} />
          <Figure id="participation" rate={o.participationRate} />
          <Caption1 className={styles.muted}>
            {ui("fig.participants", lang, {
              count: formatCount(o.participantsKnown, lang),
              residents: formatCount(o.residents, lang),
            })}
          </Caption1>
          <div>
            <Badge
              appearance="tint"
              color={o.targetMet ? "success" : o.targetMet === false ? "danger" : "informative"}
            >
              {`${ui("fig.target", lang, { target: formatRate(o.target) })} · ${ui(targetState, lang)}`}
            </Badge>
          </div>
          <BarChart
            title={ui("fig.chart", lang, { title: ui("fig.participation", lang) })}
            max={1}
            reference={o.target}
            bars={[
              {
                label: ui("fig.all", lang),
                value: rateValue(o.participationRate),
                text: formatRate(o.participationRate),
              },
            ]}
          />
          {communities.length > 0 && (
            <>
              <Caption1>{ui("fig.byCommunity", lang)}</Caption1>
              <BarChart
                title={ui("fig.chart", lang, { title: ui("fig.byCommunity", lang) })}
                max={1}
                reference={o.target}
                bars={communities.map((c) => ({
                  label: c.community,
                  value: rateValue(c.participationRate),
                  text: formatRate(c.participationRate),
                }))}
              />
            </>
          )}
        </Card>
        <Card className={styles.card}>
          <CardHeader header={<Text weight="semibold">{ui("fig.completion", lang)}</Text>} />
          <Figure id="completion" rate={o.completionRate} />
          <Caption1 className={styles.muted}>
            {ui("fig.completionDetail", lang, { done: o.completed, of: o.withStatus })}
          </Caption1>
        </Card>
        <Card className={styles.card}>
          <CardHeader header={<Text weight="semibold">{ui("fig.excellence", lang)}</Text>} />
          <Figure id="excellence" rate={o.excellenceRate} />
          <Caption1 className={styles.muted}>
            {ui("fig.excellenceDetail", lang, { done: o.excellent, of: o.withResult })}
          </Caption1>
          <BarChart
            title={ui("fig.chart", lang, { title: ui("fig.excellence", lang) })}
            max={1}
            bars={[
              {
                label: t("col.excellenceRate", lang),
                value: rateValue(o.excellenceRate),
                text: formatRate(o.excellenceRate),
              },
              {
                label: t("col.qualifiedRate", lang),
                value: rateValue(o.qualifiedRate),
                text: formatRate(o.qualifiedRate),
              },
              {
                label: t("col.completionRate", lang),
                value: rateValue(o.completionRate),
                text: formatRate(o.completionRate),
              },
            ]}
          />
        </Card>
        <Card className={styles.card}>
          <CardHeader header={<Text weight="semibold">{ui("fig.schools", lang)}</Text>} />
          {schools ? (
            <>
              <Caption1 className={styles.muted}>
                {ui("fig.schoolsDetail", lang, { count: schools.count, rated: schools.rated })}
              </Caption1>
              <div className={styles.pair}>
                <div>
                  <Caption1>{ui("fig.schoolExcellence", lang)}</Caption1>
                  <Figure id="school-excellence" rate={schools.excellenceRate} />
                </div>
                <div>
                  <Caption1>{ui("fig.schoolQualified", lang)}</Caption1>
                  <Figure id="school-qualified" rate={schools.qualifiedRate} />
                </div>
              </div>
              {schools.byType.length > 0 && (
                <BarChart
                  title={ui("fig.chart", lang, { title: ui("fig.schools", lang) })}
                  max={1}
                  bars={schools.byType.map((g) => ({
                    label: g.type || t("report.notStated", lang),
                    value: rateValue(g.excellenceRate),
                    text: formatRate(g.excellenceRate),
                  }))}
                />
              )}
            </>
          ) : (
            <Caption1 className={styles.muted}>{ui("fig.noSchools", lang)}</Caption1>
          )}
        </Card>
      </div>
    </section>
  );
}

export function SummaryPanel(props: SummaryPanelProps): React.JSX.Element {
  const {
    lang,
    hostKind,
    available,
    sections,
    onSections,
    canGenerate,
    busy,
    stage,
    generated,
    onGenerate,
    onReveal,
  } = props;
  const styles = useStyles();
  const legendId = React.useId();
  const toggle = (key: SectionKey, on: boolean) => {
    const next = new Set(sections);
    if (on) next.add(key);
    else next.delete(key);
    onSections(next);
  };
  return (
    <div className={styles.root}>
      <PeriodPicker {...props} />
      {available.length > 0 && (
        <fieldset className={styles.sections} aria-labelledby={legendId}>
          <legend id={legendId} className={styles.legend}>
            {ui("summary.sections", lang)}
          </legend>
          {available.map((key) => (
            <Checkbox
              key={key}
              label={t(`section.${key}`, lang)}
              checked={sections.has(key)}
              onChange={(_e, d) => toggle(key, d.checked === true)}
            />
          ))}
        </fieldset>
      )}
      <div className={styles.row}>
        <Button
          appearance="primary"
          icon={<ChartMultipleRegular />}
          onClick={onGenerate}
          disabled={
            busy ||
            !canGenerate ||
            props.period === null ||
            (available.length > 0 && sections.size === 0)
          }
        >
          {ui("summary.generate", lang)}
        </Button>
        {generated && (
          <Button
            icon={hostKind === "excel" ? <OpenRegular /> : <ArrowDownloadRegular />}
            onClick={onReveal}
            disabled={busy}
          >
            {hostKind === "excel" ? ui("summary.goTo", lang) : ui("summary.download", lang)}
          </Button>
        )}
      </div>
      {stage && (
        <Field label={ui(`stage.${stage}`, lang)} validationState="none">
          <ProgressBar
            value={(STAGES.indexOf(stage) + 1) / (STAGES.length + 1)}
            aria-label={ui("stage.progress", lang)}
            thickness="large"
          />
        </Field>
      )}
      {generated && !stage && (
        <Text role="status" data-testid="generated">
          {ui("summary.done", lang, { sheet: generated.sheetName })}
        </Text>
      )}
      {generated ? (
        <>
          <KeyFigures lang={lang} metrics={generated.metrics} />
          <DraftCard lang={lang} analysis={generated.analysis} metrics={generated.metrics} />
        </>
      ) : (
        <Caption1 className={styles.muted}>{ui("summary.notYet", lang)}</Caption1>
      )}
    </div>
  );
}
