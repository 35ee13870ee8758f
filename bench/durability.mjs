// Submit-to-durable time with 100, 1,000 and 10,000 responses already stored, in headless
// Chromium: the time from calling submit to IndexedDB reporting the journal record complete
// (durability 'strict'), on the real path (SQLite insert in the wasm module, journal append,
// transaction complete). A figure to report, not a pass/fail test; the goal is p95 <= 20 ms at
// 10,000 (docs/storage.md). The stored responses are put in through the bench-only `fill` export
// and a checkpoint, as a kiosk that has been collecting for weeks would have them.
//
// Usage: node bench/durability.mjs [--submits N] [--sizes 100,1000,10000] [--json]
import { startHarness, view } from '../tests/e2e/harness.mjs';
import { call, checkpoint, makeResponse, submit } from '../tests/e2e/store_exports.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 && args[index + 1] !== undefined ? args[index + 1] : fallback;
};
const submits = Number(option('--submits', '200'));
const sizes = option('--sizes', '100,1000,10000').split(',').map(Number);
const kAnswerBytes = 700;  // about what the default survey's answers take as SurveyJS data

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const harness = await startHarness();
const rows = [];
try {
  for (const stored of sizes) {
    const page = await harness.bootPage({}, '?test-exports');  // a fresh context: empty IndexedDB
    const filled = await call(page, { op: 'fill', count: stored, dataBytes: kAnswerBytes });
    if (!filled.ok) throw new Error(`fill: ${filled.error}`);
    const saved = await checkpoint(page);
    if (!saved.ok) throw new Error(`checkpoint: ${saved.message}`);
    const before = (await view(page)).store;

    const times = [];
    for (let i = 0; i < submits; i++) {
      const outcome = await submit(page, makeResponse(1_000_000 + i, { dataBytes: kAnswerBytes }));
      if (!outcome.ok) throw new Error(`submit ${i}: ${outcome.message}`);
      times.push(outcome.ms);
      // Let the app run idle frames between respondents, as it would: that is when it checkpoints.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    }
    const after = (await view(page)).store;
    if (after.responses !== stored + submits) throw new Error(`expected ${stored + submits} responses, found ${after.responses}`);
    times.sort((a, b) => a - b);
    rows.push({
      stored,
      submits,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      max: times[times.length - 1],
      checkpointsDuring: after.journal.checkpoints - before.journal.checkpoints,
      checkpointBytes: (await page.evaluate(() => Module.canvassStorage.checkpointBytes)),
      firstCheckpointMs: saved.ms,
    });
    harness.assertClean();
    await page.context().close();
  }
} finally {
  await harness.close();
}

if (args.includes('--json')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  const fixed = (value) => value.toFixed(1);
  const columns = [
    ['stored', (r) => r.stored], ['submits', (r) => r.submits], ['p50 ms', (r) => fixed(r.p50)],
    ['p95 ms', (r) => fixed(r.p95)], ['max ms', (r) => fixed(r.max)], ['checkpoints', (r) => r.checkpointsDuring],
    ['db bytes', (r) => r.checkpointBytes], ['checkpoint ms', (r) => fixed(r.firstCheckpointMs)],
  ];
  console.log(columns.map(([name]) => name.padStart(14)).join(''));
  for (const row of rows) console.log(columns.map(([, value]) => String(value(row)).padStart(14)).join(''));
  console.log('submit-to-durable: SQLite insert + IndexedDB journal add, durability "strict", until the transaction completes.');
  console.log('"checkpoints": checkpoints the app ran while idle during the submits; "checkpoint ms": saving the whole file once.');
}
