// Fails when src/api/schema.d.ts no longer matches ../openapi/openapi.json.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const committed = join(root, "src/api/schema.d.ts");
const dir = mkdtempSync(join(tmpdir(), "kiemdiem-schema-"));
const fresh = join(dir, "schema.d.ts");

try {
  execFileSync(
    join(root, "node_modules/.bin/openapi-typescript"),
    ["../openapi/openapi.json", "-o", fresh],
    { cwd: root, stdio: ["ignore", "ignore", "inherit"] },
  );
  const stale =
    !existsSync(committed) || readFileSync(fresh, "utf8") !== readFileSync(committed, "utf8");
  if (stale) {
    console.error("src/api/schema.d.ts is stale: run npm run gen:api");
    process.exitCode = 1;
  } else {
    console.log("src/api/schema.d.ts is up to date");
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
