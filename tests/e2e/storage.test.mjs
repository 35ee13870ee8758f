// Durable storage in real headless Chromium (docs/storage.md): responses and drafts stored through
// the real path (DurableStore, SQLite in memory, the IndexedDB journal) survive reloads and a
// renderer crash exactly once; checkpoints take over from the journal; a second tab is refused;
// and missing or full storage is known before a respondent starts. Pages are opened with
// ?test-exports, the documented test-only way in while the survey screens are being built.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { screenshot, startHarness, view, waitForView } from './harness.mjs';
import { call, checkpoint, makeResponse, readIndexedDb, reload, settled, submit } from './store_exports.mjs';

let harness;
before(async () => { harness = await startHarness(); });
after(async () => { await harness.close(); });

const withExports = '?test-exports';

async function storedIds(page, ids) {
  const found = [];
  for (const id of ids) {
    const result = await call(page, { op: 'find', id });
    assert.equal(result.ok, true, result.error);
    if (result.response) found.push(result.response.id);
  }
  return found;
}

// The page may be mid-reload when polled: a destroyed context is just "not yet".
async function waitThroughReloads(page, predicate, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await page.evaluate(() => window.canvass.view());
      if (predicate(last)) return last;
    } catch { /* navigating */ }
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`view never matched ${predicate}: ${JSON.stringify(last).slice(0, 1500)}`);
}

