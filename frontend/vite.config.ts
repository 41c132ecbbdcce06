import { fileURLToPath, URL } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

const backend = "http://127.0.0.1:8080";

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  server: {
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
    setupFiles: ["./src/testing/page-request.ts", "./src/testing/setup.ts"],
    css: false,
    unstubGlobals: true,
    // The first test of a file loads the lazy route chunks: slow on a busy two-core machine.
    testTimeout: 20_000,
  },
});
