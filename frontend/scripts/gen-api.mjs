// Writes src/api/schema.d.ts from ../openapi/openapi.json; with --check, fails when it is stale.
//
// openapi-typescript keys its `operations` by operationId, which OpenAPI requires to be unique:
// when two operations share one, every path using it gets the first one's types (a wrong typed
// client, found only by luck). So a duplicate stops the generation (the backend's test
// `operation_ids_are_unique` guards the same).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const specPath = join(root, "../openapi/openapi.json");
const committed = join(root, "src/api/schema.d.ts");
const check = process.argv.includes("--check");

const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

function assertUniqueOperationIds(spec) {
  const operations = Object.values(spec.paths ?? {}).flatMap((item) =>
    methods.filter((method) => item[method]?.operationId).map((method) => item[method]),
  );
  const counts = new Map();
  for (const op of operations) counts.set(op.operationId, (counts.get(op.operationId) ?? 0) + 1);
  const duplicated = [...counts].filter(([, count]) => count > 1).map(([id]) => id);
  if (duplicated.length > 0) {
    throw new Error(`openapi.json: operationIds used more than once: ${duplicated.join(", ")}`);
  }
  return spec;
}

const dir = mkdtempSync(join(tmpdir(), "kiemdiem-schema-"));
try {
  const spec = assertUniqueOperationIds(JSON.parse(readFileSync(specPath, "utf8")));
  const input = join(dir, "openapi.json");
  writeFileSync(input, JSON.stringify(spec));
  const output = check ? join(dir, "schema.d.ts") : committed;
  execFileSync(join(root, "node_modules/.bin/openapi-typescript"), [input, "-o", output], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (check) {
    const stale =
      !existsSync(committed) || readFileSync(output, "utf8") !== readFileSync(committed, "utf8");
    if (stale) {
      console.error("src/api/schema.d.ts is stale: run npm run gen:api");
      process.exitCode = 1;
    } else {
      console.log("src/api/schema.d.ts is up to date");
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
