/**
 * Webpack plugin: after custom-functions-metadata-plugin has emitted functions.json, emits
 * functions.zh-CN.json from the translation table, and fails the build if the table has a gap; both
 * let cells holding errors through to the functions (allowErrorForDataTypeAny).
 */
"use strict";

const fs = require("fs");
const { sources, WebpackError, Compilation } = require("webpack");
const { localizeMetadata, withErrorInputs } = require("./localizeMetadata");

class LocalizedMetadataPlugin {
  /** @param {{ source: string, output: string, table: string }} options */
  constructor(options) {
    this.options = options;
  }

  apply(compiler) {
    compiler.hooks.thisCompilation.tap("LocalizedMetadataPlugin", (compilation) => {
      compilation.fileDependencies.add(this.options.table);
      compilation.hooks.processAssets.tap(
        { name: "LocalizedMetadataPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const english = compilation.getAsset(this.options.source);
          if (!english) return; // the metadata plugin reported its own error
          const table = JSON.parse(fs.readFileSync(this.options.table, "utf8"));
          const englishMetadata = withErrorInputs(JSON.parse(english.source.source().toString()));
          compilation.updateAsset(this.options.source, new sources.RawSource(JSON.stringify(englishMetadata, null, 2)));
          const { metadata, problems } = localizeMetadata(englishMetadata, table);
          for (const problem of problems) compilation.errors.push(new WebpackError(`zh-CN function help: ${problem}`));
          compilation.emitAsset(this.options.output, new sources.RawSource(JSON.stringify(metadata, null, 2)));
        },
      );
    });
  }
}

module.exports = { LocalizedMetadataPlugin };
