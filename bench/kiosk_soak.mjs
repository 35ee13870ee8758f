// The kiosk soak: a day at an event kiosk, compressed. In headless Chromium one kiosk (one
// browser context: its IndexedDB, service worker and Web Lock) serves N simulated respondents in
// turn, with the kiosk's timeouts shortened to seconds. Each respondent picks segments, a
// language, touch or mouse, and random answers, given through real input events on the canvas
// (tests/e2e/kiosk_driver.mjs). Some walk away mid-survey and are discarded by "Are you still
// there?". For a share of them the page is killed, alternately by a renderer crash and by closing
// the tab: at a random moment mid-survey, or (about a third) in the middle of a submit, 0-30 ms
// after the app shows 'submitting' or after the tap on Submit (alternately), possibly before the
// confirmation shows. After a kill the kiosk is opened again in the same context, as staff would
// after a crash.
//
// Afterwards, on a fresh page (so everything is read back from IndexedDB, not from the last
// page's memory): every response whose confirmation appeared is stored exactly once, with the
// answers the respondent gave and every field written; nothing else is stored except responses
// whose page died mid-submit; no draft is left; every unfinished respondent is counted once as a
// discarded partial; the journal rejected nothing; no page logged an error it was not killed for.
// The exported bundle's checks (schema, each id once, data) are ready for the staff export, and
// skipped until it exists (staffExportBuilt in the driver).
//
// Usage: node bench/kiosk_soak.mjs [--respondents 300] [--kill-rate 0.1] [--seed 1]
//                                  [--walk-away-rate 0.1] [--submit-kill-share 0.33]
//                                  [--site FOLDER] [--quiet]
// (--kill-rate 1 --submit-kill-share 1 --walk-away-rate 0: every respondent's page is killed
// mid-submit, to hunt for a lost or doubled response.)
// Prints a table and the result as JSON (also written to artefacts/bench/), exits 1 when a check
// fails. tests/e2e/kiosk_soak.test.mjs runs 10 respondents in CI.
//
// Sections: 1. the plan · 2. running it · 3. checking what was stored · 4. the bundle · 5. the
// command line
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import Ajv2020 from 'ajv/dist/2020.js';
import { artefacts, repoRoot, screenshot, siteRoot, startHarness } from '../tests/e2e/harness.mjs';
import {
  DriverError, StopWalk, TimedOut, confirmationsIn, currentView, defaultPin, deriveSeed, exportBundle, keepPresent,
  kill, kioskContextOptions, makeRng, note, openKioskPage, prepareKill, pressOnce, reachAttract, staffExportBuilt, summarise, until,
  walkToCheckAnswers, watchForConfirmation,
} from '../tests/e2e/kiosk_driver.mjs';
import { call } from '../tests/e2e/store_exports.mjs';

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const segmentOrder = ['resident', 'business', 'commuter'];  // the default survey's choice order

// --- 1. The plan -----------------------------------------------------------------------------------

