// Event kiosk mode (docs/kiosk.md) end to end, with timeouts shortened through the address: the
// attract screen, a respondent who walks away ("Are you still there?", then their answers
// discarded and counted), a respondent who finishes (thank-you, then back to attract with
// nothing of theirs left), and the choice surviving a reload.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { pressControl, screenshot, startHarness, viewports, waitForView } from './harness.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

const kioskAddress = '?kiosk=1&kiosk-idle=2&kiosk-countdown=3&kiosk-thanks=2';
const axeViolations = async (page) => (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join('; ')}`);

test('a walked-away respondent is asked "Are you still there?", then their answers are discarded and counted', async () => {
  const page = await harness.bootPage(viewports.kiosk, kioskAddress);
  let current = await waitForView(page, (v) => v.screen === 'welcome' && v.kiosk);
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
  await page.locator('#canvass-semantics').getByRole('button', { name: 'Yes, I am still here' }).waitFor({ state: 'attached' });
  assert.deepEqual(await axeViolations(page), []);
  await screenshot(page, 'kiosk-still-there');

  current = await waitForView(page, (v) => v.screen === 'welcome', 6_000);
  assert.equal(current.response, undefined);
  assert.equal(current.store.drafts, 0);
  assert.equal(current.store.discardedPartials, 1);
  assert.notEqual(walkedAway, undefined);
  harness.assertClean();
  await page.context().close();
});

test('"Yes, I am still here" keeps the answers; after a submit the kiosk thanks, then starts afresh', async () => {
  const page = await harness.bootPage(viewports.kiosk, kioskAddress);
  await waitForView(page, (v) => v.screen === 'welcome' && v.kiosk);
  await pressControl(page, 'start', { touch: true });
  await waitForView(page, (v) => v.screen === 'question');
  await pressControl(page, 'q:segment:choice:0', { touch: true });
  await waitForView(page, (v) => v.screen === 'still-there', 5_000);
  await pressControl(page, 'still_here', { touch: true });
  const back = await waitForView(page, (v) => v.screen === 'question');
  assert.deepEqual(back.response.answers.segment, ['resident']);
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
  await waitForView(page, (v) => v.screen === 'welcome' && v.kiosk);
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
