// The question controls in real headless Chromium, through the question gallery (?gallery=...):
// every type driven by mouse clicks, touch taps and drags, and the keyboard alone; typing Polish
// letters through the phone-keyboard text element (keys, insertText, an IME composition, paste);
// errors, themes, text size; and screenshots at phone, laptop and kiosk sizes.
//
// Sections:
//   1. Helpers (opening the gallery, finding, scrolling to and pressing controls)
//   2. Mouse
//   3. Touch
//   4. Keyboard only
//   5. Text: Polish letters, insertText, IME, paste, numbers, the character count
//   6. Ranking: buttons, mouse drag, touch drag
//   7. Html, errors, contrast, text size, the consultation survey
//   8. Screenshots and sizes at 360, 1366 and 1920 px
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { screenshot, startHarness, touchDrag, view, waitForView } from './harness.mjs';

// --- 1. Helpers --------------------------------------------------------------------------------

const sizes = {
  phone: { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true },
  laptop: { viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 },
  kiosk: { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1, hasTouch: true },
};
const pages = { choices: 1, scales: 2, writing: 3, order: 4, groups: 5 };

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness.close(); });

async function openGallery(options = sizes.laptop, pageNumber = 1, survey = 'all-types', extra = '') {
  const page = await harness.bootPage(options, `?gallery=${survey}&page=${pageNumber}${extra}`);
  await waitForView(page, (v) => v.gallery && v.gallery.status === 'ready' && v.gallery.elements.length > 0);
  return page;
}

function find(current, id) {
  const control = current.controls.find((c) => c.id === id);
  if (!control) throw new Error(`no control '${id}': ${current.controls.map((c) => c.id).join(', ')}`);
  return control;
}

const pause = (ms) => new Promise((done) => setTimeout(done, ms));

// Scrolls the canvas until the control is fully on screen (a control below the fold comes up
// to near the top, so what follows it is on screen too); returns it. Phones scroll by a finger
// drag on the page margin, other screens by the mouse wheel.
async function reveal(page, id) {
  for (let attempt = 0; attempt < 40; attempt++) {
    const current = await view(page);
    const control = find(current, id);
    const { y, height } = control.rect;
    const bottom = current.canvas.cssHeight;
    if (y >= 0 && y + height <= bottom) return control;
    const wanted = y < 0 ? Math.max(-400, y - 60) : Math.min(400, y - 120);
    await scrollBy(page, current, wanted);
  }
  throw new Error(`could not scroll '${id}' into view`);
}

async function scrollBy(page, current, delta) {
  const box = await page.locator('#canvas').boundingBox();
  const middle = current.canvas.cssHeight / 2;
  if (page.context()._options.hasTouch && page.context()._options.isMobile) {
    const distance = Math.max(-300, Math.min(300, delta));
    await touchDrag(page, { x: box.x + 6, y: box.y + middle + distance / 2 }, { x: box.x + 6, y: box.y + middle - distance / 2 });
  } else {
    await page.mouse.move(box.x + 5, box.y + middle);
    await page.mouse.wheel(0, delta);
  }
  await waitForView(page, (v) => v.scroll.y !== current.scroll.y || v.scroll.y === 0 || v.scroll.y === v.scroll.maxY);
}

async function centreOf(page, id) {
  const control = await reveal(page, id);
  const box = await page.locator('#canvas').boundingBox();
  return { x: box.x + control.rect.x + control.rect.width / 2, y: box.y + control.rect.y + control.rect.height / 2 };
}

// Centres of several controls read from one view, after scrolling the first into view.
async function centresOf(page, ids) {
  await reveal(page, ids[0]);
  const current = await view(page);
  const box = await page.locator('#canvas').boundingBox();
  return ids.map((id) => {
    const { rect } = find(current, id);
    assert.ok(rect.y >= 0 && rect.y + rect.height <= current.canvas.cssHeight, `${id} is on screen`);
    return { x: box.x + rect.x + rect.width / 2, y: box.y + rect.y + rect.height / 2 };
  });
}

async function click(page, id) {
  const { x, y } = await centreOf(page, id);
  await page.mouse.click(x, y);
}

async function tap(page, id) {
  const { x, y } = await centreOf(page, id);
  await page.touchscreen.tap(x, y);
}

const answers = (page) => view(page).then((v) => v.answers);
const waitForAnswer = (page, name, predicate) => waitForView(page, (v) => predicate(v.answers[name]));

