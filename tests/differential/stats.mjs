// Survey-core side only: how often each question is visible, required and invalid over the
// generated answer sets, and how many sets are complete. Use it to check that generation
// exercises the logic (not everything invisible, not everything invalid).
//   node tests/differential/stats.mjs [survey-id-or-path-part ...]
// Honours CANVASS_DIFF_COUNT and CANVASS_DIFF_SEED like the test (and shares its cache).
import { generateAnswerSets, seedFor } from './generate.mjs';
import { surveyFiles, loadSurvey, count, seed } from './surveys.mjs';
import { ReferencePool } from './reference-pool.mjs';

const filter = process.argv.slice(2);
const pool = new ReferencePool(2);
let total = 0, totalComplete = 0;
for (const file of surveyFiles()) {
  const s = loadSurvey(file);
  if (filter.length && !filter.some((f) => s.id === f || s.rel.includes(f))) continue;
  const sets = generateAnswerSets(s.json, count(), seedFor(seed(), s.id));
  const { results } = await pool.evaluate(s.id, s.json, sets);
  const tally = new Map();
  let complete = 0;
  let answered = 0;
  for (const [i, r] of results.entries()) {
    answered += Object.keys(sets[i]).length;
    if (r.complete) complete++;
    for (const field of ['visible', 'required', 'invalid']) {
      for (const name of r[field]) {
        if (!tally.has(name)) tally.set(name, { visible: 0, required: 0, invalid: 0 });
        tally.get(name)[field]++;
      }
    }
  }
  total += sets.length;
  totalComplete += complete;
  console.log(`\n${s.id} (${s.rel}): ${sets.length} sets, ${complete} complete (${(100 * complete / sets.length).toFixed(1)}%), ` +
    `${(answered / sets.length).toFixed(1)} keys per set`);
  console.log('  question'.padEnd(30) + 'visible'.padStart(9) + 'required'.padStart(10) + 'invalid'.padStart(9));
  for (const [name, t] of tally) {
    console.log(`  ${name}`.padEnd(30) + String(t.visible).padStart(9) + String(t.required).padStart(10) + String(t.invalid).padStart(9));
  }
}
console.log(`\nall: ${total} sets, ${totalComplete} complete`);
await pool.close();
