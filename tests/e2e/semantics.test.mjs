// The accessible DOM layer over the canvas (web/page/semantics.js): the whole default survey
// completed through it alone, with getByRole, getByLabel and the keyboard, never touching the
// canvas; the stored response must equal the one the same walk makes through the canvas.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startHarness, view, viewports, waitForView } from './harness.mjs';
import { call } from './store_exports.mjs';
import { completeSurvey } from './canvas_walk.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

const layer = (page) => page.locator('#canvass-semantics');

async function pressButton(page, name) {
  await layer(page).getByRole('button', { name, exact: true }).focus();
  await page.keyboard.press('Enter');
}

async function choose(page, role, name) {
  await layer(page).getByRole(role, { name, exact: true }).focus();
  await page.keyboard.press('Space');
}

// The same answers as the canvas walk (tests/e2e/canvas_walk.mjs, answerScreen), given through the DOM.
async function answerScreen(page, current, segment, given) {
  const question = current.elements.find((e) => e.type !== 'html' && e.type !== 'panel');
  if (!question) return;
  const { name, type } = question;
  if (name === 'segment') {
    const choice = question.choices.find((c) => c.value === segment);
    await choose(page, 'checkbox', choice.text);
    await waitForView(page, (v) => JSON.stringify(v.elements[0].value) === JSON.stringify([segment]));
    given.segment = [segment];
  } else if (name === 'postcode_district') {
    const field = layer(page).getByLabel(question.title, { exact: false });
    await field.focus();
    await page.keyboard.type('CM20');
    await waitForView(page, (v) => v.elements.find((e) => e.name === name)?.value === 'CM20');
    given.postcode_district = 'CM20';
  } else if (type === 'radiogroup') {
    await choose(page, 'radio', question.choices[0].text);
    await waitForView(page, (v) => v.elements.find((e) => e.name === name)?.value === question.choices[0].value);
    given[name] = question.choices[0].value;
  } else if (type === 'rating') {
    await choose(page, 'radio', question.rateValues[3].text);
    await waitForView(page, (v) => v.elements.find((e) => e.name === name)?.value === 4);
    given[name] = 4;
  }
}

async function completeThroughDom(page, segment) {
  let current = await waitForView(page, (v) => v.screen === 'welcome');
  await layer(page).getByRole('heading', { level: 1, name: current.heading }).waitFor({ state: 'attached' });
  await pressButton(page, 'Start');
  current = await waitForView(page, (v) => v.screen === 'question');

  // Continue with nothing ticked: the error reaches the DOM as an alert with a link to the question.
  await pressButton(page, 'Continue');
  current = await waitForView(page, (v) => v.errorSummary.length > 0);
  const alert = layer(page).getByRole('alert');
  await alert.waitFor({ state: 'attached' });
  assert.match(await alert.textContent(), /There is a problem.*Tick at least one answer\./);
  assert.equal(await layer(page).getByRole('group', { name: /Who are you answering as\?/ }).getAttribute('aria-invalid'), 'true');

  const given = {};
  for (let screens = 0; current.screen === 'question'; screens++) {
    assert.ok(screens < 40, 'the walk should reach the end');
    await answerScreen(page, current, segment, given);
    const before = await view(page);
    // The last question's Continue reads "Check your answers" (docs/automation.md).
    await pressButton(page, before.controls.find((c) => c.id === 'continue').label);
    current = await waitForView(page, (v) => v.screen !== 'question' || v.progress !== before.progress ||
      v.elements.map((e) => e.name).join() !== before.elements.map((e) => e.name).join() || v.errorSummary.length > 0);
    assert.equal(current.errorSummary.length, 0, `no errors expected: ${JSON.stringify(current.errorSummary)}`);
    // A new screen puts the DOM focus on its heading (a question screen's is the question's; a
    // screen of information only starts at its progress line).
    await page.waitForFunction(() => document.activeElement &&
      (/^H[12]$/.test(document.activeElement.tagName) || document.activeElement.classList.contains('canvass-progress')));
  }
  assert.equal(current.screen, 'check-answers');
  // Each Change button names its question for screen readers.
  const change = layer(page).getByRole('button', { name: /^Change What is the first part of your postcode\?/ });
  await change.waitFor({ state: 'attached' });
  assert.deepEqual(current.response.answers, given);
  await pressButton(page, 'Submit');
  current = await waitForView(page, (v) => v.screen === 'confirmation', 15_000);
  return { given, id: current.submittedId };
}

const comparable = (stored) => ({ ...stored, id: undefined, startedAt: undefined, submittedAt: undefined });

test('the default survey completed through the DOM layer alone stores what the canvas walk stores', async () => {
  const domPage = await harness.bootPage(viewports.laptop, '?test-exports');
  await domPage.locator('#canvas').evaluate((canvas) => canvas.addEventListener('pointerdown', () => { window.canvasTouched = true; }));
  const dom = await completeThroughDom(domPage, 'resident');
  assert.equal(await domPage.evaluate(() => window.canvasTouched === true), false, 'the canvas was never touched');
  const storedByDom = (await call(domPage, { op: 'find', id: dom.id })).response;

  const canvasPage = await harness.bootPage(viewports.laptop, '?test-exports');
  const canvas = await completeSurvey(canvasPage, 'mouse', 'en', 'resident');
  const storedByCanvas = (await call(canvasPage, { op: 'find', id: canvas.id })).response;

  assert.deepEqual(JSON.parse(storedByDom.data), dom.given);
  assert.deepEqual(comparable(storedByDom), comparable(storedByCanvas));
  await domPage.context().close();
  await canvasPage.context().close();
  harness.assertClean();
});

test('a request the screen cannot take is refused, and changes nothing', async () => {
  const page = await harness.bootPage(viewports.laptop);
  await waitForView(page, (v) => v.screen === 'welcome');
  const refusal = await page.evaluate(() => Module.ccall('canvass_semantic_request', 'string', ['string'], [JSON.stringify({ control: 'submit' })]));
  assert.equal(refusal, "request: there is no control 'submit' on the welcome screen");
  assert.equal((await view(page)).screen, 'welcome');
  await page.context().close();
  harness.assertClean();
});