// Presses Tab (or Shift+Tab) until the keyboard focus is on `id`, one press per drawn move (a
// second press before the first is drawn would skip past the target on a slow machine).
async function tabTo(page, id, key = 'Tab', limit = 80) {
  for (let i = 0; i < limit; i++) {
    const before = (await view(page)).focus;
    if (before === id) return;
    await page.keyboard.press(key);
    await waitForView(page, (v) => v.focus !== before, 3000).catch(() => {});
  }
  throw new Error(`Tab never reached '${id}' (focus: ${(await view(page)).focus})`);
}

// The element the page keeps over the canvas text field being edited.
const activeTag = (page) => page.evaluate(() => `${document.activeElement.tagName}.${document.activeElement.className}`);

// --- 2. Mouse ------------------------------------------------------------------------------------

describe('mouse', () => {
  test('radio buttons, two columns, "Other" with its text and the exclusive "None"', async () => {
    const page = await openGallery(sizes.laptop, pages.choices);
    let current = await view(page);
    // colCount 2 on a wide screen: Car and Bus side by side.
    assert.equal(find(current, 'q:travel:choice:0').rect.y, find(current, 'q:travel:choice:1').rect.y);
    assert.ok(find(current, 'q:travel:choice:1').rect.x > find(current, 'q:travel:choice:0').rect.x);
    await click(page, 'q:travel:choice:1');
    current = await waitForAnswer(page, 'travel', (a) => a === 'bus');
    assert.equal(find(current, 'q:travel:choice:1').selected, true);
    assert.equal(find(current, 'q:travel:choice:1').kind, 'radio');
    // "Other" reveals a text field bound to travel-Comment.
    await click(page, 'q:travel:choice:5');
    await waitForAnswer(page, 'travel', (a) => a === 'other');
    await click(page, 'q:travel:other');
    await waitForView(page, (v) => v.textInput.field === 'q:travel:other');
    await page.keyboard.type('By ferry');
    await waitForAnswer(page, 'travel-Comment', (a) => a === 'By ferry');
    // Choosing another answer empties the other text, as survey-core does.
    await click(page, 'q:travel:choice:6');
    current = await waitForAnswer(page, 'travel', (a) => a === 'none');
    assert.equal(current.answers['travel-Comment'], undefined);
    assert.equal(current.controls.some((c) => c.id === 'q:travel:other'), false);
    harness.assertClean();
    await page.context().close();
  });

  test('checkboxes: the limit disables further boxes and says why; "None" clears the rest', async () => {
    const page = await openGallery(sizes.laptop, pages.choices);
    for (const i of [0, 1, 2]) await click(page, `q:devices:choice:${i}`);
    let current = await waitForAnswer(page, 'devices', (a) => Array.isArray(a) && a.length === 3);
    assert.deepEqual(current.answers.devices, ['phone', 'laptop', 'tablet']);
    assert.equal(find(current, 'q:devices:choice:3').enabled, false, 'a fourth box is disabled at maxSelectedChoices');
    assert.equal(find(current, 'q:devices:choice:0').enabled, true, 'ticked boxes can still be unticked');
    assert.equal(find(current, 'q:devices:choice:6').enabled, true, '"None" stays available');
    // Clicking the disabled box changes nothing.
    await click(page, 'q:devices:choice:3');
    await pause(150);
    assert.deepEqual((await answers(page)).devices, ['phone', 'laptop', 'tablet']);
    await click(page, 'q:devices:choice:6');
    current = await waitForAnswer(page, 'devices', (a) => Array.isArray(a) && a.length === 1);
    assert.deepEqual(current.answers.devices, ['none']);
    await click(page, 'q:devices:choice:4');
    await waitForAnswer(page, 'devices', (a) => JSON.stringify(a) === '["tv"]');
    await click(page, 'q:devices:choice:4');
    current = await waitForAnswer(page, 'devices', (a) => a === undefined);
    harness.assertClean();
    await page.context().close();
  });

  test('dropdown: open, search without accents, pick, and the list closes', async () => {
    const page = await openGallery(sizes.laptop, pages.choices);
    // With the page scrolled to its end, opening the list scrolls it into view.
    const start = await view(page);
    await scrollBy(page, start, start.scroll.maxY + 400);
    await click(page, 'q:sector:combobox');
    let current = await waitForView(page, (v) => {
      const last = v.controls.find((c) => c.id === 'q:sector:option:9');
      return last && last.rect.y + last.rect.height <= v.canvas.cssHeight;
    });
    assert.ok(find(current, 'q:sector:combobox').rect.y >= 0, 'the button stays on screen');
    assert.equal(current.controls.filter((c) => c.kind === 'option').length, 11);  // ten sectors and "Other"
    await click(page, 'q:sector:search');
    await waitForView(page, (v) => v.textInput.field === 'q:sector:search');
    await page.keyboard.type('ZLOB');  // finds "Childcare (żłobki)": case and accents ignored
    current = await waitForView(page, (v) => v.controls.filter((c) => c.kind === 'option').length === 1);
    assert.equal(current.controls.find((c) => c.kind === 'option').label, 'Childcare (żłobki)');
    await click(page, 'q:sector:option:4');
    current = await waitForAnswer(page, 'sector', (a) => a === 'childcare');
    assert.equal(current.controls.some((c) => c.kind === 'option'), false);
    assert.match(find(current, 'q:sector:combobox').label, /Childcare/);
    harness.assertClean();
    await page.context().close();
  });

  test('rating, Yes/No and a question that appears with its answer', async () => {
    const page = await openGallery(sizes.laptop, pages.scales);
    await click(page, 'q:satisfaction:rate:3');
    await waitForAnswer(page, 'satisfaction', (a) => a === 4);
    await click(page, 'q:likely:rate:10');
    await waitForAnswer(page, 'likely', (a) => a === 10);
    let current = await view(page);
    assert.equal(current.controls.some((c) => c.id === 'q:home_days:input'), false);
    await click(page, 'q:works_from_home:true');
    current = await waitForAnswer(page, 'works_from_home', (a) => a === true);
    assert.ok(current.controls.some((c) => c.id === 'q:home_days:input'), 'visibleIf shows the follow-up');
    await click(page, 'q:works_from_home:false');
    await waitForAnswer(page, 'works_from_home', (a) => a === false);
    harness.assertClean();
    await page.context().close();
  });

  test('matrix as a table on a wide screen: one column per row', async () => {
    const page = await openGallery(sizes.laptop, pages.order);
    const current = await view(page);
    // A table: the cells of a row share a line.
    assert.equal(find(current, 'q:signal:row:0:col:0').rect.y, find(current, 'q:signal:row:0:col:3').rect.y);
    await click(page, 'q:signal:row:0:col:3');
    await click(page, 'q:signal:row:2:col:1');
    await waitForAnswer(page, 'signal', (a) => a && a.home === 'good' && a.travel === 'poor');
    await click(page, 'q:signal:row:0:col:2');
    await waitForAnswer(page, 'signal', (a) => a && a.home === 'ok' && a.travel === 'poor');
    harness.assertClean();
    await page.context().close();
  });
});

