import { fileURLToPath, URL } from "node:url";
import react from "@vitejs/plugin-react";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

const backend = "http://127.0.0.1:8080";

/**
 * antd's form contexts (imported by its Tooltip, Menu, Modal and Drawer through ContextIsolator,
 * so by every page) take only `FormProvider` from @rc-component/form, but through the package's
 * index, whose side effects keep the whole form library (its store, fields, async-validator:
 * ~13 kB gzipped) in the first load. Take it from the module that defines it, the same instance.
 */
function formProviderOnly(): Plugin {
  return {
    name: "kiemdiem:antd-form-context",
    enforce: "pre",
    async resolveId(source, importer) {
      if (source !== "@rc-component/form" || !importer) return null;
      if (!/[\\/]antd[\\/]es[\\/]form[\\/]context\.js$/.test(importer)) return null;
      return this.resolve("@rc-component/form/es/FormContext.js", importer, { skipSelf: true });
    },
  };
}

export default defineConfig({
  plugins: [react(), formProviderOnly()],
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./src", import.meta.url)),
      // The API's OpenAPI document, read by the tests' stubbed API (src/testing/api.ts).
      "@openapi": fileURLToPath(new URL("../openapi", import.meta.url)),
    },
  },
  server: {
    // The stubbed API of the tests reads the OpenAPI document's bounds (src/testing/api.ts).
    fs: { allow: [".", "../openapi"] },
    proxy: {
      "/api/": backend,
      "/api-docs": backend,
      "/health/": backend,
    },
  },
  build: {
    rolldownOptions: {
      output: {
        // React and the router change rarely and are needed by every page: their own long-cached
        // chunk, which also keeps the entry chunk (antd's core) below the 500 kB warning.
        // (Vite 8 bundles with Rolldown, where codeSplitting replaces the deprecated manualChunks.)
        codeSplitting: {
          groups: [
            {
              name: "react",
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/,
            },
          ],
        },
      },
    },
  },
  test: {
    environment: "jsdom",
    setupFiles: [
      "./src/testing/page-request.ts",
      "./src/testing/setup.ts",
      "./src/lib/i18n/test-setup.ts",
    ],
    css: false,
    unstubGlobals: true,
    // The first test of a file loads the lazy route chunks: slow on a busy two-core machine
    // (a slower one took 25 s for the feedback clusters' first test: 20 s failed it).
    testTimeout: 60_000,
  },
});
