import * as React from "react";
import { Button, MessageBarActions } from "@fluentui/react-components";
import { DismissRegular } from "@fluentui/react-icons";
import type { Lang } from "../core";
import { ui } from "./strings";

/** The close button of the pane's message bars, labelled in the user's language. */
export function DismissAction({
  lang,
  onDismiss,
}: {
  lang: Lang;
  onDismiss: () => void;
}): React.ReactElement {
  return (
    <MessageBarActions
      containerAction={
        <Button
          appearance="transparent"
          aria-label={ui("dismiss", lang)}
          icon={<DismissRegular />}
          onClick={onDismiss}
        />
      }
    />
  );
}
