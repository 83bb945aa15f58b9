import * as React from "react";
import {
  Button,
  Caption1,
  Card,
  CardHeader,
  makeStyles,
  Text,
  tokens,
} from "@fluentui/react-components";
import {
  ArrowDownloadRegular,
  CopyRegular,
  DismissRegular,
  DocumentArrowUpRegular,
} from "@fluentui/react-icons";
import { periodISO, type Analysis } from "../core";
import { paragraphText, sentenceGap, sentenceText } from "../core";
import type { Lang, Metrics } from "../core";
import { defaultDownload } from "./fileHost";
import {
  copyText,
  docxBlob,
  draftFileName,
  draftUi,
  paneDraft,
  readCompareFile,
  type CompareWorkbook,
} from "./draft";

const useStyles = makeStyles({
  root: { minWidth: 0 },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  preview: {
    maxHeight: "320px",
    overflowY: "auto",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalS,
    userSelect: "text",
    overflowWrap: "anywhere",
  },
  heading: { fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalS} 0 0` },
  paragraph: { margin: `${tokens.spacingVerticalXS} 0 0` },
  hidden: { display: "none" },
});

export interface DraftCardProps {
  lang: Lang;
  analysis: Analysis;
  metrics: Metrics;
  /** The open file's name outside Excel, for the .docx's name. */
  baseName?: string | null;
  /** Saves a file (the browser's download by default). */
  download?: (blob: Blob, name: string) => void;
}

type Note = { kind: "ok" | "error"; text: string } | null;

/**
 * The work-summary draft in the Summary tab: a copy button, a .docx download and a second
 * workbook to compare with, in Excel and outside it alike.
 */
export function DraftCard(props: DraftCardProps): React.JSX.Element {
  const { lang, analysis, metrics } = props;
  const download = props.download ?? defaultDownload;
  const styles = useStyles();
  const [other, setOther] = React.useState<CompareWorkbook | null>(null);
  const [note, setNote] = React.useState<Note>(null);
  const [busy, setBusy] = React.useState(false);
  const fileInput = React.useRef<HTMLInputElement>(null);
  const inputId = React.useId();
  const result = React.useMemo(
    () => paneDraft(analysis, metrics, lang, other),
    [analysis, metrics, lang, other]
  );
  const { draft, text, comparison, compareEmpty } = result;
  const gap = sentenceGap(lang);

  const status = (() => {
    if (compareEmpty)
      return draftUi("compareEmpty", lang, {
        name: compareEmpty.name,
        ...periodISO(compareEmpty.period),
      });
    if (!comparison) return draftUi("compareNone", lang);
    const period = periodISO(comparison.period);
    return comparison.source === "file"
      ? draftUi("compareFile", lang, { name: comparison.file ?? "", ...period })
      : draftUi("compareData", lang, period);
  })();

  const onCopy = async () => {
    const ok = await copyText(text);
    setNote(
      ok
        ? { kind: "ok", text: draftUi("copied", lang) }
        : { kind: "error", text: draftUi("copyFailed", lang) }
    );
  };
  const onDownload = async () => {
    setBusy(true);
    setNote(null);
    try {
      download(await docxBlob(draft), draftFileName(props.baseName ?? null, metrics.period, lang));
    } catch (error) {
      setNote({
        kind: "error",
        text: draftUi("downloadFailed", lang, {
          detail: error instanceof Error ? error.message : String(error),
        }),
      });
    } finally {
      setBusy(false);
    }
  };
  const onPick = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setNote(null);
    try {
      const read = await readCompareFile(file, file.name);
      if (read) setOther(read);
      else setNote({ kind: "error", text: draftUi("compareBad", lang, { name: file.name }) });
    } catch (error) {
      setNote({
        kind: "error",
        text: draftUi("compareFailed", lang, {
          name: file.name,
          detail: error instanceof Error ? error.message : String(error),
        }),
      });
    } finally {
      setBusy(false);
      if (fileInput.current) fileInput.current.value = "";
    }
  };

  return (
    <Card className={styles.root} data-testid="draft-card">
      <CardHeader header={<Text weight="semibold">{draftUi("title", lang)}</Text>} />
      <Caption1 className={styles.muted}>{draftUi("intro", lang)}</Caption1>
      <div className={styles.row}>
        <Button icon={<CopyRegular />} onClick={onCopy} disabled={busy}>
          {draftUi("copy", lang)}
        </Button>
        <Button icon={<ArrowDownloadRegular />} onClick={onDownload} disabled={busy}>
          {draftUi("download", lang)}
        </Button>
      </div>
      <Caption1 className={styles.muted} data-testid="draft-compare">
        {status}
      </Caption1>
      <div className={styles.row}>
        <label htmlFor={inputId} className={styles.hidden}>
          {draftUi("compareLabel", lang)}
        </label>
        <input
          id={inputId}
          ref={fileInput}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          className={styles.hidden}
          data-testid="draft-compare-file"
          onChange={(e) => void onPick(e.target.files?.[0])}
        />
        <Button
          icon={<DocumentArrowUpRegular />}
          onClick={() => fileInput.current?.click()}
          disabled={busy}
        >
          {draftUi("compareOpen", lang)}
        </Button>
        {other && (
          <Button icon={<DismissRegular />} onClick={() => setOther(null)} disabled={busy}>
            {draftUi("compareClear", lang)}
          </Button>
        )}
      </div>
      {note && (
        <Text role={note.kind === "error" ? "alert" : "status"} data-testid="draft-note">
          {note.text}
        </Text>
      )}
      <section
        aria-label={draftUi("preview", lang)}
        className={styles.preview}
        data-testid="draft-text"
        tabIndex={0}
      >
        <p className={styles.heading}>{sentenceText(draft.title)}</p>
        <p className={styles.paragraph}>{paragraphText(draft.intro, gap)}</p>
        {draft.sections.map((s) => (
          <React.Fragment key={s.key}>
            <p className={styles.heading}>{s.heading}</p>
            {s.paragraphs.map((p, i) => (
              <p key={i} className={styles.paragraph}>
                {paragraphText(p, gap)}
              </p>
            ))}
          </React.Fragment>
        ))}
      </section>
    </Card>
  );
}
