import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, Spinner, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import { detectEnvironment, type Environment } from "./environment";
import { pickLang } from "./i18n";
import { createFileHost } from "./fileHost";
import { createExcelHost } from "./host";

/* The task pane entry. It must start even when office.js failed to load (then `Office` is undefined). */

async function start(): Promise<void> {
  const container = document.getElementById("container");
  if (container === null) {
    throw new Error("taskpane.html has no #container element");
  }
  const root = createRoot(container);
  // Office.onReady can take a while (up to OFFICE_READY_TIMEOUT_MS when office.js cannot finish
  // loading outside Office): show that the pane is starting meanwhile.
  const starting = pickLang(navigator.language) === "zh-CN" ? "正在启动……" : "Starting…";
  root.render(
    <FluentProvider theme={webLightTheme}>
      <Spinner size="small" label={starting} style={{ padding: "24px" }} />
    </FluentProvider>
  );
  const environment = await detectEnvironment();
  const show = ({ host, locale }: Environment) => {
    document.documentElement.lang = locale;
    const door = host === "excel" ? createExcelHost() : createFileHost();
    root.render(
      <React.StrictMode>
        <FluentProvider theme={webLightTheme}>
          <App key={host} host={door} initialLang={locale} />
        </FluentProvider>
      </React.StrictMode>
    );
  };
  show(environment);
  // Office answered after the pane had started without it: this is Excel after all.
  const late = await environment.late;
  if (late?.host === "excel") show(late);
}

start().catch((error: unknown) => {
  console.error("CEDU task pane failed to start", error);
});
