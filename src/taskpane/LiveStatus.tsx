import * as React from "react";
import { Button, MessageBar, MessageBarBody } from "@fluentui/react-components";
import type { Lang } from "../core";
import { rereadWorkbookModel } from "../excel/liveSource";
import { sharedRuntime, type LiveState } from "../runtime/shared";

/* The live formulas' feed as the pane shows it (issue 12 B.7). Its strings are its own: the feed
   is not the pane's, and a pane opened later still shows the last state (the runtime keeps it). */
const TEXT = {
  "zh-CN": {
    off: "CEDU 函数未连接到工作簿（在 Excel 中打开时自动连接）",
    reading: "正在读取工作簿……函数暂时显示 #BUSY!",
    ready: "CEDU 函数已是最新：已读取 {reads} 次，跟随编辑 {patches} 次",
    retrying: "读取失败（{error}），正在第 {attempt} 次重试……",
    failed: "CEDU 多次尝试后仍无法读取工作簿（{error}）",
    reread: "重新读取",
  },
  "en-US": {
    off: "CEDU functions are not connected to a workbook (they connect when opened in Excel)",
    reading: "Reading the workbook… functions show #BUSY! meanwhile",
    ready: "CEDU functions are up to date: {reads} read(s), {patches} edit(s) followed",
    retrying: "Reading failed ({error}); retrying (attempt {attempt})…",
    failed: "CEDU could not read the workbook after several attempts ({error})",
    reread: "Read again",
  },
} as const;

const INTENT = {
  off: "info",
  reading: "info",
  ready: "success",
  retrying: "warning",
  failed: "error",
} as const;

function fill(template: string, params: Record<string, string | number | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ""));
}

export function LiveStatus({ lang }: { lang: Lang }): React.ReactElement | null {
  const runtime = sharedRuntime();
  const [state, setState] = React.useState<LiveState | null>(() => runtime.live.last());
  const [busy, setBusy] = React.useState(false);
  React.useEffect(() => runtime.live.subscribe(setState), [runtime]);
  if (!state) return null;
  const text = TEXT[lang === "zh-CN" ? "zh-CN" : "en-US"];
  const message = fill(text[state.state], {
    reads: state.fullReads,
    patches: state.patches,
    error: state.error,
    attempt: state.attempt,
  });
  const canReread = state.state === "ready" || state.state === "failed";
  return (
    <MessageBar intent={INTENT[state.state]} layout="multiline" data-testid="live-status">
      <MessageBarBody>{message}</MessageBarBody>
      {canReread && runtime.feed ? (
        <Button
          size="small"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void rereadWorkbookModel().finally(() => setBusy(false));
          }}
        >
          {text.reread}
        </Button>
      ) : null}
    </MessageBar>
  );
}