// --- 3. Touch ------------------------------------------------------------------------------------

describe('touch', () => {
  test('taps answer radios, checkboxes, ratings and Yes/No on a 360 px phone', async () => {
    const page = await openGallery(sizes.phone, pages.choices);
    let current = await view(page);
    // One column on a narrow screen.
    assert.ok(find(current, 'q:travel:choice:1').rect.y > find(current, 'q:travel:choice:0').rect.y);
    await tap(page, 'q:travel:choice:2');
    await waitForAnswer(page, 'travel', (a) => a === 'train');
    await tap(page, 'q:devices:choice:0');
    await tap(page, 'q:devices:choice:3');
    await waitForAnswer(page, 'devices', (a) => JSON.stringify(a) === '["phone","desktop"]');
    await page.context().close();

    const scales = await openGallery(sizes.phone, pages.scales);
    await tap(scales, 'q:satisfaction:rate:4');
    await waitForAnswer(scales, 'satisfaction', (a) => a === 5);
    // 0 to 10 wraps onto more than one line at 360 px, every button still 44 px or more.
    current = await view(scales);
    const rates = current.controls.filter((c) => c.id.startsWith('q:likely:rate:'));
    assert.equal(rates.length, 11);
    assert.ok(new Set(rates.map((c) => c.rect.y)).size > 1, 'the scale wraps');
    for (const r of rates) assert.ok(r.rect.width >= 44 && r.rect.height >= 44 && r.rect.x + r.rect.width <= 360);
    await tap(scales, 'q:works_from_home:true');
    await waitForAnswer(scales, 'works_from_home', (a) => a === true);
    harness.assertClean();
    await scales.context().close();
  });

  test('a finger that scrolls the page from a choice does not choose it', async () => {
    const page = await openGallery(sizes.phone, pages.choices);
    const before = await view(page);
    const choice = await centreOf(page, 'q:travel:choice:3');
    const scrolled = await view(page);
    await touchDrag(page, choice, { x: choice.x, y: choice.y - 200 });
    const after = await waitForView(page, (v) => v.scroll.y > scrolled.scroll.y);
    await pause(200);
    assert.equal((await view(page)).answers.travel, undefined, 'scrolling chose nothing');
    assert.ok(after.scroll.y >= before.scroll.y);
    await tap(page, 'q:travel:choice:3');
    await waitForAnswer(page, 'travel', (a) => a === 'bike');
    harness.assertClean();
    await page.context().close();
  });

  test('a tap on a text field focuses the text element in the tap itself, and typing works', async () => {
    const page = await openGallery(sizes.phone, pages.writing);
    await tap(page, 'q:town:input');
    await waitForView(page, (v) => v.textInput.field === 'q:town:input');
    assert.equal(await activeTag(page), 'INPUT.canvass-text-input');
    // The element sits over the field, so the browser keeps it (and the keyboard) in view.
    const box = await page.locator('.canvass-text-input').first().boundingBox();
    const field = find(await view(page), 'q:town:input').rect;
    assert.ok(Math.abs(box.y - field.y) < 2 && Math.abs(box.width - field.width) < 2, 'element over the field');
    assert.equal(await page.locator('input.canvass-text-input').getAttribute('inputmode'), 'text');
    await page.keyboard.type('Gdańsk');
    await waitForAnswer(page, 'town', (a) => a === 'Gdańsk');
    // A number field asks for the number keyboard.
    await tap(page, 'q:people:input');
    await waitForView(page, (v) => v.textInput.field === 'q:people:input');
    assert.equal(await page.locator('input.canvass-text-input').getAttribute('inputmode'), 'decimal');
    await page.keyboard.type('3');
    await waitForAnswer(page, 'people', (a) => a === 3);
    // Tapping outside a field (here the page margin) lets go of the element; the keyboard would close.
    const people = await centreOf(page, 'q:people:input');
    await page.touchscreen.tap(8, people.y);
    await waitForView(page, (v) => v.textInput.field === '');
    assert.equal(await activeTag(page), 'CANVAS.');
    harness.assertClean();
    await page.context().close();
  });

  test('matrix on a phone: each row is its own group of radio buttons', async () => {
    const page = await openGallery(sizes.phone, pages.order);
    const current = await view(page);
    const row0 = [0, 1, 2, 3].map((k) => find(current, `q:signal:row:0:col:${k}`));
    for (let k = 1; k < 4; k++) assert.ok(row0[k].rect.y > row0[k - 1].rect.y, 'stacked');
    assert.equal(row0[1].label, 'At home: Poor');
    await tap(page, 'q:signal:row:1:col:1');
    await waitForAnswer(page, 'signal', (a) => a && a.work === 'poor');
    harness.assertClean();
    await page.context().close();
  });
});

