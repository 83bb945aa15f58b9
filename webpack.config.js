/**
 * Builds the add-in into dist/ (Microsoft's task-pane and shared-runtime custom-functions
 * templates, adapted):
 *
 *   taskpane.html        the one page of the shared runtime: runtime.js, functions.js,
 *                        commands.js, taskpane.js
 *   functions.json       custom-functions metadata generated from src/functions/functions.ts
 *   functions-zh-cn.json the same with the zh-CN names and descriptions (src/functions/zh-cn.json)
 *   manifest.xml         with https://localhost:3000/ replaced by `urlProd` in production builds
 *   assets/*.png, help.html
 *   cedu-offline.html    the file door as one self-contained page for use without Excel
 *                        (src/offline): a second compilation, one chunk, inlined
 *
 * The build also checks the emitted manifest against the emitted files (scripts/manifest-check.js).
 * Keep this file in JavaScript (docs/design/toolchain-notes.md, trap P2: webpack-cli 7 + rechoir).
 */
"use strict";

const path = require("path");
const webpack = require("webpack");
const fs = require("fs");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const FunctionsLocalizationPlugin = require("./scripts/webpack/functions-localization-plugin");
const FunctionsMetadataOptionsPlugin = require("./scripts/webpack/functions-metadata-options-plugin");
const ManifestCheckPlugin = require("./scripts/webpack/manifest-check-plugin");
const InlinePagePlugin = require("./scripts/webpack/inline-page-plugin");

const urlDev = "https://localhost:3000/";
/** Where dist/ is deployed. The one setting to change for production (must end with "/"). */
const urlProd = "https://cedu.example.org/addin/";

const OFFICE_JS_ORIGIN = "https://appsforoffice.microsoft.com";
const FUNCTIONS_SOURCE = "./src/functions/functions.ts";
/** FunctionNames of the manifest's ExecuteFunction buttons; src/commands registers them. */
const RIBBON_ACTIONS = ["generateSummary"];

/**
 * Content-Security-Policy for taskpane.html: our own files and Office.js only. Fluent UI (Griffel)
 * injects <style> elements, hence 'unsafe-inline' for styles; no 'unsafe-eval' anywhere.
 * @param {boolean} dev the dev server's live-reload socket needs wss://localhost:3000
 */
