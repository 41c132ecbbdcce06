import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { defineConfig } from "@playwright/test";

const root = import.meta.dirname;
const port = Number(process.env.E2E_PORT ?? "18080");
const baseURL = `http://127.0.0.1:${port}`;
// The release build by default; KIEMDIEM_BIN can point at another build (e.g. a debug one).
const binary = process.env.KIEMDIEM_BIN ?? resolve(root, "../target/release/kiemdiem");

// Playwright loads this file again in each worker process. Workers inherit the runner's
// environment, so the runner's fresh data directory and secret are created once per run.
process.env.KIEMDIEM_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), "kiemdiem-e2e-"));
process.env.KIEMDIEM_E2E_JWT_SECRET ??= randomBytes(32).toString("hex");
// The first administrator's password, new for every run (tests read it from the environment).
process.env.KIEMDIEM_E2E_ADMIN_PASSWORD ??= randomBytes(16).toString("hex");

export default defineConfig({
  testDir: "./tests",
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // One retry against a slow animation on a loaded 2-core machine; a test that passes only on
  // its retry is listed as "flaky" by the reporter and in make test's summary, not hidden.
  retries: 1,
  reporter: "list",
  globalTeardown: "./global-teardown.ts",
  use: {
    baseURL,
    browserName: "chromium",
    headless: true,
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright's own browser downloads are not reachable here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    // The shell expands the password from the environment given below; create-admin reads the
    // same database settings as serve.
    command: [
      `"${binary}" create-admin --username admin --password="$KIEMDIEM_E2E_ADMIN_PASSWORD"`,
      `exec "${binary}" serve`,
    ].join(" && "),
    cwd: root,
    env: {
      DATABASE_URL: `sqlite:${join(process.env.KIEMDIEM_E2E_DATA_DIR, "e2e.db")}`,
      KIEMDIEM_BIND: `127.0.0.1:${port}`,
      KIEMDIEM_WEB_DIR: resolve(root, "../frontend/dist"),
      KIEMDIEM_JWT_SECRET: process.env.KIEMDIEM_E2E_JWT_SECRET,
      KIEMDIEM_E2E_ADMIN_PASSWORD: process.env.KIEMDIEM_E2E_ADMIN_PASSWORD,
      RUST_LOG: "warn",
    },
    url: `${baseURL}/health/ready`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
