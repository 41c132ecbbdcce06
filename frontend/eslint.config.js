import { readdirSync } from "node:fs";
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import reactRefresh from "eslint-plugin-react-refresh";
import globals from "globals";
import tseslint from "typescript-eslint";

// bulletproof-react's dependency direction: app → features → shared (api, components, lib).
// A feature never imports another feature or the app; shared code imports neither.
const features = readdirSync(new URL("./src/features", import.meta.url), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const parentImports = {
  group: ["../*"],
  message: "Import from another folder through the @/ alias.",
};

function restrictImports(...patterns) {
  return { "no-restricted-imports": ["error", { patterns: [parentImports, ...patterns] }] };
}

export default defineConfig(
  { ignores: ["dist", "src/api/schema.d.ts"] },
  {
    files: ["**/*.{ts,tsx}"],
    extends: [
      js.configs.recommended,
      tseslint.configs.recommendedTypeChecked,
      reactHooks.configs.flat["recommended-latest"],
      reactRefresh.configs.vite,
    ],
    languageOptions: {
      ecmaVersion: 2023,
      globals: globals.browser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: restrictImports(),
  },
  {
    files: ["src/api/**", "src/components/**", "src/lib/**"],
    rules: restrictImports({
      group: ["@/features/*", "@/app/*"],
      message: "Shared code must not depend on features or on the app.",
    }),
  },
  ...features.map((feature) => ({
    files: [`src/features/${feature}/**`],
    rules: restrictImports({
      regex: `^@/(app|features/(?!${feature}/))`,
      message: "A feature must not import the app or another feature.",
    }),
  })),
  {
    files: ["vite.config.ts"],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["**/*.{js,mjs}"],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
);
