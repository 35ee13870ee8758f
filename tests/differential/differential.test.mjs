// Differential test: canvass (C++) against npm survey-core@3.1.1, the reference for SurveyJS
// semantics. For every survey in assets/surveys/diz-digital-needs.json and tests/surveys/*.json it
// generates answer sets (generate.mjs), asks survey-core (reference.mjs) and
// `canvass check SURVEY --batch FILE --now ISO` which questions are visible, required and invalid
// and whether the survey is complete, and compares field by field. It also compares
// `canvass expr` with survey-core's ExpressionRunner over expressions.mjs.
//
//   node --test tests/differential/                       (default: 900 sets per survey)
//   CANVASS_DIFF_COUNT=20000 node --test tests/differential/
// Environment: CANVASS_CLI (default build/native/canvass), CANVASS_DIFF_COUNT, CANVASS_DIFF_SEED,
// CANVASS_DIFF_NOW (default 2026-06-15T12:00:00Z), CANVASS_DIFF_NO_CACHE=1. See README.md.
import { NOW_ISO } from './clock.mjs';
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify, isDeepStrictEqual } from 'node:util';
import { runExpression, toJsonText } from './reference.mjs';
import { generateAnswerSets, seedFor } from './generate.mjs';
import { surveyFiles, loadSurvey, count, seed, ROOT } from './surveys.mjs';
import { ReferencePool } from './reference-pool.mjs';
import { EXPRESSION_CASES, EXPRESSION_ALLOWLIST } from './expressions.mjs';

const run = promisify(execFile);
const CLI = process.env.CANVASS_CLI || path.join(ROOT, 'build', 'native', 'canvass');
const FIELDS = ['visible', 'required', 'invalid', 'complete'];
const SHOW = 5; // differences printed in full per survey

// Where canvass check deliberately gives another answer than survey-core: { survey, field, reason,
// applies(answers, reference, canvass) }. Keep this tiny; every entry needs a reason.
const CHECK_ALLOWLIST = [];

function requireCli() {
  if (!fs.existsSync(CLI)) {
    assert.fail(`canvass binary not found at ${CLI}. Build it first: run 'scripts/build native' (or set CANVASS_CLI).`);
  }
}

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'canvass-diff-'));
const pool = new ReferencePool(Math.min(2, os.availableParallelism?.() ?? 2));
after(async () => {
  await pool.close();
  fs.rmSync(tmpRoot, { recursive: true, force: true });
});

const summary = [];
after(() => {
  if (summary.length) console.log(`\ndifferential summary (now ${NOW_ISO}, seed ${seed()}):\n${summary.map((l) => `  ${l}`).join('\n')}`);
});

async function canvassCheck(surveyFile, sets) {
  const batch = path.join(tmpRoot, `${path.basename(surveyFile, '.json')}.jsonl`);
  fs.writeFileSync(batch, sets.map((s) => JSON.stringify(s)).join('\n') + '\n');
  let stdout;
  try {
    ({ stdout } = await run(CLI, ['check', surveyFile, '--batch', batch, '--now', NOW_ISO], { maxBuffer: 1 << 30 }));
  } catch (error) {
    assert.fail(`canvass check ${path.relative(ROOT, surveyFile)} --batch ${batch} failed (exit ${error.code}):\n${error.stderr || error.message}`);
  }
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  assert.equal(lines.length, sets.length, `canvass check printed ${lines.length} lines for ${sets.length} answer sets`);
  return lines.map((line, i) => {
    try {
      return JSON.parse(line);
    } catch {
      return assert.fail(`canvass check output line ${i + 1} is not JSON: ${line}`);
    }
  });
}

function differingFields(ref, got) {
  return FIELDS.filter((f) => JSON.stringify(ref[f]) !== JSON.stringify(got?.[f]));
}

