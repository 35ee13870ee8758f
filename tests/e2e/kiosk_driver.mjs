// Driving an event kiosk the way a day of respondents does, for the kiosk soak
// (bench/kiosk_soak.mjs, tests/e2e/kiosk_soak.test.mjs): a seeded random number generator, the
// harness's page checks per page (so a page killed on purpose is not a failure), getting a kiosk
// to its attract screen (through the staff PIN's first-run screens when the build has them), a
// respondent who answers the default survey at random through real touch, mouse and keyboard
// events and copes with "Are you still there?", and killing a page (renderer crash or close).
//
// Sections: 1. random numbers · 2. pages and their checks · 3. the attract screen and the staff
// PIN · 4. a respondent's walk · 5. killing a page · 6. the staff export (not built yet)
import { readFile } from 'node:fs/promises';
import { pressControl, settledView, touchDrag } from './harness.mjs';

// Timeouts shortened to whole seconds (docs/kiosk.md); ?test-exports turns on canvass_test.
export const kioskAddress = '?kiosk=1&kiosk-idle=2&kiosk-countdown=2&kiosk-thanks=1&test-exports';
// A 10-inch tablet on a stand (1280 x 800), the usual seminar kiosk: the soak's hundreds of
// respondents draw fewer pixels than at the e2e tests' 1920 x 1080 kiosk size.
export const kioskContextOptions = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, hasTouch: true };
export const defaultPin = '246810';  // 6 digits, not a run or one digit repeated (core/app/staff_pin.h)

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

// --- 1. Random numbers -----------------------------------------------------------------------------

// mulberry32: small, fast and the same on every machine, so a seed replays the same plan.
export function makeRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng = {
    next,
    int: (n) => Math.floor(next() * n),  // 0 … n-1
    between: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),  // lo … hi
    chance: (p) => next() < p,
    pick: (list) => list[Math.floor(next() * list.length)],
    shuffle(list) {
      const out = [...list];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
    // k distinct items, in the list's order.
    sample(list, k) {
      const chosen = new Set(rng.shuffle(list.map((_, i) => i)).slice(0, k));
      return list.filter((_, i) => chosen.has(i));
    },
  };
  return rng;
}

