import * as React from "react";
import {
  Button,
  Caption1,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Tab,
  TabList,
  Text,
  Title2,
  tokens,
} from "@fluentui/react-components";
import { FolderOpenRegular } from "@fluentui/react-icons";
import {
  allIssues,
  analyze,
  availableSections,
  figures,
  periodISO,
  SECTION_KEYS,
  summarize,
  type Analysis,
} from "../core";
import type {
  Issue,
  Lang,
  Overrides,
  ReportSpec,
  SectionKey,
  SheetOverride,
  WorkbookInput,
} from "../core";
import { CheckPanel } from "./CheckPanel";
import type { District } from "../core";
import { DismissAction } from "./DismissAction";
import {
  analyzeSources,
  mergedInput,
  overridesOf,
  ownIssues,
  uniqueLabel,
  type SourceFile,
} from "./district";
import { RibbonStatus } from "./RibbonStatus";
import { readWorkbookFile, type FileHost } from "./fileHost";
import { FormulasPanel } from "./FormulasPanel";
import { PaneError, type Host, type PaneSettings, type StandardOutcome } from "./host";
import {
  defaultChoice,
  describeError,
  issuesSpec,
  resolvePeriod,
  yearOptions,
  type PeriodChoice,
} from "./display";
import { SheetsPanel } from "./SheetsPanel";
import { SourcesCard } from "./SourcesCard";
import { StandardCard } from "./StandardCard";
import { ui, type StringKey } from "./strings";
import { SummaryPanel, type Generated, type Stage } from "./SummaryPanel";

export type TabKey = "sheets" | "check" | "summary" | "formulas";
const TABS: readonly TabKey[] = ["sheets", "check", "summary", "formulas"];

export interface AppProps {
  host: Host;
  initialLang: Lang;
  initialTab?: TabKey;
  /** The logo's URL: a file beside taskpane.html, a data: URL in the offline page. */
  logo?: string;
}

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalS}`,
    boxSizing: "border-box",
    maxWidth: "100%",
    minWidth: 0,
    overflowX: "hidden",
  },
  header: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
  },
  brand: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    flexGrow: 1,
    minWidth: 0,
  },
  title: { display: "block", margin: 0 },
  logo: { width: "32px", height: "32px", flexShrink: 0 },
  lang: { width: "112px" },
  muted: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  tabs: { flexWrap: "wrap", marginLeft: `calc(-1 * ${tokens.spacingHorizontalXS})` },
  tab: {
    paddingLeft: tokens.spacingHorizontalXS,
    paddingRight: tokens.spacingHorizontalXS,
    minWidth: 0,
    columnGap: 0,
    "& .fui-Tab__content": { paddingLeft: 0, paddingRight: 0 },
  },
  drop: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  dropActive: {
    border: `2px dashed ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
  },
  hiddenInput: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
  panel: { minWidth: 0 },
});

interface Notice {
  key: StringKey;
  params?: Record<string, string | number>;
}

interface ShownFailure {
  error: unknown;
  where?: string;
}

const yieldToPaint = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Only for districts: a chunk of its own (Fluent's table comes with it). */
const DistrictTables = React.lazy(async () => ({
  default: (await import(/* webpackChunkName: "district" */ "./DistrictTables")).DistrictTables,
}));

function isFileHost(host: Host): host is FileHost {
  return host.kind === "browser" && typeof (host as FileHost).open === "function";
}

function FileZone(props: {
  lang: Lang;
  fileName: string | null;
  busy: boolean;
  /** One file or several (a district); the first is the one the pane calls open. */
  onFiles: (files: File[]) => void;
}): React.JSX.Element {
  const { lang, fileName, busy, onFiles } = props;
  const styles = useStyles();
  const inputRef = React.useRef<HTMLInputElement>(null);
  const inputId = React.useId();
  const [over, setOver] = React.useState(false);
  return (
    <div
      className={over ? `${styles.drop} ${styles.dropActive}` : styles.drop}
      role="region"
      aria-label={ui("file.dropZone", lang)}
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const files = Array.from(e.dataTransfer.files ?? []);
        if (files.length > 0) onFiles(files);
      }}
    >
      <input
        ref={inputRef}
        id={inputId}
        className={styles.hiddenInput}
        type="file"
        multiple
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-label={ui("file.open", lang)}
        data-testid="file-input"
        tabIndex={-1}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          if (files.length > 0) onFiles(files);
          e.target.value = "";
        }}
      />
      <Button
        appearance="primary"
        icon={<FolderOpenRegular />}
        onClick={() => inputRef.current?.click()}
        disabled={busy}
      >
        {ui("file.open", lang)}
      </Button>
      <Caption1 className={styles.muted}>{ui("file.drop", lang)}</Caption1>
      <Text className={styles.muted} data-testid="file-name">
        {fileName ? ui("file.loaded", lang, { name: fileName }) : ui("file.none", lang)}
      </Text>
    </div>
  );
}

