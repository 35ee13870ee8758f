// The outbox end to end (docs/outbox.md): the test starts the collector itself (the native
// `canvass serve` on loopback, serving the built web folder and a copy of the surveys whose
// manifest names it as the collector), runs an event kiosk in Chromium against it, and checks
// through the staff export (GET /api/v1/export) that each confirmed response is stored there
// exactly once: first with the network up, then for 5 responses given while Playwright has the
// browser offline, which must all arrive, once each, when the network comes back.
//
// Waits are on conditions with generous limits (a slow shared 2-core machine), never sleeps.
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { completeSurvey } from './canvas_walk.mjs';
import { repoRoot, setUpKiosk, siteRoot, startHarness, typePin, view, viewports, waitForView } from './harness.mjs';

const canvass = join(repoRoot, 'build/native/canvass');
const surveyId = 'diz-digital-needs';

let harness;
let collector;   // the child process
let base;        // http://127.0.0.1:PORT/
let token;
let folder;

// Starts `canvass serve --port 0` and resolves with its address from the "listening on" line.
function startCollector(args) {
  const child = spawn(canvass, ['serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the collector did not start in 60 s:\n${output}`)), 60_000);
    const read = (chunk) => {
      output += chunk;
      const ready = output.match(/listening on (http:\/\/[^\s]+)/);
      if (ready) {
        clearTimeout(timer);
        resolve({ child, url: ready[1].replace(/\/?$/, '/') });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`the collector exited (${code}) before it was ready:\n${output}`)));
  });
}

// Every response the collector holds for the survey, by id (the staff export).
async function storedIds() {
  const reply = await fetch(`${base}api/v1/export?survey=${surveyId}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(reply.status, 200, await reply.clone().text());
  const bundle = await reply.json();
  return bundle.responses.map((r) => r.id);
}

// Polls the collector until `predicate(ids)` holds, or fails saying what it last saw.
async function untilStored(predicate, what, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  let ids = [];
  while (Date.now() < deadline) {
    ids = await storedIds();
    if (predicate(ids)) return ids;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s; the collector holds ${JSON.stringify(ids)}`);
}

const count = (ids, id) => ids.filter((x) => x === id).length;
const waitingText = 'Your answers could not be sent yet, so they are kept on this device. They will be sent by themselves ' +
  'while this page is open, or the next time you open it with an internet connection.';

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'canvass-outbox-'));
  const surveys = join(folder, 'surveys');
  cpSync(join(siteRoot, 'surveys'), surveys, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(surveys, 'manifest.json'), 'utf8'));
  for (const entry of manifest.surveys) entry.collector = '/';  // the collector serves the app: same origin
  writeFileSync(join(surveys, 'manifest.json'), JSON.stringify(manifest, null, 2));
  const data = join(folder, 'data');
  token = execFileSync(canvass, ['serve', '--new-token', '--data', data], { encoding: 'utf8' }).trim();
  assert.match(token, /^canvass-staff-[0-9a-f]{64}$/);
  const started = await startCollector(['--web', siteRoot, '--surveys', surveys, '--data', data]);
  collector = started.child;
  base = started.url;
  harness = await startHarness();
});

after(async () => {
  await harness?.close();
  if (collector && collector.exitCode === null) {
    const exited = new Promise((resolve) => collector.on('exit', resolve));
    collector.kill('SIGTERM');
    await exited;
  }
  if (folder) rmSync(folder, { recursive: true, force: true });
});

