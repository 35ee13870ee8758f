// Event kiosk mode (docs/kiosk.md) end to end, with timeouts shortened through the address: the
// attract screen, a respondent who walks away ("Are you still there?", then their answers
// discarded and counted), a respondent who finishes (thank-you, then back to attract with
// nothing of theirs left), the choice surviving a reload, working with no network after the
// first load, and a new version taking over only between respondents.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { pressControl, screenshot, semanticLayer, settledView, setUpKiosk, siteRoot, startHarness, viewports, waitForView } from './harness.mjs';
import { completeSurvey } from './canvas_walk.mjs';
import { call } from './store_exports.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

const kioskAddress = '?kiosk=1&kiosk-idle=2&kiosk-countdown=3&kiosk-thanks=2';
const axeViolations = async (page) => (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join('; ')}`);

test('a walked-away respondent is asked "Are you still there?", then their answers are discarded and counted', async () => {
  const page = await harness.bootPage(viewports.kiosk, kioskAddress);
  let current = await setUpKiosk(page);
  assert.equal(current.controls.find((c) => c.id === 'start').label, 'Tap to start');
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains('canvass-kiosk')));
  assert.deepEqual(await axeViolations(page), []);  // the kiosk's screens are in the accessible layer too
  await screenshot(page, 'kiosk-attract');
  await pressControl(page, 'start', { touch: true });
  await waitForView(page, (v) => v.screen === 'question');
  await pressControl(page, 'q:segment:choice:1', { touch: true });
  current = await waitForView(page, (v) => JSON.stringify(v.response?.answers.segment) === '["business"]');
  const walkedAway = current.response.id;

  current = await waitForView(page, (v) => v.screen === 'still-there', 5_000);
  assert.equal(current.heading, 'Are you still there?');
  assert.deepEqual(current.elements, []);  // nothing of the answers shows to whoever walks up
  assert.match(current.paragraphs[0], /^Your answers will be cleared in [1-3] seconds\.$/);
  await semanticLayer(page).getByRole('button', { name: 'Yes, I am still here' }).waitFor({ state: 'attached' });
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'kiosk-still-there');

  current = await waitForView(page, (v) => v.screen === 'welcome', 6_000);
  assert.equal(current.response, undefined);
  assert.equal(current.store.drafts, 0);
  assert.equal(current.store.discardedPartials, 1);
  assert.match(walkedAway, /^[0-9a-f-]{36}$/);  // a response was under way, and is gone from the view
  harness.assertClean();
  await page.context().close();
});

test('"Yes, I am still here" keeps the answers; after a submit the kiosk thanks, then starts afresh', async () => {
  const page = await harness.bootPage({ ...viewports.kiosk, viewport: { width: 1024, height: 600 } }, kioskAddress);  // a small tablet
  await setUpKiosk(page);
  await pressControl(page, 'start', { touch: true });
  await waitForView(page, (v) => v.screen === 'question');
  await pressControl(page, 'q:segment:choice:0', { touch: true });
  await waitForView(page, (v) => v.screen === 'still-there', 5_000);
  await pressControl(page, 'still_here', { touch: true });
  const back = await waitForView(page, (v) => v.screen === 'question');
  assert.deepEqual(back.response.answers.segment, ['resident']);
  // The prompt over a scrolled page: "Yes" returns to the same place, not to the top.
  await waitForView(page, (v) => v.scroll.maxY > 60);  // the question page is longer than the screen
  await page.mouse.move(400, 500);
  await page.mouse.wheel(0, 200);
  const long = await waitForView(page, (v) => v.scroll.y > 50);
  await waitForView(page, (v) => v.screen === 'still-there', 5_000);
  await pressControl(page, 'still_here', { touch: true });
  await waitForView(page, (v) => v.screen === 'question');
  assert.equal((await settledView(page)).scroll.y, long.scroll.y);
  await pressControl(page, 'start_again', { touch: true });
  await waitForView(page, (v) => v.screen === 'welcome' && !v.response);
  harness.assertClean();
  await page.context().close();
});

test('a kiosk stays a kiosk after a reload, and a wrong timing in the address is named on the page', async () => {
  const context = await harness.browser.newContext(viewports.kiosk);
  let page = await harness.pageIn(context);
  await page.goto(harness.url + kioskAddress);
  await page.evaluate(() => window.canvass.ready);
  await setUpKiosk(page);
  await page.goto(harness.url);  // no kiosk parameter: the device remembers
  await page.evaluate(() => window.canvass.ready);
  await waitForView(page, (v) => v.screen === 'welcome' && v.kiosk);
  await page.goto(harness.url + '?kiosk=1&kiosk-idle=soon');
  await page.evaluate(() => window.canvass.ready);
  const current = await waitForView(page, (v) => v.screen === 'unavailable');
  assert.equal(current.paragraphs[0], "This kiosk's web address has a wrong setting: kiosk-idle: 'soon' is not a whole number of seconds from 1 to 86400. Correct the address, then reload the page.");
  await page.goto(harness.url + '?kiosk=0');
  await page.evaluate(() => window.canvass.ready);
  assert.equal((await waitForView(page, (v) => v.screen === 'welcome')).kiosk, undefined);
  await context.close();
});

test('after the first load the kiosk works with no network: reloaded offline, a respondent answers and submits', async () => {
  const context = await harness.browser.newContext(viewports.kiosk);
  const page = await harness.pageIn(context);
  page.on('dialog', (dialog) => dialog.accept());  // the kiosk's "leave this page?" before the reload
  await page.goto(harness.url + '?kiosk=1&kiosk-idle=600&test-exports');
  await page.evaluate(() => window.canvass.ready);
  await setUpKiosk(page);
  // The service worker has cached the shell and the surveys, and controls the page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
  await context.setOffline(true);
  await page.reload();
  await page.evaluate(() => window.canvass.ready);
  await waitForView(page, (v) => v.screen === 'welcome' && v.kiosk);
  const { id } = await completeSurvey(page, 'touch', 'en', 'commuter');
  const stored = (await call(page, { op: 'find', id })).response;
  assert.equal(stored.channel, 'kiosk');
  assert.equal(stored.segment, 'commuter');
  await context.setOffline(false);
  harness.assertClean();
  await context.close();
});

test('a new version waits while someone is answering, and takes over on the attract screen', async () => {
  // A copy of the web folder, so the test can deploy a "new version" into it.
  const folder = mkdtempSync(join(tmpdir(), 'canvass-kiosk-update-'));
  cpSync(siteRoot, folder, { recursive: true });
  const deployment = await startHarness({ root: folder });
  try {
    const context = await deployment.browser.newContext(viewports.kiosk);
    const page = await deployment.pageIn(context);
    page.on('dialog', (dialog) => dialog.accept());
    await page.goto(deployment.url + '?kiosk=1&kiosk-idle=600');
    await page.evaluate(() => window.canvass.ready);
    await setUpKiosk(page);
    const firstVersion = await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      return (await caches.keys()).find((name) => name.startsWith('canvass-shell-'));
    });
    await pressControl(page, 'start', { touch: true });
    await waitForView(page, (v) => v.screen === 'question');
    await page.evaluate(() => { window.sameDocument = true; });

    const worker = join(folder, 'sw.js');
    writeFileSync(worker, readFileSync(worker, 'utf8').replace(firstVersion.slice('canvass-shell-'.length), 'feedfacefeedface'));
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration.update();
      while (!registration.waiting) await new Promise((resolve) => setTimeout(resolve, 50));
    });
    // Mid-survey: answering goes on in the same page, on the old version.
    await pressControl(page, 'q:segment:choice:0', { touch: true });
    await waitForView(page, (v) => v.response?.answers.segment?.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(await page.evaluate(() => window.sameDocument), true);

    // Back on the attract screen, the kiosk reloads into the new version.
    await pressControl(page, 'start_again', { touch: true });
    await page.waitForFunction(() => window.sameDocument === undefined && window.canvass, null, { timeout: 15_000 });
    await page.evaluate(() => window.canvass.ready);
    await waitForView(page, (v) => v.screen === 'welcome' && v.kiosk);
    const kept = await page.evaluate(() => caches.keys());
    assert.ok(kept.includes('canvass-shell-feedfacefeedface'), kept.join());
    assert.ok(!kept.includes(firstVersion), 'the old version is cleared');
    deployment.assertClean();
    await context.close();
  } finally {
    await deployment.close();
    rmSync(folder, { recursive: true, force: true });
  }
});