// Who does what, decided from the seed alone before anything runs. Kills: round(N × killRate),
// and at least 2 whenever killRate > 0 (so even a 10-respondent run has a crash and a close);
// a share of them (a third), and at least one, during a submit. Kill methods alternate between a
// renderer crash and a closed tab (so any run with 2 kills has one of each). Walk-aways:
// round(N × walkAwayRate).
export function planSoak({ respondents, killRate, walkAwayRate = 0.1, submitKillShare = 1 / 3, seed }) {
  const rng = makeRng(seed);
  let kills = Math.min(respondents, Math.round(respondents * killRate));
  if (killRate > 0) kills = Math.max(kills, Math.min(2, respondents));
  const submitKills = kills > 0 ? Math.max(1, Math.round(kills * submitKillShare)) : 0;
  const walkAways = Math.min(respondents - kills, Math.round(respondents * walkAwayRate));
  const order = rng.shuffle([...Array(respondents).keys()]);
  const endings = Array(respondents).fill('submit');
  order.slice(0, kills).forEach((n, k) => { endings[n] = k < submitKills ? 'kill-submit' : 'kill-mid'; });
  order.slice(kills, kills + walkAways).forEach((n) => { endings[n] = 'walk-away'; });
  let midKillsSoFar = 0;
  let submitKillsSoFar = 0;
  return endings.map((ending, n) => {
    const own = makeRng(deriveSeed(seed, n));
    const segmentCount = own.chance(0.7) ? 1 : own.chance(0.7) ? 2 : 3;
    return {
      n,
      ending,
      segments: own.sample(segmentOrder, segmentCount),
      locale: own.chance(0.25) ? 'pl' : 'en',
      touch: own.chance(0.75),
      // Inputs before stopping (walk-away, kill mid-survey); the check page if it comes first.
      stopAt: ending === 'walk-away' || ending === 'kill-mid' ? own.between(1, 20) : null,
      // Mid-survey kills alternate close, crash; kills during a submit go through each pairing of
      // method and anchor (below) in turn: crash/submitting, crash/tap, close/submitting, close/tap.
      killMethod: ending === 'kill-mid' ? (midKillsSoFar++ % 2 === 0 ? 'close' : 'crash')
        : ending === 'kill-submit' ? (Math.floor(submitKillsSoFar / 2) % 2 === 0 ? 'crash' : 'close') : undefined,
      // ms between the last input (or the submit's anchor) and the kill.
      killDelayMs: ending === 'kill-submit' ? own.int(31) : ending === 'kill-mid' ? own.int(251) : undefined,
      // What a kill during a submit is timed from, alternately: the app showing 'submitting' (its
      // SQLite commit and journal write have begun), or the tap on Submit itself. In headless
      // Chromium with SwiftShader the app takes a tap about 100 ms after it, and confirms about
      // 100 ms later, so 0-30 ms after the tap is before the submit has started.
      submitKillAnchor: ending === 'kill-submit' ? (submitKillsSoFar++ % 2 === 0 ? 'submitting' : 'tap') : undefined,
      walkSeed: deriveSeed(seed ^ 0x5eed, n),
    };
  });
}

// --- 2. Running it ---------------------------------------------------------------------------------

