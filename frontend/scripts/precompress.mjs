// Writes a gzipped copy (`name.gz`) beside every built script, style sheet and SVG under
// dist/assets that compression makes smaller, once at build time: the server sends it to
// browsers that accept gzip (backend/api/src/spa.rs), so a phone on 3G fetches about a third
// of the bytes, and no request pays for compressing (issue #17). Run by `npm run build`.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { constants, gzipSync } from "node:zlib";

const assets = fileURLToPath(new URL("../dist/assets", import.meta.url));
let written = 0;
let before = 0;
let after = 0;
for (const name of readdirSync(assets)) {
  if (!/\.(js|css|svg|json)$/.test(name)) continue;
  const path = join(assets, name);
  if (!statSync(path).isFile()) continue;
  const raw = readFileSync(path);
  const gz = gzipSync(raw, { level: constants.Z_BEST_COMPRESSION });
  // Small files are not worth a second request path (and may grow).
  if (raw.length < 1024 || gz.length >= raw.length) continue;
  writeFileSync(`${path}.gz`, gz);
  written += 1;
  before += raw.length;
  after += gz.length;
}
console.log(
  `precompress: ${written} files, ${(before / 1000).toFixed(0)} kB → ${(after / 1000).toFixed(0)} kB gzipped`,
);