// --- 4. Keyboard only ----------------------------------------------------------------------------

describe('keyboard only', () => {
  test('Tab between controls, arrows within a radio group, Space for checkboxes, a dropdown by keys', async () => {
    const page = await openGallery(sizes.laptop, pages.choices);
    await page.locator('#canvas').focus();
    // Into the radio group: one Tab stop (the first choice while none is chosen).
    await tabTo(page, 'q:travel:choice:0');
    await page.keyboard.press('Space');
    await waitForAnswer(page, 'travel', (a) => a === 'car');
    await page.keyboard.press('ArrowDown');
    let current = await waitForAnswer(page, 'travel', (a) => a === 'bus');
    await waitForView(page, (v) => v.focus === 'q:travel:choice:1');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');  // wraps round to the last choice
    current = await waitForAnswer(page, 'travel', (a) => a === 'none');
    // Tab leaves the group for the first checkbox.
    await page.keyboard.press('Tab');
    await waitForView(page, (v) => v.focus === 'q:devices:choice:0');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await waitForView(page, (v) => v.focus === 'q:devices:choice:1');
    await page.keyboard.press('Space');
    await waitForAnswer(page, 'devices', (a) => JSON.stringify(a) === '["phone","laptop"]');
    // The dropdown: Enter opens it with the search field focused; arrows move; Enter picks.
    await tabTo(page, 'q:sector:combobox');
    await page.keyboard.press('Enter');
    await waitForView(page, (v) => v.textInput.field === 'q:sector:search');
    await page.keyboard.type('and');  // retail, food, health, IT, transport
    current = await waitForView(page, (v) => v.controls.filter((c) => c.kind === 'option').length === 5);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    current = await waitForAnswer(page, 'sector', (a) => a === 'health');
    await waitForView(page, (v) => v.focus === 'q:sector:combobox' && !v.controls.some((c) => c.kind === 'option'));
    // Escape closes an open list without choosing.
    await page.keyboard.press('Enter');
    await waitForView(page, (v) => v.controls.some((c) => c.kind === 'option'));
    await page.keyboard.press('Escape');
    current = await waitForView(page, (v) => !v.controls.some((c) => c.kind === 'option')).catch(async (e) => {
      const v = await view(page);
      throw new Error(`after Escape: focus ${v.focus}, field ${v.textInput.field}, active ${await activeTag(page)}: ${e.message}`);
    });
    assert.equal(current.answers.sector, 'health');
    await screenshot(page, 'questions-keyboard-focus-laptop');
    harness.assertClean();
    await page.context().close();
  });

  test('rating, Yes/No and matrix rows by arrow keys', async () => {
    const page = await openGallery(sizes.laptop, pages.scales);
    await page.locator('#canvas').focus();
    await tabTo(page, 'q:satisfaction:rate:0');
    await page.keyboard.press('Space');
    await waitForAnswer(page, 'satisfaction', (a) => a === 1);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await waitForAnswer(page, 'satisfaction', (a) => a === 3);
    await tabTo(page, 'q:works_from_home:true');
    await page.keyboard.press('Enter');
    await waitForAnswer(page, 'works_from_home', (a) => a === true);
    await page.keyboard.press('ArrowRight');
    await waitForAnswer(page, 'works_from_home', (a) => a === false);
    await page.context().close();

    const grid = await openGallery(sizes.laptop, pages.order);
    await grid.locator('#canvas').focus();
    await tabTo(grid, 'q:signal:row:1:col:0');
    await grid.keyboard.press('Space');
    await grid.keyboard.press('ArrowRight');
    await waitForAnswer(grid, 'signal', (a) => a && a.work === 'poor');
    harness.assertClean();
    await grid.context().close();
  });
});