export async function runSoak({
  respondents = 300, killRate = 0.1, walkAwayRate = 0.1, submitKillShare = 1 / 3, seed = 1, log = () => {},
  pin = defaultPin, site = siteRoot, snapshot = true,
} = {}) {
  const wallStart = Date.now();
  const plan = planSoak({ respondents, killRate, walkAwayRate, submitKillShare, seed });
  // A copy of the web folder, taken once: a rebuild during a long run would otherwise reach the
  // kiosk through its service worker, which reloads into a new version on the attract screen.
  const folder = snapshot ? mkdtempSync(join(tmpdir(), 'canvass-kiosk-soak-')) : site;
  if (snapshot) cpSync(site, folder, { recursive: true });
  const harness = await startHarness({ root: folder });
  const problems = [];  // page errors not explained by a kill
  const anomalies = [];  // store counts that went wrong along the way
  const records = [];
  const confirmations = new Map();  // response id -> times its confirmation was seen
  let fatal = null;
  let final = null;
  let firstRun = null;  // what the kiosk's first start asked for
  let kiosk = null;  // {page, watcher}
  let pages = 0;
  let pinAskedAfterRestart = 0;  // restarts on which the kiosk asked for its staff PIN

  const context = await harness.browser.newContext(kioskContextOptions);
  const open = async () => {
    const opened = await openKioskPage(context, harness.url, problems, `page ${++pages}`);
    confirmationsIn(opened.page, (id) => confirmations.set(id, (confirmations.get(id) || 0) + 1));
    const reached = await reachAttract(opened.page, pin);
    if (pages > 1 && reached.pinTyped.length) pinAskedAfterRestart++;
    return { ...opened, view: reached.view, pinTyped: reached.pinTyped };
  };

  // What the store should hold: responses, discarded partials.
  const expected = { responses: 0, discarded: 0 };
  // The store's counts as they are, once they have settled to what is expected (writes of
  // discarded partials are not waited for), or after 3 s; a difference is an anomaly.
  const settleCounts = async (page, when) => {
    const current = await until(page, (v) => v.screen === 'welcome' && v.store?.open, 10_000, 'the attract screen');
    let store = current.store;
    const deadline = Date.now() + 3_000;
    while ((store.responses !== expected.responses || store.discardedPartials !== expected.discarded) && Date.now() < deadline) {
      await sleep(50);
      store = (await currentView(page)).store;
    }
    if (store.responses !== expected.responses) {
      anomalies.push(`${when}: ${store.responses} responses stored, expected ${expected.responses}`);
      expected.responses = store.responses;
    }
    if (store.discardedPartials !== expected.discarded) {
      anomalies.push(`${when}: ${store.discardedPartials} discarded partials counted, expected ${expected.discarded}`);
      expected.discarded = store.discardedPartials;
    }
    if (store.drafts !== 0) anomalies.push(`${when}: ${store.drafts} drafts on the attract screen`);
    if (store.journal?.rejected?.length) anomalies.push(`${when}: journal rejected ${JSON.stringify(store.journal.rejected)}`);
    return store;
  };
  const stored = async (page, id) => {
    const found = await call(page, { op: 'find', id });
    if (!found.ok) throw new Error(`find ${id}: ${found.error}`);
    return found.response;
  };

  try {
    kiosk = await open();
    let store = kiosk.view.store;
    expected.responses = store.responses;
    expected.discarded = store.discardedPartials;
    firstRun = { pinTyped: kiosk.pinTyped };

    for (const p of plan) {
      const started = Date.now();
      const record = {
        n: p.n, ending: p.ending, segments: p.segments, locale: p.locale, input: p.touch ? 'touch' : 'mouse',
        killMethod: p.killMethod, killDelayMs: p.killDelayMs, submitKillAnchor: p.submitKillAnchor,
      };
      records.push(record);
      const walk = {};
      const { page, watcher } = kiosk;
      let killing = null;
      try {
        if (p.killMethod) killing = await prepareKill(page, p.killMethod);
        let check = null;
        try {
          check = await walkToCheckAnswers(page, makeRng(p.walkSeed), p, walk);
        } catch (error) {
          if (!(error instanceof StopWalk)) throw error;
        }
        record.id = walk.responseId;
        if (!check && p.ending === 'walk-away') {
          // Nobody touches the kiosk: "Are you still there?", then the answers go.
          await until(page, (v) => v.screen === 'still-there', 10_000, 'the idle prompt');
          await until(page, (v) => v.screen === 'welcome' && !v.response, 10_000, 'the countdown running out');
          record.outcome = 'walked-away';
          expected.discarded++;
        } else if (!check && p.ending === 'kill-mid') {
          await sleep(p.killDelayMs);
          await kill(page, killing, watcher);
          kiosk = await open();
          record.outcome = 'killed';
          expected.discarded++;  // a kiosk restarting mid-survey discards the draft and counts it
        } else if (!check) {
          throw new DriverError(`the walk stopped early for a '${p.ending}' respondent`);
        } else {
          record.answers = check.response.answers;
          record.id = check.response.id;
          await keepPresent(page, { touch: p.touch, walk });
          await watchForConfirmation(page);
          if (p.ending === 'kill-submit') {
            for (let attempt = 0; ; attempt++) {
              await pressOnce(page, 'submit', { touch: p.touch, walk });
              if (p.submitKillAnchor !== 'submitting') break;
              // Checked on every animation frame: the first frame after the app took the tap.
              record.anchorScreen = await page.waitForFunction(() => {
                const screen = window.canvass.view().screen;
                return screen !== 'check-answers' && screen;
              }, null, { polling: 'raf', timeout: 5_000 }).then((found) => found.jsonValue()).catch(() => 'none within 5 s');
              // The tap met "Are you still there?" (the idle timeout ran out while scrolling to
              // Submit): answer it and submit again, so the kill does land in the submit.
              if (record.anchorScreen !== 'still-there' || attempt >= 3) break;
              note(walk, 'the tap on Submit met the idle prompt');
              await keepPresent(page, { touch: p.touch, walk });
            }
            await sleep(p.killDelayMs);
            await kill(page, killing, watcher);
            kiosk = await open();
            record.sawConfirmation = confirmations.has(record.id);
            record.storedAnyway = Boolean(await stored(kiosk.page, record.id));
            record.outcome = 'killed-during-submit';
            if (record.storedAnyway) expected.responses++;
            else expected.discarded++;  // the draft from before the submit is still there, and is discarded
          } else {
            let done = null;
            for (let attempt = 0; attempt < 6 && !done; attempt++) {
              await pressOnce(page, 'submit', { touch: p.touch, walk });
              const v = await until(page, (w) => w.screen === 'confirmation' || confirmations.has(record.id) || w.screen === 'still-there' ||
                w.screen === 'welcome' || (w.screen === 'check-answers' && w.errorSummary?.length > 0), 20_000, 'the confirmation');
              note(walk, `after Submit: ${v.screen}${confirmations.has(record.id) ? ' (confirmation seen)' : ''}`);
              if (v.screen === 'still-there') await keepPresent(page, { touch: p.touch, walk });  // the tap met the prompt
              else if (v.screen === 'welcome' && !confirmations.has(record.id)) await sleep(500);  // its console line may be on its way
              if (v.screen !== 'still-there') done = v;
            }
            if (!done) throw new DriverError('Submit never took');
            if (done.screen === 'welcome' && !confirmations.has(record.id)) throw new TimedOut('back on the attract screen with no confirmation');
            if (done.screen === 'check-answers') throw new DriverError(`the submit failed: ${summarise(done)}`);
            if (done.screen === 'confirmation' && done.submittedId !== record.id) {
              anomalies.push(`respondent ${p.n}: confirmation for ${done.submittedId}, but the response on the check page was ${record.id}`);
            }
            record.outcome = 'confirmed';
            record.confirmedId = record.id;
            record.reference = done.reference;
            expected.responses++;
            await until(page, (v) => v.screen === 'welcome' && !v.response, 10_000, 'back to the attract screen after thanks');
          }
        }
      } catch (error) {
        record.id ??= walk.responseId;
        record.trace = walk.trace;
        if (error instanceof TimedOut) {
          record.outcome = 'timed-out';  // the walk was too slow for the shortened idle timeout
          expected.discarded++;
        } else {
          // An outcome already recorded (a confirmation) is kept, and already counted.
          const accounted = record.outcome !== undefined;
          record.outcome ??= 'driver-error';
          record.error = error.message;
          log(`respondent ${p.n}: ${error.stack}`);
          await screenshot(kiosk.page, `kiosk-soak-error-${seed}-${p.n}`).catch(() => {});
          // Start afresh on a new page: the old one's state is unknown.
          if (!kiosk.page.isClosed()) await kill(kiosk.page, { method: 'close' }, kiosk.watcher);
          kiosk = await open();
          if (walk.started && !accounted) {
            record.storedAnyway = Boolean(record.id && await stored(kiosk.page, record.id));
            if (record.storedAnyway) expected.responses++;
            else expected.discarded++;
          }
        }
      } finally {
        await killing?.cdp?.detach().catch(() => {});
      }
      store = await settleCounts(kiosk.page, `after respondent ${p.n} (${record.outcome})`);
      record.seconds = (Date.now() - started) / 1000;
      record.inputs = walk.actions;
      record.prompts = walk.prompts;
      if (walk.wheelInstead) record.wheelInstead = walk.wheelInstead;
      if (walk.skippedTypes) record.skippedTypes = walk.skippedTypes;
      log(describe(record, store));
    }

    // Read everything back on a fresh page: a restart, with nothing in memory.
    await kill(kiosk.page, { method: 'close' }, kiosk.watcher);
    kiosk = await open();
    final = await verify(kiosk.page, records, expected, confirmations, stored);
    final.bundle = staffExportBuilt
      ? checkBundle(await exportBundle(kiosk.page), records, kiosk.view.survey)
      : { skipped: 'the staff export is not built yet (staffExportBuilt in tests/e2e/kiosk_driver.mjs)' };
  } catch (error) {
    fatal = error.stack || String(error);
    log(`fatal: ${fatal}`);
  } finally {
    await context.close().catch(() => {});
    await harness.close();
    if (snapshot) rmSync(folder, { recursive: true, force: true });
  }
  return summarize({ respondents, killRate, walkAwayRate, submitKillShare, seed, wallStart, records, final, problems, anomalies, fatal, pages, firstRun, pinAskedAfterRestart });
}

