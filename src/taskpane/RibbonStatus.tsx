import * as React from "react";
import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import type { Lang } from "../core";
import { excelText } from "../excel/errors";
import { lastStatus, subscribeStatus, type CeduStatus } from "../excel/status";
import { DismissAction } from "./DismissAction";

const INTENT = { running: "info", done: "success", error: "error" } as const;

/**
 * The outcome of the ribbon's "Generate summary", which runs in the same shared runtime: shown
 * here whether the pane was open during the run or opened by it afterwards.
 */
export function RibbonStatus({ lang }: { lang: Lang }): React.ReactElement | null {
  const [status, setStatus] = React.useState<CeduStatus | null>(() => lastStatus());
  const [dismissed, setDismissed] = React.useState<number | null>(null);
  React.useEffect(() => subscribeStatus(setStatus), []);
  if (!status || dismissed === status.at) return null;
  return (
    <MessageBar intent={INTENT[status.state]} data-testid="ribbon-status" layout="multiline">
      <MessageBarBody>{excelText(status.key, lang, status.params ?? {})}</MessageBarBody>
      <DismissAction lang={lang} onDismiss={() => setDismissed(status.at)} />
    </MessageBar>
  );
}
