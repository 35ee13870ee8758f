// A kiosk's staff area end to end (docs/kiosk.md): choosing the PIN on the first start, the
// hidden gesture (Ctrl+Alt+A and a three-second press on the corner), wrong PINs, the staff
// screen's figures, exporting a bundle as a real download that passes its JSON Schema, deleting
// only after the saved file is re-opened and checked, a paper response, and leaving kiosk mode.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import Ajv2020 from 'ajv/dist/2020.js';
import { kioskPin, pressControl, pressLayerButton, repoRoot, screenshot, semanticLayer, setUpKiosk, startHarness, typePin, view, viewports, waitForView } from './harness.mjs';
import { answerScreen, completeSurvey, nextScreen, operator } from './canvas_walk.mjs';
import { call } from './store_exports.mjs';

let harness;
let folder;
before(async () => {
  harness = await startHarness();
  folder = mkdtempSync(join(tmpdir(), 'canvass-staff-'));
});
after(async () => {
  await harness?.close();
  rmSync(folder, { recursive: true, force: true });
});

const address = '?kiosk=1&kiosk-idle=600&kiosk-thanks=1&test-exports';
const axeViolations = async (page) => (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join('; ')}`);
const schema = JSON.parse(readFileSync(join(repoRoot, 'docs/schemas/canvass.responses.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

async function bootKiosk() {
  const page = await harness.bootPage(viewports.kiosk, address);
  page.on('dialog', (dialog) => dialog.accept());
  return page;
}

// Each test's browser context is a new kiosk: each names itself (the staff screen's first line).
const kioskNames = new Map();  // page -> "Kiosk 1a2b3c4d"
const noteKiosk = (page, current) => kioskNames.set(page, current.paragraphs[0].split(',')[0]);

// The hidden gesture, then the PIN: the staff screen.
async function openStaff(page) {
  await page.keyboard.press('Control+Alt+KeyA');
  await waitForView(page, (v) => v.screen === 'staff-pin' && v.staff.mode === 'enter');
  await typePin(page);
  const current = await waitForView(page, (v) => v.screen === 'staff' && v.paragraphs.length > 0);
  noteKiosk(page, current);
  return current;
}

// Every journal record and the checkpoint in IndexedDB, as text (bytes as Latin-1).
function everythingStored(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const text = (value) => {
      if (typeof value === 'string') return value;
      if (ArrayBuffer.isView(value)) return new TextDecoder('latin1').decode(value);
      if (value instanceof ArrayBuffer) return new TextDecoder('latin1').decode(new Uint8Array(value));
      if (value && typeof value === 'object') return Object.values(value).map(text).join('\n');
      return String(value);
    };
    const open = indexedDB.open('canvass');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['journal', 'checkpoint'], 'readonly');
      const records = tx.objectStore('journal').getAll();
      const checkpoints = tx.objectStore('checkpoint').getAll();
      tx.oncomplete = () => {
        db.close();
        resolve([...records.result, ...checkpoints.result].map(text).join('\n'));
      };
    };
  }));
}

async function download(page, control) {
  const [file] = await Promise.all([page.waitForEvent('download'), pressControl(page, control, { touch: true })]);
  const path = join(folder, file.suggestedFilename());
  await file.saveAs(path);
  return { path, name: file.suggestedFilename(), bundle: JSON.parse(readFileSync(path, 'utf8')) };
}

async function chooseFile(page, path) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), pressControl(page, 'staff:check_file', { touch: true })]);
  await chooser.setFiles(path);
}

test('the first start asks for a PIN; the hidden gesture and the PIN open the staff screen; wrong PINs are counted', async () => {
  const page = await bootKiosk();
  let current = await waitForView(page, (v) => v.screen === 'staff-pin');
  assert.equal(current.heading, 'Choose a staff PIN');
  assert.ok(!current.controls.some((c) => c.id === 'staff:close'), 'a kiosk cannot start without a PIN');
  assert.deepEqual(await axeViolations(page), []);
  await typePin(page, '111111');
  current = await waitForView(page, (v) => v.status);
  assert.equal(current.status, 'Choose another PIN: that PIN is too easy to guess; choose digits that are not all the same or in a row.');
  await screenshot(page, 'kiosk-staff-pin-choose');
  assert.equal(JSON.stringify(current).includes('111111'), false, 'typed digits never reach the view');

  await setUpKiosk(page);
  // Ctrl+Alt+A on the attract screen, then a wrong PIN typed on the keyboard (the canvas has the focus after a tap).
  await page.keyboard.press('Control+Alt+KeyA');
  current = await waitForView(page, (v) => v.screen === 'staff-pin' && v.staff.mode === 'enter');
  await pressControl(page, 'pin:1', { touch: true });
  await page.keyboard.type('35790');
  await waitForView(page, (v) => v.staff?.pinDigits === 6);
  await page.keyboard.press('Enter');
  current = await waitForView(page, (v) => v.status);
  assert.equal(current.status, 'Wrong PIN. 4 tries left before staff access locks for 5 minutes.');
  assert.equal(current.staff.pinDigits, 0);
  assert.equal(await semanticLayer(page).getByRole('status').textContent(), current.status);
  await screenshot(page, 'kiosk-staff-pin-wrong');
  await pressControl(page, 'staff:close', { touch: true });
  await waitForView(page, (v) => v.screen === 'welcome');

  // A finger held on the top-left corner for three seconds.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: 12, y: 12, id: 1 }] });
  await new Promise((done) => setTimeout(done, 1_500));
  assert.equal((await view(page)).screen, 'welcome', 'a short press is not the gesture');
  await new Promise((done) => setTimeout(done, 1_800));
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  current = await waitForView(page, (v) => v.screen === 'staff-pin');
  // The accessible layer has the same keys in the same order; a keyboard or screen-reader user
  // types the PIN there.
  const layerOrder = () => semanticLayer(page).locator('[data-control]').evaluateAll((nodes) => nodes.map((n) => n.dataset.control));
  assert.deepEqual(await layerOrder(), current.controls.map((c) => c.id));
  for (const digit of kioskPin) await pressLayerButton(page, digit);
  await waitForView(page, (v) => v.staff?.pinDigits === kioskPin.length);
  await pressLayerButton(page, 'Unlock');
  current = await waitForView(page, (v) => v.screen === 'staff' && v.paragraphs.length > 0);
  assert.deepEqual(await layerOrder(), current.controls.map((c) => c.id));
  assert.match(current.paragraphs[0], /^Kiosk [0-9a-f]{8}, collecting “diz-digital-needs”\.$/);
  noteKiosk(page, current);
  assert.equal(current.paragraphs[1], 'Responses stored today: 0. On this kiosk: 0, of which 0 not yet exported.');
  assert.match(current.paragraphs[3], /^Storage: .* used, .* free\.$/);
  assert.equal(current.paragraphs[4], 'Last backup: never. Export the responses at the end of each day.');
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'kiosk-staff-screen-empty');
  // Only the PIN's hash is kept: the journal and the checkpoint in IndexedDB never hold the PIN.
  const stored = await everythingStored(page);
  assert.ok(stored.includes('pbkdf2-sha256$100000$'), 'the hash is journalled');
  assert.equal(stored.includes(kioskPin), false);
  harness.assertClean();
  await page.context().close();
});

test('an export downloads every response as a valid bundle; deleting needs the saved file re-opened and checked', async () => {
  const page = await bootKiosk();
  await setUpKiosk(page);
  const first = await completeSurvey(page, 'touch', 'en', 'resident');
  await waitForView(page, (v) => v.screen === 'welcome', 5_000);
  const second = await completeSurvey(page, 'mouse', 'en', 'business');
  await waitForView(page, (v) => v.screen === 'welcome', 5_000);

  let current = await openStaff(page);
  assert.equal(current.paragraphs[1], 'Responses stored today: 2. On this kiosk: 2, of which 2 not yet exported.');
  const deviceStart = current.paragraphs[0].slice('Kiosk '.length, 'Kiosk '.length + 8);
  const exported = await download(page, 'staff:export');
  assert.match(exported.name, /^canvass-responses-diz-digital-needs-[0-9a-f]{8}-\d{8}-\d{4}\.json$/);
  assert.ok(validate(exported.bundle), JSON.stringify(validate.errors));
  assert.ok(exported.bundle.device_id.startsWith(deviceStart));
  assert.deepEqual(exported.bundle.responses.map((r) => r.id).sort(), [first.id, second.id].sort());
  assert.deepEqual(exported.bundle.responses.map((r) => r.channel), ['kiosk', 'kiosk']);
  current = await waitForView(page, (v) => v.status?.startsWith('Exported'));
  assert.equal(current.paragraphs[1], 'Responses stored today: 2. On this kiosk: 2, of which 0 not yet exported.');
  assert.match(current.paragraphs[4], /^Last backup: \d+ \w+ \d{4}, \d\d:\d\d\.$/);
  assert.equal(current.controls.find((c) => c.id === 'staff:delete').enabled, false);
  await screenshot(page, 'kiosk-staff-exported');

  // A file that lacks one response (a tampered or older copy) allows no deletion.
  const partial = { ...exported.bundle, responses: exported.bundle.responses.filter((r) => r.id !== second.id) };
  const partialPath = join(folder, 'older-copy.json');
  writeFileSync(partialPath, JSON.stringify(partial));
  await chooseFile(page, partialPath);
  current = await waitForView(page, (v) => v.status?.startsWith('Nothing was deleted'));
  assert.equal(current.status, `Nothing was deleted: 1 exported response on this kiosk is not in older-copy.json (the first is ${second.id}). Export again, save the new file, and check that one.`);
  assert.equal(current.controls.find((c) => c.id === 'staff:delete').enabled, false);
  // Not JSON at all: the file and the place are named.
  const brokenPath = join(folder, 'notes.json');
  writeFileSync(brokenPath, 'Shopping: milk');
  await chooseFile(page, brokenPath);
  current = await waitForView(page, (v) => v.status?.includes('notes.json'));
  assert.match(current.status, /^Nothing was deleted: notes\.json:1:1: .*\. Choose the file the export saved\.$/);

  // The saved file itself: every exported response is in it, so they may go.
  await chooseFile(page, exported.path);
  current = await waitForView(page, (v) => v.status?.includes('holds all'));
  assert.equal(current.status, `${exported.name} holds all 2 exported responses on this kiosk. You can now delete them from the kiosk.`);
  assert.equal(current.controls.find((c) => c.id === 'staff:delete').label, 'Delete 2 exported responses');
  await pressControl(page, 'staff:delete', { touch: true });
  current = await waitForView(page, (v) => v.status?.startsWith('Deleted'));
  assert.equal(current.status, `Deleted 2 exported responses from this kiosk. They are in ${exported.name}.`);
  assert.equal(current.paragraphs[1], 'Responses stored today: 0. On this kiosk: 0, of which 0 not yet exported.');
  assert.equal((await call(page, { op: 'find', id: first.id })).response, null);
  await screenshot(page, 'kiosk-staff-deleted');
  harness.assertClean();
  await page.context().close();
});

test('staff enter a paper response through the survey; it is stored with the paper channel; leaving kiosk mode sticks', async () => {
  const page = await bootKiosk();
  await setUpKiosk(page);
  await openStaff(page);
  await pressControl(page, 'staff:paper', { touch: true });
  let current = await waitForView(page, (v) => v.screen === 'question');
  const act = operator(page, 'touch');
  const given = {};
  while (current.screen === 'question') {
    await answerScreen(page, act, current, 'commuter', given);
    current = await nextScreen(page, act, await view(page));
  }
  assert.equal(current.screen, 'check-answers');
  await act.press('submit');
  current = await waitForView(page, (v) => v.screen === 'confirmation');
  const id = current.submittedId;
  assert.match(current.paragraphs.at(-1), /^Back to the staff screen in \d seconds\.$/);
  current = await waitForView(page, (v) => v.screen === 'staff' && v.paragraphs.length > 0, 5_000);
  assert.equal(current.paragraphs[1], 'Responses stored today: 1. On this kiosk: 1, of which 1 not yet exported.');
  const stored = (await call(page, { op: 'find', id })).response;
  assert.equal(stored.channel, 'paper');
  assert.equal(stored.segment, 'commuter');

  // View results: the results dashboard (tests/e2e/dashboard.test.mjs), which shows no charts for one response.
  await pressControl(page, 'staff:results', { touch: true });
  current = await waitForView(page, (v) => v.screen === 'dashboard');
  assert.equal(current.dashboard.message, 'There is 1 response on this kiosk. Results show once there are at least 10, so that nobody can be picked out.');
  assert.equal(current.dashboard.charts.length, 0);
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'kiosk-staff-results');
  await pressControl(page, 'dashboard:back', { touch: true });
  await waitForView(page, (v) => v.screen === 'staff');

  await pressControl(page, 'staff:leave', { touch: true });
  current = await waitForView(page, (v) => v.screen === 'welcome' && !v.kiosk && v.controls.some((c) => c.id === 'start'));
  assert.equal(current.controls.find((c) => c.id === 'start').label, 'Start');
  assert.deepEqual([...new URL(page.url()).searchParams.keys()], ['test-exports'], 'the kiosk settings leave the address');
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('canvass-kiosk')), false);
  await page.reload();
  await page.evaluate(() => window.canvass.ready);
  assert.equal((await waitForView(page, (v) => v.screen === 'welcome')).kiosk, undefined);
  assert.equal((await call(page, { op: 'find', id })).response.channel, 'paper', 'leaving kiosk mode keeps what was stored');
  harness.assertClean();
  await page.context().close();
});

test('staff who walk away are locked out again', async () => {
  const page = await harness.bootPage(viewports.kiosk, '?kiosk=1&kiosk-idle=2');
  await setUpKiosk(page);
  await openStaff(page);
  await waitForView(page, (v) => v.screen === 'welcome', 5_000);
  await page.keyboard.press('Control+Alt+KeyA');
  const current = await waitForView(page, (v) => v.screen === 'staff-pin');
  assert.equal(current.staff.mode, 'enter', 'the PIN is asked for again');
  // Several kiosks: every kiosk these tests set up named itself differently.
  assert.equal(new Set(kioskNames.values()).size, kioskNames.size);
  assert.ok(kioskNames.size >= 1);
  harness.assertClean();
  await page.context().close();
});