function describe(r, store) {
  const who = `${r.segments.join('+')} ${r.locale} ${r.input}`;
  const what = {
    confirmed: () => `confirmed ${r.reference}${r.error ? `, then DRIVER ERROR: ${r.error.split('\n')[0].slice(0, 200)}` : ''}`,
    killed: () => `${r.killMethod} after ${r.inputs} inputs + ${r.killDelayMs} ms`,
    'killed-during-submit': () => `${r.killMethod} ${r.killDelayMs} ms after ${r.submitKillAnchor === 'tap' ? 'the tap on Submit' : `'${r.anchorScreen}' showed`}: ${r.storedAnyway ? 'stored' : 'not stored'}${r.sawConfirmation ? ', confirmation seen' : ''}`,
    'walked-away': () => `walked away after ${r.inputs} inputs`,
    'timed-out': () => 'TIMED OUT (the walk was too slow)',
    'driver-error': () => `DRIVER ERROR: ${r.error.split('\n')[0].slice(0, 200)}`,
  }[r.outcome]();
  return `respondent ${String(r.n).padStart(4)}  ${who.padEnd(36)} ${what}  (${r.seconds.toFixed(1)} s, ${r.prompts ?? 0} prompts; store ${store.responses} responses, ${store.discardedPartials} discarded)`;
}

