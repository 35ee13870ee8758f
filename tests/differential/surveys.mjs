// The surveys the differential test runs on: the default survey and tests/surveys/*.json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function surveyFiles() {
  const dir = path.join(ROOT, 'tests', 'surveys');
  const own = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(dir, f));
  return [path.join(ROOT, 'assets', 'surveys', 'diz-digital-needs.json'), ...own];
}

export function loadSurvey(file) {
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  return { file, rel: path.relative(ROOT, file), id: json.canvassId || path.basename(file, '.json'), json };
}

export const DEFAULT_COUNT = 900;
export const count = () => {
  const n = Number(process.env.CANVASS_DIFF_COUNT || DEFAULT_COUNT);
  if (!Number.isInteger(n) || n < 1) throw new Error(`CANVASS_DIFF_COUNT must be a positive integer, got ${process.env.CANVASS_DIFF_COUNT}`);
  return n;
};
export const seed = () => Number(process.env.CANVASS_DIFF_SEED || 20260615) >>> 0;
