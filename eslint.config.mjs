// One lint configuration for the whole repository: ESLint's and typescript-eslint's recommended rules.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "dist/",
      "policies/bin/",
      "coverage/",
      "reports/",
      ".stryker-tmp*/",
      "bench/.runs/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Configuration files run under Node as plain ES modules.
    files: ["**/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
);
