// Driving the store from Node through the page's test exports (docs/automation.md, "Test
// exports"; the page must be opened with ?test-exports), and reading IndexedDB directly to check
// what is really on disk. Shared by tests/e2e/storage.test.mjs and bench/durability.mjs.

// Calls canvass_test(request) in the page and returns its parsed result.
export function call(page, request) {
  return page.evaluate((r) => JSON.parse(Module.ccall('canvass_test', 'string', ['string'], [JSON.stringify(r)])), request);
}

// Starts an asynchronous operation (submit, checkpoint) and waits in the page for its outcome.
// Returns {ok, message, ms}: ms from the call to the outcome, timed inside the page.
export function settle(page, request) {
  return page.evaluate((r) => new Promise((resolve) => {
    const test = window.canvassTestTickets || (window.canvassTestTickets = { next: 1, waiting: new Map() });
    if (!Module.onCanvassTestSettled) {
      Module.onCanvassTestSettled = (ticket, ok, message) => {
        const done = test.waiting.get(ticket);
        test.waiting.delete(ticket);
        if (done) done(ok, message);
      };
    }
    const ticket = test.next++;
    const started = performance.now();
    test.waiting.set(ticket, (ok, message) => resolve({ ok, message, ms: performance.now() - started }));
    const result = JSON.parse(Module.ccall('canvass_test', 'string', ['string'], [JSON.stringify({ ...r, ticket })]));
    if (!result.ok) {
      test.waiting.delete(ticket);
      resolve({ ok: false, message: result.error, ms: performance.now() - started });
    }
  }), request);
}

export const submit = (page, response) => settle(page, { op: 'submit', response });
export const checkpoint = (page) => settle(page, { op: 'checkpoint' });

// A response as the test exports take it; `n` makes the id and answers distinct.
export function makeResponse(n, { dataBytes = 0 } = {}) {
  const hex = n.toString(16).padStart(12, '0');
  return {
    id: `00000000-0000-4000-8000-${hex}`,
    surveyId: 'diz-digital-needs',
    surveyVersion: 'b3f1c2d4e5a6978812345678abcdef0123456789abcdef0123456789abcdef01',
    locale: n % 2 ? 'pl' : 'en',
    segment: 'resident',
    channel: 'kiosk',
    startedAt: '2026-11-26T10:00:00Z',
    submittedAt: '2026-11-26T10:07:00Z',
    data: JSON.stringify({ n, segment: ['resident'], ideas: `Więcej Wi-Fi ${'x'.repeat(dataBytes)}` }),
  };
}

// What IndexedDB holds, read with a second connection: journal record count and the checkpoint.
export function readIndexedDb(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('canvass');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['journal', 'checkpoint'], 'readonly');
      const keys = tx.objectStore('journal').getAllKeys();
      const latest = tx.objectStore('checkpoint').get('latest');
      tx.oncomplete = () => {
        db.close();
        resolve({
          journalKeys: keys.result,
          checkpointSeq: latest.result ? latest.result.seq : null,
          checkpointBytes: latest.result ? latest.result.bytes.length : 0,
        });
      };
      tx.onerror = () => reject(tx.error);
    };
  }));
}

// Waits until no journal write is in flight (drafts are saved without waiting for IndexedDB).
export async function settled(page) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const { store } = await page.evaluate(() => window.canvass.view());
    if (store.journal && store.journal.writesInFlight === 0) return;
    await new Promise((done) => setTimeout(done, 10));
  }
  throw new Error('journal writes still in flight after 10 s');
}

// Reloads and waits for the app to start again.
export async function reload(page) {
  await page.reload();
  await page.evaluate(() => window.canvass.ready);
}
