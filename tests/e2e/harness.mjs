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
// `session`: a CDP session to reuse (a caller dragging many times); it is left open.
export async function touchDrag(page, from, to, steps = 8, { session } = {}) {
  const cdp = session || await page.context().newCDPSession(page);
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
  if (!session) await cdp.detach();
}

export async function screenshot(page, name) {
  const path = join(artefacts, 'screenshots', `${name}.png`);
  await mkdir(dirname(path), { recursive: true });
  await page.screenshot({ path });
  return path;
}

// The view once the app has stopped drawing (it draws only while something changes), so
// control rects describe what is on screen now, not a frame in the middle of a change.
export async function settledView(page, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  let last = await view(page);
  while (Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 60));
    const current = await view(page);
    if (current.framesDrawn === last.framesDrawn) return current;
    last = current;
  }
  return last;
}

// Scrolls until control `id` is wholly inside the visible part of the canvas, the way a person
// would (the mouse wheel, or a finger dragging the page), and returns its centre in page
// coordinates.
export async function revealControl(page, id, { touch = false } = {}) {
  for (let attempt = 0; attempt < 40; attempt++) {
    const current = await settledView(page);
    const control = current.controls.find((c) => c.id === id);
    if (!control || !control.rect) throw new Error(`no control '${id}' on screen '${current.screen}'`);
    const box = await page.locator('#canvas').boundingBox();
    const visible = Math.min(box.height, page.viewportSize().height - box.y);
    const top = control.rect.y, bottom = top + control.rect.height;
    if (top >= 0 && bottom <= visible) {
      return { x: box.x + control.rect.x + control.rect.width / 2, y: box.y + top + control.rect.height / 2 };
    }
    const wanted = top < 0 ? top - 24 : Math.min(bottom - visible + 24, top - 24);
    const step = Math.max(-visible * 0.6, Math.min(visible * 0.6, wanted));
    // Somewhere with nothing to press, so a drag or wheel starts on the page itself.
    const at = { x: box.x + Math.max(4, control.rect.x - 12), y: box.y + visible / 2 };
    if (touch) {
      await touchDrag(page, at, { x: at.x, y: at.y - step });
    } else {
      await page.mouse.move(at.x, at.y);
      await page.mouse.wheel(0, step);
    }
    await waitForView(page, (v) => v.scroll.y !== current.scroll.y, 2_000).catch(() => {});
  }
  throw new Error(`could not scroll control '${id}' into view`);
}

// Clicks (or with `touch`, taps) control `id` after bringing it into view.
export async function pressControl(page, id, { touch = false } = {}) {
  const at = await revealControl(page, id, { touch });
  if (touch) await page.touchscreen.tap(at.x, at.y);
  else await page.mouse.click(at.x, at.y);
}

// A kiosk's staff PIN (docs/kiosk.md), typed key by key on its keypad, then Enter.
export const kioskPin = '246810';
export async function typePin(page, pin = kioskPin, { touch = true } = {}) {
  for (const digit of pin) await pressControl(page, `pin:${digit}`, { touch });
  await pressControl(page, 'pin:enter', { touch });
}

// A new kiosk's first start, as a volunteer does it: choose the staff PIN, type it again, then
// "Back to the kiosk" from the staff screen. Resolves with the attract screen's view.
export async function setUpKiosk(page, pin = kioskPin) {
  await waitForView(page, (v) => v.screen === 'staff-pin' && v.staff.mode === 'choose');
  await typePin(page, pin);
  await waitForView(page, (v) => v.staff?.mode === 'confirm');
  await typePin(page, pin);
  await waitForView(page, (v) => v.screen === 'staff');
  await pressControl(page, 'staff:close', { touch: true });
  return waitForView(page, (v) => v.screen === 'welcome' && v.kiosk);
}

// The accessible layer (web/page/semantics.js). Over the canvas it is visually hidden: the
// keyboard reaches its controls, a pointer cannot, so a button is pressed by focus and Enter.
export const semanticLayer = (page) => page.locator('#canvass-semantics');
export async function pressLayerButton(page, name) {
  await semanticLayer(page).getByRole('button', { name, exact: true }).focus();
  await page.keyboard.press('Enter');
}

// Moves the keyboard focus with Tab (or Shift+Tab) until control `id` has it, then presses
// `key` (Enter by default): what someone using the keyboard alone does.
export async function keyboardActivate(page, id, { key = 'Enter', maxTabs = 80 } = {}) {
  for (let i = 0; i < maxTabs; i++) {
    const current = await settledView(page);
    if (current.focusedControl === id) {
      await page.keyboard.press(key);
      return;
    }
    await page.keyboard.press('Tab');
    await waitForView(page, (v) => v.framesDrawn > current.framesDrawn, 2_000).catch(() => {});
  }
  const last = await view(page);
  throw new Error(`Tab never reached control '${id}' on screen '${last.screen}' (${last.elements?.map((e) => e.name).join()}); focus is on '${last.focusedControl}'`);
}
