// When Canvass cannot run, the page says so in readable HTML instead of showing a blank canvas.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { screenshot, siteRoot, startHarness } from './harness.mjs';

let noWebGL;
before(async () => { noWebGL = await startHarness({ extraArgs: ['--disable-3d-apis'] }); });
after(async () => { await noWebGL.close(); });

test('without WebGL2 the page explains what to do', async () => {
  const page = await noWebGL.openPage();
  await page.goto(noWebGL.url);
  const message = page.locator('#canvass-message');
  await message.waitFor({ state: 'visible' });
  assert.match(await message.innerText(), /This browser cannot show the survey[\s\S]*WebGL 2/);
  assert.equal(await page.locator('#canvass-loading').isHidden(), true);
  await assert.rejects(page.evaluate(() => window.canvass.ready), /could not start \(webgl2\)/);
  assert.equal((await page.evaluate(() => window.canvass.view())).screen, 'error');
  await screenshot(page, 'fallback-no-webgl2-laptop');
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
