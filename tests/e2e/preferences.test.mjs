// The person's own settings, as the browser reports them: its text size, zoom, reduced motion
// (WCAG 1.4.4 Resize text, 1.4.10 Reflow, 2.3.3 Animation from interactions). Contrast
// preferences are in questions.test.mjs; the HTML-only page's reflow in fallbacks.test.mjs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pressLayerButton, screenshot, semanticLayer, startHarness, waitForView } from './harness.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness?.close(); });

const layer = semanticLayer;
const pressButton = pressLayerButton;

// Every control on the screen lies inside the window's width: nothing needs sideways scrolling.
function assertFits(current, width) {
  for (const c of current.controls) {
    if (!c.rect) continue;
    assert.ok(c.rect.x >= 0 && c.rect.x + c.rect.width <= width + 0.5, `${c.id} fits in ${width} px (${JSON.stringify(c.rect)})`);
  }
}

test("the browser's own text-size setting sets the app's text size, until the person picks one", async () => {
  const page = await harness.openPage({ viewport: { width: 1366, height: 768 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.enable');
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 24 } });  // Chrome's "Very large"
  await page.goto(harness.url);
  await page.evaluate(() => window.canvass.ready);
  let current = await waitForView(page, (v) => v.screen === 'welcome');
  assert.equal(current.textSizePercent, 150);
  // The person's own choice wins on the next visit.
  await pressButton(page, 'Smaller text');
  await waitForView(page, (v) => v.textSizePercent === 125);
  await page.reload();
  await page.evaluate(() => window.canvass.ready);
  current = await waitForView(page, (v) => v.screen === 'welcome');
  assert.equal(current.textSizePercent, 125);
  harness.assertClean();
  await page.context().close();
});

// Browser zoom at 200 % on a 1280 x 800 window is a 640 x 400 CSS px window at twice the pixels;
// at 400 % it is 320 px wide. The canvas lays every screen out again for the width it has.
for (const [name, options] of [
  ['200 % zoom', { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 }],
  ['400 % zoom (320 px)', { viewport: { width: 320, height: 200 }, deviceScaleFactor: 4 }],
]) {
  test(`browser ${name}: the welcome screen and a question fit the width, and the layer keeps up`, async () => {
    const page = await harness.bootPage(options);
    const width = options.viewport.width;
    let current = await waitForView(page, (v) => v.screen === 'welcome');
    assertFits(current, width);
    assert.equal(current.canvas.pixelRatio, options.deviceScaleFactor);
    await pressButton(page, 'Start');
    current = await waitForView(page, (v) => v.screen === 'question');
    assertFits(current, width);
    // The question's heading and every choice are there to scroll to: nothing is cut off.
    assert.deepEqual(current.controls.filter((c) => c.group === 'segment' && c.kind === 'checkbox').map((c) => c.id),
      ['q:segment:choice:0', 'q:segment:choice:1', 'q:segment:choice:2']);
    await screenshot(page, `preferences-zoom-${width}px-question`);
    harness.assertClean();
    await page.context().close();
  });
}

test('with reduced motion asked for, nothing on the page moves by itself', async () => {
  const page = await harness.openPage({ viewport: { width: 1366, height: 768 }, reducedMotion: 'reduce' });
  await page.goto(harness.url);
  // The loading spinner is the page's only animation (the canvas scrolls only as the person moves it).
  assert.equal(await page.locator('.canvass-spinner').evaluate((spinner) => getComputedStyle(spinner).animationName), 'none');
  await page.evaluate(() => window.canvass.ready);
  await waitForView(page, (v) => v.screen === 'welcome');
  harness.assertClean();
  await page.context().close();
});

// A canvas cannot follow the system's forced colours or a person's own style sheet or text
// spacing (WCAG 1.4.12); the plain HTML page can, and is there to ask for.
for (const [how, options, path] of [
  ['?view=html in the address', {}, '?view=html'],
  ['forced colours (a Windows contrast theme)', { forcedColors: 'active' }, ''],
]) {
  test(`the plain HTML page, asked for by ${how}`, async () => {
    const page = await harness.bootPage({ viewport: { width: 1366, height: 768 }, ...options }, path);
    const current = await waitForView(page, (v) => v.screen === 'welcome');
    assert.equal(current.htmlOnly, true);
    assert.equal(await page.locator('#canvas').isVisible(), false);
    await layer(page).getByRole('heading', { level: 1, name: current.heading }).waitFor();
    assert.equal(await layer(page).getByRole('button', { name: 'Polski' }).getAttribute('lang'), 'pl');
    harness.assertClean();
    await page.context().close();
  });
}
