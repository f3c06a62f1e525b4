const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

/** The files that declare the CX functions, one per family. */
const FUNCTION_FAMILIES = ["satisfaction", "acquisition", "retention", "rfm", "lifetimeValue", "followUp", "periods"].map((family) => `./src/functions/${family}.ts`);
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { LocalizedMetadataPlugin } = require("./build/localizedMetadataPlugin");

/** The manifest's development URLs; a production build rewrites them to ADDIN_BASE_URL. */
const DEV_BASE_URL = "https://localhost:3000/";

function productionBaseUrl() {
  const url = process.env.ADDIN_BASE_URL;
  if (!url) return DEV_BASE_URL;
  if (!/^https:\/\/[^\s"'<>]+\/$/.test(url)) {
    throw new Error(`ADDIN_BASE_URL must be an https URL ending in "/", got ${JSON.stringify(url)}`);
  }
  return url;
}

async function httpsOptions() {
  try {
    // Trusted certificates for localhost (installing them the first time needs admin rights).
    const devCerts = require("office-addin-dev-certs");
    return await devCerts.getHttpsServerOptions();
  } catch (error) {
    console.warn(`office-addin-dev-certs could not provide trusted certificates (${error.message}); serving with a self-signed certificate. Open https://localhost:3000/taskpane.html once in your browser and accept it before sideloading.`);
    return undefined;
  }
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  const baseUrl = dev ? DEV_BASE_URL : productionBaseUrl();
  const serving = process.env.WEBPACK_SERVE === "true";
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    // webpack's own runtime code at the same level
    target: ["web", "es2016"],
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // ES2016: the JavaScript-only runtime of functions.js on Windows before 2403 and in perpetual
          // Office through 2021 runs ECMAScript 2016 (Microsoft's "Runtimes in Office Add-ins");
          // test/build/bundleSyntax.test.ts parses the bundle at that level.
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { target: "ES2016" } } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      // The functions' families (src/functions/functions.ts re-exports them): the plugin reads each one's JSDoc.
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: FUNCTION_FAMILIES }),
      new LocalizedMetadataPlugin({
        source: "functions.json",
        output: "functions.zh-CN.json",
        table: path.resolve(__dirname, "src/i18n/functionHelp.zh-CN.json"),
      }),
      new HtmlWebpackPlugin({ filename: "functions.html", template: "./src/functions/functions.html", chunks: ["functions"] }),
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"] }),
      new HtmlWebpackPlugin({ filename: "commands.html", template: "./src/commands/commands.html", chunks: ["commands"] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (baseUrl === DEV_BASE_URL ? content : content.toString().split(DEV_BASE_URL).join(baseUrl)),
          },
        ],
      }),
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, "dist") },
      headers: { "Access-Control-Allow-Origin": "*" },
      port: 3000,
      hot: false,
      liveReload: true,
      client: false,
      server: serving ? { type: "https", options: await httpsOptions() } : "https",
    },
  };
};
