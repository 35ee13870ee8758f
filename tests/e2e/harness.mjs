// Shared set-up for the end-to-end tests: serves the built web folder on 127.0.0.1, launches
// Debian's Chromium headless with WebGL on SwiftShader, fails a test on any uncaught page
// exception or unexpected console error, and saves screenshots into artefacts/screenshots.
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { devMounts, startServer } from '../../scripts/serve.mjs';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const siteRoot = process.env.CANVASS_SITE || join(repoRoot, 'build/web/site');
export const artefacts = process.env.CANVASS_ARTEFACTS || join(repoRoot, 'artefacts');

// Browser context options for the three screen sizes every screen is checked at.
export const viewports = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true },
  laptop: { viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 },
  kiosk: { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1, hasTouch: true },
};

const chromiumArgs = [
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-sandbox', '--disable-gpu',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  '--disable-quic',
];

// SwiftShader's performance notes are not errors of ours.
const ignoredConsole = [/GL Driver Message/, /GPU stall due to ReadPixels/];

// `root` serves another web folder than the build's (e.g. a copy with a test manifest).
export async function startHarness({ extraArgs = [], root = siteRoot } = {}) {
  const server = await startServer({ root, port: 0, mounts: devMounts });
  const url = `http://127.0.0.1:${server.address().port}/`;
  // Playwright gives each launch a fresh, temporary --user-data-dir.
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...chromiumArgs, ...extraArgs] });
  const problems = [];
  const expected = [];

  async function openPage(options = {}) {
    const context = await browser.newContext({ ...viewports.laptop, ...options });
    return pageIn(context);
  }

  // Another page (a second tab) in an existing context: same origin storage, same checks.
  async function pageIn(context) {
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      if (ignoredConsole.some((pattern) => pattern.test(text))) return;
      if (expected.some((pattern) => pattern.test(text))) return;
      problems.push(`console error: ${text}`);
    });
    return page;
  }

  async function bootPage(options = {}, path = '') {
    const page = await openPage(options);
    await page.goto(url + path);
    await page.evaluate(() => window.canvass.ready);
    return page;
  }

  return {
    url,
    browser,
    openPage,
    pageIn,
    bootPage,
    // A test that provokes a console error on purpose declares it first.
    expectConsoleError(pattern) { expected.push(pattern); },
    // Throws when anything unexpected reached the console or escaped as an exception.
    assertClean() {
      if (problems.length) throw new Error(`page problems:\n${problems.join('\n')}`);
    },
    async close() {
      await browser.close();
      await new Promise((done) => server.close(done));
    },
  };
}

export function view(page) {
  return page.evaluate(() => window.canvass.view());
}

// Polls the app's view until `predicate(view)` holds; fails with the last view after 10 s.
export async function waitForView(page, predicate, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let current;
  while (Date.now() < deadline) {
    current = await view(page);
    if (predicate(current)) return current;
    await new Promise((done) => setTimeout(done, 25));
  }
  throw new Error(`view never matched ${predicate}: ${JSON.stringify(current).slice(0, 2000)}`);
}

// The centre of a control in page coordinates, from the rect the app reports for it.
export async function controlCentre(page, id) {
  const current = await view(page);
  const control = current.controls.find((c) => c.id === id);
  if (!control || !control.rect) throw new Error(`no control '${id}' on screen '${current.screen}'`);
  const box = await page.locator('#canvas').boundingBox();
  return { x: box.x + control.rect.x + control.rect.width / 2, y: box.y + control.rect.y + control.rect.height / 2 };
}

// A real one-finger drag through Chromium's input pipeline (Playwright's touchscreen only taps).
export async function touchDrag(page, from, to, steps = 8) {
  const cdp = await page.context().newCDPSession(page);
  const point = (p) => [{ x: p.x, y: p.y, id: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(from) });
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove', touchPoints: point({ x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t }),
    });
    await new Promise((done) => setTimeout(done, 16));
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

export async function screenshot(page, name) {
  const path = join(artefacts, 'screenshots', `${name}.png`);
  await mkdir(dirname(path), { recursive: true });
  await page.screenshot({ path });
  return path;
}
