/**
 * ESLint flat config: typescript-eslint's recommended rules, the Office add-in rules of
 * eslint-plugin-office-addins (Microsoft's templates use the same plugin), React rules for the
 * task pane, and Prettier compatibility.
 *
 * The office-addins plugin's own `recommended` preset registers a second, older copy of
 * @typescript-eslint (8.8, nested in its node_modules), which ESLint refuses next to the
 * project's typescript-eslint ("Cannot redefine plugin"). So the pieces of the preset are taken
 * from it one by one: @eslint/js recommended, eslint-config-prettier, the office-addins rules
 * with Microsoft's severities, and the plugins for Prettier and React. No package outside
 * package.json is required directly.
 *
 * Severity policy: errors for correctness (type rules, Office.js load/sync rules, eval); warnings
 * for what changes nothing at run time. `npm run lint` (eslint .) fails only on errors.
 */
"use strict";

const tseslint = require("typescript-eslint");
const officeAddins = require("eslint-plugin-office-addins");

// ---------------------------------------------------------------- pieces of the office-addins presets

const [jsRecommended, prettierCompat, officeBlock] = officeAddins.configs.recommended;
const reactPlugin =
  officeAddins.configs.react[0].plugins && officeAddins.configs.react[0].plugins.react;
const prettierPlugin = officeBlock && officeBlock.plugins && officeBlock.plugins.prettier;
if (!jsRecommended.rules["no-undef"] || !officeBlock.rules || !reactPlugin || !prettierPlugin) {
  throw new Error(
    "eslint.config.js: eslint-plugin-office-addins no longer has the preset layout this config expects (4.0.x)"
  );
}
/** The plugin's Office.js rules with the severities Microsoft chose. */
const officeRules = Object.fromEntries(
  Object.entries(officeBlock.rules).filter(([name]) => name.startsWith("office-addins/"))
);

/** Globals of CommonJS Node scripts (the config files and scripts/*.js). */
const nodeGlobals = Object.fromEntries(
  [
    "require",
    "module",
    "exports",
    "process",
    "__dirname",
    "__filename",
    "console",
    "Buffer",
    "URL",
    "setTimeout",
    "clearTimeout",
  ].map((name) => [name, "readonly"])
);

// ---------------------------------------------------------------- the architecture's boundaries

/** Node's modules, by the names src/ could import them with. */
const NODE_MODULES = [
  "fs",
  "fs/promises",
  "path",
  "os",
  "child_process",
  "stream",
  "buffer",
  "url",
  "util",
  "zlib",
  "crypto",
  "worker_threads",
  "vm",
];
const NO_NODE = [
  ...NODE_MODULES.map((name) => ({
    regex: `^${name.replace("/", "\\/")}$`,
    message: "Node APIs stay in src/cli (see ARCHITECTURE.md).",
  })),
  { regex: "^node:", message: "Node APIs stay in src/cli (see ARCHITECTURE.md)." },
];
/** Libraries of a door's world: the engine never sees Office.js, the DOM, React or file formats. */
const DOOR_LIBRARIES = {
  regex: "^(@microsoft/office-js|office-js|office-addin-|@types/office|react|react-dom|@fluentui/|@tanstack/|exceljs|jszip|docx)",
  message: "src/core is pure: Office.js, the DOM, React and file libraries belong to the doors.",
};
const DOORS = [
  "excel",
  "functions",
  "taskpane",
  "cli",
  "xlsx",
  "docx",
  "offline",
  "commands",
  "runtime",
  "help",
];
const CORE_RESTRICTED_GLOBALS = [
  "Office",
  "Excel",
  "OfficeRuntime",
  "OfficeExtension",
  "CustomFunctions",
  "window",
  "document",
  "navigator",
  "localStorage",
  "sessionStorage",
  "XMLHttpRequest",
  "fetch",
  "Blob",
  "process",
  "Buffer",
  "require",
  "__dirname",
  "__filename",
].map((name) => ({ name, message: `src/core is pure: no ${name} (see ARCHITECTURE.md).` }));

