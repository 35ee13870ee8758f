// The respondent flow end to end in headless Chromium: the default survey completed as a
// resident, a business and a commuter, with the mouse, with touch and with the keyboard alone,
// in English and in Polish; answers checked through the view API and in the store as the app
// reads them back; resuming after a reload; and a response stored exactly once when the page
// closes right after the confirmation.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  keyboardActivate, pressControl, revealControl, screenshot, settledView, startHarness, view, viewports, waitForView,
} from './harness.mjs';
import { call } from './store_exports.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

const inputs = {
  mouse: { context: viewports.laptop },
  touch: { context: viewports.phone },
  keyboard: { context: viewports.laptop },
};

// One way of operating the app: press a control by id, type text into a field.
function operator(page, input) {
  return {
    async press(id) {
      if (input === 'keyboard') await keyboardActivate(page, id);
      else await pressControl(page, id, { touch: input === 'touch' });
    },
    // Radio buttons and checkboxes take Space from the keyboard, as in a browser.
    // A rating is one Tab stop: Tab reaches its first button, the arrow keys move along.
    async choose(id) {
      const rating = id.match(/^(q:[^:]+:rate):(\d+)$/);
      if (input === 'keyboard' && rating && Number(rating[2]) > 0) {
        await keyboardActivate(page, `${rating[1]}:0`, { key: 'ArrowRight' });
        for (let i = 1; i < Number(rating[2]); i++) await page.keyboard.press('ArrowRight');
        await waitForView(page, (v) => v.focusedControl === id);
        await page.keyboard.press('Space');
      } else if (input === 'keyboard') {
        await keyboardActivate(page, id, { key: 'Space' });
      } else {
        await pressControl(page, id, { touch: input === 'touch' });
      }
    },
    async type(id, text) {
      if (input === 'keyboard') {
        await keyboardActivate(page, id, { key: 'End' });
      } else {
        await pressControl(page, id, { touch: input === 'touch' });
      }
      await waitForView(page, (v) => v.textInput.field === id);
      await page.keyboard.type(text);
      await waitForView(page, (v) => v.elements.some((e) => e.value === text));
    },
  };
}

async function nextScreen(page, act, before) {
  await act.press('continue');
  return waitForView(page, (v) => v.screen !== 'question' || v.progress !== before.progress ||
    v.elements.map((e) => e.name).join() !== before.elements.map((e) => e.name).join() || v.errorSummary.length > 0);
}

// Answers what this walk answers on the current screen; returns the answers it gave.
async function answerScreen(page, act, current, segment, given) {
  const question = current.elements.find((e) => e.type !== 'html' && e.type !== 'panel');
  if (!question) return;
  const { name, type } = question;
  if (name === 'segment') {
    const index = question.choices.findIndex((c) => c.value === segment);
    await act.choose(`q:segment:choice:${index}`);
    await waitForView(page, (v) => JSON.stringify(v.elements[0].value) === JSON.stringify([segment]));
    given.segment = [segment];
  } else if (name === 'postcode_district') {
    await act.type('q:postcode_district:input', 'CM20');
    given.postcode_district = 'CM20';
  } else if (type === 'radiogroup') {
    await act.choose(`q:${name}:choice:0`);
    await waitForView(page, (v) => v.elements.find((e) => e.name === name)?.value === question.choices[0].value);
    given[name] = question.choices[0].value;
  } else if (type === 'rating') {
    await act.choose(`q:${name}:rate:3`);
    await waitForView(page, (v) => v.elements.find((e) => e.name === name)?.value === 4);
    given[name] = 4;
  }
}

async function completeSurvey(page, input, locale, segment) {
  const act = operator(page, input);
  let current = await waitForView(page, (v) => v.screen === 'welcome');
  if (locale === 'pl') {
    await act.press('language_pl');
    current = await waitForView(page, (v) => v.locale === 'pl');
    assert.equal(current.controls.find((c) => c.id === 'start').label, 'Rozpocznij');
  }
  await act.press('start');
  current = await waitForView(page, (v) => v.screen === 'question');
  assert.match(current.progress, locale === 'pl' ? /^Pytanie 1 z około \d+$/ : /^Question 1 of about \d+$/);

  // Continue without answering the one required question: the error shows and keeps us here.
  current = await nextScreen(page, act, current);
  assert.equal(current.errorSummary[0]?.target, 'segment');
  assert.equal(current.errorSummary[0]?.message, locale === 'pl' ? 'Zaznacz co najmniej jedną odpowiedź.' : 'Tick at least one answer.');
  assert.match(current.documentTitle, locale === 'pl' ? /^Wystąpił problem: Pytanie 1 z około/ : /^There is a problem: Question 1 of about/);
  await waitForView(page, (v) => v.focusedControl === 'q:segment:choice:0');  // the focus goes to the question in error

  const given = {};
  for (let screens = 0; current.screen === 'question'; screens++) {
    assert.ok(screens < 40, 'the walk should reach the end');
    await answerScreen(page, act, current, segment, given);
    current = await view(page);
    current = await nextScreen(page, act, current);
    assert.equal(current.errorSummary.length, 0, `no errors expected: ${JSON.stringify(current.errorSummary)}`);
  }
  assert.equal(current.screen, 'check-answers');
  assert.equal(current.answers[0].name, 'segment');
  assert.equal(current.answers.find((a) => a.name === 'postcode_district').answer, 'CM20');
  assert.deepEqual(current.response.answers, given, 'the app holds exactly the answers given');

  await act.press('submit');
  current = await waitForView(page, (v) => v.screen === 'confirmation', 15_000);
  assert.match(current.reference, /^[0-9A-F]{8}$/);
  assert.equal(current.submittedId.slice(0, 8).toUpperCase(), current.reference);
  return { given, reference: current.reference, id: current.submittedId };
}

