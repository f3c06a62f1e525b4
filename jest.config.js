/** Jest runs the TypeScript sources through ts-jest; type checking is `npm run lint`'s job. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  setupFiles: ["<rootDir>/test/setup/customFunctionsGlobals.ts", "<rootDir>/test/setup/jsdomPolyfills.ts"],
  // office-addin-mock needs only office-addin-manifest's OfficeApp enum (see the stub).
  moduleNameMapper: { "^office-addin-manifest$": "<rootDir>/test/setup/officeAddinManifestStub.ts" },
  transform: {
    "^.+\\.tsx?$": [
      "ts-jest",
      { tsconfig: { module: "commonjs", moduleResolution: "node", jsx: "react-jsx" } },
    ],
  },
};
