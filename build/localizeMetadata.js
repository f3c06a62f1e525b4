/**
 * Makes the zh-CN custom-functions metadata from the English functions.json that
 * custom-functions-metadata-plugin generates and the one translation table
 * src/i18n/functionHelp.zh-CN.json. Function ids and names stay English (as Excel's built-ins do
 * in Chinese Excel); descriptions and parameter help become Chinese.
 *
 * Used by the webpack build (which fails on any gap) and by the tests.
 */
"use strict";

const HAN = /[\u4e00-\u9fff]/;

/**
 * @param {{ functions: Array<{ id: string, name: string, description?: string, parameters?: Array<{ name: string, description?: string }> }> }} metadata
 * @param {Record<string, { metric: string, description: string, parameters: Record<string, string> }>} table
 * @returns {{ metadata: object, problems: string[] }}
 */
function localizeMetadata(metadata, table) {
  const problems = [];
  const functions = metadata.functions.map((fn) => {
    const entry = table[fn.id];
    if (!entry) {
      problems.push(`${fn.id}: no zh-CN entry`);
      return fn;
    }
    for (const field of ["metric", "description"]) {
      if (typeof entry[field] !== "string" || !HAN.test(entry[field])) problems.push(`${fn.id}: zh-CN ${field} missing or not Chinese`);
    }
    const parameters = (fn.parameters || []).map((parameter) => {
      const text = entry.parameters && entry.parameters[parameter.name];
      if (typeof text !== "string" || !HAN.test(text)) problems.push(`${fn.id}(${parameter.name}): no zh-CN description`);
      return { ...parameter, description: text || parameter.description };
    });
    const stale = Object.keys(entry.parameters || {}).filter((name) => !parameters.some((p) => p.name === name));
    for (const name of stale) problems.push(`${fn.id}(${name}): zh-CN entry for a parameter the function does not have`);
    return { ...fn, description: entry.description, parameters };
  });
  for (const id of Object.keys(table)) {
    if (!metadata.functions.some((fn) => fn.id === id)) problems.push(`${id}: zh-CN entry for a function that does not exist`);
  }
  // by function, whatever order the source files list them in
  return { metadata: { ...metadata, functions }, problems: problems.sort() };
}

/**
 * Lets Excel hand a function the cells that hold errors (#N/A, #DIV/0! …) instead of answering for it
 * with the first error: every parameter is of type any, and the function's own message then names
 * the argument and the cell. Microsoft's "Errors as custom function inputs": the top-level
 * allowErrorForDataTypeAny, which the JSDoc-driven generator has no tag for.
 *
 * And leaves out allowCustomDataForDataTypeAny, which the generator always sets: it asks Excel to hand
 * a data-type cell (a stock, a geography, an entity) to the functions as an object (Microsoft's
 * "Custom functions and data types", CustomFunctionsRuntime 1.4), where the manifest declares 1.3 and
 * the functions read numbers, text and dates. Without it, Excel hands them the cell's basic value.
 *
 * @param {object} metadata
 * @returns {object}
 */
function withErrorInputs(metadata) {
  const { allowCustomDataForDataTypeAny: _dataTypes, ...rest } = metadata;
  return { ...rest, allowErrorForDataTypeAny: true };
}

module.exports = { localizeMetadata, withErrorInputs };
