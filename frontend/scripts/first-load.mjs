// The first load of the SPA on a phone (issue #17): the gzipped size of every script and style
// sheet that dist/index.html loads or modulepreloads, whatever page is opened first. Prints each
// file and the sum; fails over the budget. Run after `npm run build` (`npm run check:first-load`).
//
// What pages load after it (their route's chunk, the pages' words, the menu) is not counted: it
// comes alongside the first page, and only the pages visited load theirs.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const budget = 250_000; // bytes, gzipped
const dist = fileURLToPath(new URL("../dist", import.meta.url));
const indexPath = join(dist, "index.html");
if (!existsSync(indexPath)) {
  console.error("first-load: dist/index.html is missing; run `npm run build` first");
  process.exit(1);
}

const html = readFileSync(indexPath, "utf8");
// <script src>, <link rel="modulepreload" href> and <link rel="stylesheet" href> of the build.
const files = [
  ...new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1])),
];
if (files.length === 0) {
  console.error("first-load: dist/index.html loads no /assets/ script or style sheet");
  process.exit(1);
}

const sizes = files
  .map((file) => ({ file, gzipped: gzipSync(readFileSync(join(dist, file)), { level: 9 }).length }))
  .sort((a, b) => b.gzipped - a.gzipped);
const total = sizes.reduce((sum, { gzipped }) => sum + gzipped, 0);
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

for (const { file, gzipped } of sizes) console.log(`${kb(gzipped).padStart(9)}  ${file}`);
console.log(`${kb(total).padStart(9)}  first load, gzipped (${files.length} files; budget ${kb(budget)})`);
if (total > budget) {
  console.error(
    `first-load: ${kb(total)} is over the budget of ${kb(budget)}: something the first page does ` +
      "not need is imported by main.tsx, the app's providers, the layout or the header " +
      "(build with --sourcemap and read the chunks' sources to find it).",
  );
  process.exit(1);
}