// A seed of its own for respondent n, so one respondent's walk does not shift the next one's.
export function deriveSeed(seed, n) {
  let z = (Math.imul(seed >>> 0, 0x9e3779b1) + Math.imul(n + 1, 0x85ebca6b)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x7feb352d) >>> 0;
  z = Math.imul(z ^ (z >>> 15), 0x846ca68b) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

// --- 2. Pages and their checks ---------------------------------------------------------------------

// The harness's checks (tests/e2e/harness.mjs: any uncaught exception or console error fails the
// run), kept per page so that a page killed on purpose can be declared first: what it says while
// dying, and its crash, are expected. The harness's own list is shared by every page, with no way
// to excuse one page, so kiosk pages are watched here instead of through harness.pageIn().
const ignoredConsole = [/GL Driver Message/, /GPU stall due to ReadPixels/];

export function watchPage(page, problems, label) {
  let killed = false;
  page.on('pageerror', (error) => { if (!killed) problems.push(`${label}: uncaught exception: ${error.message}`); });
  page.on('console', (message) => {
    if (killed || message.type() !== 'error') return;
    const text = message.text();
    if (!ignoredConsole.some((pattern) => pattern.test(text))) problems.push(`${label}: console error: ${text}`);
  });
  page.on('crash', () => { if (!killed) problems.push(`${label}: the page crashed without being killed`); });
  return {
    label,
    declareKill() { killed = true; },
    get killed() { return killed; },
  };
}

// Opens the kiosk address in a new page of `context` (the kiosk: its IndexedDB, its service
// worker, its Web Lock) and waits for the app to start. The page may reload itself once while
// a killed page's lock is let go (docs/storage.md, "One tab at a time").
export async function openKioskPage(context, url, problems, label) {
  const page = await context.newPage();
  const watcher = watchPage(page, problems, label);
  await page.goto(url + kioskAddress);
  return { page, watcher };
}

// The view, or {screen: 'loading'} while the page is (re)loading.
export async function currentView(page) {
  try {
    return await page.evaluate(() => (window.canvass ? window.canvass.view() : { screen: 'loading' }));
  } catch (error) {
    if (page.isClosed()) throw error;
    return { screen: 'loading', navigating: error.message };
  }
}

export async function until(page, predicate, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  let current;
  for (;;) {
    current = await currentView(page);
    if (predicate(current)) return current;
    if (Date.now() >= deadline) break;
    await sleep(25);
  }
  throw new DriverError(`${what}: not within ${timeoutMs} ms; screen '${current.screen}' ${summarise(current)}`);
}

export function summarise(v) {
  return JSON.stringify({
    heading: v.heading, paragraphs: v.paragraphs, errorSummary: v.errorSummary, errors: v.errors,
    elements: v.elements?.map((e) => `${e.name}=${JSON.stringify(e.value)}`), staff: v.staff, status: v.status,
    store: v.store && { state: v.store.state, responses: v.store.responses, drafts: v.store.drafts },
  }).slice(0, 1500);
}

// The walk could not go on (a control missing, a screen that never came): a fault of the walk or
// of the app, reported with the screen it was on.
export class DriverError extends Error {}
// The kiosk's idle timeout discarded the respondent while the walk was still under way: the walk
// was too slow for the shortened timeouts (or the app missed its input).
export class TimedOut extends Error {}
// The plan says this respondent stops here (to walk away, or to have the page killed).
export class StopWalk extends Error {}

// --- 3. The attract screen and the staff PIN -------------------------------------------------------

// Brings a freshly opened kiosk page to its attract screen ('welcome', with view.kiosk).
// A kiosk's first start asks for a new staff PIN ('staff-pin', view.staff.mode 'choose' — called
// 'set' in the first design, taken as the same — then 'confirm': the PIN typed twice), then shows
// the staff screen ('staff'), which 'staff:close' leaves. A kiosk asking for its PIN ('enter')
// gets it typed once. A build without the PIN goes straight to the attract screen.
// The PIN is typed at most once per step: asked for the same step again means it was refused (the
// two did not match, or a wrong PIN), and typing on would only run into the five-tries lock, so
// that fails at once, with the screen's status message.
const pinSteps = { set: 'choose', choose: 'choose', confirm: 'confirm', enter: 'enter' };

export async function reachAttract(page, pin = defaultPin, { timeoutMs = 60_000, touch = true } = {}) {
  const deadline = Date.now() + timeoutMs;
  const typed = [];  // the steps the PIN was typed for, in order
  let current = { screen: 'loading' };
  while (Date.now() < deadline) {
    current = await currentView(page);
    switch (current.screen) {
      case 'welcome':
        if (current.kiosk) return { view: current, pinTyped: typed };
        throw new DriverError(`the welcome screen is not a kiosk's attract screen: ${summarise(current)}`);
      case 'staff-pin': {
        const mode = current.staff?.mode;
        const step = pinSteps[mode];
        if (!step) throw new DriverError(`staff-pin screen in an unknown mode '${mode}': ${summarise(current)}`);
        if (typed.includes(step)) {
          throw new DriverError(`the kiosk asks for the PIN (${mode}) again after it was typed for ${typed.join(', ')}: refused? ${summarise(current)}`);
        }
        await typePin(page, pin, { touch });
        typed.push(step);
        // 'choose' moves on to 'confirm'; 'confirm' and 'enter' to the staff screen. Checking a PIN
        // is PBKDF2 at 100,000 rounds in wasm: allow it time.
        await until(page, (v) => v.screen !== 'staff-pin' || v.staff?.mode !== mode || (v.status && v.status !== current.status),
          20_000, `PIN typed (${mode})`);
        break;
      }
      case 'staff':
        await closeStaff(page, touch);
        await until(page, (v) => v.screen !== current.screen, 10_000, 'closing the staff screen');
        break;
      case 'dashboard':  // the staff screen's results: back to the staff screen first
        await pressControl(page, 'dashboard:back', { touch });
        await until(page, (v) => v.screen !== current.screen, 10_000, 'leaving the results');
        break;
      case 'unavailable':
        // Another page still holds the store's lock (a killed page's is let go shortly): this page
        // reloads itself when it gets it. Any other reason is a real failure.
        if (current.store?.state !== 'otherTab') throw new DriverError(`kiosk unavailable: ${summarise(current)}`);
        await sleep(100);
        break;
      case 'loading':
      case 'confirmation':  // a thank-you screen goes back to the attract screen by itself
        await sleep(50);
        break;
      default:
        throw new DriverError(`a kiosk starting up should not show '${current.screen}': ${summarise(current)}`);
    }
  }
  throw new DriverError(`the kiosk never reached its attract screen in ${timeoutMs} ms; screen '${current.screen}' ${summarise(current)}`);
}

// The PIN pad: 'pin:0' … 'pin:9', then 'pin:enter'. Each key is checked against the count of
// digits the screen reports (view.staff.pinDigits, never the digits), so a lost tap is found
// before Enter: the PIN is cleared with 'pin:erase' and typed again.
export async function typePin(page, pin, { touch = true } = {}) {
  for (let attempt = 0; attempt < 2; attempt++) {
    let v = await currentView(page);
    for (let erase = v.staff?.pinDigits ?? 0; erase > 0; erase--) await pressControl(page, 'pin:erase', { touch });
    let lost = false;
    for (const [i, digit] of [...pin].entries()) {
      await pressControl(page, `pin:${digit}`, { touch });
      v = await until(page, (w) => w.staff?.pinDigits === undefined || w.staff.pinDigits >= i + 1, 5_000, `PIN digit ${i + 1}`)
        .catch(() => currentView(page));
      if (v.staff?.pinDigits !== undefined && v.staff.pinDigits !== i + 1) {
        lost = true;
        break;
      }
    }
    if (!lost) {
      await pressControl(page, 'pin:enter', { touch });
      return;
    }
  }
  throw new DriverError('the PIN pad did not take the digits typed');
}

// --- 4. A respondent's walk ------------------------------------------------------------------------

const postcodes = ['CM20', 'CM17', 'CM18', 'CM19', 'EN11', 'EN9', 'SG12', 'CM21', 'cm20', ' CM20 '];
const ideas = [
  'More public Wi-Fi in the town centre', 'Faster broadband in the villages', 'Free digital skills classes',
  'Więcej Wi-Fi w bibliotece', 'Better signal on the train', 'Fibre for Harlow business parks',
  'Help for older people to get online', 'Zasięg na stacji',
];
const otherTexts = ['By ferry', 'Community group', 'Inna odpowiedź', 'Something else'];

// plan: {segments, locale, touch, stopAt} — stopAt: stop (StopWalk) after that many answers and
// moves, or at the check page if the walk gets there first; null to walk to the check page.
// Returns the check page's view. Counts "Are you still there?" prompts answered in walk.prompts.
export async function walkToCheckAnswers(page, rng, plan, walk) {
  walk.actions = 0;
  walk.prompts = 0;
  walk.started = false;
  const touch = plan.touch;
  const ctx = { page, rng, touch, walk, plan };

  let current = await until(page, (v) => v.screen === 'welcome' && v.kiosk && !v.response, 10_000, 'the attract screen');
  if (plan.locale === 'pl') {
    await pressControl(page, 'language_pl', { touch });
    current = await until(page, (v) => v.locale === 'pl', 5_000, 'switching to Polish');
  }
  await pressControl(page, 'start', { touch });
  current = await until(page, (v) => v.screen === 'question' || v.screen === 'check-answers', 10_000, 'pressing Start');
  walk.started = true;
  walk.responseId = current.response?.id;

  for (let screens = 0; current.screen === 'question'; screens++) {
    if (screens > 40) throw new DriverError('the walk should reach the check page within 40 screens');
    for (const element of current.elements) {
      if (element.type === 'html' || element.type === 'panel' || element.type === 'expression') continue;
      await answerElement(ctx, element);
    }
    const before = await stayPresent(ctx);
    current = await act(ctx, 'continue', (v) => v.screen !== 'question' || v.progress !== before.progress ||
      names(v) !== names(before) || v.errorSummary.length > 0);
    if (current.errorSummary?.length) throw new DriverError(`errors after Continue: ${summarise(current)}`);
  }
  if (current.screen !== 'check-answers') throw new DriverError(`expected the check page, not '${current.screen}': ${summarise(current)}`);
  if (plan.stopAt != null) throw new StopWalk('at the check page');
  return current;
}

const names = (v) => (v.elements || []).map((e) => e.name).join();
const valueOf = (v, name) => v.elements?.find((e) => e.name === name)?.value;
const elementOf = (v, name) => v.elements?.find((e) => e.name === name);
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const controlsOf = (v, name, part) => v.controls
  .filter((c) => c.id.startsWith(`q:${name}:${part}:`) && /^\d+$/.test(c.id.slice(`q:${name}:${part}:`.length)))
  .map((c) => ({ ...c, parsed: c.value === undefined || c.value === '' ? undefined : JSON.parse(c.value) }));

// What the walk did, with ms since it started: the last entries go into a driver error's report.
export function note(walk, what) {
  if (!walk.trace) { walk.trace = []; walk.t0 = Date.now(); }
  walk.trace.push(`${Date.now() - walk.t0} ${what}`);
  if (walk.trace.length > 40) walk.trace.shift();
}
const trace = (ctx, what) => note(ctx.walk, what);

// If "Are you still there?" shows, says yes (a real respondent would). If the countdown ran out
// and the kiosk is back on its attract screen, the walk is over (TimedOut).
export function keepPresent(page, { touch, walk }) {
  return stayPresent({ page, touch, walk });
}

async function stayPresent(ctx) {
  let v = await currentView(ctx.page);
  if (v.screen === 'still-there') {
    ctx.walk.prompts++;
    trace(ctx, 'still-there: pressing still_here');
    try {
      await pressControl(ctx.page, 'still_here', { touch: ctx.touch });
    } catch { /* the countdown ran out as we pressed: found below */ }
    v = await until(ctx.page, (w) => w.screen !== 'still-there', 5_000, '"Yes, I am still here"');
  }
  if (ctx.walk.started && v.screen === 'welcome') throw new TimedOut('the kiosk discarded the answers as idle');
  return v;
}

// One input: press control `id` (a tap or a click) until `done(view)` holds. "Are you still
// there?" can appear at any moment; then it is answered and, unless the press already took
// effect, the press is repeated.
async function act(ctx, id, done, { count = true } = {}) {
  const interrupted = (v) => v.screen === 'still-there' || (ctx.walk.started && v.screen === 'welcome');
  const took = (v) => !interrupted(v) && done(v);
  let lastError;
  for (let attempt = 0; attempt < 4; attempt++) {
    const before = await stayPresent(ctx);
    if (attempt > 0 && took(before)) return before;
    try {
      await tap(ctx, id);
      const after = await until(ctx.page, (v) => interrupted(v) || took(v), 5_000, `pressing '${id}'`);
      if (took(after)) {
        if (count) countAction(ctx);
        return after;
      }
    } catch (error) {
      if (error instanceof TimedOut || error instanceof StopWalk) throw error;
      lastError = error;
      const now = await currentView(ctx.page);
      if (now.screen !== 'still-there' && !(ctx.walk.started && now.screen === 'welcome')) throw error;
    }
  }
  throw new DriverError(`pressing '${id}' never took effect: ${lastError?.message ?? ''}`);
}

// Taps (or clicks) control `id` once, after scrolling it into sight.
async function tap(ctx, id) {
  const at = await reveal(ctx, id);
  trace(ctx, `tap ${id}`);
  if (ctx.touch) await ctx.page.touchscreen.tap(at.x, at.y);
  else await ctx.page.mouse.click(at.x, at.y);
}

// Presses control `id` once, as a respondent does, without waiting for what it does (Submit,
// when the page is to be killed right after).
export async function pressOnce(page, id, { touch, walk }) {
  await tap({ page, touch, walk }, id);
}

// Scrolls control `id` into sight, by finger (drags of most of a screen) or mouse wheel, and
// returns its centre. Scrolling is not input to the kiosk (docs/kiosk.md), and a long check page
// (7,000 px for all three segments) takes a finger several seconds, longer than the shortened
// idle timeout: "Are you still there?" is answered, and the prompt puts the page back at its top.
// After a prompt while scrolling to a control, this respondent reaches for the wheel instead.
async function reveal(ctx, id) {
  const { page } = ctx;
  const prompted = (ctx.walk.promptedWhileScrolling ||= new Set());
  let seen = null;  // the latest view, when it is fresh enough to act on
  for (let step = 0; step < 60; step++) {
    let v = seen ?? await currentView(page);
    seen = null;
    if (v.screen === 'still-there') {
      prompted.add(id);
      seen = await stayPresent(ctx);
      continue;
    }
    let control = v.controls?.find((c) => c.id === id);
    if (!control?.rect) throw new DriverError(`no control '${id}' on screen '${v.screen}'`);
    const box = await page.locator('#canvas').boundingBox();
    const visible = Math.min(box.height, page.viewportSize().height - box.y);
    // Rects are trusted once drawing has stopped; a control far out of sight needs no precision.
    if (control.rect.y > -visible && control.rect.y < 2 * visible) {
      v = await settledView(page);
      if (v.screen === 'still-there') continue;
      control = v.controls?.find((c) => c.id === id);
      if (!control?.rect) throw new DriverError(`no control '${id}' on screen '${v.screen}'`);
    }
    const top = control.rect.y;
    const bottom = top + control.rect.height;
    if (top >= 0 && bottom <= visible) {
      return { x: box.x + control.rect.x + control.rect.width / 2, y: box.y + top + control.rect.height / 2 };
    }
    const wanted = top < 0 ? top - 24 : Math.min(bottom - visible + 24, top - 24);
    // Somewhere with nothing to press, so the drag or wheel starts on the page itself.
    const x = box.x + Math.max(4, control.rect.x - 12);
    trace(ctx, `scroll ${Math.round(wanted)} for ${id} (at ${v.scroll?.y})`);
    if (ctx.touch && !prompted.has(id)) {
      const distance = Math.max(-visible * 0.9, Math.min(visible * 0.9, wanted));
      const middle = box.y + visible / 2;
      await drag(page, { x, y: middle + distance / 2 }, { x, y: middle - distance / 2 });
    } else {
      if (ctx.touch) ctx.walk.wheelInstead = (ctx.walk.wheelInstead || 0) + 1;
      await page.mouse.move(x, box.y + visible / 2);
      await page.mouse.wheel(0, wanted);
    }
    seen = await until(page, (w) => w.scroll?.y !== v.scroll.y || w.screen === 'still-there', 2_000, 'scrolling').catch(() => null);
  }
  throw new DriverError(`could not scroll control '${id}' into sight`);
}

// A quick one-finger drag through Chromium's input pipeline (Input.dispatchTouchEvent), on a
// CDP session kept for the page.
const dragSessions = new WeakMap();
async function drag(page, from, to, steps = 2) {
  let cdp = dragSessions.get(page);
  if (!cdp) {
    cdp = await page.context().newCDPSession(page);
    dragSessions.set(page, cdp);
  }
  await touchDrag(page, from, to, steps, { session: cdp });
}

function countAction(ctx) {
  ctx.walk.actions++;
  if (ctx.plan.stopAt != null && ctx.walk.actions >= ctx.plan.stopAt) throw new StopWalk(`after ${ctx.walk.actions} inputs`);
}

// Types `text` into field `id` from the keyboard, after a tap or click on the field.
async function typeInto(ctx, id, text, done) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await act(ctx, id, (v) => v.textInput?.field === id, { count: false });
    if (attempt > 0) await ctx.page.keyboard.press('Control+A');  // a retry replaces what got in
    await ctx.page.keyboard.type(text);
    const after = await until(ctx.page, (v) => v.screen === 'still-there' || v.screen === 'welcome' || done(v), 5_000, `typing into '${id}'`);
    if (done(after)) {
      countAction(ctx);
      return;
    }
    await stayPresent(ctx);
  }
  throw new DriverError(`typing into '${id}' never took`);
}