for (const file of surveyFiles()) {
  const survey = loadSurvey(file);
  test(`${survey.id}: canvass check agrees with survey-core`, async (t) => {
    requireCli();
    const sets = generateAnswerSets(survey.json, count(), seedFor(seed(), survey.id));
    const started = performance.now(); // Date.now() is pinned by clock.mjs
    const [reference, canvass] = await Promise.all([
      pool.evaluate(survey.id, survey.json, sets),
      canvassCheck(file, sets),
    ]);
    const failures = [];
    const perField = Object.fromEntries(FIELDS.map((f) => [f, 0]));
    let allowed = 0;
    sets.forEach((answers, i) => {
      const ref = reference.results[i], got = canvass[i];
      let fields = differingFields(ref, got);
      if (!fields.length) return;
      fields = fields.filter((field) => !CHECK_ALLOWLIST.some((a) => a.survey === survey.id && a.field === field && a.applies(answers, ref, got)));
      if (!fields.length) {
        allowed++;
        return;
      }
      fields.forEach((f) => perField[f]++);
      failures.push({ index: i, answers, ref, got, fields });
    });
    const complete = reference.results.filter((r) => r.complete).length;
    const line = `${survey.id}: ${sets.length} sets compared, ${failures.length} differ` +
      (failures.length ? ` (${FIELDS.filter((f) => perField[f]).map((f) => `${f}: ${perField[f]}`).join(', ')})` : '') +
      `${allowed ? `, ${allowed} allowlisted` : ''}; ` +
      `${complete} complete by survey-core; ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s${reference.cached ? ' (survey-core results from cache)' : ''}`;
    summary.push(line);
    t.diagnostic(line);
    if (failures.length) {
      const shown = failures.slice(0, SHOW).map((f) =>
        `--- ${survey.rel}, answer set #${f.index} (field${f.fields.length > 1 ? 's' : ''} ${f.fields.join(', ')} differ${f.fields.length > 1 ? '' : 's'})\n` +
        `answers:     ${JSON.stringify(f.answers)}\n` +
        `survey-core: ${JSON.stringify(f.ref)}\n` +
        `canvass:     ${JSON.stringify(f.got)}\n` +
        f.fields.filter((x) => x !== 'complete').map((x) => {
          const a = new Set(f.ref[x]), b = new Set(f.got?.[x] || []);
          return `  ${x}: only survey-core [${[...a].filter((n) => !b.has(n)).join(', ')}], only canvass [${[...b].filter((n) => !a.has(n)).join(', ')}]`;
        }).join('\n'));
      assert.fail(`${line}\n${shown.join('\n')}${failures.length > SHOW ? `\n... and ${failures.length - SHOW} more` : ''}`);
    }
  });
}

async function canvassExpr(expression, answers, index) {
  const answersFile = path.join(tmpRoot, `expr-${index}.json`);
  fs.writeFileSync(answersFile, JSON.stringify(answers));
  try {
    const { stdout } = await run(CLI, ['expr', '--answers', answersFile, '--now', NOW_ISO, '--', expression]);
    return { code: 0, stdout: stdout.trim() };
  } catch (error) {
    return { code: error.code, stdout: (error.stdout || '').trim(), stderr: (error.stderr || '').trim() };
  }
}

test('canvass expr agrees with survey-core ExpressionRunner', async (t) => {
  requireCli();
  const results = new Array(EXPRESSION_CASES.length);
  let next = 0;
  const lane = async () => {
    while (next < EXPRESSION_CASES.length) {
      const i = next++;
      results[i] = await canvassExpr(EXPRESSION_CASES[i].expression, EXPRESSION_CASES[i].answers, i);
    }
  };
  await Promise.all([lane(), lane(), lane()]);
  const failures = [];
  let allowed = 0;
  EXPRESSION_CASES.forEach(({ expression, answers }, i) => {
    const ref = runExpression(expression, answers);
    const got = results[i];
    const expected = ref.syntaxError ? 'a syntax error (exit 2)' : toJsonText(ref.value);
    let same;
    if (ref.syntaxError) same = got.code === 2;
    else {
      try {
        same = got.code === 0 && isDeepStrictEqual(JSON.parse(got.stdout), JSON.parse(expected)); // key order aside
      } catch {
        same = false;
      }
    }
    if (same) return;
    if (EXPRESSION_ALLOWLIST.has(expression)) {
      allowed++;
      return;
    }
    failures.push(`  ${expression}   answers ${JSON.stringify(answers)}\n    survey-core: ${expected}\n    canvass:     ${got.code === 0 ? got.stdout : `exit ${got.code}: ${got.stderr}`}`);
  });
  const line = `expressions: ${EXPRESSION_CASES.length} compared, ${failures.length} differ${allowed ? `, ${allowed} allowlisted` : ''}`;
  summary.push(line);
  t.diagnostic(line);
  if (failures.length) assert.fail(`${line}\n${failures.join('\n')}`);
});