describe('durable storage', () => {
  test('submitted responses are replayed from the journal after a reload, each exactly once', async () => {
    const page = await harness.bootPage({}, withExports);
    let current = await view(page);
    assert.equal(current.store.state, 'ready', current.store.detail);
    assert.equal(current.store.schemaVersion, 4);
    const responses = [1, 2, 3].map((n) => makeResponse(n));
    for (const response of responses) {
      const outcome = await submit(page, response);
      assert.equal(outcome.ok, true, outcome.message);
    }
    assert.deepEqual((await readIndexedDb(page)).journalKeys.length, 3);

    for (let round = 1; round <= 2; round++) {
      await reload(page);
      current = await view(page);
      assert.equal(current.store.responses, 3, `round ${round}`);
      assert.equal(current.store.journal.replayed, 3, 'the whole journal is replayed onto the empty start');
      assert.deepEqual(current.store.journal.rejected, []);
    }
    const stored = await call(page, { op: 'find', id: responses[1].id });
    assert.deepEqual(stored.response, responses[1]);
    // The same id again is refused, naming it, and nothing is written.
    const again = await submit(page, responses[0]);
    assert.equal(again.ok, false);
    assert.match(again.message, new RegExp(`a response with id ${responses[0].id} is already stored`));
    assert.equal((await readIndexedDb(page)).journalKeys.length, 3);
    harness.assertClean();
    await page.context().close();
  });

  test('a checkpoint takes over from the journal, and later submits are replayed on top of it', async () => {
    const page = await harness.bootPage({}, withExports);
    for (const n of [1, 2]) assert.equal((await submit(page, makeResponse(n))).ok, true);
    const saved = await checkpoint(page);
    assert.equal(saved.ok, true, saved.message);
    let disk = await readIndexedDb(page);
    assert.deepEqual(disk.journalKeys, [], 'the covered journal records are deleted');
    assert.equal(disk.checkpointSeq, 2);
    assert.ok(disk.checkpointBytes >= 8192, `a whole SQLite file (${disk.checkpointBytes} bytes)`);
    let current = await view(page);
    assert.equal(current.store.journal.checkpoints, 1);
    assert.equal(current.store.journal.sinceCheckpoint, 0);

    await reload(page);
    current = await view(page);
    assert.equal(current.store.responses, 2);
    assert.equal(current.store.journal.replayed, 0, 'nothing left to replay');

    assert.equal((await submit(page, makeResponse(3))).ok, true);
    disk = await readIndexedDb(page);
    assert.deepEqual(disk.journalKeys, [3], 'the journal continues after the checkpoint');
    await reload(page);
    current = await view(page);
    assert.equal(current.store.responses, 3);
    assert.equal(current.store.journal.replayed, 1);
    assert.deepEqual(await storedIds(page, [1, 2, 3].map((n) => makeResponse(n).id)), [1, 2, 3].map((n) => makeResponse(n).id));
    harness.assertClean();
    await page.context().close();
  });

  test('a renderer crash right after the confirmation loses nothing', async () => {
    const page = await harness.bootPage({}, withExports);
    const context = page.context();
    const outcome = await submit(page, makeResponse(42));
    assert.equal(outcome.ok, true);
    const cdp = await context.newCDPSession(page);
    const crashed = new Promise((resolve) => page.once('crash', resolve));
    cdp.send('Page.crash').catch(() => {});
    await crashed;
    const fresh = await harness.pageIn(context);
    await fresh.goto(harness.url + withExports);
    await fresh.evaluate(() => window.canvass.ready);
    const current = await view(fresh);
    assert.equal(current.store.state, 'ready', 'the crashed tab released the lock');
    assert.equal(current.store.responses, 1);
    assert.deepEqual(await storedIds(fresh, [makeResponse(42).id]), [makeResponse(42).id]);
    harness.assertClean();
    await context.close();
  });

  test('a draft is resumed after a reload; an expired draft is deleted and never offered', async () => {
    const page = await harness.bootPage({}, withExports);
    const now = Date.now();
    const twoHours = 2 * 60 * 60 * 1000;
    // A draft of the survey the page runs: the app offers it after the reload (a draft of another
    // version would be deleted as unusable).
    const surveyVersion = (await view(page)).survey.version;
    const draft = {
      id: makeResponse(7).id, surveyId: 'diz-digital-needs', surveyVersion, locale: 'pl', channel: 'kiosk',
      startedAt: '2026-11-26T10:00:00Z', updatedAtMs: now, data: '{"segment":["resident"]}', position: '{"page":2}',
    };
    assert.equal((await call(page, { op: 'saveDraft', draft })).ok, true);
    await settled(page);
    await reload(page);
    assert.equal((await waitForView(page, (v) => v.screen !== 'loading')).screen, 'resume');
    let taken = await call(page, { op: 'takeDraft', surveyId: 'diz-digital-needs', nowMs: now + 1000, maxAgeMs: twoHours });
    assert.deepEqual(taken.draft, draft);
    assert.equal((await view(page)).store.drafts, 1, 'a resumed draft stays stored until submitted');

    // Submitting the response removes its draft.
    assert.equal((await submit(page, makeResponse(7))).ok, true);
    await reload(page);
    assert.equal((await view(page)).store.drafts, 0);

    // A draft left for longer than the limit is not offered, and is gone after a reload too.
    const stale = { ...draft, id: makeResponse(8).id, updatedAtMs: now - twoHours - 1 };
    assert.equal((await call(page, { op: 'saveDraft', draft: stale })).ok, true);
    taken = await call(page, { op: 'takeDraft', surveyId: 'diz-digital-needs', nowMs: now, maxAgeMs: twoHours });
    assert.equal(taken.draft, null);
    await settled(page);
    await reload(page);
    assert.equal((await view(page)).store.drafts, 0);
    taken = await call(page, { op: 'takeDraft', surveyId: 'diz-digital-needs', nowMs: stale.updatedAtMs + 1, maxAgeMs: twoHours });
    assert.equal(taken.draft, null, 'the expiry was journalled, not just done in memory');
    harness.assertClean();
    await page.context().close();
  });

  test('a second tab is refused with a message, and carries on by itself once the first closes', async () => {
    const first = await harness.bootPage({}, withExports);
    const context = first.context();
    const second = await harness.pageIn(context);
    await second.goto(harness.url + withExports);
    await second.evaluate(() => window.canvass.ready);
    const refused = await view(second);
    assert.equal(refused.store.state, 'otherTab');
    assert.equal(refused.store.open, false);
    assert.match(refused.store.error, /open in another tab/);
    const message = second.locator('#canvass-message');
    assert.equal(await message.isVisible(), true);
    assert.match(await message.innerText(), /already open[\s\S]*another tab or window/);
    assert.match((await call(second, { op: 'find', id: 'x' })).error, /the store is not open/);
    await screenshot(second, 'storage-second-tab-laptop');

    // The first tab is unaffected.
    assert.equal((await submit(first, makeResponse(1))).ok, true);
    await first.close();
    const resumed = await waitThroughReloads(second, (v) => v.store && v.store.state === 'ready');
    assert.equal(resumed.store.responses, 1);
    assert.equal(await second.locator('#canvass-message').isHidden(), true);
    harness.assertClean();
    await context.close();
  });

  test('without IndexedDB the app knows storage is unavailable before a respondent starts', async () => {
    const page = await harness.openPage();
    await page.context().addInitScript(() => {
      IDBFactory.prototype.open = function open() {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      };
    });
    await page.goto(harness.url + withExports);
    await page.evaluate(() => window.canvass.ready);
    const current = await view(page);
    assert.equal(current.screen, 'unavailable', 'the app still starts, and explains before anyone answers');
    assert.equal(current.store.state, 'unavailable');
    assert.equal(current.store.open, false);
    assert.equal(current.store.detail,
      'IndexedDB cannot be used: SecurityError: The user denied permission to access the database.');
    assert.equal(current.store.error, current.store.detail);
    const refused = await submit(page, makeResponse(1));
    assert.equal(refused.ok, false);
    assert.match(refused.message, /the store is not open/);
    harness.assertClean();
    await page.context().close();
  });

  test('storage that is nearly full is reported as full; the store opens so staff can still read it', async () => {
    const page = await harness.openPage();
    await page.context().addInitScript(() => {
      StorageManager.prototype.estimate = async () => ({ usage: 999_000_000, quota: 1_000_000_000 });
    });
    await page.goto(harness.url + withExports);
    await page.evaluate(() => window.canvass.ready);
    const current = await view(page);
    assert.equal(current.store.state, 'full');
    assert.equal(current.store.open, true);
    assert.equal(current.store.usageBytes, 999_000_000);
    assert.equal(current.store.quotaBytes, 1_000_000_000);
    assert.match(current.store.detail, /storage is nearly full: 1000000 bytes free of 1000000000, and 4194304 are needed/);
    harness.assertClean();
    await page.context().close();
  });

  test('usage, quota and persistence are reported for the staff screen', async () => {
    const page = await harness.bootPage({}, withExports);
    const current = await view(page);
    assert.equal(typeof current.store.persisted, 'boolean');
    assert.ok(current.store.quotaBytes > 0);
    assert.ok(current.store.usageBytes >= 0);
    harness.assertClean();
    await page.context().close();
  });

  test('the test exports answer only on a page opened with ?test-exports', async () => {
    const page = await harness.bootPage();
    const result = await call(page, { op: 'find', id: 'x' });
    assert.deepEqual(result, { ok: false, error: 'test exports are off: open the page with ?test-exports' });
    harness.assertClean();
    await page.context().close();
  });
});
