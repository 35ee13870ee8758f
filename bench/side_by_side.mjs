// Canvass side by side with SurveyJS: the same default survey in the same headless Chromium,
// measured the same way, reported as figures and as the ratio Canvass / SurveyJS.
// Method and definitions: docs/benchmarks.md. By hand, not in CI.
//
// Usage: node bench/side_by_side.mjs [--runs K] [--changes N] [--slow] [--only canvass|surveyjs]
//   --runs K     measured runs per app, alternating apps (default 5); one unrecorded warm-up each
//   --changes N  timed page changes per direction per run (default 10)
//   --slow       also run everything with CDP CPU throttling 4x (a "slow phone" row)
//   --only APP   measure one app (the other's column shows n/a)
// Writes artefacts/bench/side-by-side.json. CANVASS_SITE overrides the Canvass folder as for tests.
//
// Sections: options and set-up · the in-page probe · the two app drivers · one run · report.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import { startServer } from '../scripts/serve.mjs';
import { artefacts, repoRoot, siteRoot, startHarness, viewports } from '../tests/e2e/harness.mjs';
import { byKind, compressedSizes, kindOf, sum } from './transfer.mjs';

// ---- options and set-up ------------------------------------------------------------------------

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 && args[index + 1] !== undefined ? args[index + 1] : fallback;
};
const runs = Number(option('--runs', '5'));
const changes = Number(option('--changes', '10'));
const only = option('--only', '');
const throttles = args.includes('--slow') ? [1, 4] : [1];
const apps = ['canvass', 'surveyjs'].filter((app) => !only || app === only);
const surveyJsVersion = '2.5.38';
const surveyFile = 'assets/surveys/diz-digital-needs.json';
const benchDir = join(repoRoot, 'bench/surveyjs');
const surveyJsSite = join(repoRoot, 'build/bench/surveyjs-site');
const outputFile = join(artefacts, 'bench/side-by-side.json');

// The files the SurveyJS page loads, at the paths it loads them from (bench/surveyjs/index.html).
const surveyJsFiles = [
  'index.html', 'page.js',
  'node_modules/survey-core/survey-core.fontless.min.css',
  'node_modules/survey-core/survey.core.min.js',
  'node_modules/survey-js-ui/survey-js-ui.min.js',
];

