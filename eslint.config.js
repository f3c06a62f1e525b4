const tseslint = require("typescript-eslint");

/** Layers of DESIGN.md: imports point down only. Each entry lists the folders a layer may not import. */
const LAYERS = {
  core: ["functions", "report", "writer", "taskpane"],
  i18n: ["core", "functions", "report", "writer", "taskpane"],
  functions: ["report", "writer", "taskpane"],
  report: ["functions", "writer", "taskpane"],
  writer: ["functions", "taskpane"],
  taskpane: ["functions"],
};

const layerRules = Object.entries(LAYERS).map(([layer, forbidden]) => ({
  files: [`src/${layer}/**/*.ts`, `src/${layer}/**/*.tsx`],
  rules: {
    "no-restricted-imports": ["error", {
      patterns: [
        ...forbidden.map((folder) => ({ group: [`**/${folder}/*`, `**/${folder}`], message: `src/${layer} may not import src/${folder} (DESIGN.md: imports point down only).` })),
        ...(layer === "core" || layer === "i18n" || layer === "report"
          ? [{ group: ["react", "react-dom", "@fluentui/*", "office-*"], message: `src/${layer} is pure: no Office, no DOM.` }]
          : []),
      ],
    }],
  },
}));

module.exports = tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "test-results/**", "demo/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Excel's Office and CustomFunctions globals are declared by @types; plain scripts are CommonJS or ESM Node.
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    languageOptions: { globals: { require: "readonly", module: "writable", __dirname: "readonly", process: "readonly", console: "readonly", Buffer: "readonly", URL: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  ...layerRules,
  {
    // Rooms one can live in (DEVELOPERS.md): a file about one thing, functions short enough to read
    // whole. The string tables of i18n are long by nature and left out.
    files: ["src/**/*.ts", "src/**/*.tsx"],
    ignores: ["src/i18n/**"],
    rules: {
      "max-lines": ["error", { max: 400 }],
      "max-lines-per-function": ["error", { max: 120 }],
    },
  },
  {
    files: ["test/browser/*.js"],
    languageOptions: { globals: { window: "readonly", location: "readonly", URLSearchParams: "readonly" } },
  },
  {
    // DESIGN.md: only one gateway module in the task pane touches the writer and Excel.
    files: ["src/taskpane/**/*.ts", "src/taskpane/**/*.tsx"],
    ignores: ["src/taskpane/gateway.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/writer/*", "**/writer", "**/functions/*"], message: "Only src/taskpane/gateway.ts may use the writer (DESIGN.md)." }] }],
    },
  },
);