// --- 3. Checking what was stored -------------------------------------------------------------------

const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

// What is wrong with a stored response, given what the respondent did: [] when nothing.
function faultsOf(response, record, survey) {
  const faults = [];
  for (const key of ['id', 'surveyId', 'surveyVersion', 'locale', 'segment', 'channel', 'startedAt', 'submittedAt', 'data']) {
    if (typeof response[key] !== 'string' || (key !== 'segment' && response[key] === '')) faults.push(`${key} is missing`);
  }
  if (response.id !== record.id) faults.push(`id ${response.id}`);
  if (response.surveyId !== survey.id) faults.push(`surveyId ${response.surveyId}`);
  if (response.surveyVersion !== survey.version) faults.push(`surveyVersion ${response.surveyVersion}`);
  if (response.channel !== 'kiosk') faults.push(`channel ${response.channel}`);
  if (response.locale !== record.locale) faults.push(`locale ${response.locale}, answered in ${record.locale}`);
  const segment = segmentOrder.filter((s) => record.answers?.segment?.includes(s)).join(',');
  if (response.segment !== segment) faults.push(`segment '${response.segment}', expected '${segment}'`);
  if (!instant.test(response.startedAt) || !instant.test(response.submittedAt) || response.startedAt > response.submittedAt) {
    faults.push(`times ${response.startedAt} .. ${response.submittedAt}`);
  }
  let data;
  try {
    data = JSON.parse(response.data);
  } catch {
    faults.push('data is not JSON');
  }
  if (data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data))) faults.push('data is not an object');
  return { faults, data };
}

async function verify(page, records, expected, confirmations, stored) {
  const current = await currentView(page);
  const survey = current.survey;
  const out = {
    store: current.store, lostConfirmed: [], mismatched: [], halfWritten: [], partialsStored: [],
    confirmedTwice: [], storedAnywayChanged: [],
  };
  let known = 0;
  for (const record of records) {
    if (!record.id) continue;
    const response = await stored(page, record.id);
    const shouldBeStored = record.outcome === 'confirmed' || record.storedAnyway === true;
    const confirmationSeen = record.outcome === 'confirmed' || confirmations.has(record.id);
    if ((confirmations.get(record.id) || 0) > 1) out.confirmedTwice.push(record.id);
    if (!response) {
      if (confirmationSeen) out.lostConfirmed.push(`respondent ${record.n} (${record.outcome}): ${record.id}`);
      if (record.storedAnyway) out.storedAnywayChanged.push(`respondent ${record.n}: stored after its kill, gone at the end`);
      continue;
    }
    known++;
    if (!shouldBeStored) {
      out.partialsStored.push(`respondent ${record.n} (${record.outcome}): ${record.id} is stored`);
      continue;
    }
    const { faults, data } = faultsOf(response, record, survey);
    if (faults.length) out.halfWritten.push(`respondent ${record.n}: ${faults.join('; ')}`);
    if (data !== undefined && !isDeepStrictEqual(data, record.answers)) {
      out.mismatched.push(`respondent ${record.n}: stored ${JSON.stringify(data)}, answered ${JSON.stringify(record.answers)}`);
    }
  }
  // Each id is the store's key, so a response stored twice can only show as rows beyond the ones
  // accounted for (the bundle, once exported, lists each row and is checked id by id).
  out.unaccountedRows = current.store.responses - known;
  out.expected = { ...expected };
  return out;
}

