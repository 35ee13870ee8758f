// Web bundle size: raw, gzip and brotli bytes of every file the browser downloads before the
// first frame, found by loading the built app in headless Chromium and recording its requests.
// A figure to report, not a pass/fail test. Usage: node bench/bundle_size.mjs [--json]
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { siteRoot, startHarness } from '../tests/e2e/harness.mjs';

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
  rows.push({
    file: path.slice(1),
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  });
}
const total = rows.reduce((sum, row) => ({ raw: sum.raw + row.raw, gzip: sum.gzip + row.gzip, brotli: sum.brotli + row.brotli }),
  { raw: 0, gzip: 0, brotli: 0 });

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ files: rows, total }, null, 2));
} else {
  const pad = (value, width) => String(value).padStart(width);
  console.log(`${'file'.padEnd(24)}${pad('raw', 10)}${pad('gzip', 10)}${pad('brotli', 10)}`);
  for (const row of rows) console.log(`${row.file.padEnd(24)}${pad(row.raw, 10)}${pad(row.gzip, 10)}${pad(row.brotli, 10)}`);
  console.log(`${'total'.padEnd(24)}${pad(total.raw, 10)}${pad(total.gzip, 10)}${pad(total.brotli, 10)}`);
}