function installedVersion(name) {
  const file = join(benchDir, 'node_modules', name, 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : '';
}

// Installs the pinned SurveyJS (bench/surveyjs/package-lock.json) into its own git-ignored
// node_modules when missing or at another version, then lays out the page as a static folder.
async function prepareSurveyJs() {
  if (installedVersion('survey-core') !== surveyJsVersion || installedVersion('survey-js-ui') !== surveyJsVersion) {
    console.error(`Installing survey-core and survey-js-ui ${surveyJsVersion} into bench/surveyjs/node_modules (npm ci)…`);
    execFileSync('npm', ['ci', '--prefix', benchDir, '--no-audit', '--no-fund', '--loglevel=error'], { stdio: 'inherit' });
  }
  for (const name of ['survey-core', 'survey-js-ui']) {
    if (installedVersion(name) !== surveyJsVersion) {
      throw new Error(`bench/surveyjs has ${name} ${installedVersion(name) || '(none)'}, expected ${surveyJsVersion}`);
    }
  }
  await rm(surveyJsSite, { recursive: true, force: true });
  for (const file of surveyJsFiles) {
    await mkdir(dirname(join(surveyJsSite, file)), { recursive: true });
    await cp(join(benchDir, file), join(surveyJsSite, file));
  }
  await mkdir(dirname(join(surveyJsSite, surveyFile)), { recursive: true });
  await cp(join(repoRoot, surveyFile), join(surveyJsSite, surveyFile));
}

// ---- the in-page probe -------------------------------------------------------------------------
// Installed before any page script. A time it records is the moment the main thread has produced
// the first frame that shows the awaited screen; raster and compositing, off the main thread,
// are left out for both apps. Input times are the timeStamp of the pointerdown that started the
// click, on the same clock (performance.now(), 0 = navigation start).
//
// SurveyJS (Preact) changes the DOM in the task that handles the click; the probe checks the DOM
// in each frame's requestAnimationFrame and, when it matches, forces style and layout and takes
// the time then. Canvass draws inside animation-frame callbacks it requests itself; a callback
// that sees a click applies its intents and draws the new screen before it returns
// (WebApp::tick), so the last frame a callback drew shows the state as it returns. The probe
// wraps the page's requestAnimationFrame: a callback that drew a frame (framesDrawn went up)
// showed the state seen just after it ran, and the time is taken as it returns. Checking in a
// task posted after the frame instead would be late, or miss the frame, whenever Chromium runs
// frames before tasks.

function probe(app) {
  const snapshot = {
    canvass() {
      const api = window.canvass;
      const view = api ? api.view() : { screen: 'loading' };
      const names = (view.elements || []).map((element) => element.name).join(',');
      return { screen: view.screen, key: `${view.screen}|${view.heading || ''}|${names}`, frames: view.framesDrawn || 0 };
    },
    surveyjs() {
      const model = window.surveyBench && window.surveyBench.model;
      if (!model) return { screen: 'loading', key: 'loading' };
      const screen = { starting: 'welcome', running: 'question', completed: 'completed' }[model.state] || model.state;
      const page = model.activePage || model.currentPage;
      return { screen, key: `${screen}|${page ? page.name : ''}` };
    },
  }[app];

  // SurveyJS shows a screen once the DOM holds a usable control for it: the Start button, or the
  // root of the current page's first visible question with an enabled input.
  const usable = (element) => !!element && !element.disabled && element.getClientRects().length > 0;
  function surveyJsDrawn(state) {
    const model = window.surveyBench.model;
    if (state.screen === 'welcome') return usable(document.querySelector('.sd-navigation__start-btn'));
    if (state.screen !== 'question') return true;
    const question = model.currentPage && model.currentPage.questions.find((q) => q.isVisible && q.getType() !== 'html');
    if (!question) return true;
    const root = document.querySelector(`[data-name="${CSS.escape(question.name)}"]`);
    if (!root) return false;
    return [...root.querySelectorAll('input, textarea, select, button, [tabindex]')].some(
      (control) => !control.disabled && (control.getClientRects().length > 0 || control.type === 'checkbox' || control.type === 'radio'));
  }

  const nativeFrame = window.requestAnimationFrame.bind(window);
  let watching = null; // { want, resolve, reject, started, timeoutMs, last }
  const matches = (state, want) => state.screen !== 'loading' && (!want.screen || want.screen.includes(state.screen)) &&
    (!want.notKey || state.key !== want.notKey);
  const finish = (at, state) => { const w = watching; watching = null; w.resolve({ at, state }); };
  const timedOut = () => {
    const w = watching;
    if (performance.now() - w.started <= w.timeoutMs) return false;
    watching = null;
    w.reject(new Error(`timed out waiting for ${JSON.stringify(w.want)}; last state ${JSON.stringify(w.last)}`));
    return true;
  };

  if (app === 'canvass') {
    window.requestAnimationFrame = (callback) => nativeFrame((time) => {
      const w = watching;
      if (!w) return callback(time);
      let before;
      try { before = snapshot(); } catch (error) { before = { screen: 'loading', key: String(error), frames: 0 }; }
      callback(time);
      const at = performance.now();
      if (watching !== w) return;
      try {
        const after = snapshot();
        w.last = after;
        if (after.frames > before.frames && matches(after, w.want)) return finish(at, after);
      } catch (error) {
        w.last = { screen: 'probe-error', key: String(error) };
      }
      timedOut();
    });
    // While nothing changes Canvass draws no frames; a watch still needs its timeout.
    const idle = () => { if (watching) timedOut(); setTimeout(idle, 250); };
    idle();
  } else {
    const check = () => {
      if (watching) {
        try {
          const state = snapshot();
          watching.last = state;
          if (matches(state, watching.want) && surveyJsDrawn(state)) {
            document.body.getBoundingClientRect(); // style and layout of this frame, done now
            finish(performance.now(), state);
          }
        } catch (error) {
          watching.last = { screen: 'probe-error', key: String(error) };
        }
        if (watching) timedOut();
      }
      nativeFrame(check);
    };
    nativeFrame(check);
  }

  // Resolves with the time of the first frame that shows a state matching `want`.
  function watch(want, timeoutMs = 20000) {
    if (watching) watching.reject(new Error('superseded'));
    return new Promise((resolve, reject) => {
      watching = { want, resolve, reject, started: performance.now(), timeoutMs, last: null };
    });
  }

  const bench = {
    snapshot,
    lastInput: null,
    pending: null,
    // The first screen: Canvass's first drawn frame of `welcome`, SurveyJS's rendered start page.
    first: watch({ screen: ['welcome', 'question'] }, 60000),
    // Called just before a click: the returned promise gives the input time and the drawn time.
    arm(want) {
      bench.lastInput = null;
      bench.pending = watch(want).then((done) => ({ input: bench.lastInput, ...done }));
      bench.pending.catch(() => {});
    },
  };
  addEventListener('pointerdown', (event) => { bench.lastInput = event.timeStamp; }, { capture: true });
  window.__bench = bench;
}

// ---- the two app drivers -----------------------------------------------------------------------
// Each finds its controls from what the app itself reports (SurveyJS: the DOM and its model;
// Canvass: window.canvass.view()), scrolls them into view, and clicks with the real mouse.

const snapshot = (page) => page.evaluate(() => window.__bench.snapshot());

class Unsupported extends Error {}

const surveyJsDriver = {
  async centre(page, selector) {
    const box = await page.evaluate(async (css) => {
      const element = document.querySelector(css);
      if (!element) return null;
      element.scrollIntoView({ block: 'center' });
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      const rect = element.getBoundingClientRect();
      return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
    }, selector);
    if (!box) throw new Error(`SurveyJS page has no ${selector}`);
    return box;
  },
  control(name) {
    return { start: '.sd-navigation__start-btn', next: '.sd-navigation__next-btn', back: '.sd-navigation__prev-btn' }[name];
  },
  async position(page) {
    return page.evaluate(() => {
      const model = window.surveyBench.model;
      return { isLast: model.isLastPage, page: model.currentPage.name };
    });
  },
  async answerResident(page) {
    const target = await this.centre(page, '[data-name="segment"] input[value="resident"]');
    await page.mouse.click(target.x, target.y);
    await page.waitForFunction(() => (window.surveyBench.model.getValue('segment') || []).includes('resident'), null, { timeout: 5000 });
  },
};

const canvassDriver = {
  async view(page) { return page.evaluate(() => window.canvass.view()); },
  // Scrolls the canvas with the wheel until the control is on screen, then gives its centre.
  async centreOf(page, find, describe) {
    const box = await page.locator('#canvas').boundingBox();
    for (let attempt = 0; attempt < 20; attempt++) {
      const view = await this.view(page);
      const control = view.controls.find(find);
      if (!control) throw new Unsupported(`Canvass shows no ${describe} on screen '${view.screen}' (controls: ${view.controls.map((c) => c.id).join(', ') || 'none'})`);
      if (!control.rect) throw new Unsupported(`Canvass reports no rect for control '${control.id}'`);
      const centreY = control.rect.y + control.rect.height / 2;
      if (centreY > 4 && centreY < view.canvas.cssHeight - 4) {
        return { x: box.x + control.rect.x + control.rect.width / 2, y: box.y + centreY, control };
      }
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, centreY - view.canvas.cssHeight / 2);
      const frames = view.framesDrawn;
      await page.waitForFunction((before) => window.canvass.view().framesDrawn >= before + 2, frames, { timeout: 5000 });
    }
    throw new Error(`could not scroll Canvass's ${describe} into view`);
  },
  controlFinder(name) {
    const id = { start: 'start', next: 'continue', back: 'back' }[name];
    return [(control) => control.id === id, `control '${id}'`];
  },
  async position(page) {
    const view = await this.view(page);
    const next = view.controls.find((control) => control.id === 'continue');
    const names = (view.elements || []).map((element) => element.name).join(',');
    return { isLast: !!next && /check your answers/i.test(next.label), page: names || view.heading };
  },
  async answerResident(page) {
    // The segment question's "resident" choice: a control whose value (or id) is the choice value,
    // or else a choice of the `segment` element that reports its own rect.
    const isResident = (control) => control.group === 'segment' && (control.value === 'resident' || control.value === '"resident"');
    let target;
    try {
      target = await this.centreOf(page, isResident, "choice 'resident' of question 'segment'");
    } catch (error) {
      const view = await this.view(page);
      const segment = (view.elements || []).find((element) => element.name === 'segment');
      const choice = segment && (segment.choices || []).find((c) => c.value === 'resident');
      if (!choice || !choice.rect) throw error;
      const box = await page.locator('#canvas').boundingBox();
      target = { x: box.x + choice.rect.x + choice.rect.width / 2, y: box.y + choice.rect.y + choice.rect.height / 2 };
    }
    const { x, y } = target;
    await page.mouse.click(x, y);
    try {
      await page.waitForFunction(() => {
        const segment = (window.canvass.view().elements || []).find((element) => element.name === 'segment');
        return segment && Array.isArray(segment.value) && segment.value.includes('resident');
      }, null, { timeout: 5000 });
    } catch {
      throw new Unsupported("clicking Canvass's 'resident' choice did not set segment = ['resident'] in view().elements");
    }
  },
};

