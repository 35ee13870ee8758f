// Idle CPU: how much main-thread time the page uses while nobody touches it. Canvass draws
// only while something changes, so an idle welcome or question screen should cost about what an
// empty page costs. Measured with Chromium's own counters (CDP Performance.getMetrics:
// TaskDuration, the main thread's busy time) over a quiet window, for Canvass and, as the
// baseline in the same run, an empty page served by the same server.
//
//   node bench/idle_cpu.mjs [--seconds S]   (default 10)
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const site = process.env.CANVASS_SITE || join(root, 'build/web/site');
const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 10;

const emptySite = mkdtempSync(join(tmpdir(), 'canvass-idle-'));
writeFileSync(join(emptySite, 'index.html'), '<!doctype html><title>empty</title><p>baseline</p>');

async function idleCpu(browser, url, prepare) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(url);
  await prepare(page);
  await page.waitForTimeout(2000);  // let start-up work finish
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const frames = () => page.evaluate(() => (window.canvass?.view?.().framesDrawn ?? 0));
  const before = await metric(), framesBefore = await frames();
  await page.waitForTimeout(seconds * 1000);
  const afterMetrics = await metric(), framesAfter = await frames();
  await context.close();
  const busy = afterMetrics.TaskDuration - before.TaskDuration;
  const wall = afterMetrics.Timestamp - before.Timestamp;
  return { cpuPercent: (100 * busy) / wall, busyMs: busy * 1000, wallS: wall, framesDrawn: framesAfter - framesBefore };
}

const canvassServer = await startServer({ root: site, port: 0 });
const emptyServer = await startServer({ root: emptySite, port: 0 });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-sandbox', '--disable-gpu'],
});
try {
  const baseline = await idleCpu(browser, `http://127.0.0.1:${emptyServer.address().port}/`, async () => {});
  const welcome = await idleCpu(browser, `http://127.0.0.1:${canvassServer.address().port}/`,
    (page) => page.evaluate(() => window.canvass.ready));
  const row = (name, r) => `| ${name} | ${r.cpuPercent.toFixed(2)} % | ${r.busyMs.toFixed(0)} ms in ${r.wallS.toFixed(1)} s | ${r.framesDrawn} |`;
  console.log(`idle window: ${seconds} s, main-thread busy time (CDP TaskDuration)\n`);
  console.log('| page | CPU | busy | frames drawn |\n| --- | --- | --- | --- |');
  console.log(row('empty page (baseline)', baseline));
  console.log(row('Canvass, welcome screen', welcome));
  console.log(`\nratio Canvass / empty page: ${(welcome.cpuPercent / Math.max(baseline.cpuPercent, 1e-6)).toFixed(2)}x`);
} finally {
  await browser.close();
  canvassServer.close();
  emptyServer.close();
}
