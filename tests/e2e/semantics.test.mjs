// The accessible DOM layer over the canvas (web/page/semantics.js): the whole default survey
// completed through it alone, with getByRole, getByLabel and the keyboard, never touching the
// canvas; the stored response must equal the one the same walk makes through the canvas. axe-core
// checks every screen of that walk in both languages, and the keyboard's route through the layer
// moves the canvas's focus ring.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { pressLayerButton, screenshot, semanticLayer, startHarness, view, viewports, waitForView } from './harness.mjs';
import { call } from './store_exports.mjs';
import { completeSurvey } from './canvas_walk.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

const layer = semanticLayer;
const pressButton = pressLayerButton;

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

// The button names are an interface (docs/automation.md, "Screen control ids").
const buttonNames = {
  en: { start: 'Start', continue: 'Continue', submit: 'Submit' },
  pl: { start: 'Rozpocznij', continue: 'Dalej', submit: 'Wyślij' },
};

// `onScreen(name)` runs on each screen once its layer is built (the axe test checks it there).
async function completeThroughDom(page, segment, { locale = 'en', onScreen = async () => {} } = {}) {
  const names = buttonNames[locale];
  let current = await waitForView(page, (v) => v.screen === 'welcome');
  await layer(page).getByRole('heading', { level: 1, name: current.heading }).waitFor({ state: 'attached' });
  await onScreen('welcome');
  if (locale === 'pl') {
    await pressButton(page, 'Polski');
    current = await waitForView(page, (v) => v.locale === 'pl');
    await layer(page).getByRole('heading', { level: 1, name: current.heading }).waitFor({ state: 'attached' });
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'pl');
    await onScreen('welcome in Polish');
  }
  await pressButton(page, names.start);
  current = await waitForView(page, (v) => v.screen === 'question');

  // Continue with nothing ticked: the error reaches the DOM as an alert with a link to the question.
  await pressButton(page, names.continue);
  current = await waitForView(page, (v) => v.errorSummary.length > 0);
  const alert = layer(page).getByRole('alert');
  await alert.waitFor({ state: 'attached' });
  assert.match(await alert.textContent(), new RegExp(`${current.errorTitle}.*${current.errorSummary[0].message}`));
  assert.equal(await layer(page).getByRole('group', { name: current.elements[0].title }).getAttribute('aria-invalid'), 'true');
  await onScreen('error summary');

  const given = {};
  for (let screens = 0; current.screen === 'question'; screens++) {
    assert.ok(screens < 40, 'the walk should reach the end');
    await onScreen(`question ${current.progress} (${current.elements.map((e) => e.name).join()})`);
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
  const postcode = current.answers.find((row) => row.name === 'postcode_district');
  const change = layer(page).getByRole('button', { name: `${current.controls.find((c) => c.id === 'change:postcode_district').label} ${postcode.question}` });
  await change.waitFor({ state: 'attached' });
  assert.deepEqual(current.response.answers, given);
  await onScreen('check your answers');
  await pressButton(page, names.submit);
  current = await waitForView(page, (v) => v.screen === 'confirmation', 15_000);
  await layer(page).getByRole('heading', { level: 1, name: current.heading }).waitFor({ state: 'attached' });
  await onScreen('confirmation');
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

// Every rule axe-core has (WCAG 2.2 A and AA, and its best practices), on every screen of the
// default survey, in both languages.
for (const locale of ['en', 'pl']) {
  test(`axe-core finds no violations on any screen, in ${locale === 'pl' ? 'Polish' : 'English'}`, async () => {
    const page = await harness.bootPage(viewports.laptop);
    const checked = [];
    const found = [];
    await completeThroughDom(page, 'business', {
      locale,
      onScreen: async (screen) => {
        const results = await new AxeBuilder({ page }).analyze();
        checked.push(screen);
        for (const v of results.violations) found.push(`${screen}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
      },
    });
    assert.ok(checked.length >= 15, `screens checked: ${checked.join(', ')}`);
    assert.deepEqual(found, []);
    await page.context().close();
    harness.assertClean();
  });
}

test('Tab from the top of the page goes through the layer, and the canvas shows the focus ring there', async () => {
  const page = await harness.bootPage(viewports.laptop);
  let current = await waitForView(page, (v) => v.screen === 'welcome');
  assert.equal(await page.locator('#canvas').getAttribute('tabindex'), '-1');
  const focusedControl = () => page.evaluate(() => document.activeElement.getAttribute('data-control'));
  const seen = [];
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    const id = await focusedControl();
    assert.ok(id, 'each Tab stop is a control of the layer');
    current = await waitForView(page, (v) => v.focusedControl === id);
    seen.push(id);
  }
  assert.deepEqual(seen.slice(0, 2), ['language_en', 'language_pl']);
  // On to Start, then a question's checkbox: the ring is drawn round the same control on the canvas.
  while (await focusedControl() !== 'start') await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await waitForView(page, (v) => v.screen === 'question');
  await page.waitForFunction(() => document.activeElement.tagName === 'H1');
  await waitForView(page, (v) => v.focusedControl === '');  // a heading has no canvas control, so no ring
  while (await focusedControl() !== 'q:segment:choice:0') await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  current = await waitForView(page, (v) => v.focusedControl === 'q:segment:choice:0' && v.elements[0].value?.length === 1);
  assert.deepEqual(current.elements[0].value, [current.elements[0].choices[0].value]);
  await screenshot(page, 'semantics-keyboard-focus-laptop');
  await page.context().close();
  harness.assertClean();
});