function summarize({ respondents, killRate, walkAwayRate, submitKillShare, seed, wallStart, records, final, problems, anomalies, fatal, pages, firstRun, pinAskedAfterRestart }) {
  const count = (predicate) => records.filter(predicate).length;
  const seconds = (Date.now() - wallStart) / 1000;
  const killed = records.filter((r) => r.outcome === 'killed' || r.outcome === 'killed-during-submit');
  const duringSubmit = records.filter((r) => r.outcome === 'killed-during-submit');
  const counts = {
    respondents: records.length,
    confirmed: count((r) => r.outcome === 'confirmed'),
    killed: killed.length,
    killedByCrash: count((r) => r.killMethod === 'crash' && r.outcome?.startsWith('killed')),
    killedByClose: count((r) => r.killMethod === 'close' && r.outcome?.startsWith('killed')),
    killedDuringSubmit: duringSubmit.length,
    killedDuringSubmitStored: count((r) => r.outcome === 'killed-during-submit' && r.storedAnyway),
    killedDuringSubmitConfirmationSeen: count((r) => r.outcome === 'killed-during-submit' && r.sawConfirmation),
    walkedAway: count((r) => r.outcome === 'walked-away'),
    timedOut: count((r) => r.outcome === 'timed-out'),
    driverErrors: count((r) => r.error !== undefined),
    discardedPartials: final?.store.discardedPartials ?? null,
    discardedPartialsExpected: final?.expected.discarded ?? null,
    storedTotal: final?.store.responses ?? null,
    storedExpected: final ? count((r) => r.outcome === 'confirmed') + count((r) => r.storedAnyway === true) : null,
    duplicates: final ? Math.max(0, final.unaccountedRows) + final.confirmedTwice.length : null,
    mismatchedData: final?.mismatched.length ?? null,
    lostConfirmed: final?.lostConfirmed.length ?? null,
    halfWritten: final?.halfWritten.length ?? null,
    partialsStored: final?.partialsStored.length ?? null,
    stillTherePromptsAnswered: records.reduce((sum, r) => sum + (r.prompts || 0), 0),
    pagesOpened: pages,
    pinAskedAfterRestart,
    wallSeconds: Math.round(seconds * 10) / 10,
    secondsPerRespondent: Math.round((seconds / Math.max(1, records.length)) * 100) / 100,
  };
  const checks = [
    ['the soak ran to the end', !fatal, fatal ?? ''],
    ['every respondent was driven as planned (no driver errors, no idle time-outs)', counts.driverErrors === 0 && counts.timedOut === 0,
      records.filter((r) => r.error !== undefined || r.outcome === 'timed-out')
        .map((r) => `#${r.n} ${r.outcome} ${r.error ?? ''}\n  last steps (ms since the walk started): ${(r.trace || []).slice(-12).join(' | ')}`).join('\n')],
    ['every response whose confirmation appeared is stored', counts.lostConfirmed === 0, final?.lostConfirmed.join('\n')],
    ['no response is stored twice', counts.duplicates === 0, final && `${final.unaccountedRows} rows not accounted for; confirmations seen twice: ${final.confirmedTwice.join(', ')}`],
    ['stored data equals the answers given', counts.mismatchedData === 0, final?.mismatched.join('\n')],
    ['no response is half-written', counts.halfWritten === 0, final?.halfWritten.join('\n')],
    ['only confirmed responses, and ones whose page died mid-submit, are stored', counts.partialsStored === 0 && final?.storedAnywayChanged.length === 0 && counts.storedTotal === counts.storedExpected,
      final && [...final.partialsStored, ...final.storedAnywayChanged, `${counts.storedTotal} stored, ${counts.storedExpected} expected`].join('\n')],
    ['every unfinished respondent is counted once as a discarded partial', counts.discardedPartials === counts.discardedPartialsExpected,
      `${counts.discardedPartials} counted, ${counts.discardedPartialsExpected} expected`],
    ['no draft is left, and the journal rejected nothing', final?.store.drafts === 0 && !final?.store.journal?.rejected?.length,
      final && JSON.stringify({ drafts: final.store.drafts, rejected: final.store.journal?.rejected })],
    ['the store counts were right after every respondent', anomalies.length === 0, anomalies.join('\n')],
    ['no page error except from killed pages', problems.length === 0, problems.join('\n')],
  ];
  if (final?.bundle && !final.bundle.skipped) {
    checks.push(['the exported bundle validates and holds each confirmed response once, with its answers', final.bundle.faults.length === 0, final.bundle.faults.join('\n')]);
  }
  return {
    options: { respondents, killRate, walkAwayRate, submitKillShare, seed },
    counts,
    checks: checks.map(([name, ok, detail]) => ({ name, ok: Boolean(ok), detail: ok ? undefined : detail })),
    ok: checks.every(([, ok]) => ok),
    bundle: final?.bundle,
    firstRun,
    fatal,
    records,
  };
}

