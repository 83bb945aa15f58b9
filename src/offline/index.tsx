/**
 * The offline page (dist/cedu-offline.html): the task pane's file door on its own, for offices
 * that work in WPS or LibreOffice, where add-ins do not run. No Office.js is loaded or waited
 * for: the page is a file on the disk and the workbook is a file the user picks.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../taskpane/App";
import { createFileHost } from "../taskpane/fileHost";
import { pickLang } from "../taskpane/i18n";

/** The logo as a data: URL, put in by the build: a page opened from the disk fetches nothing. */
declare const CEDU_LOGO: string;

const container = document.getElementById("container");
if (container === null) throw new Error("cedu-offline.html has no #container element");
const locale = pickLang(navigator.language);
document.documentElement.lang = locale;
createRoot(container).render(
  <React.StrictMode>
    <FluentProvider theme={webLightTheme}>
      <App host={createFileHost()} initialLang={locale} logo={CEDU_LOGO} />
    </FluentProvider>
  </React.StrictMode>
);