test('a kiosk sends each confirmed response to the collector once, and the ones given offline once the network is back', async () => {
  const context = await harness.browser.newContext(viewports.kiosk);
  const page = await harness.pageIn(context);
  page.on('dialog', (dialog) => dialog.accept());
  // While offline, a request already on its way may fail in the browser's console: that is the point.
  harness.expectConsoleError(/ERR_INTERNET_DISCONNECTED|Failed to load resource|Failed to fetch/);
  await page.goto(base + '?kiosk=1&kiosk-idle=600&kiosk-thanks=1');
  await page.evaluate(() => window.canvass.ready);
  await setUpKiosk(page);
  let current = await view(page);
  assert.equal(current.store.outbox.collector, '/');
  assert.deepEqual([current.store.outbox.queued, current.store.outbox.sent, current.store.outbox.refused], [0, 0, 0]);

  // Online: answered, confirmed, sent between respondents, stored once.
  const first = (await completeSurvey(page, 'touch', 'en', 'resident')).id;
  await waitForView(page, (v) => v.screen === 'welcome' && v.store.outbox.sent === 1 && v.store.outbox.queued === 0, 120_000);
  let ids = await untilStored((all) => all.includes(first), 'the first response stored');
  assert.equal(count(ids, first), 1);
  assert.equal(ids.length, 1);

  // Offline: 5 more, each confirmed on screen and queued, none sent.
  await context.setOffline(true);
  await waitForView(page, (v) => v.store.outbox.online === false, 30_000);
  const offline = [];
  for (const segment of ['resident', 'business', 'commuter', 'resident', 'business']) {
    offline.push((await completeSurvey(page, 'touch', 'en', segment)).id);
    current = await waitForView(page, (v) => v.screen === 'welcome', 60_000);
  }
  assert.equal(new Set(offline).size, 5);
  assert.equal(current.store.outbox.queued, 5);
  assert.equal(current.store.outbox.sent, 1);
  assert.equal((await storedIds()).length, 1, 'nothing reaches the collector while offline');

  // Back online: all 5 arrive, once each, and the kiosk counts them sent.
  await context.setOffline(false);
  current = await waitForView(page, (v) => v.store.outbox.sent === 6 && v.store.outbox.queued === 0, 120_000);
  assert.equal(current.store.outbox.refused, 0);
  ids = await untilStored((all) => offline.every((id) => all.includes(id)), 'the 5 offline responses stored');
  for (const id of [first, ...offline]) assert.equal(count(ids, id), 1, `${id} is stored exactly once`);
  assert.equal(ids.length, 6);

  // The staff screen shows the same counts.
  await page.keyboard.press('Control+Alt+KeyA');
  await waitForView(page, (v) => v.screen === 'staff-pin' && v.staff.mode === 'enter');
  await typePin(page);
  current = await waitForView(page, (v) => v.screen === 'staff' && v.paragraphs.length > 0, 30_000);
  assert.ok(current.paragraphs.includes('Sent to the collector: 6. Waiting to send: 0.'), JSON.stringify(current.paragraphs));
  harness.assertClean();
  await context.close();
});

test("a resident's response given offline waits in the browser after the tab is closed, and arrives once when the site is opened again online", async () => {
  const context = await harness.browser.newContext(viewports.phone);
  let page = await harness.pageIn(context);
  harness.expectConsoleError(/ERR_INTERNET_DISCONNECTED|Failed to load resource|Failed to fetch/);
  await page.goto(base);
  await page.evaluate(() => window.canvass.ready);
  assert.equal((await view(page)).store.outbox.collector, '/');

  // The network goes once the page is loaded: the answer is confirmed on screen and queued, not sent.
  await context.setOffline(true);
  await waitForView(page, (v) => v.store.outbox.online === false, 30_000);
  const { id } = await completeSurvey(page, 'touch', 'en', 'resident');
  let current = await waitForView(page, (v) => v.store.outbox.queued === 1, 30_000);
  assert.equal(current.store.outbox.sent, 0);
  // The confirmation tells the resident where the answers are, and what will send them.
  current = await waitForView(page, (v) => v.screen === 'confirmation' && v.paragraphs.length > 0, 30_000);
  assert.deepEqual(current.paragraphs, [waitingText]);
  assert.equal(count(await storedIds(), id), 0, 'nothing reaches the collector while offline');

  // The resident closes the tab while still offline; later, online, they open the site again.
  await page.close();
  await context.setOffline(false);
  page = await harness.pageIn(context);
  await page.goto(base);
  await page.evaluate(() => window.canvass.ready);
  current = await waitForView(page, (v) => v.store.outbox.sent === 1 && v.store.outbox.queued === 0, 120_000);
  assert.equal(current.store.outbox.refused, 0);
  let ids = await untilStored((all) => all.includes(id), "the resident's response stored");
  assert.equal(count(ids, id), 1, `${id} is stored exactly once`);

  // Online, the next answer goes at once, and the confirmation says so.
  const second = (await completeSurvey(page, 'touch', 'en', 'commuter')).id;
  current = await waitForView(page, (v) => v.screen === 'confirmation' && v.paragraphs.length > 0, 60_000);
  assert.deepEqual(current.paragraphs, ['Your answers have been sent to the survey team.']);
  ids = await untilStored((all) => all.includes(second), "the resident's second response stored");
  assert.equal(count(ids, second), 1);
  harness.assertClean();
  await context.close();
});
