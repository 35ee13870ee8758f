// Web bundle size: raw, gzip and brotli bytes of every file the browser downloads before the
// first frame, found by loading the built app in headless Chromium and recording its requests,
// then the same totals per kind of file (wasm, js, data/fonts, html/css, survey json).
// A figure to report, not a pass/fail test. Usage: node bench/bundle_size.mjs [--json]
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { siteRoot, startHarness } from '../tests/e2e/harness.mjs';
import { byKind, compressedSizes, kindOf, sum } from './transfer.mjs';

const harness = await startHarness();
const page = await harness.openPage();
const requested = [];
page.on('request', (request) => {
  const url = new URL(request.url());
  if (url.origin === new URL(harness.url).origin) requested.push(url.pathname === '/' ? '/index.html' : url.pathname);
});
await page.goto(harness.url);
await page.evaluate(() => window.canvass.ready);
await harness.close();

const rows = [];
for (const path of [...new Set(requested)]) {
  const bytes = await readFile(join(siteRoot, decodeURIComponent(path)));
  rows.push({ file: path.slice(1), kind: kindOf(path), ...compressedSizes(bytes) });
}
const total = sum(rows);
const kinds = byKind(rows);

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ files: rows, byKind: kinds, total }, null, 2));
} else {
  const pad = (value, width) => String(value).padStart(width);
  const line = (name, row) => console.log(`${name.padEnd(24)}${pad(row.raw, 10)}${pad(row.gzip, 10)}${pad(row.brotli, 10)}`);
  console.log(`${'file'.padEnd(24)}${pad('raw', 10)}${pad('gzip', 10)}${pad('brotli', 10)}`);
  for (const row of rows) line(row.file, row);
  console.log('');
  for (const row of kinds) line(`${row.kind} (${row.count})`, row);
  line('total', total);
}