function contentSecurityPolicy(dev) {
  const connect = ["'self'", OFFICE_JS_ORIGIN];
  if (dev) connect.push(urlDev.replace(/^https:/, "wss:").replace(/\/$/, ""));
  return [
    "default-src 'self'",
    `script-src 'self' ${OFFICE_JS_ORIGIN}`,
    `connect-src ${connect.join(" ")}`,
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

/**
 * https options for the dev server: Microsoft's trusted localhost certificate when
 * office-addin-dev-certs can provide it; otherwise the certificate files it already generated
 * (installing the CA fails without sudo, docs/design/toolchain-notes.md, trap P14); otherwise webpack's own self-signed one.
 */
async function getHttpsOptions() {
  try {
    const devCerts = require("office-addin-dev-certs");
    const options = await devCerts.getHttpsServerOptions();
    return { ca: options.ca, key: options.key, cert: options.cert };
  } catch (error) {
    const dir = path.join(require("os").homedir(), ".office-addin-dev-certs");
    const files = ["ca.crt", "localhost.crt", "localhost.key"].map((f) => path.join(dir, f));
    if (files.every((f) => fs.existsSync(f))) {
      console.warn(
        `office-addin-dev-certs could not install its CA certificate; using the files in ${dir}.`
      );
      const [ca, cert, key] = files.map((f) => fs.readFileSync(f));
      return { ca, cert, key };
    }
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    console.warn(`office-addin-dev-certs failed (${reason}); using a self-signed certificate.`);
    return {};
  }
}

/** ts-loader and the ExcelJS loader, shared by the add-in and the offline page. */
function moduleRules(transpileOnly) {
  return [
    {
      test: /\.tsx?$/,
      exclude: /node_modules/,
      use: {
        loader: "ts-loader",
        options: {
          configFile: path.resolve(__dirname, "tsconfig.json"),
          // Type-check what is bundled only; `npm run typecheck` covers the rest of the repo.
          onlyCompileBundledFiles: true,
          transpileOnly,
        },
      },
    },
    {
      // ExcelJS's browser build (lazy chunk of the task pane outside Excel) and the setImmediate
      // polyfill JSZip requires: drop their `new Function(string)` branch, forbidden by the CSP anyway.
      test: /[\\/]node_modules[\\/](exceljs[\\/]dist[\\/]exceljs(\.min)?|jszip[\\/]dist[\\/]jszip(\.min)?|setimmediate[\\/]setImmediate)\.js$/,
      use: path.resolve(__dirname, "scripts/webpack/no-string-timer-loader.js"),
    },
  ];
}

/**
 * dist/cedu-offline.html: the task pane's file door as one page that opens from the disk. One
 * chunk (ExcelJS included, not lazy), inlined into the page with its hash in the CSP. The add-in's
 * `output.clean` keeps it (the two compilations run side by side).
 */
function offlineConfig() {
  const logo = fs.readFileSync(path.resolve(__dirname, "assets/icon-64.png")).toString("base64");
  return {
    name: "offline",
    devtool: false,
    target: ["web", "es2020"],
    entry: { "cedu-offline": "./src/offline/index.tsx" },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      publicPath: "",
      clean: false,
    },
    resolve: { extensions: [".ts", ".tsx", ".js", ".json"] },
    // The add-in's compilation type-checks the same sources.
    module: { rules: moduleRules(true) },
    plugins: [
      new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
      new webpack.DefinePlugin({ CEDU_LOGO: JSON.stringify(`data:image/png;base64,${logo}`) }),
      new InlinePagePlugin({
        template: path.resolve(__dirname, "src/offline/offline.html"),
        chunk: "cedu-offline",
        filename: "cedu-offline.html",
      }),
    ],
    // One page with React, Fluent UI and ExcelJS inside: big by design, loaded from the disk.
    performance: { hints: false },
  };
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  const serving = Boolean(env && env.WEBPACK_SERVE);

  /** @type {import("webpack").Configuration} */
  const config = {
    name: "addin",
    // "source-map" in both modes: eval-* devtools put eval() in the bundles, which the page's CSP forbids.
    devtool: "source-map",
    // Office's modern webviews (WebView2/Chromium, Safari/WKWebView). With es2020 webpack's runtime
    // uses globalThis directly instead of a `new Function("return this")` fallback.
    target: ["web", "es2020"],
    entry: {
      functions: FUNCTIONS_SOURCE,
      commands: "./src/commands/commands.ts",
      taskpane: "./src/taskpane/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // Chunks load relative to taskpane.html, which sits beside them (no document.currentScript needed).
      publicPath: "",
      devtoolModuleFilenameTemplate: "webpack:///[resource-path]?[loaders]",
      clean: { keep: /^cedu-offline\.html$/ },
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".json"],
    },
    module: {
      rules: [
        ...moduleRules(false),
        {
          // Runs after custom-functions-metadata-plugin's loader has appended the associate() calls.
          test: path.resolve(__dirname, FUNCTIONS_SOURCE),
          use: path.resolve(__dirname, "scripts/webpack/guard-associate-loader.js"),
        },
      ],
    },
    optimization: {
      // One webpack runtime for the whole page, so a module imported by several entries
      // (functions, commands, task pane) is instantiated once: they share its state.
      runtimeChunk: "single",
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: FUNCTIONS_SOURCE,
      }),
      // Range arguments may hold error cells (#N/A of a failed lookup): see src/functions/errorCells.ts.
      new FunctionsMetadataOptionsPlugin({ options: { allowErrorForDataTypeAny: true } }),
      new FunctionsLocalizationPlugin({
        table: "src/functions/zh-cn.json",
        output: "functions-zh-cn.json",
        locale: "zh-cn",
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: one page with every bundle; custom functions register first.
        chunks: ["functions", "commands", "taskpane"],
        chunksSortMode: "manual",
        csp: contentSecurityPolicy(dev),
      }),
      new CopyWebpackPlugin({
        patterns: [
          // Copied from sub-folders or by exact name, so the watcher does not watch the repo root (docs/design/toolchain-notes.md, trap P10).
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/help/help.html", to: "help.html" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform(content) {
              return dev ? content : content.toString().split(urlDev).join(urlProd);
            },
          },
        ],
      }),
      new ManifestCheckPlugin({ manifest: "manifest.xml", ribbonActions: RIBBON_ACTIONS }),
    ],
    performance: {
      // Fluent UI v9 alone is about 260 KiB minified (docs/design/toolchain-notes.md, trap P20); unminified dev bundles are bigger.
      hints: dev ? false : "warning",
      maxAssetSize: 1024 * 1024,
      maxEntrypointSize: 1024 * 1024,
    },
    watchOptions: {
      ignored: [
        "**/node_modules",
        "**/.git",
        "**/dist",
        "**/lib",
        "**/coverage",
        "**/test-output",
        "**/.cedu-tmp",
        "**/*.log",
      ],
    },
    devServer: {
      static: false,
      headers: {
        "Access-Control-Allow-Origin": "*",
      },
      server: {
        type: "https",
        options: serving ? await getHttpsOptions() : {},
      },
      port: Number(process.env.npm_package_config_dev_server_port) || 3000,
      client: {
        overlay: { errors: true, warnings: false },
      },
    },
  };
  // The dev server serves the add-in; the offline page is a production artefact.
  return serving ? config : [config, offlineConfig()];
};

module.exports.urlDev = urlDev;
module.exports.urlProd = urlProd;
module.exports.RIBBON_ACTIONS = RIBBON_ACTIONS;