export function App({
  host,
  initialLang,
  initialTab = "sheets",
  logo = "assets/icon-64.png",
}: AppProps): React.JSX.Element {
  const styles = useStyles();
  const [lang, setLang] = React.useState<Lang>(initialLang);
  const [tab, setTab] = React.useState<TabKey>(initialTab);
  const [workbook, setWorkbook] = React.useState<WorkbookInput | null>(null);
  const [fileName, setFileName] = React.useState<string | null>(null);
  const [settings, setSettings] = React.useState<PaneSettings>({ overrides: {} });
  const [analysis, setAnalysis] = React.useState<Analysis | null>(null);
  const [checked, setChecked] = React.useState(false);
  const [choice, setChoice] = React.useState<PeriodChoice>(() => defaultChoice(null));
  const choiceTouched = React.useRef(false);
  const [sections, setSections] = React.useState<Set<SectionKey> | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [stage, setStage] = React.useState<Stage | null>(null);
  const [generated, setGenerated] = React.useState<Generated | null>(null);
  const [failure, setFailure] = React.useState<ShownFailure | null>(null);
  const [notice, setNotice] = React.useState<Notice | null>(null);
  const settingsRef = React.useRef<PaneSettings | null>(null);
  /** Files counted with the open workbook (a district); empty for one workbook. */
  const [extras, setExtras] = React.useState<SourceFile[]>([]);
  const extrasRef = React.useRef<SourceFile[]>([]);
  const [district, setDistrict] = React.useState<District | null>(null);
  const districtRef = React.useRef<District | null>(null);
  /** What the open workbook is called among several files (Excel does not tell its file name). */
  const excelLabel = React.useRef(ui("district.current", initialLang)).current;
  /** The last summary written in Excel: rendering replaces every sheet CEDU generated, so the issue sheet goes with it. */
  const lastSummary = React.useRef<ReportSpec | null>(null);

  const period = React.useMemo(
    () => (analysis ? resolvePeriod(analysis, choice) : null),
    [analysis, choice]
  );
  const metrics = React.useMemo(
    () => (analysis ? figures(analysis, { period: period ?? analysis.defaultPeriod }) : null),
    [analysis, period]
  );
  const issues = React.useMemo<Issue[] | null>(
    () => (checked && analysis && metrics ? allIssues(analysis, metrics) : null),
    [checked, analysis, metrics]
  );
  const available = React.useMemo(
    () => (metrics ? availableSections(metrics, { district }) : []),
    [metrics, district]
  );
  const chosenSections = React.useMemo(
    () => new Set(available.filter((k) => sections === null || sections.has(k))),
    [available, sections]
  );

  React.useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const fail = (error: unknown, where?: string) => {
    setNotice(null);
    setFailure({ error, where });
  };

  const currentSettings = async (): Promise<PaneSettings> => {
    if (settingsRef.current === null) {
      settingsRef.current = await host.loadSettings();
      setSettings(settingsRef.current);
      // The sections last chosen for this workbook (the ribbon's button uses them too).
      const saved = settingsRef.current.sections;
      if (saved) setSections(new Set(saved));
    }
    return settingsRef.current;
  };

  const primaryLabel = (name: string | null = fileName) =>
    host.kind === "excel" ? excelLabel : (name ?? "CEDU.xlsx");

  const adopt = (
    wb: WorkbookInput,
    overrides: Overrides,
    files: readonly SourceFile[] = extrasRef.current,
    name: string | null = fileName
  ): Analysis => {
    const { analysis: a, district: d } = analyzeSources(
      { label: primaryLabel(name), input: wb },
      files,
      overrides
    );
    setWorkbook(wb);
    setAnalysis(a);
    setDistrict(d);
    districtRef.current = d;
    if (!choiceTouched.current) setChoice(defaultChoice(a));
    return a;
  };

  const setFiles = (files: SourceFile[]) => {
    extrasRef.current = files;
    setExtras(files);
  };

  /** Runs one user action: busy while it runs, its error shown in a MessageBar. */
  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    setNotice(null);
    try {
      await action();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
      setStage(null);
    }
  };

  const readAndAnalyze = async (): Promise<Analysis> => {
    const s = await currentSettings();
    const wb = await host.read();
    return adopt(wb, s.overrides);
  };

  const onRead = () => act(async () => void (await readAndAnalyze()));
  const onRunCheck = () =>
    act(async () => {
      await readAndAnalyze();
      setChecked(true);
    });

  /** Reads picked files to add to the district; labels unique among `taken`. */
  const readFiles = async (files: readonly File[], taken: string[]): Promise<SourceFile[]> => {
    const out: SourceFile[] = [];
    for (const file of files) {
      const label = uniqueLabel(file.name, taken);
      taken.push(label);
      out.push({ label, input: await readWorkbookFile(file, file.name) });
    }
    return out;
  };

  /** Outside Excel: the picked or dropped files replace the open ones; the first is the one opened. */
  const onFiles = (files: File[]) =>
    act(async () => {
      if (!isFileHost(host)) return;
      const [first, ...rest] = files;
      const wb = await host.open(first, first.name);
      const added = await readFiles(rest, [first.name]);
      settingsRef.current = await host.loadSettings();
      setSettings(settingsRef.current);
      setFileName(first.name);
      setFiles(added);
      setGenerated(null);
      setChecked(false);
      choiceTouched.current = false;
      adopt(wb, settingsRef.current.overrides, added, first.name);
    });

  /** Files added to the open workbook (Excel) or to the opened files (outside). */
  const onAddFiles = (files: File[]) =>
    act(async () => {
      const s = await currentSettings();
      const added = await readFiles(files, [
        primaryLabel(),
        ...extrasRef.current.map((f) => f.label),
      ]);
      const next = [...extrasRef.current, ...added];
      setFiles(next);
      setGenerated(null);
      adopt(workbook ?? (await host.read()), s.overrides, next);
    });

  const onRemoveFile = (label: string | null) =>
    act(async () => {
      const next = label === null ? [] : extrasRef.current.filter((f) => f.label !== label);
      setFiles(next);
      setGenerated(null);
      if (workbook) adopt(workbook, (await currentSettings()).overrides, next);
    });

  const onOverride = (sheet: string, override: SheetOverride | undefined) =>
    act(async () => {
      const s = await currentSettings();
      const overrides: Overrides = { ...s.overrides };
      if (override) overrides[sheet] = override;
      else delete overrides[sheet];
      const next = { ...s, overrides };
      await host.saveSettings(next);
      settingsRef.current = next;
      setSettings(next);
      if (workbook) adopt(workbook, overrides);
      setNotice({ key: "sheets.saved" });
    });

  const onGenerate = () =>
    act(async () => {
      setGenerated(null);
      setStage("reading");
      await yieldToPaint();
      const s = await currentSettings();
      const wb = await host.read();
      setStage("checking");
      await yieldToPaint();
      const a = adopt(wb, s.overrides);
      setChecked(true);
      setStage("computing");
      await yieldToPaint();
      const p =
        resolvePeriod(a, choiceTouched.current ? choice : defaultChoice(a)) ?? a.defaultPeriod;
      // The ribbon's button runs the same pipeline with what is saved below.
      const chosen = sections === null ? undefined : SECTION_KEYS.filter((k) => sections.has(k));
      const { metrics: m, spec } = summarize(a, {
        lang,
        period: periodISO(p),
        sections: chosen,
        // Several workbooks: the summary has what each file reported and who has not.
        district: districtRef.current,
      });
      setStage("writing");
      await yieldToPaint();
      const { sheetName } = await host.generate(spec, "summary");
      lastSummary.current = spec;
      setGenerated({ sheetName, metrics: m, analysis: a });
      if (host.kind === "excel") {
        const next: PaneSettings = { ...s, period: { ...spec.period }, lang, sections: chosen };
        if (!chosen) delete next.sections;
        await host.saveSettings(next).catch(() => undefined);
        settingsRef.current = next;
      }
    });

  const onReveal = () =>
    act(async () => {
      if (generated) await host.reveal(generated.sheetName, "summary");
    });

  /** In Excel with files added: the open workbook's own issues, as Excel names its sheets. */
  const inWorkbook = (list: readonly Issue[]): Issue[] =>
    district && host.kind === "excel" ? ownIssues(list, primaryLabel()) : [...list];

  const onSelect = (issue: Issue) => {
    const [own] = inWorkbook([issue]);
    if (!own) return; // another file's cell: the list itself shows it
    host.select(own).catch((error: unknown) => fail(error, issue.cell));
  };
  const onMark = () =>
    act(async () => {
      const { marked, unmarked } = await host.mark(inWorkbook(issues ?? []), lang);
      setNotice(
        unmarked > 0
          ? { key: "check.markedCapped", params: { count: marked, more: unmarked } }
          : { key: "check.marked", params: { count: marked } }
      );
    });
  const onClear = () =>
    act(async () => {
      const { restored } = await host.clearMarks();
      setNotice({ key: "check.cleared", params: { count: restored } });
    });
  const onExport = () =>
    act(async () => {
      if (!analysis || !issues) return;
      const spec = issuesSpec(issues, period ?? analysis.defaultPeriod, lang);
      const keep = host.kind === "excel" ? lastSummary.current : null;
      const written = keep ? { ...spec, sheets: [...spec.sheets, ...keep.sheets] } : spec;
      const { sheetName } = await host.generate(written, "issues");
      await host.reveal(sheetName, "issues");
    });
  const onInsert = (formula: string) =>
    act(async () => {
      const how = await host.insertFormula(formula);
      setNotice({
        key: how === "inserted" ? "formulas.inserted" : "formulas.copied",
        params: { formula },
      });
    });

  /** Excel: the new sheets appear in the Sheets tab (and, after tidying, the sources set aside). */
  const afterStandard = async (out: StandardOutcome, s: PaneSettings) => {
    if (out.where !== "sheets") return;
    let overrides = s.overrides;
    if (out.overrides) {
      const next = { ...s, overrides: out.overrides };
      await host.saveSettings(next);
      settingsRef.current = next;
      setSettings(next);
      overrides = next.overrides;
    }
    adopt(await host.read(), overrides);
  };

  const onInsertStandard = () =>
    act(async () => {
      const out = await host.insertStandard(lang);
      await afterStandard(out, await currentSettings());
      setNotice(
        out.where === "file"
          ? { key: "standard.downloaded", params: { file: out.fileName ?? "" } }
          : {
              key: "standard.inserted",
              params: {
                sheets: out.sheets.join(lang === "zh-CN" ? "、" : ", "),
                population: out.sheets[1] ?? "",
              },
            }
      );
    });

  const onTidyStandard = () =>
    act(async () => {
      const s = await currentSettings();
      const wb = await host.read();
      adopt(wb, s.overrides);
      // Only the open workbook is tidied, also when files are counted with it.
      const a = analyze(wb, { overrides: overridesOf(s.overrides, primaryLabel(), true) });
      if (!a.sheets.some((sheet) => sheet.kind !== null)) throw new PaneError("standard.nothing");
      const out = await host.tidyStandard(wb, a, lang, s.overrides);
      await afterStandard(out, s);
      const params = {
        sheets: out.sheets.join(lang === "zh-CN" ? "、" : ", "),
        rows: out.rows,
        highlighted: out.highlighted,
        file: out.fileName ?? "",
      };
      setNotice({
        key:
          out.where === "file"
            ? "standard.tidiedFile"
            : out.notes || out.highlighted === 0
              ? "standard.tidied"
              : "standard.tidiedNoNotes",
        params,
      });
    });

  const onChoice = (next: PeriodChoice) => {
    choiceTouched.current = true;
    setChoice(next);
  };

  const canRead = host.kind === "excel" || workbook !== null;
  const shown = failure ? describeError(failure.error, lang) : null;
  const where = failure?.where ?? shown?.where;
  const tabId = (key: TabKey) => `cedu-tab-${key}`;
  const panelId = (key: TabKey) => `cedu-panel-${key}`;

  return (
    <main className={styles.root} lang={lang}>
      <header className={styles.header}>
        <div className={styles.brand}>
          <img className={styles.logo} src={logo} alt="" />
          <div>
            <Title2 as="h1" className={styles.title}>
              CEDU
            </Title2>
            <Caption1 as="p" block className={styles.muted} data-testid="host-status">
              {`${ui("subtitle", lang)} · ${ui(host.kind === "excel" ? "host.excel" : "host.browser", lang)}`}
            </Caption1>
          </div>
        </div>
        <Field label={ui("language", lang)} size="small" className={styles.lang}>
          <Select
            size="small"
            value={lang}
            onChange={(_e, d) => setLang(d.value === "zh-CN" ? "zh-CN" : "en-US")}
            data-testid="lang"
          >
            <option value="zh-CN" lang="zh-CN">
              中文
            </option>
            <option value="en-US" lang="en-US">
              English
            </option>
          </Select>
        </Field>
      </header>

      {host.kind === "browser" && (
        <FileZone lang={lang} fileName={fileName} busy={busy} onFiles={onFiles} />
      )}
      {host.kind === "excel" && <RibbonStatus lang={lang} />}

      {shown && (
        <MessageBar intent="error" data-testid="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{ui("error.title", lang)}</MessageBarTitle>
            {shown.text}
            {where && <div>{ui("error.where", lang, { where })}</div>}
          </MessageBarBody>
          <DismissAction lang={lang} onDismiss={() => setFailure(null)} />
        </MessageBar>
      )}
      {notice && (
        <MessageBar intent="success" data-testid="notice">
          <MessageBarBody>{ui(notice.key, lang, notice.params)}</MessageBarBody>
          <DismissAction lang={lang} onDismiss={() => setNotice(null)} />
        </MessageBar>
      )}

      <TabList
        className={styles.tabs}
        selectedValue={tab}
        onTabSelect={(_e, d) => setTab(d.value as TabKey)}
        aria-label={ui("tabs", lang)}
        size="small"
      >
        {TABS.map((key) => (
          <Tab
            key={key}
            value={key}
            id={tabId(key)}
            aria-controls={panelId(key)}
            className={styles.tab}
          >
            {ui(`tab.${key}`, lang)}
          </Tab>
        ))}
      </TabList>

      {busy && !stage && <Spinner size="tiny" label={ui("busy", lang)} />}

      <section
        role="tabpanel"
        id={panelId(tab)}
        aria-labelledby={tabId(tab)}
        className={styles.panel}
        data-testid={`panel-${tab}`}
      >
        {tab === "sheets" && (
          <>
            {(host.kind === "excel" || workbook !== null) && (
              <SourcesCard
                lang={lang}
                hostKind={host.kind}
                primary={host.kind === "excel" ? primaryLabel() : fileName}
                extras={extras.map((f) => f.label)}
                busy={busy}
                onAdd={onAddFiles}
                onRemove={(label) => onRemoveFile(label)}
                onClear={() => onRemoveFile(null)}
              />
            )}
            <SheetsPanel
              lang={lang}
              analysis={analysis}
              workbook={
                workbook && district
                  ? mergedInput({ label: primaryLabel(), input: workbook }, extras)
                  : workbook
              }
              overrides={settings.overrides}
              busy={busy}
              onRead={host.kind === "excel" ? onRead : undefined}
              onOverride={onOverride}
            />
            <StandardCard
              lang={lang}
              hostKind={host.kind}
              busy={busy}
              canTidy={canRead}
              onInsert={onInsertStandard}
              onTidy={onTidyStandard}
            />
          </>
        )}
        {tab === "check" && (
          <CheckPanel
            lang={lang}
            hostKind={host.kind}
            issues={issues}
            busy={busy}
            canRun={canRead}
            onRun={onRunCheck}
            onSelect={onSelect}
            onMark={onMark}
            onClear={onClear}
            onExport={onExport}
          />
        )}
        {tab === "summary" && (
          <SummaryPanel
            lang={lang}
            hostKind={host.kind}
            choice={choice}
            onChoice={onChoice}
            years={yearOptions(analysis)}
            period={analysis ? period : undefined}
            available={available}
            sections={chosenSections}
            onSections={setSections}
            canGenerate={canRead}
            busy={busy}
            stage={stage}
            generated={generated}
            onGenerate={onGenerate}
            onReveal={onReveal}
          />
        )}
        {tab === "summary" && district && metrics && (
          <React.Suspense fallback={<Spinner size="tiny" />}>
            <DistrictTables lang={lang} district={district} period={metrics.period} />
          </React.Suspense>
        )}
        {tab === "formulas" && (
          <FormulasPanel lang={lang} hostKind={host.kind} onInsert={onInsert} busy={busy} />
        )}
      </section>
    </main>
  );
}
