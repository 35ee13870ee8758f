// Walking the default survey through the canvas, by mouse, touch or keyboard: the same walk
// answers the same questions the same way every time (answerScreen), so walks made another way
// (the accessible DOM layer) can be compared with it. Shared by respondent and semantics tests.
import assert from 'node:assert/strict';
import { keyboardActivate, pressControl, view, waitForView } from './harness.mjs';

// One way of operating the app: press a control by id, type text into a field.
export function operator(page, input) {
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

export async function nextScreen(page, act, before) {
  await act.press('continue');
  return waitForView(page, (v) => v.screen !== 'question' || v.progress !== before.progress ||
    v.elements.map((e) => e.name).join() !== before.elements.map((e) => e.name).join() || v.errorSummary.length > 0);
}

// Answers what this walk answers on the current screen; returns the answers it gave.
export async function answerScreen(page, act, current, segment, given) {
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

export async function completeSurvey(page, input, locale, segment) {
  const act = operator(page, input);
  let current = await waitForView(page, (v) => v.screen === 'welcome');
  // The canvas's own keyboard model, as after a click on it: Tab from the page's start goes
  // through the accessible layer instead (semantics.test.mjs walks that way).
  if (input === 'keyboard') await page.locator('#canvas').focus();
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