// --- 5. Text -------------------------------------------------------------------------------------

describe('text fields', () => {
  test('Polish letters by keys and by insertText, an IME composition and a paste', async () => {
    const page = await openGallery(sizes.laptop, pages.writing);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await click(page, 'q:town:input');
    await waitForView(page, (v) => v.textInput.field === 'q:town:input');
    await page.keyboard.type('Łódź ąęł');
    await waitForAnswer(page, 'town', (a) => a === 'Łódź ąęł');
    await page.keyboard.insertText(' żółć');  // what a phone keyboard or dictation sends
    await waitForAnswer(page, 'town', (a) => a === 'Łódź ąęł żółć');
    await page.keyboard.press('Backspace');
    await waitForAnswer(page, 'town', (a) => a === 'Łódź ąęł żół');
    // An input method composes, then commits.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'ź', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.insertText', { text: 'ź' });
    await cdp.detach();
    await waitForAnswer(page, 'town', (a) => a === 'Łódź ąęł żółź');
    // Select all and paste over it.
    await page.evaluate(() => navigator.clipboard.writeText('Bishop’s Stortford'));
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('ControlOrMeta+V');
    await waitForAnswer(page, 'town', (a) => a === 'Bishop’s Stortford');
    // maxLength holds (40).
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText('x'.repeat(60));
    await waitForAnswer(page, 'town', (a) => a === 'x'.repeat(40));
    // Emptying the field clears the answer.
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');
    await waitForAnswer(page, 'town', (a) => a === undefined);
    harness.assertClean();
    await page.context().close();
  });

  test('number fields store numbers, refuse letters as a number input does, and are validated', async () => {
    const page = await openGallery(sizes.laptop, pages.writing);
    await click(page, 'q:people:input');
    await page.keyboard.type('12');
    let current = await waitForAnswer(page, 'people', (a) => a === 12);
    assert.equal(typeof current.answers.people, 'number');
    await page.keyboard.type('abc');  // refused, as by a browser's number input (survey-core relies on that)
    await page.keyboard.insertText('3 dogs');
    current = await waitForAnswer(page, 'people', (a) => a === 123);
    await page.keyboard.press('Backspace');
    await page.keyboard.type('.5e');  // not a whole number yet: kept as typed
    await waitForAnswer(page, 'people', (a) => a === '12.5e');
    await page.keyboard.press('Backspace');
    await waitForAnswer(page, 'people', (a) => a === 12.5);
    await page.keyboard.press('Tab');  // on to the next field
    await waitForView(page, (v) => v.textInput.field === 'q:email:input');
    assert.equal(await page.locator('input.canvass-text-input').getAttribute('inputmode'), 'email');
    await page.keyboard.type('not an email');
    await click(page, 'gallery_check');
    current = await waitForView(page, (v) => v.gallery.showErrors);
    assert.deepEqual(current.gallery.elements.find((e) => e.name === 'people').errors, []);
    assert.match(current.gallery.elements.find((e) => e.name === 'email').errors.join(' '), /e-mail/);
    // Above the question's max (30): the error shows beside the question.
    await click(page, 'q:people:input');
    await waitForView(page, (v) => v.textInput.field === 'q:people:input');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('99');
    current = await waitForView(page, (v) => v.answers.people === 99 && v.gallery.elements.find((e) => e.name === 'people').errors.length > 0);
    harness.assertClean();
    await page.context().close();
  });

  test('a comment box counts characters; Escape leaves a field keeping its text; Tab moves on', async () => {
    const page = await openGallery(sizes.laptop, pages.writing);
    await click(page, 'q:ideas:input');
    await waitForView(page, (v) => v.textInput.field === 'q:ideas:input');
    assert.equal(await activeTag(page), 'TEXTAREA.canvass-text-input');
    await page.keyboard.type('Faster broadband.');
    await page.keyboard.press('Enter');  // a new line, not "leave the field"
    await page.keyboard.type('Więcej szkoleń.');
    let current = await waitForAnswer(page, 'ideas', (a) => a === 'Faster broadband.\nWięcej szkoleń.');
    current = await waitForView(page, (v) => find(v, 'q:ideas:count').label === 'You have 167 characters remaining');
    await page.keyboard.press('Escape');
    current = await waitForView(page, (v) => v.textInput.field === '');
    assert.equal(current.answers.ideas, 'Faster broadband.\nWięcej szkoleń.');
    assert.equal(await activeTag(page), 'CANVAS.');
    // Shift+Tab from a field goes back to the previous one.
    await click(page, 'q:website:input');
    await waitForView(page, (v) => v.textInput.field === 'q:website:input');
    assert.equal(await page.locator('input.canvass-text-input').getAttribute('inputmode'), 'url');
    await page.keyboard.press('Shift+Tab');
    await waitForView(page, (v) => v.textInput.field === 'q:phone:input');
    assert.equal(await page.locator('input.canvass-text-input').getAttribute('inputmode'), 'tel');
    await page.keyboard.type('01279 000000');
    await waitForAnswer(page, 'phone', (a) => a === '01279 000000');
    harness.assertClean();
    await page.context().close();
  });
});

