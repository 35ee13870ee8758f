// The respondent flow end to end in headless Chromium: the default survey completed as a
// resident, a business and a commuter, with the mouse, with touch and with the keyboard alone,
// in English and in Polish; answers checked through the view API and in the store as the app
// reads them back; resuming after a reload; and a response stored exactly once when the page
// closes right after the confirmation.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  pressControl, revealControl, screenshot, settledView, startHarness, view, viewports, waitForView,
} from './harness.mjs';
import { call } from './store_exports.mjs';
import { answerScreen, completeSurvey, nextScreen, operator } from './canvas_walk.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

const inputs = {
  mouse: { context: viewports.laptop },
  touch: { context: viewports.phone },
  keyboard: { context: viewports.laptop },
};

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
