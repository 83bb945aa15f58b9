import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import { detectEnvironment } from "./environment";

/* The task pane entry. It must start even when office.js failed to load (then `Office` is undefined). */

async function start(): Promise<void> {
  const container = document.getElementById("container");
  if (container === null) {
    throw new Error("taskpane.html has no #container element");
  }
  const { host, locale } = await detectEnvironment();
  document.documentElement.lang = locale;
  createRoot(container).render(
    <React.StrictMode>
      <FluentProvider theme={webLightTheme}>
        <App host={host} locale={locale} />
      </FluentProvider>
    </React.StrictMode>
  );
}

start().catch((error: unknown) => {
  console.error("CEDU task pane failed to start", error);
});