// --- 6. Ranking ----------------------------------------------------------------------------------

const order = (v) => (v.answers.priorities || []).join(',');

describe('ranking', () => {
  test('Move up and Move down by mouse, then by keyboard with the focus following the item', async () => {
    const page = await openGallery(sizes.laptop, pages.order);
    await click(page, 'q:priorities:rank:2:up');
    await waitForView(page, (v) => order(v) === 'speed,skills,signal,cost,wifi');
    assert.equal(find(await view(page), 'q:priorities:rank:0:up').enabled, false, 'the first cannot go up');
    await page.locator('#canvas').focus();
    // Back from the item just clicked (Tab past the last control would leave the canvas).
    await tabTo(page, 'q:priorities:rank:0:down', 'Shift+Tab');
    await page.keyboard.press('Enter');
    await waitForView(page, (v) => order(v) === 'skills,speed,signal,cost,wifi' && v.focus === 'q:priorities:rank:1:down');
    await page.keyboard.press('Enter');
    await waitForView(page, (v) => order(v) === 'skills,signal,speed,cost,wifi' && v.focus === 'q:priorities:rank:2:down');
    harness.assertClean();
    await page.context().close();
  });

  test('drag with the mouse', async () => {
    const page = await openGallery(sizes.laptop, pages.order);
    const [from, to] = await centresOf(page, ['q:priorities:rank:0:handle', 'q:priorities:rank:2:handle']);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) {
      await page.mouse.move(from.x, from.y + ((to.y - from.y + 10) * i) / 10);
      await pause(16);
    }
    await screenshot(page, 'questions-ranking-drag-laptop');
    await page.mouse.up();
    await waitForView(page, (v) => order(v) === 'signal,skills,speed,cost,wifi');
    harness.assertClean();
    await page.context().close();
  });

  test('drag with a finger from the handle; a finger elsewhere scrolls the page instead', async () => {
    const page = await openGallery(sizes.phone, pages.order);
    // The first item near the top of the screen, so the fourth is on screen too.
    for (let i = 0; i < 10; i++) {
      const current = await view(page);
      const top = find(current, 'q:priorities:rank:0').rect.y;
      if (top >= 0 && top < 100) break;
      await scrollBy(page, current, top - 40);
    }
    const [to, from] = await centresOf(page, ['q:priorities:rank:0:handle', 'q:priorities:rank:3:handle']);
    await touchDrag(page, from, { x: from.x, y: to.y - 10 }, 12);
    await waitForView(page, (v) => order(v) === 'cost,speed,signal,skills,wifi');
    // Dragging the item's text scrolls rather than reorders.
    const before = await view(page);
    const card = find(before, 'q:priorities:rank:1');
    const start = { x: card.rect.x + card.rect.width - 30, y: Math.min(card.rect.y + 20, 700) };
    await touchDrag(page, start, { x: start.x, y: start.y - 250 });
    const after = await waitForView(page, (v) => v.scroll.y > before.scroll.y);
    assert.equal(order(after), 'cost,speed,signal,skills,wifi');
    harness.assertClean();
    await page.context().close();
  });
});