describe('completing the default survey', () => {
  for (const locale of ['en', 'pl']) {
    for (const [input, segment] of ['mouse', 'touch', 'keyboard'].flatMap((i) => ['resident', 'business', 'commuter'].map((s) => [i, s]))) {
      test(`as a ${segment}, by ${input}, in ${locale === 'pl' ? 'Polish' : 'English'}`, async () => {
        const page = await harness.bootPage(inputs[input].context, '?test-exports');
        const { given, id } = await completeSurvey(page, input, locale, segment);
        const stored = (await call(page, { op: 'find', id })).response;
        assert.ok(stored, `a stored response with id ${id}`);
        assert.equal(stored.surveyId, 'diz-digital-needs');
        assert.equal(stored.locale, locale);
        assert.equal(stored.segment, segment);
        assert.equal(stored.channel, 'online');
        assert.deepEqual(JSON.parse(stored.data), given);
        if (locale === 'en' && input === 'mouse' && segment === 'resident') await screenshot(page, 'respondent-confirmation-laptop');
        await page.context().close();
        harness.assertClean();
      });
    }
  }
});

describe('before starting', () => {
  test('a browser that cannot save answers says so on the first screen, and offers no Start', async () => {
    const context = await harness.browser.newContext(viewports.laptop);
    await context.addInitScript(() => {
      IDBFactory.prototype.open = function open() {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      };
    });
    const page = await harness.pageIn(context);
    await page.goto(harness.url);
    await page.evaluate(() => window.canvass.ready);
    const current = await waitForView(page, (v) => v.screen !== 'loading');
    assert.equal(current.screen, 'unavailable');
    assert.equal(current.heading, 'Sorry, this survey cannot be answered here');
    assert.match(current.paragraphs[0], /not letting us save your answers/);
    assert.ok(!current.controls.some((c) => c.id === 'start'));
    await screenshot(page, 'respondent-no-storage-laptop');
    await context.close();
    harness.assertClean();
  });

  test('the language chosen is remembered on the next visit', async () => {
    const context = await harness.browser.newContext(viewports.laptop);
    let page = await harness.pageIn(context);
    await page.goto(harness.url);
    await page.evaluate(() => window.canvass.ready);
    await waitForView(page, (v) => v.screen === 'welcome');
    await pressControl(page, 'language_pl');
    await waitForView(page, (v) => v.locale === 'pl');
    await page.close();
    page = await harness.pageIn(context);
    await page.goto(harness.url);
    await page.evaluate(() => window.canvass.ready);
    await waitForView(page, (v) => v.screen === 'welcome');
    const current = await settledView(page);
    assert.equal(current.locale, 'pl');
    assert.equal(current.controls.find((c) => c.id === 'start').label, 'Rozpocznij');
    await context.close();
    harness.assertClean();
  });
});

describe('drafts and durability', () => {
  test('a reload mid-survey offers to continue, and continues where the respondent was', async () => {
    const page = await harness.bootPage(viewports.laptop);
    const act = operator(page, 'mouse');
    await act.press('start');
    let current = await waitForView(page, (v) => v.screen === 'question');
    await answerScreen(page, act, current, 'resident', {});
    current = await nextScreen(page, act, await view(page));
    await act.type('q:postcode_district:input', 'EN11');
    await act.press('continue');  // moving on writes the draft at once
    current = await waitForView(page, (v) => v.elements[0]?.name === 'home_broadband_type');

    await page.reload();
    await page.evaluate(() => window.canvass.ready);
    current = await waitForView(page, (v) => v.screen !== 'loading');
    assert.equal(current.screen, 'resume');
    await screenshot(page, 'respondent-resume-laptop');
    await act.press('resume');
    current = await waitForView(page, (v) => v.screen === 'question');
    assert.equal(current.elements[0].name, 'home_broadband_type');
    assert.deepEqual(current.response.answers, { segment: ['resident'], postcode_district: 'EN11' });

    // Start again clears it all, and a reload then offers nothing.
    await act.press('start_again');
    current = await waitForView(page, (v) => v.screen === 'welcome');
    await page.reload();
    await page.evaluate(() => window.canvass.ready);
    current = await waitForView(page, (v) => v.screen !== 'loading');
    assert.equal(current.screen, 'welcome');
    await page.context().close();
    harness.assertClean();
  });

  test('closing the page right after the confirmation loses nothing and stores the response once', async () => {
    const context = await harness.browser.newContext(viewports.laptop);
    let page = await harness.pageIn(context);
    await page.goto(`${harness.url}?test-exports`);
    await page.evaluate(() => window.canvass.ready);
    const { id } = await completeSurvey(page, 'mouse', 'en', 'commuter');
    await page.close();  // no time for anything after the confirmation appeared

    page = await harness.pageIn(context);
    await page.goto(`${harness.url}?test-exports`);
    await page.evaluate(() => window.canvass.ready);
    const current = await waitForView(page, (v) => v.screen !== 'loading');
    assert.equal(current.screen, 'welcome', 'no draft is offered after a submit');
    assert.equal(current.store.responses, 1);
    const stored = (await call(page, { op: 'find', id })).response;
    assert.equal(stored.segment, 'commuter');
    await context.close();
    harness.assertClean();
  });
});
