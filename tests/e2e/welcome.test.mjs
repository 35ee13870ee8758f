// The welcome screen in real headless Chromium: boot, the automation API, mouse, touch and
// keyboard input, HiDPI and resizing, WebGL context loss, and screenshots at three sizes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  keyboardActivate, pressControl, screenshot, settledView, startHarness, view, viewports, waitForView,
} from './harness.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness.close(); });

describe('welcome screen', () => {
  test('boots and reports the welcome screen through window.canvass.view()', async () => {
    const page = await harness.bootPage();
    const current = await waitForView(page, (v) => v.screen !== 'loading');
    assert.equal(typeof current, 'object');
    assert.equal(current.screen, 'welcome');
    assert.equal(current.locale, 'en');
    assert.equal(current.heading, 'Getting online: have your say');
    assert.ok(current.framesDrawn >= 1);
    assert.equal(current.store.open, true, `store error: ${current.store.error}`);
    assert.equal(current.store.schemaVersion, 4);
    assert.equal(current.store.state, 'ready', current.store.detail);
    assert.equal(current.store.responses, 0);
    assert.ok(current.fonts.bodyPx >= 18, 'body text is at least 18 px');
    // The loading indicator is gone and no Emscripten page chrome is present.
    assert.equal(await page.locator('#canvass-loading').isHidden(), true);
    const text = await page.locator('body').innerText();
    assert.doesNotMatch(text, /emscripten|powered by/i);
    assert.equal(await page.locator('textarea, #output, #status, #spinner').count(), 0);
    assert.match(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'),
      /default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'/);
    harness.assertClean();
    await page.context().close();
  });

  test('the view API is read-only: it exposes no way to change answers', async () => {
    const page = await harness.bootPage();
    const api = await page.evaluate(() => ({
      keys: Object.keys(window.canvass).sort(),
      frozen: Object.isFrozen(window.canvass),
    }));
    assert.deepEqual(api.keys, ['boot', 'ready', 'view']);
    assert.equal(api.frozen, true);
    // Mutating the returned object changes nothing in the app.
    await page.evaluate(() => { const v = window.canvass.view(); v.locale = 'pl'; v.controls.length = 0; });
    assert.equal((await view(page)).locale, 'en');
    harness.assertClean();
    await page.context().close();
  });

  test('mouse: clicking "Polski" switches the whole screen to Polish (Latin Extended-A)', async () => {
    const page = await harness.bootPage();
    await waitForView(page, (v) => v.screen === 'welcome');
    await pressControl(page, 'language_pl');
    const polish = await waitForView(page, (v) => v.locale === 'pl');
    assert.equal(polish.heading, 'Internet w naszej okolicy: wyraź swoją opinię');
    assert.equal(polish.controls.find((c) => c.id === 'start').label, 'Rozpocznij');
    const settled = await settledView(page);
    assert.equal(settled.controls.find((c) => c.id === 'language_pl').selected, true);
    assert.equal(settled.controls.find((c) => c.id === 'language_en').selected, false);
    await screenshot(page, 'welcome-polish-laptop');
    harness.assertClean();
    await page.context().close();
  });

  test('touch: tapping "Larger text" enlarges text and rebuilds the font atlas', async () => {
    const page = await harness.bootPage(viewports.phone);
    await waitForView(page, (v) => v.screen === 'welcome');
    const before = await settledView(page);
    await pressControl(page, 'text_larger', { touch: true });
    const larger = await waitForView(page, (v) => v.textSizePercent === 125 && v.fonts.bodyPx === 25);
    assert.ok(larger.fonts.atlasBuilds > before.fonts.atlasBuilds, 'atlas rebuilt for the new size');
    // Tap up to the 200 % limit, dragging the page with a finger when the button moves out of view.
    for (let size = 150; size <= 200; size += 25) {
      await pressControl(page, 'text_larger', { touch: true });
      await waitForView(page, (v) => v.textSizePercent === size);
    }
    const largest = await settledView(page);
    assert.equal(largest.controls.find((c) => c.id === 'text_larger').enabled, false);
    await screenshot(page, 'welcome-200-percent-phone');
    harness.assertClean();
    await page.context().close();
  });

  test('keyboard: Tab moves focus through the controls and Enter activates', async () => {
    const page = await harness.bootPage();
    await waitForView(page, (v) => v.screen === 'welcome');
    await page.locator('#canvas').focus();
    await keyboardActivate(page, 'language_pl');
    await waitForView(page, (v) => v.locale === 'pl');
    await keyboardActivate(page, 'text_larger', { key: 'Space' });
    await waitForView(page, (v) => v.textSizePercent === 125);
    // Tab past the canvas's last control leaves it for the page (no keyboard trap); the page's
    // first control is English, and the canvas's ring follows it there.
    await keyboardActivate(page, 'language_en');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('data-control')), 'language_en');
    await waitForView(page, (v) => v.locale === 'en');
    await screenshot(page, 'welcome-keyboard-focus-laptop');
    harness.assertClean();
    await page.context().close();
  });

  test('HiDPI: the backing store follows devicePixelRatio and window resizes', async () => {
    const page = await harness.bootPage({ viewport: { width: 800, height: 600 }, deviceScaleFactor: 2 });
    let current = await view(page);
    assert.equal(current.canvas.pixelRatio, 2);
    assert.equal(current.canvas.cssWidth, 800);
    assert.equal(current.canvas.framebufferWidth, 1600);
    assert.equal(current.canvas.framebufferHeight, 1200);
    assert.equal(current.fonts.rasterPixelRatio, 2);
    await page.setViewportSize({ width: 500, height: 700 });
    current = await waitForView(page, (v) => v.canvas.cssWidth === 500);
    assert.equal(current.canvas.framebufferWidth, 1000);
    assert.equal(current.canvas.framebufferHeight, 1400);
    // Controls are laid out inside the narrower window.
    for (const control of current.controls) assert.ok(control.rect.x + control.rect.width <= 500, control.id);
    // Moving the window to a screen with another pixel ratio re-rasterises the fonts for it.
    const builds = current.fonts.atlasBuilds;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 500, height: 700, deviceScaleFactor: 1, mobile: false });
    current = await waitForView(page, (v) => v.canvas.pixelRatio === 1 && v.fonts.rasterPixelRatio === 1);
    assert.equal(current.canvas.framebufferWidth, 500);
    assert.equal(current.fonts.atlasBuilds, builds + 1);
    harness.assertClean();
    await page.context().close();
  });

  test('WebGL context loss shows a message, and the app recovers on restore', async () => {
    const page = await harness.bootPage();
    await page.evaluate(() => {
      window.loseContextExtension = document.getElementById('canvas').getContext('webgl2').getExtension('WEBGL_lose_context');
      window.loseContextExtension.loseContext();
    });
    await waitForView(page, (v) => v.canvas.contextLost === true);
    assert.equal(await page.locator('#canvass-message').isVisible(), true);
    assert.match(await page.locator('#canvass-message').innerText(), /Restoring the display/);
    await page.evaluate(() => window.loseContextExtension.restoreContext());
    await waitForView(page, (v) => v.canvas.contextLost === false && v.canvas.contextRestores === 1);
    assert.equal(await page.locator('#canvass-message').isHidden(), true);
    // It still draws and still takes input after the restore.
    await pressControl(page, 'language_pl');
    await waitForView(page, (v) => v.locale === 'pl');
    const pixels = await screenshot(page, 'welcome-after-context-restore-laptop');
    assert.ok(pixels);
    harness.assertClean();
    await page.context().close();
  });

  for (const [name, size] of Object.entries(viewports)) {
    const { width, height } = size.viewport;
    test(`screenshot at ${name} size (${width}x${height})`, async () => {
      const page = await harness.bootPage(size);
      const current = await view(page);
      for (const control of current.controls) {
        assert.ok(control.rect.height >= 44, `${control.id} is a 44 px touch target`);
        assert.ok(control.rect.x >= 0 && control.rect.x + control.rect.width <= width, `${control.id} fits`);
      }
      await screenshot(page, `welcome-${name}`);
      harness.assertClean();
      await page.context().close();
    });
  }
});
