// The kiosk soak (bench/kiosk_soak.mjs), short enough for every run of the tests: 10 simulated
// respondents at one kiosk in headless Chromium, with mixed segments, languages and random
// answers given by touch and mouse, one who walks away, and two pages killed (a renderer crash
// and a closed tab; one of them 0-30 ms after Submit). Afterwards every confirmed response is
// stored exactly once with the answers given, nothing is half-written, and every unfinished
// respondent is counted once as discarded. The full soak (300 respondents) is run by hand:
// `node bench/kiosk_soak.mjs`. CANVASS_SOAK_RESPONDENTS and CANVASS_SOAK_SEED change this run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatSummary, runSoak } from '../../bench/kiosk_soak.mjs';

const respondents = Number(process.env.CANVASS_SOAK_RESPONDENTS || 10);
const seed = Number(process.env.CANVASS_SOAK_SEED || 1);

test(`a kiosk soak: ${respondents} respondents, a crash and a close (one mid-submit); confirmed responses stored once, as given`, { timeout: 30 * 60_000 }, async (t) => {
  const result = await runSoak({ respondents, killRate: 0.1, seed, log: (line) => t.diagnostic(line) });
  for (const line of formatSummary(result).split('\n')) t.diagnostic(line);

  const c = result.counts;
  assert.equal(c.respondents, respondents);
  // The kills are forced even at this size: at least one crash, one close, one during a submit.
  assert.ok(c.killed >= 2, `killed ${c.killed}`);
  assert.ok(c.killedByCrash >= 1 && c.killedByClose >= 1, `crash ${c.killedByCrash}, close ${c.killedByClose}`);
  assert.ok(c.killedDuringSubmit >= 1, `killed during submit ${c.killedDuringSubmit}`);
  if (respondents >= 5) assert.ok(c.walkedAway >= 1, `walked away ${c.walkedAway}`);
  assert.ok(c.confirmed >= 1, `confirmed ${c.confirmed}`);
  for (const check of result.checks) assert.ok(check.ok, `${check.name}\n${check.detail ?? ''}`);
  assert.equal(c.duplicates, 0);
  assert.equal(c.mismatchedData, 0);
  assert.equal(c.lostConfirmed, 0);
  assert.equal(c.halfWritten, 0);
  assert.equal(c.storedTotal, c.storedExpected);
  assert.equal(result.ok, true);
});
