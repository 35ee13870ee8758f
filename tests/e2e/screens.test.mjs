// Screenshots of every respondent screen at phone, laptop and kiosk sizes, saved under
// artefacts/screenshots/screens-<size>-<screen>.png for people to look at. Each walk also checks
// what must hold at every size: nothing drawn wider than the canvas, and touch targets of at
// least 44 CSS px.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pressControl, screenshot, settledView, startHarness, viewports, waitForView } from './harness.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

function checkLayout(current, size) {
  for (const control of current.controls) {
    if (!control.rect || control.kind === 'text' || control.kind === 'status' || control.kind === 'question') continue;
    assert.ok(control.rect.x >= 0 && control.rect.x + control.rect.width <= current.canvas.cssWidth + 0.5,
      `${size}: control ${control.id} fits the width`);
    if (['button', 'toggle', 'link', 'radio', 'checkbox', 'option', 'combobox'].includes(control.kind)) {
      assert.ok(control.rect.height >= 44, `${size}: control ${control.id} is at least 44 px tall (${control.rect.height})`);
    }
  }
}

for (const size of ['phone', 'laptop', 'kiosk']) {
  test(`every respondent screen at ${size} size`, async () => {
    const touch = size !== 'laptop';
    const page = await harness.bootPage(viewports[size]);
    const shots = new Set();
    const shoot = async (name) => {
      const current = await settledView(page);
      checkLayout(current, size);
      if (shots.has(name)) return current;
      shots.add(name);
      await screenshot(page, `screens-${size}-${name}`);
      return current;
    };
    await waitForView(page, (v) => v.screen === 'welcome');
    await shoot('welcome');
    await pressControl(page, 'start', { touch });
    let current = await waitForView(page, (v) => v.screen === 'question');
    await pressControl(page, 'continue', { touch });
    await waitForView(page, (v) => v.errorSummary.length > 0);
    await shoot('question-error');
    await pressControl(page, 'q:segment:choice:0', { touch });
    await pressControl(page, 'q:segment:choice:1', { touch });
    await pressControl(page, 'q:segment:choice:2', { touch });
    await shoot('question-checkbox');
    while (current.screen === 'question') {
      current = await settledView(page);
      const type = current.elements.find((e) => e.type !== 'html')?.type ?? 'html';
      await shoot(`question-${type}`);
      const before = current;
      await pressControl(page, 'continue', { touch });
      current = await waitForView(page, (v) => v.screen !== 'question' ||
        v.elements.map((e) => e.name).join() !== before.elements.map((e) => e.name).join());
    }
    await shoot('check-answers');
    await pressControl(page, 'submit', { touch });
    await waitForView(page, (v) => v.screen === 'confirmation', 15_000);
    await shoot('confirmation');
    for (const type of ['checkbox', 'text', 'radiogroup', 'rating', 'matrix', 'ranking', 'comment', 'dropdown']) {
      assert.ok(shots.has(`question-${type}`), `${size}: saw a ${type} question`);
    }
    await page.context().close();
    harness.assertClean();
  });
}