// --- 4. The bundle ---------------------------------------------------------------------------------

let bundleValidator;
function validateBundleSchema(bundle) {
  if (!bundleValidator) {
    const schema = JSON.parse(readFileSync(join(repoRoot, 'docs/schemas/canvass.responses.schema.json'), 'utf8'));
    bundleValidator = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
  }
  return bundleValidator(bundle) ? [] : bundleValidator.errors.map((e) => `schema: ${e.instancePath || '/'} ${e.message}`);
}

// The exported bundle against what the respondents did: it passes its schema; each confirmed
// response is in it exactly once, with the answers given; anything else in it is a response
// whose page died mid-submit (counted: stored though the page died before confirming).
export function checkBundle(bundle, records, survey) {
  const faults = validateBundleSchema(bundle);
  const responses = Array.isArray(bundle?.responses) ? bundle.responses : [];
  const byId = new Map();
  for (const response of responses) byId.set(response.id, [...(byId.get(response.id) || []), response]);
  const recordOf = new Map(records.filter((r) => r.id).map((r) => [r.id, r]));
  let confirmedIn = 0;
  let diedBeforeConfirming = 0;
  for (const record of records.filter((r) => r.outcome === 'confirmed')) {
    const found = byId.get(record.id) || [];
    if (found.length !== 1) faults.push(`respondent ${record.n}: ${found.length} copies of ${record.id} in the bundle`);
    if (found.length) confirmedIn++;
  }
  for (const [id, copies] of byId) {
    const record = recordOf.get(id);
    if (copies.length > 1 && record?.outcome !== 'confirmed') faults.push(`${copies.length} copies of ${id} in the bundle`);
    if (!record) {
      faults.push(`${id} is in the bundle but no respondent of this soak gave it`);
      continue;
    }
    if (record.outcome === 'killed-during-submit') diedBeforeConfirming++;
    else if (record.outcome !== 'confirmed') faults.push(`respondent ${record.n} (${record.outcome}) is in the bundle`);
    for (const copy of copies) {
      if (!isDeepStrictEqual(copy.data, record.answers)) faults.push(`respondent ${record.n}: bundle data ${JSON.stringify(copy.data)}, answered ${JSON.stringify(record.answers)}`);
      if (copy.locale !== record.locale) faults.push(`respondent ${record.n}: bundle locale ${copy.locale}`);
      if (copy.channel !== 'kiosk') faults.push(`respondent ${record.n}: bundle channel ${copy.channel}`);
      if (survey && copy.survey_version !== survey.version) faults.push(`respondent ${record.n}: bundle survey_version ${copy.survey_version}`);
    }
  }
  if (survey && bundle?.survey_id !== survey.id) faults.push(`bundle survey_id ${bundle?.survey_id}`);
  const expectedTotal = records.filter((r) => r.outcome === 'confirmed' || r.storedAnyway).length;
  if (responses.length !== expectedTotal) faults.push(`${responses.length} responses in the bundle, ${expectedTotal} expected`);
  return { responses: responses.length, confirmedIn, diedBeforeConfirming, faults };
}