// --- 7. Html, errors, contrast, text size, the consultation survey ----------------------------------

describe('content and presentation', () => {
  test('html shows its safe subset and never runs script', async () => {
    const page = await openGallery(sizes.laptop, pages.choices);
    const current = await view(page);
    const html = find(current, 'q:intro:html');
    assert.match(html.label, /^About this page\nEach question below uses a different control\. Some are required\./);
    assert.match(html.label, /• Radio buttons\n• Checkboxes\n {2}• with limits\n1\. First\n2\. Second/);
    assert.match(html.label, /our website \(https:\/\/www\.example\.org\/diz\)/);
    assert.match(html.label, /Safe & sound <tags>\./);
    assert.doesNotMatch(html.label, /hacked|document\.title|alert/);
    assert.doesNotMatch(await page.title(), /hacked/);
    harness.assertClean();
    await page.context().close();
  });

  test('errors appear beside their questions after "Check this page"', async () => {
    const page = await openGallery(sizes.laptop, pages.choices);
    await click(page, 'q:devices:choice:0');  // one of at least two
    await click(page, 'gallery_check');
    const current = await waitForView(page, (v) => v.gallery.showErrors);
    const errors = Object.fromEntries(current.gallery.elements.map((e) => [e.name, e.errors]));
    assert.deepEqual(errors.travel, ['Response required.']);
    assert.match(errors.devices.join(), /at least 2/);
    assert.deepEqual(errors.sector, []);
    await screenshot(page, 'questions-errors-laptop');
    harness.assertClean();
    await page.context().close();
  });

  test('the high-contrast theme: from the button, from ?contrast=high and from prefers-contrast', async () => {
    const page = await openGallery(sizes.laptop, pages.scales);
    assert.equal((await view(page)).theme, 'default');
    await click(page, 'gallery_contrast');
    await waitForView(page, (v) => v.theme === 'high-contrast');
    await click(page, 'q:satisfaction:rate:2');
    await page.locator('#canvas').focus();
    await tabTo(page, 'q:works_from_home:true');
    await screenshot(page, 'questions-high-contrast-laptop');
    await page.context().close();

    const byParameter = await openGallery(sizes.laptop, pages.choices, 'all-types', '&contrast=high');
    assert.equal((await view(byParameter)).theme, 'high-contrast');
    await byParameter.context().close();

    const byPreference = await harness.openPage({ ...sizes.laptop, contrast: 'more' });
    await byPreference.goto(harness.url + '?gallery=all-types');
    await byPreference.evaluate(() => window.canvass.ready);
    assert.equal((await view(byPreference)).theme, 'high-contrast');
    harness.assertClean();
    await byPreference.context().close();
  });

  test('200 % text on a phone: nothing is cut off and targets stay large', async () => {
    for (const pageNumber of [pages.choices, pages.order]) {
      const page = await openGallery(sizes.phone, pageNumber);
      for (let step = 0; step < 4; step++) {
        await tap(page, 'text_larger');
        await waitForView(page, (v) => v.textSizePercent === 125 + 25 * step);
      }
      const current = await view(page);
      for (const c of current.controls) {
        assert.ok(c.rect.x >= 0 && c.rect.x + c.rect.width <= 360 + 0.5, `${c.id} fits in 360 px`);
        if (interactive.includes(c.kind)) {
          assert.ok(c.rect.height >= 44 && c.rect.width >= 44, `${c.id} is at least 44 px`);
        }
      }
      await reveal(page, pageNumber === pages.order ? 'q:priorities:rank:1:down' : 'q:travel:choice:0');
      await screenshot(page, `questions-200-percent-phone-page${pageNumber}`);
      harness.assertClean();
      await page.context().close();
    }
  });

  test('the consultation survey draws in English and Polish', async () => {
    const page = await openGallery(sizes.laptop, 4, 'diz');
    let current = await view(page);
    assert.equal(current.gallery.survey, 'diz-digital-needs');
    assert.ok(current.controls.some((c) => c.id.startsWith('q:mobile_network:choice:')));
    await click(page, 'language_pl');
    // The survey's own Polish texts, once the screen is drawn in Polish.
    current = await waitForView(page, (v) => v.locale === 'pl' && v.controls.some((c) => c.label === 'Inna sieć'));
    assert.ok(current.controls.some((c) => c.label === 'Nie mam telefonu komórkowego'));
    await screenshot(page, 'questions-diz-polish-laptop');
    harness.assertClean();
    await page.context().close();
  });
});

