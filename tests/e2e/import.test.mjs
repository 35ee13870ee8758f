// A kiosk's staff import other kiosks' bundles for the results (docs/dashboard.md, "Importing
// kiosk files") in headless Chromium: a real file chosen through the file picker, a progress bar
// that moves while thousands of responses are read, checked and counted a slice a frame, the
// dashboard counting each response once (the same file twice adds nothing), the Board report it
// downloads equal to the one `canvass aggregate` makes from the same file, and a damaged file
// refused by name and place with nothing changed. Screenshot: artefacts/screenshots/import-*.png.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pressControl, repoRoot, screenshot, setUpKiosk, startHarness, typePin, view, waitForView } from './harness.mjs';

let harness;
const work = mkdtempSync(join(tmpdir(), 'canvass-import-'));
before(async () => { harness = await startHarness(); });
after(async () => {
  await harness?.close();
  rmSync(work, { recursive: true, force: true });
});

const kioskTablet = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, hasTouch: true };
const canvass = join(repoRoot, 'build/native/canvass');
const survey = join(repoRoot, 'assets/surveys/diz-digital-needs.json');
const count = 1500;

async function openStaff(page) {
  await page.keyboard.press('Control+Alt+KeyA');
  await waitForView(page, (v) => v.screen === 'staff-pin' && v.staff.mode === 'enter');
  await typePin(page);
  return waitForView(page, (v) => v.screen === 'staff' && v.paragraphs.length > 0);
}

async function importFile(page, path) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), pressControl(page, 'staff:import', { touch: true })]);
  await chooser.setFiles(path);
}

const started = Date.now();
const lap = (what) => console.log(`# ${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);

test('staff import a kiosk bundle with a progress bar; the dashboard counts it once and its Board report is the CLI\'s', async () => {
  const bundle = join(work, 'kiosk-north.json');
  execFileSync(canvass, ['simulate', '--survey', survey, '--count', String(count), '--seed', '21', '-o', bundle]);
  lap('simulated');
  const page = await harness.bootPage(kioskTablet, '?kiosk=1&kiosk-idle=600');
  page.on('dialog', (dialog) => dialog.accept());
  await setUpKiosk(page);
  let current = await openStaff(page);
  const importControl = current.controls.find((c) => c.id === 'staff:import');
  assert.equal(importControl.label, 'Import another kiosk\'s file for the results');

  // Watch every view while the file is counted: the bar must show, move forward, and stop.
  const seen = [];
  const watching = (async () => {
    for (;;) {
      const v = await view(page);
      if (v.loading) seen.push(v.loading);
      if (v.screen === 'dashboard') return;
      await new Promise((done) => setTimeout(done, 40));
    }
  })();
  await importFile(page, bundle);
  current = await waitForView(page, (v) => v.loading);
  assert.deepEqual(current.controls.map((c) => c.id), ['staff:stop_loading', 'staff:close']);
  assert.equal(await page.locator('#canvass-semantics progress').count(), 1, 'screen readers get a progress element');
  await screenshot(page, 'import-progress');
  await watching;
  lap('imported');
  const percents = seen.map((l) => l.percent);
  assert.ok(new Set(percents).size >= 3, `the bar moved (${JSON.stringify(seen)})`);
  assert.deepEqual(percents, [...percents].sort((a, b) => a - b), 'the bar only moves forward');
  assert.ok(seen.some((l) => l.stage === 'Reading kiosk-north.json'));
  assert.ok(seen.some((l) => l.stage === 'Checking kiosk-north.json against the survey'));

  current = await waitForView(page, (v) => v.screen === 'dashboard' && v.dashboard?.source === 'live');
  assert.match(current.paragraphs[1], /^Counted on .* from 1,500 responses: those stored on this kiosk and 1 imported file, each response counted once\.$/);
  assert.equal(current.paragraphs[2], 'kiosk-north.json: 1,500 responses, 1,500 not already counted.');

  // The Board report from the browser is the CLI's report of the same file, but for the day made.
  const [download] = await Promise.all([page.waitForEvent('download'), pressControl(page, 'dashboard:download_report', { touch: true })]);
  const fromBrowser = JSON.parse(readFileSync(await download.path(), 'utf8'));
  const cliReport = join(work, 'report.json');
  execFileSync(canvass, ['aggregate', '--survey', survey, bundle, '-o', cliReport, '--now', `${fromBrowser.generated}T12:00:00Z`]);
  lap('aggregated');
  const fromCli = JSON.parse(readFileSync(cliReport, 'utf8'));
  assert.equal(fromBrowser.response_count, count);
  assert.deepEqual(fromBrowser.questions, fromCli.questions);
  assert.deepEqual(fromBrowser.summary, fromCli.summary);
  assert.deepEqual(fromBrowser.sources, fromCli.sources);

  // The same file again adds nothing: each response is counted once.
  await pressControl(page, 'dashboard:back', { touch: true });
  current = await waitForView(page, (v) => v.screen === 'staff');
  assert.ok(current.paragraphs.includes('Imported for the results: kiosk-north.json. Nothing of them is stored on this kiosk.'));
  await importFile(page, bundle);
  current = await waitForView(page, (v) => v.screen === 'dashboard');
  assert.match(current.paragraphs[1], / from 1,500 responses: those stored on this kiosk and 2 imported files/);
  assert.equal(current.paragraphs[3], 'kiosk-north.json: 1,500 responses, 0 not already counted.');
  await pressControl(page, 'dashboard:back', { touch: true });
  await waitForView(page, (v) => v.screen === 'staff');

  // A damaged file: refused by name and place, and the results are as they were.
  const damaged = join(work, 'kiosk-south.json');
  writeFileSync(damaged, readFileSync(bundle, 'utf8').replace('"channel":"online"', '"channel":"fax"'));
  await importFile(page, damaged);
  current = await waitForView(page, (v) => v.screen === 'staff' && (v.status || '').startsWith('Nothing was added'));
  assert.match(current.status, /^Nothing was added to the results: kiosk-south\.json: responses\[\d+\]\.channel: 'fax' is not one of online, kiosk, paper, phone$/);
  assert.ok(current.paragraphs.includes('Imported for the results: kiosk-north.json. Nothing of them is stored on this kiosk.'));
  await screenshot(page, 'import-refused');
  // Nothing of the imports went into this kiosk's own store: its export has nothing to export.
  assert.equal(current.controls.find((c) => c.id === 'staff:export').enabled, false);
  await page.close();
});