// Answers one question at random, as a respondent might: any choice, sometimes "Other" with a
// text, sometimes nothing at all (only `segment` is required).
async function answerElement(ctx, element) {
  const { rng, plan } = ctx;
  const { name, type } = element;
  const v = await currentView(ctx.page);
  if (name === 'segment') {
    const choices = controlsOf(v, name, 'choice');
    for (const segment of plan.segments) {
      const choice = choices.find((c) => c.parsed === segment);
      if (!choice) throw new DriverError(`no segment choice '${segment}'`);
      await act(ctx, choice.id, (w) => (valueOf(w, name) || []).includes(segment));
    }
    return;
  }
  if (!element.required && rng.chance(0.12)) return;  // left unanswered
  switch (type) {
    case 'radiogroup': {
      const choices = controlsOf(v, name, 'choice').filter((c) => c.enabled !== false);
      const plain = choices.filter((c) => c.parsed !== 'other');
      const wantOther = choices.length > plain.length && rng.chance(0.15);
      const choice = wantOther ? choices.find((c) => c.parsed === 'other') : rng.pick(plain);
      await act(ctx, choice.id, (w) => same(valueOf(w, name), choice.parsed));
      if (wantOther) await answerOther(ctx, name);
      return;
    }
    case 'checkbox': {
      const choices = controlsOf(v, name, 'choice').filter((c) => c.enabled !== false);
      const none = choices.find((c) => c.parsed === 'none');
      const other = choices.find((c) => c.parsed === 'other');
      const plain = choices.filter((c) => c !== none && c !== other);
      if (none && rng.chance(0.12)) {
        await act(ctx, none.id, (w) => same(valueOf(w, name), ['none']));
        return;
      }
      const picked = rng.sample(plain, rng.between(1, Math.min(3, plain.length)));
      for (const choice of picked) await act(ctx, choice.id, (w) => (valueOf(w, name) || []).includes(choice.parsed));
      if (other && rng.chance(0.15)) {
        await act(ctx, other.id, (w) => (valueOf(w, name) || []).includes('other'));
        await answerOther(ctx, name);
      }
      return;
    }
    case 'rating': {
      const choice = rng.pick(controlsOf(v, name, 'rate'));
      await act(ctx, choice.id, (w) => same(valueOf(w, name), choice.parsed));
      return;
    }
    case 'boolean': {
      const yes = rng.chance(0.5);
      await act(ctx, `q:${name}:${yes}`, (w) => valueOf(w, name) === yes);
      return;
    }
    case 'text': {
      const text = name === 'postcode_district' ? rng.pick(postcodes) : rng.pick(otherTexts);
      await typeInto(ctx, `q:${name}:input`, text, (w) => valueOf(w, name) === text);
      return;
    }
    case 'comment': {
      const text = rng.pick(ideas);
      await typeInto(ctx, `q:${name}:input`, text, (w) => valueOf(w, name) === text);
      return;
    }
    case 'matrix': {
      const cells = v.controls.filter((c) => c.id.startsWith(`q:${name}:row:`));
      const rows = [...new Set(cells.map((c) => c.id.split(':')[3]))];
      for (const row of rows) {
        if (rng.chance(0.15)) continue;
        const cell = rng.pick(cells.filter((c) => c.id.split(':')[3] === row));
        await act(ctx, cell.id, (w) => w.controls.find((c) => c.id === cell.id)?.selected === true);
      }
      return;
    }
    case 'dropdown':
      await answerDropdown(ctx, name);
      return;
    case 'ranking': {
      const moves = rng.between(0, 3);
      for (let i = 0; i < moves; i++) {
        const w = await currentView(ctx.page);
        const buttons = w.controls.filter((c) => new RegExp(`^q:${name}:rank:\\d+:(up|down)$`).test(c.id) && c.enabled !== false);
        const button = rng.pick(buttons);
        const order = JSON.stringify(valueOf(w, name));
        await act(ctx, button.id, (x) => JSON.stringify(valueOf(x, name)) !== order);
      }
      return;
    }
    default:
      ctx.walk.skippedTypes = [...new Set([...(ctx.walk.skippedTypes || []), type])];
  }
}