// --- 8. Screenshots and sizes ------------------------------------------------------------------------

const interactive = ['radio', 'checkbox', 'button', 'toggle', 'text', 'textarea', 'combobox', 'search', 'option', 'handle'];

describe('screenshots', () => {
  test('the narrowest screen (320 px): every page fits and every target is at least 44 px', async () => {
    const narrowest = { viewport: { width: 320, height: 640 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true };
    for (const pageNumber of Object.values(pages)) {
      const page = await openGallery(narrowest, pageNumber);
      const current = await view(page);
      for (const c of current.controls) {
        assert.ok(c.rect.x >= 0 && c.rect.x + c.rect.width <= 320 + 0.5, `${c.id} fits in 320 px`);
        if (interactive.includes(c.kind)) assert.ok(c.rect.height >= 44 && c.rect.width >= 44, `${c.id} is at least 44 px`);
      }
      harness.assertClean();
      await page.context().close();
    }
  });

  for (const [name, size] of Object.entries(sizes)) {
    test(`every gallery page at ${name} size (${size.viewport.width}x${size.viewport.height})`, async () => {
      for (const [pageName, pageNumber] of Object.entries(pages)) {
        const page = await openGallery(size, pageNumber);
        const current = await view(page);
        for (const c of current.controls) {
          assert.ok(c.rect.x >= 0 && c.rect.x + c.rect.width <= size.viewport.width + 0.5, `${c.id} fits`);
        }
        await screenshot(page, `questions-${name}-${pageNumber}-${pageName}`);
        if (current.scroll.maxY > 0) {
          for (let i = 0; i < 20 && (await view(page)).scroll.y < (await view(page)).scroll.maxY; i++) {
            await scrollBy(page, await view(page), 400);
          }
          await waitForView(page, (v) => v.scroll.y === v.scroll.maxY);
          await screenshot(page, `questions-${name}-${pageNumber}-${pageName}-end`);
        }
        harness.assertClean();
        await page.context().close();
      }
    });
  }
});
