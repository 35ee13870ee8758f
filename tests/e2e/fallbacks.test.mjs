// When Canvass cannot draw its canvas it runs as plain HTML (the accessible layer becomes the
// page); when it cannot run at all, the page says so in readable HTML instead of a blank canvas.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { screenshot, siteRoot, startHarness, waitForView } from './harness.mjs';

let noWebGL;
before(async () => { noWebGL = await startHarness({ extraArgs: ['--disable-3d-apis'] }); });
after(async () => { await noWebGL.close(); });

test('without WebGL2 the survey runs as plain HTML, and can be answered with the mouse', async () => {
  const page = await noWebGL.openPage();
  await page.goto(noWebGL.url);
  await page.evaluate(() => window.canvass.ready);
  let current = await waitForView(page, (v) => v.screen === 'welcome');
  assert.equal(current.htmlOnly, true);
  assert.equal(await page.locator('#canvas').isVisible(), false);
  assert.equal(await page.locator('#canvass-loading').isHidden(), true);
  const layer = page.locator('#canvass-semantics');
  await layer.getByRole('heading', { level: 1, name: current.heading }).waitFor();
  await screenshot(page, 'fallback-no-webgl2-welcome-laptop');
  await layer.getByRole('button', { name: 'Start', exact: true }).click();
  current = await waitForView(page, (v) => v.screen === 'question');
  await layer.getByRole('checkbox', { name: 'I live in the area' }).click();
  await waitForView(page, (v) => JSON.stringify(v.elements[0].value) === '["resident"]');
  await screenshot(page, 'fallback-no-webgl2-question-laptop');
  await layer.getByRole('button', { name: 'Continue', exact: true }).click();
  current = await waitForView(page, (v) => v.elements[0]?.name === 'postcode_district');
  await layer.getByLabel(/What is the first part of your postcode\?/).fill('CM20');
  await waitForView(page, (v) => v.elements[0].value === 'CM20');
  assert.equal(await page.title(), `${current.progress} – Canvass`);
  noWebGL.assertClean();
  await page.context().close();
});

// WCAG 1.4.10 and 1.4.4 where the layer is the page: 320 CSS px wide (a 1280 px window at 400 %)
// with the app's text at 200 %, in both themes; axe also checks the visible page's contrast here.
test('the HTML-only page reflows at 320 px with 200 % text, and axe finds nothing in either theme', async () => {
  const page = await noWebGL.openPage({ viewport: { width: 320, height: 640 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  await page.goto(noWebGL.url);
  await page.evaluate(() => window.canvass.ready);
  let current = await waitForView(page, (v) => v.screen === 'welcome');
  const layer = page.locator('#canvass-semantics');
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const violations = async () => (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join('; ')}`);
  for (let step = 1; step <= 4; step++) {
    await layer.getByRole('button', { name: 'Larger text', exact: true }).click();
    current = await waitForView(page, (v) => v.textSizePercent === 100 + 25 * step);
  }
  assert.equal(await overflow(), 0, 'no sideways scrolling on the welcome screen');
  assert.deepEqual(await violations(), []);
  await layer.getByRole('button', { name: 'Start', exact: true }).click();
  current = await waitForView(page, (v) => v.screen === 'question');
  await layer.getByRole('heading', { level: 1, name: /Who are you answering as\?/ }).waitFor();
  assert.equal(await overflow(), 0, 'no sideways scrolling on a question');
  assert.deepEqual(await violations(), []);
  await screenshot(page, 'fallback-no-webgl2-question-320px-200-percent');
  await layer.getByRole('button', { name: 'High contrast', exact: true }).click();
  await waitForView(page, (v) => v.highContrast);
  await layer.getByRole('button', { name: 'Continue', exact: true }).click();
  await waitForView(page, (v) => v.errorSummary.length > 0);
  await layer.getByRole('alert').waitFor();
  assert.equal(await overflow(), 0);
  assert.deepEqual(await violations(), []);
  await screenshot(page, 'fallback-no-webgl2-error-high-contrast-320px');
  noWebGL.assertClean();
  await page.context().close();
});

test('opened from file:// the page asks for a web address', async () => {
  const page = await noWebGL.openPage();
  await page.goto(pathToFileURL(join(siteRoot, 'index.html')).href);
  const message = page.locator('#canvass-message');
  await message.waitFor({ state: 'visible' });
  assert.match(await message.innerText(), /Open this survey from a web address/);
  await screenshot(page, 'fallback-file-url-laptop');
  noWebGL.assertClean();
  await page.context().close();
});
