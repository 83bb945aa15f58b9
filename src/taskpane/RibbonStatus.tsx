import * as React from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody } from "@fluentui/react-components";
import { DismissRegular } from "@fluentui/react-icons";
import type { Lang } from "../core/types";
import { excelText } from "../excel/errors";
import { lastStatus, subscribeStatus, type CeduStatus } from "../excel/status";
import { ui } from "./strings";

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
      <MessageBarActions
        containerAction={
          <Button
            appearance="transparent"
            aria-label={ui("dismiss", lang)}
            icon={<DismissRegular />}
            onClick={() => setDismissed(status.at)}
          />
        }
      />
    </MessageBar>
  );
}
