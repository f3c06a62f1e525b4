/**
 * The CX worksheet functions, by family (one file each, as Excel's function categories group them):
 * satisfaction, acquisition, retention and churn, RFM, lifetime value, follow-up lists, periods. Each exported
 * function with a `@customfunction` tag becomes =CX.NAME(...) in Excel; custom-functions-metadata-plugin
 * reads the family files' JSDoc into functions.json (webpack.config.js lists them), and
 * build/localizeMetadata.js makes the zh-CN copy from src/i18n. This file is the runtime's entry.
 *
 * Every function reads its arguments through coerce.ts / records.ts / elementwise.ts (arguments.ts
 * for what families share), computes with src/core, and lets nothing but a CustomFunctions.Error
 * escape (call.ts). Parameter names are the snake_case names users see in Excel's formula help.
 */
import { loadStoredDisplayLanguage } from "./displayLanguage";

// The user's language for messages, as the task pane recorded it (the runtime on Windows and Mac
// cannot ask Office); until it is read, messages come in English and Chinese.
void loadStoredDisplayLanguage();

export * from "./satisfaction";
export * from "./acquisition";
export * from "./retention";
export * from "./rfm";
export * from "./lifetimeValue";
export * from "./followUp";
export * from "./periods";