/**
 * src/core imports nothing from Node, Office.js, the DOM or the doors' libraries, and no file
 * outside src/core (a relative path that climbs out of it, checked at each depth); the doors
 * import core only through src/core/index.ts; src/xlsx runs in the browser too, so no Node there.
 */
function boundaryBlocks() {
  const blocks = [];
  for (let depth = 1; depth <= 4; depth++) {
    const files = [`src/core/${"*/".repeat(depth - 1)}*.{ts,tsx}`];
    blocks.push({
      files,
      rules: {
        "no-restricted-imports": [
          "error",
          {
            patterns: [
              ...NO_NODE,
              DOOR_LIBRARIES,
              {
                regex: `^(\\.\\./){${depth}}`,
                message: "src/core imports nothing outside src/core (see ARCHITECTURE.md).",
              },
            ],
          },
        ],
        "no-restricted-globals": ["error", ...CORE_RESTRICTED_GLOBALS],
      },
    });
  }
  const throughEntry = {
    regex: "^(\\.\\./)+core/",
    message: "Doors import the engine through its public entry, src/core/index.ts (`../core`).",
  };
  blocks.push({
    files: DOORS.map((door) => `src/${door}/**/*.{ts,tsx}`),
    rules: { "no-restricted-imports": ["error", { patterns: [throughEntry] }] },
  });
  blocks.push({
    files: ["src/xlsx/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [throughEntry, ...NO_NODE] }] },
  });
  return blocks;
}

module.exports = tseslint.config(
  {
    ignores: [
      "dist/**",
      "lib/**",
      "node_modules/**",
      "coverage/**",
      "test-output/**",
      "assets/**",
      ".cedu-tmp/**",
      "**/*.d.ts.map",
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: "warn" },
  },

  // ---- everything
  jsRecommended,
  {
    plugins: { "office-addins": officeAddins, prettier: prettierPlugin },
    rules: {
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      // A needless escape changes nothing at run time: report it, don't fail the build on it.
      "no-useless-escape": "warn",
      // Formatting is Prettier's (office-addin-prettier-config); it is enforced below for the
      // TypeScript that `npm run prettier` formats, and eslint-config-prettier (last) turns off
      // the ESLint rules that would clash with it.
      "prettier/prettier": "off",
    },
  },
  {
    files: ["src/**/*.{ts,tsx}", "test/**/*.{ts,tsx}"],
    rules: { "prettier/prettier": "error" },
  },

  // ---- TypeScript (src, test, scripts)
  ...tseslint.configs.recommended.map((c) => ({ ...c, files: ["**/*.{ts,tsx,mts,cts}"] })),
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    rules: {
      ...officeRules,
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
  {
    // The engine's contract is `unknown`, never `any` (ARCHITECTURE.md at the repository root: plain values in, plain objects out).
    files: ["src/core/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    // Tests may reach into mocks loosely.
    files: ["test/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },

  // ---- The architecture's boundaries (ARCHITECTURE.md): the engine stays pure, doors use its entry
  ...boundaryBlocks(),

  // ---- React (the task pane)
  {
    files: ["src/taskpane/**/*.{ts,tsx}", "test/taskpane/**/*.{ts,tsx}"],
    ...reactPlugin.configs.flat.recommended,
    settings: { react: { version: "18.3" } },
  },
  {
    files: ["src/taskpane/**/*.{ts,tsx}", "test/taskpane/**/*.{ts,tsx}"],
    ...reactPlugin.configs.flat["jsx-runtime"],
  },
  {
    files: ["src/taskpane/**/*.{ts,tsx}", "test/taskpane/**/*.{ts,tsx}"],
    rules: {
      // TypeScript checks props.
      "react/prop-types": "off",
    },
  },

  // ---- CommonJS JavaScript (config files, scripts/, bin/)
  {
    files: ["**/*.{js,cjs}"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "commonjs",
      globals: nodeGlobals,
    },
  },

  // Last: turn off every stylistic rule that Prettier owns.
  prettierCompat
);