async function clickControl(page, app, name) {
  if (app === 'surveyjs') {
    const { x, y } = await surveyJsDriver.centre(page, surveyJsDriver.control(name));
    return { x, y };
  }
  const [find, describe] = canvassDriver.controlFinder(name);
  return canvassDriver.centreOf(page, find, describe);
}

// Clicks a control and times input → the first frame showing a different screen of `screens`.
async function timedClick(page, app, name, screens) {
  const target = await clickControl(page, app, name);
  const before = await snapshot(page);
  await page.evaluate((want) => window.__bench.arm(want), { screen: screens, notKey: before.key });
  await page.mouse.click(target.x, target.y);
  const done = await page.evaluate(() => window.__bench.pending);
  if (done.input === null) throw new Error(`the click on ${app}'s ${name} reached no pointerdown listener`);
  return { ms: done.at - done.input, at: done.at, state: done.state };
}

// ---- one run -----------------------------------------------------------------------------------

function percentile(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const median = (values) => {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// Records every request the page makes (CDP Network events) with its body and wire bytes.
async function recordNetwork(page, cpuRate) {
  const cdp = await page.context().newCDPSession(page);
  const requests = new Map();
  cdp.on('Network.requestWillBeSent', (event) => {
    requests.set(event.requestId, { url: event.request.url, body: 0, wire: 0, status: 0, done: false, failed: '' });
  });
  cdp.on('Network.responseReceived', (event) => {
    const request = requests.get(event.requestId);
    if (request) request.status = event.response.status;
  });
  cdp.on('Network.dataReceived', (event) => {
    const request = requests.get(event.requestId);
    if (request) request.body += event.dataLength;
  });
  cdp.on('Network.loadingFinished', (event) => {
    const request = requests.get(event.requestId);
    if (request) Object.assign(request, { wire: event.encodedDataLength, done: true });
  });
  cdp.on('Network.loadingFailed', (event) => {
    const request = requests.get(event.requestId);
    if (request) Object.assign(request, { failed: event.errorText, done: true });
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (cpuRate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuRate });
  return {
    // The requests made so far, once each has finished (or failed).
    async snapshot() {
      const taken = [...requests.values()];
      const deadline = Date.now() + 10000;
      while (taken.some((request) => !request.done) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 20));
      return taken.map((request) => ({ ...request }));
    },
  };
}

// Sizes each transferred file from the served folder (the server sends files verbatim).
const sizeCache = new Map();
async function transferFigures(requests, origins) {
  const files = [];
  const other = [];
  for (const request of requests) {
    const url = new URL(request.url);
    const root = origins[url.origin];
    if (!root || request.status !== 200) {
      other.push({ url: request.url, why: request.failed || (root ? `HTTP ${request.status}` : 'other origin'), wire: request.wire });
      continue;
    }
    const path = url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname;
    const file = join(root, decodeURIComponent(path));
    if (!sizeCache.has(file)) sizeCache.set(file, compressedSizes(await readFile(file)));
    const sizes = sizeCache.get(file);
    if (request.body && request.body !== sizes.raw) {
      throw new Error(`${path}: Chromium received ${request.body} body bytes, the file has ${sizes.raw}`);
    }
    files.push({ file: path.slice(1), kind: kindOf(path), wire: request.wire, ...sizes });
  }
  return { files, byKind: byKind(files), total: { ...sum(files), wire: files.reduce((t, f) => t + f.wire, 0) }, requests: files.length, other };
}

async function measure(harness, app, url, origins, cpuRate) {
  const page = await harness.openPage(viewports.laptop);
  const result = { app, cpuRate, notes: [] };
  try {
    const network = await recordNetwork(page, cpuRate);
    await page.addInitScript(probe, app);
    await page.goto(url, { waitUntil: 'commit' });
    // The app's own start-up promise first, so a failed start reports its own error.
    const api = app === 'canvass' ? 'canvass' : 'surveyBench';
    await page.waitForFunction((name) => !!window[name], api, { timeout: 60000 });
    await page.evaluate((name) => window[name].ready, api);
    const first = await page.evaluate(() => window.__bench.first);
    result.firstScreen = { ms: first.at, screen: first.state.screen };
    if (app === 'surveyjs') result.versions = await page.evaluate(() => window.surveyBench.versions);

    // Start → the first question.
    let startedAt = first.at;
    try {
      if (first.state.screen === 'welcome') {
        const start = await timedClick(page, app, 'start', ['question']);
        result.startToQuestion = { ms: start.ms };
        startedAt = start.at;
      }
      result.firstQuestion = { ms: result.firstScreen.ms + (result.startToQuestion ? result.startToQuestion.ms : 0) };
      result.firstQuestionAbsolute = { ms: startedAt };
    } finally {
      // Everything transferred before the first question could be answered (or, if Start could
      // not be pressed, before the first screen).
      result.transfer = await transferFigures(await network.snapshot(), origins);
      result.transfer.until = result.firstQuestion ? 'first question' : 'first screen';
    }

    // Page changes: tick "resident", then walk Next to the last question screen and Back to
    // the first one, timing each change, until N changes of each kind are recorded.
    const driver = app === 'surveyjs' ? surveyJsDriver : canvassDriver;
    await driver.answerResident(page);
    const firstPage = (await driver.position(page)).page;
    const samples = { next: [], back: [] };
    let direction = 'next';
    for (let guard = 0; guard < 20 * changes + 50 && (samples.next.length < changes || samples.back.length < changes); guard++) {
      const here = await driver.position(page);
      if (direction === 'next' && here.isLast) { direction = 'back'; continue; }
      if (direction === 'back' && here.page === firstPage) { direction = 'next'; continue; }
      const change = await timedClick(page, app, direction, ['question', 'check-answers', 'welcome']);
      if (change.state.screen !== 'question') {
        // Canvass only: Continue on the last question opens "Check your answers" and Back on the
        // first returns to the welcome screen. Neither is a question page change: undo it, untimed.
        const undo = change.state.screen === 'check-answers' ? 'back' : 'start';
        await timedClick(page, app, undo, ['question']);
        direction = direction === 'next' ? 'back' : 'next';
        continue;
      }
      samples[direction].push(change.ms);
    }
    const all = [...samples.next, ...samples.back];
    result.pageChange = {
      next: { count: samples.next.length, median: median(samples.next), p95: percentile(samples.next, 95) },
      back: { count: samples.back.length, median: median(samples.back), p95: percentile(samples.back, 95) },
      all: { count: all.length, median: median(all), p95: percentile(all, 95) },
      samples,
    };
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
    result.notes.push(error.message);
  } finally {
    await page.context().close();
  }
  return result;
}

// ---- report ------------------------------------------------------------------------------------

const figures = [
  ['transfer raw (kB)', (r) => r.transfer && r.transfer.total.raw / 1000],
  ['transfer gzip -9 (kB)', (r) => r.transfer && r.transfer.total.gzip / 1000],
  ['transfer brotli 11 (kB)', (r) => r.transfer && r.transfer.total.brotli / 1000],
  ['requests', (r) => r.transfer && r.transfer.requests],
  ['first screen (ms)', (r) => r.firstScreen && r.firstScreen.ms],
  ['Start → first question (ms)', (r) => r.startToQuestion && r.startToQuestion.ms],
  ['first question (ms)', (r) => r.firstQuestion && r.firstQuestion.ms],
  ['page change Next, median (ms)', (r) => r.pageChange && r.pageChange.next.median],
  ['page change Next, p95 (ms)', (r) => r.pageChange && r.pageChange.next.p95],
  ['page change Back, median (ms)', (r) => r.pageChange && r.pageChange.back.median],
  ['page change Back, p95 (ms)', (r) => r.pageChange && r.pageChange.back.p95],
  ['page change all, median (ms)', (r) => r.pageChange && r.pageChange.all.median],
  ['page change all, p95 (ms)', (r) => r.pageChange && r.pageChange.all.p95],
];

function summarise(results) {
  const value = (run, read) => { const v = read(run); return typeof v === 'number' && Number.isFinite(v) ? v : null; };
  return figures.map(([name, read]) => {
    const row = { figure: name };
    for (const app of ['canvass', 'surveyjs']) {
      const values = results.filter((r) => r.app === app).map((r) => value(r, read)).filter((v) => v !== null);
      row[app] = values.length ? median(values) : null;
      row[`${app}Runs`] = values.length;
    }
    row.ratio = row.canvass !== null && row.surveyjs ? row.canvass / row.surveyjs : null;
    return row;
  });
}

function printTable(title, rows) {
  const cell = (v, digits = 1) => (v === null ? 'n/a' : v.toFixed(digits));
  const pad = (text, width) => String(text).padStart(width);
  console.log(`\n${title}`);
  console.log(`${'figure'.padEnd(32)}${pad('Canvass', 11)}${pad('SurveyJS', 11)}${pad('Canvass/SurveyJS', 18)}`);
  for (const row of rows) {
    const digits = row.figure === 'requests' ? 0 : 1;
    console.log(`${row.figure.padEnd(32)}${pad(cell(row.canvass, digits), 11)}${pad(cell(row.surveyjs, digits), 11)}${pad(row.ratio === null ? 'n/a' : `${row.ratio.toFixed(2)}×`, 18)}`);
  }
}

function printBreakdown(results) {
  for (const app of apps) {
    const run = results.find((r) => r.app === app && r.cpuRate === 1 && r.transfer);
    if (!run) continue;
    console.log(`\n${app}: transferred before the ${run.transfer.until}, per file (bytes)`);
    const pad = (v, w) => String(v).padStart(w);
    const line = (name, row) => console.log(`  ${name.padEnd(56)}${pad(row.raw, 10)}${pad(row.gzip, 10)}${pad(row.brotli, 10)}`);
    console.log(`  ${'file'.padEnd(56)}${pad('raw', 10)}${pad('gzip', 10)}${pad('brotli', 10)}`);
    for (const file of run.transfer.files) line(file.file, file);
    for (const kind of run.transfer.byKind) line(`= ${kind.kind} (${kind.count})`, kind);
    line('= total', run.transfer.total);
    for (const other of run.transfer.other) console.log(`  not counted: ${other.url} (${other.why})`);
  }
}

async function main() {
  // Timings mean little on a busy machine: say so rather than report them silently.
  const load = { before: loadavg()[0], cores: availableParallelism() };
  if (load.before > load.cores) {
    console.error(`warning: load average ${load.before.toFixed(1)} on ${load.cores} cores; timings will be noisy (figures in bytes are not affected)`);
  }
  if (apps.includes('surveyjs')) await prepareSurveyJs();
  if (apps.includes('canvass') && !existsSync(join(siteRoot, 'index.html'))) {
    throw new Error(`no Canvass build in ${siteRoot}: run scripts/build web (or set CANVASS_SITE)`);
  }
  // Each app on its own origin, both served by the project's static server (scripts/serve.mjs),
  // uncompressed: the figures compress each file here instead.
  const harness = await startHarness();
  const surveyJsServer = await startServer({ root: surveyJsSite, port: 0 });
  const urls = { canvass: harness.url, surveyjs: `http://127.0.0.1:${surveyJsServer.address().port}/` };
  const origins = { [new URL(urls.canvass).origin]: siteRoot, [new URL(urls.surveyjs).origin]: surveyJsSite };
  const results = [];
  const notes = new Set();
  try {
    for (const cpuRate of throttles) {
      for (const app of apps) await measure(harness, app, urls[app], origins, cpuRate); // warm-up, not recorded
      for (let run = 0; run < runs; run++) {
        const order = run % 2 ? [...apps].reverse() : apps;
        for (const app of order) {
          const result = await measure(harness, app, urls[app], origins, cpuRate);
          result.run = run;
          result.notes.forEach((note) => notes.add(`${app}: ${note}`));
          results.push(result);
          process.stderr.write('.');
        }
      }
    }
  } finally {
    try { harness.assertClean(); } catch (error) { notes.add(error.message); }
    await harness.close();
    await new Promise((done) => surveyJsServer.close(done));
  }
  process.stderr.write('\n');

  load.after = loadavg()[0];
  if (Math.max(load.before, load.after) > load.cores) notes.add(`machine busy: load average ${load.before.toFixed(1)} before, ${load.after.toFixed(1)} after, on ${load.cores} cores`);
  const summaries = throttles.map((cpuRate) => ({ cpuRate, rows: summarise(results.filter((r) => r.cpuRate === cpuRate)) }));
  const versions = results.find((r) => r.versions)?.versions;
  console.log(`Canvass (${siteRoot}) vs SurveyJS survey-core ${versions ? versions.surveyCore : '-'} + survey-js-ui ${surveyJsVersion}, ` +
    `${surveyFile} · ${runs} runs per app (medians) · ${changes} page changes per direction per run · Chromium headless, 1366×768`);
  for (const { cpuRate, rows } of summaries) printTable(cpuRate === 1 ? 'Unthrottled' : `CPU throttled ${cpuRate}× ("slow phone")`, rows);
  printBreakdown(results);

  const row = (name) => summaries[0].rows.find((r) => r.figure === name);
  const goals = [];
  const gzip = row('transfer gzip -9 (kB)');
  if (gzip.canvass !== null) goals.push(`Canvass transfers ≤ 600 kB gzip: ${gzip.canvass <= 600 ? 'met' : 'NOT met'} (${gzip.canvass.toFixed(1)} kB)`);
  const firstQuestion = row('first question (ms)');
  if (firstQuestion.canvass !== null && firstQuestion.surveyjs !== null) {
    goals.push(`Canvass reaches the first question no later than SurveyJS: ${firstQuestion.canvass <= firstQuestion.surveyjs ? 'met' : 'NOT met'} ` +
      `(${firstQuestion.canvass.toFixed(1)} ms vs ${firstQuestion.surveyjs.toFixed(1)} ms)`);
  } else if (apps.includes('canvass') && apps.includes('surveyjs')) {
    goals.push('Canvass reaches the first question no later than SurveyJS: not measured (see notes)');
  }
  if (results.some((r) => r.app === 'canvass' && r.transfer && r.transfer.until !== 'first question')) {
    notes.add('canvass: bytes counted until its first screen only, as Start could not be pressed');
  }
  if (goals.length) console.log(`\nGoals (issue 4):\n  ${goals.join('\n  ')}`);
  if (notes.size) console.log(`\nNotes:\n  ${[...notes].join('\n  ')}`);

  await mkdir(dirname(outputFile), { recursive: true });
  await writeFile(outputFile, `${JSON.stringify({
    date: new Date().toISOString(), canvassSite: siteRoot, survey: surveyFile,
    surveyjs: { surveyCore: versions?.surveyCore ?? null, surveyJsUi: installedVersion('survey-js-ui') || null },
    chromium: 'headless /usr/bin/chromium, 1366×768, deviceScaleFactor 1, WebGL on SwiftShader',
    runs, changes, load, summaries, goals, notes: [...notes], results,
  }, null, 2)}\n`);
  console.log(`\nJSON: ${outputFile}`);
}

await main();