// --- 5. The command line ---------------------------------------------------------------------------

export function formatSummary(result) {
  const c = result.counts;
  const rows = [
    ['respondents', c.respondents],
    ['confirmed', c.confirmed],
    ['killed (crash / close)', `${c.killed} (${c.killedByCrash} / ${c.killedByClose})`],
    ['killed during submit', c.killedDuringSubmit],
    ['  stored though the page died before confirming', c.killedDuringSubmitStored],
    ['  confirmation seen before the kill', c.killedDuringSubmitConfirmationSeen],
    ['walked away', c.walkedAway],
    ['timed out / driver errors', `${c.timedOut} / ${c.driverErrors}`],
    ['discarded partials (expected)', `${c.discardedPartials} (${c.discardedPartialsExpected})`],
    ['stored total (expected)', `${c.storedTotal} (${c.storedExpected})`],
    ['duplicates', c.duplicates],
    ['mismatched data', c.mismatchedData],
    ['confirmed but lost', c.lostConfirmed],
    ['half-written', c.halfWritten],
    ['"still there?" prompts answered', c.stillTherePromptsAnswered],
    ['pages opened (PIN asked after a restart)', `${c.pagesOpened} (${c.pinAskedAfterRestart})`],
    ['first start', result.firstRun ? (result.firstRun.pinTyped.length ? `staff PIN typed for: ${result.firstRun.pinTyped.join(', ')}` : 'no staff PIN asked') : 'not reached'],
    ['wall time', `${c.wallSeconds} s (${c.secondsPerRespondent} s per respondent)`],
    ['bundle', result.bundle?.skipped ? `skipped: ${result.bundle.skipped}` : result.bundle ? `${result.bundle.responses} responses, ${result.bundle.diedBeforeConfirming} stored though the page died before confirming` : 'not reached'],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  const lines = rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`);
  lines.push('');
  for (const check of result.checks) {
    lines.push(`${check.ok ? 'PASS' : 'FAIL'}  ${check.name}`);
    if (!check.ok && check.detail) lines.push(...String(check.detail).split('\n').slice(0, 20).map((l) => `        ${l}`));
  }
  return lines.join('\n');
}

async function main() {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const index = args.indexOf(name);
    return index >= 0 && args[index + 1] !== undefined ? args[index + 1] : fallback;
  };
  const respondents = Number(option('--respondents', '300'));
  const killRate = Number(option('--kill-rate', '0.1'));
  const walkAwayRate = Number(option('--walk-away-rate', '0.1'));
  const seed = Number(option('--seed', '1'));
  const submitKillShare = Number(option('--submit-kill-share', String(1 / 3)));
  const site = option('--site', siteRoot);
  if (!Number.isInteger(respondents) || respondents < 1 || !(killRate >= 0 && killRate <= 1) ||
      !(walkAwayRate >= 0 && walkAwayRate <= 1) || !(submitKillShare >= 0 && submitKillShare <= 1) || !Number.isInteger(seed)) {
    console.error('usage: node bench/kiosk_soak.mjs [--respondents N] [--kill-rate 0..1] [--seed INT] [--walk-away-rate 0..1] [--submit-kill-share 0..1] [--site FOLDER] [--quiet]');
    process.exit(2);
  }
  const quiet = args.includes('--quiet');
  const result = await runSoak({ respondents, killRate, walkAwayRate, submitKillShare, seed, site, log: quiet ? () => {} : (line) => console.error(line) });
  const folder = join(artefacts, 'bench');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `kiosk_soak-seed${seed}-n${respondents}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  console.log(formatSummary(result));
  console.log('');
  console.log(JSON.stringify({ options: result.options, counts: result.counts, ok: result.ok, checks: result.checks }, null, 2));
  console.log(`(every respondent's record: ${file})`);
  process.exitCode = result.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
