// Dashboard frames with a large store open (issue: "with a 100k-response store open, frames stay
// under 16 ms"). A kiosk in headless Chromium imports a bundle of N simulated responses through
// its staff screen (the real file picker), then its dashboard is scrolled with the mouse wheel and
// filtered by tapping. The page's requestAnimationFrame is wrapped so that every animation-frame
// callback's script time is recorded; Canvass draws only inside callbacks it requested, so these
// are its frames (and, while importing, its counting slices). The same is done with a small bundle
// in the same run, as the baseline.
//
// Builds nothing: run `scripts/build native-release web` first (or point CANVASS_SITE at another
// built site). Usage: node bench/dashboard_frames.mjs [--count N]. JSON in
// artefacts/bench/dashboard-frames.json. Headless Chromium draws WebGL on the CPU (SwiftShader),
// so drawing costs more here than on a kiosk's GPU: read the figures as an upper bound.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pressControl, repoRoot, setUpKiosk, startHarness, typePin, waitForView } from '../tests/e2e/harness.mjs';

const argument = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const count = argument('--count', 100_000);
const baselineCount = 1_500;
const work = join(repoRoot, 'artefacts/bench/frames');
mkdirSync(work, { recursive: true });
const canvass = join(repoRoot, 'build/native-release/canvass');
const survey = join(repoRoot, 'assets/surveys/diz-digital-needs.json');

function bundleOf(n) {
  const path = join(work, `kiosk-${n}.json`);
  if (!existsSync(path)) execFileSync(canvass, ['simulate', '--survey', survey, '--count', String(n), '--seed', '7', '-o', path]);
  return path;
}

// Every animation-frame callback's duration, under the label being recorded.
function recordFrames() {
  const original = window.requestAnimationFrame.bind(window);
  window.benchFrames = [];
  window.benchLabel = '';
  window.requestAnimationFrame = (callback) => original((time) => {
    const start = performance.now();
    try { callback(time); } finally {
      if (window.benchLabel) window.benchFrames.push([window.benchLabel, performance.now() - start]);
    }
  });
  // The accessible HTML layer is rebuilt inside the frame that changed the view
  // (Module.onCanvassViewChanged, web/page/boot.js): its share of the time, recorded on its own.
  let wrapped = false;
  const wrap = () => {
    if (wrapped || !window.Module?.onCanvassViewChanged) return;
    wrapped = true;
    const changed = window.Module.onCanvassViewChanged.bind(window.Module);
    window.Module.onCanvassViewChanged = (...args) => {
      const start = performance.now();
      try { return changed(...args); } finally {
        if (window.benchLabel) window.benchFrames.push([`${window.benchLabel}:layer`, performance.now() - start]);
      }
    };
  };
  window.addEventListener('load', wrap);
}

const label = (page, name) => page.evaluate((n) => { window.benchLabel = n; }, name);

function stats(frames, name) {
  const times = frames.filter(([l]) => l === name).map(([, t]) => t).sort((a, b) => a - b);
  if (!times.length) return { frames: 0 };
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { frames: times.length, median_ms: +at(0.5).toFixed(2), p95_ms: +at(0.95).toFixed(2), max_ms: +times.at(-1).toFixed(2),
    over_16ms: times.filter((t) => t > 16).length };
}

async function measure(harness, n) {
  const page = await harness.openPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, hasTouch: true });
  await page.addInitScript(recordFrames);
  await page.goto(`${harness.url}?kiosk=1&kiosk-idle=3600`);
  await page.evaluate(() => window.canvass.ready);
  await setUpKiosk(page);
  await page.keyboard.press('Control+Alt+KeyA');
  await waitForView(page, (v) => v.screen === 'staff-pin' && v.staff.mode === 'enter');
  await typePin(page);
  await waitForView(page, (v) => v.screen === 'staff' && v.paragraphs.length > 0);

  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), pressControl(page, 'staff:import', { touch: true })]);
  await label(page, 'import');
  const started = Date.now();
  await chooser.setFiles(bundleOf(n));
  await page.waitForFunction(() => window.canvass.view().screen === 'dashboard', null, { timeout: 30 * 60_000, polling: 1000 });
  const importSeconds = (Date.now() - started) / 1000;
  await label(page, '');

  // Scrolling: frames are drawn, nothing is counted again.
  const box = await page.locator('#canvas').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await label(page, 'scroll');
  for (let i = 0; i < 40; i++) {
    await page.mouse.wheel(0, i < 20 ? 400 : -400);
    await new Promise((done) => setTimeout(done, 60));
  }
  await new Promise((done) => setTimeout(done, 500));
  await label(page, '');

  // Filters: each tap counts the responses again, once.
  await label(page, 'filter');
  for (const [id, shown] of [['dashboard:segment:resident', 'Residents'], ['dashboard:area:harlow', 'Residents in Harlow'],
    ['dashboard:segment:business', 'Businesses in Harlow'], ['dashboard:area:epping_forest', 'Businesses in Epping Forest'],
    ['dashboard:segment:all', 'People in Epping Forest'], ['dashboard:area:all', 'Everyone']]) {
    await pressControl(page, id, { touch: true });
    await waitForView(page, (v) => v.dashboard?.filterLabel === shown, 60_000);
  }
  await new Promise((done) => setTimeout(done, 500));
  await label(page, '');
  const frames = await page.evaluate(() => window.benchFrames);
  const recounts = await page.evaluate(() => window.canvass.view().dashboard.recounts);
  await page.close();
  return { responses: n, import_s: +importSeconds.toFixed(1), recounts, import: stats(frames, 'import'), scroll: stats(frames, 'scroll'),
    filter: stats(frames, 'filter'), filter_layer: stats(frames, 'filter:layer') };
}

const harness = await startHarness();
let results;
try {
  results = { baseline: await measure(harness, baselineCount), large: await measure(harness, count) };
} finally {
  await harness.close();
}
console.log('| figure | ' + `${baselineCount} responses | ${count} responses | ratio |\n| --- | --- | --- | --- |`);
console.log(`| import through the staff screen (s) | ${results.baseline.import_s} | ${results.large.import_s} | ${(results.large.import_s / results.baseline.import_s).toFixed(1)}x |`);
for (const part of ['import', 'scroll', 'filter', 'filter_layer']) {
  for (const figure of ['median_ms', 'p95_ms', 'max_ms']) {
    const b = results.baseline[part][figure], l = results.large[part][figure];
    console.log(`| ${part} frame script, ${figure.replace('_ms', '')} (ms) | ${b} | ${l} | ${(l / b).toFixed(2)}x |`);
  }
  console.log(`| ${part} frames over 16 ms | ${results.baseline[part].over_16ms} of ${results.baseline[part].frames} | ${results.large[part].over_16ms} of ${results.large[part].frames} | |`);
}
console.log(`recounts: ${results.baseline.recounts} and ${results.large.recounts} (one when opened, one per filter change)`);
writeFileSync(join(repoRoot, 'artefacts/bench/dashboard-frames.json'), JSON.stringify(results, null, 2));
