import { rmSync } from "node:fs";

// The run's SQLite database lives in a temp directory made by playwright.config.ts.
export default function globalTeardown() {
  const dir = process.env.KIEMDIEM_E2E_DATA_DIR;
  if (dir !== undefined) {
    rmSync(dir, { recursive: true, force: true });
  }
}