async function answerOther(ctx, name) {
  const text = ctx.rng.pick(otherTexts);
  await typeInto(ctx, `q:${name}:other`, text, (w) => elementOf(w, name)?.comment === text);
}

// A dropdown: open the list, pick one of the options in sight (sometimes "Other" and its text).
async function answerDropdown(ctx, name) {
  const { rng } = ctx;
  for (let attempt = 0; attempt < 3; attempt++) {
    const open = await act(ctx, `q:${name}:combobox`, (w) => w.controls.some((c) => c.id.startsWith(`q:${name}:option:`)), { count: false });
    const options = controlsOf(open, name, 'option')
      .filter((c) => c.rect && c.rect.y >= 0 && c.rect.y + c.rect.height <= open.canvas.cssHeight);
    if (!options.length) throw new DriverError(`dropdown '${name}' shows no option in sight`);
    const option = rng.pick(options);
    try {
      await act(ctx, option.id, (w) => same(valueOf(w, name), option.parsed) &&
        !w.controls.some((c) => c.id.startsWith(`q:${name}:option:`)));
    } catch (error) {
      if (!(error instanceof DriverError)) throw error;
      continue;  // "Are you still there?" closed the list: open it again
    }
    if (option.parsed === 'other') await answerOther(ctx, name);
    return;
  }
  throw new DriverError(`could not choose in dropdown '${name}'`);
}

// Records screens the page reaches in the page's console, where they outlive the page: a
// confirmation seen an instant before a kill is still known afterwards. Call before Submit.
export async function watchForConfirmation(page) {
  await page.evaluate(() => {
    const started = performance.now();
    const look = () => {
      const v = window.canvass.view();
      if (v.screen === 'confirmation') {
        console.info(`canvass-soak: confirmation ${v.submittedId}`);
        return;
      }
      if (performance.now() - started < 30_000) requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
}

export function confirmationsIn(page, onConfirmation) {
  page.on('console', (message) => {
    const found = /^canvass-soak: confirmation (\S+)$/.exec(message.text());
    if (found) onConfirmation(found[1]);
  });
}

// --- 5. Killing a page -----------------------------------------------------------------------------

// What a kill needs is made ready beforehand, so that the kill itself is immediate (a CDP session
// takes a round trip to open).
export async function prepareKill(page, method) {
  if (method === 'crash') return { method, cdp: await page.context().newCDPSession(page) };
  if (method === 'close') return { method };
  throw new Error(`unknown kill method '${method}'`);
}

// The renderer crashes (Page.crash: nothing more runs in the page, no unload) or the tab is
// closed without its beforeunload prompt (the kiosk asks "leave this page?"; a closed browser
// does not). The watcher is told first, so what the dying page says is not counted against it.
export async function kill(page, prepared, watcher) {
  watcher.declareKill();
  if (prepared.method === 'crash') {
    const crashed = page.waitForEvent('crash', { timeout: 15_000 });
    prepared.cdp.send('Page.crash').catch(() => {});  // never answered: the renderer is gone
    await crashed;
    await page.close().catch(() => {});
  } else {
    await page.close({ runBeforeUnload: false });
  }
}

// --- 6. The staff export -----------------------------------------------------------------------------

// The staff screen's export (docs/kiosk.md), as staff make it: from the attract screen, the hidden
// key (Ctrl+Alt+A), the PIN on the keypad, "Export responses", and the downloaded
// canvass.responses bundle (docs/schemas/canvass.responses.schema.json), read back as JSON.
export const staffExportBuilt = true;
export async function exportBundle(page, pin = defaultPin) {
  // This kiosk closes its staff screen by itself after 2 s without input (kioskAddress). On a busy
  // machine that can come before a tap lands: then staff open it again, as they would.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+Alt+KeyA');
    await until(page, (v) => v.screen === 'staff-pin' && v.staff?.mode === 'enter', 10_000, 'the staff PIN prompt');
    await typePin(page, pin);
    await until(page, (v) => v.screen === 'staff' && v.paragraphs.length > 0, 10_000, 'the staff screen');
    try {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), pressControl(page, 'staff:export', { touch: true })]);
      const bundle = JSON.parse(await readFile(await download.path(), 'utf8'));
      await closeStaff(page, true);
      await until(page, (v) => v.screen === 'welcome', 10_000, 'the attract screen after the export');
      return bundle;
    } catch (error) {
      if (attempt >= 3 || (await currentView(page)).screen === 'staff') throw error;
    }
  }
}

// "Back to the kiosk". The staff screen may have closed itself meanwhile (2 s without input on
// this kiosk), which leaves it just as the tap would.
async function closeStaff(page, touch) {
  try {
    await pressControl(page, 'staff:close', { touch });
  } catch (error) {
    if ((await currentView(page)).screen === 'staff') throw error;
  }
}
