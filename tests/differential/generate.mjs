// Deterministic answer sets for the differential test. Everything is driven by a small seeded
// PRNG (mulberry32), so a seed and a count always give the same sets: a failure can be replayed by
// rerunning with the same CANVASS_DIFF_SEED and CANVASS_DIFF_COUNT.
//
// Generation reads the survey JSON itself (questions, choices, rows, columns, rate values, input
// types) and mixes: valid values, values outside the choices, "other"/"none" with and without a
// `name-Comment`, numbers inside and outside min/max, numeric strings, strings that do and do not
// match the question's regex, empty strings, checkbox/ranking arrays of varied length (with
// duplicates and unknown items), matrix row objects (with unknown rows and columns), wrong types,
// missing answers, answers for expression/html questions and for questions that will be invisible.
// Per-question pools (HINTS) add realistic values where a generic guess would almost never match a
// validator (postcodes, dates, codes).

export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A string seed (survey id) mixed into the numeric seed, so surveys get different streams.
export function seedFor(base, text) {
  let h = base >>> 0;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0;
  return h;
}

class Rng {
  constructor(seed) {
    this.next = mulberry32(seed);
    this.bias = 1; // > 1 favours the first (valid) entry of weighted tables: a "careful respondent"
  }
  chance(p) {
    return this.next() < p;
  }
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }
  // weights: [[weight, value or () => value], ...]
  weighted(entries) {
    const weights = entries.map(([w], i) => (i === 0 ? w * this.bias : w));
    const total = weights.reduce((s, w) => s + w, 0);
    let r = this.next() * total;
    for (let i = 0; i < entries.length; i++) {
      const v = entries[i][1];
      if ((r -= weights[i]) < 0) return typeof v === 'function' ? v() : v;
    }
    const last = entries[entries.length - 1][1];
    return typeof last === 'function' ? last() : last;
  }
  shuffle(list) {
    const a = [...list];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
}

const TEL = ['07700 900123', '+44 1279 123456', '0800', 'call me', '01992 55555 5', '+441234567890123456', '12345678', ''];
const EMAIL = ['ada@example.org', 'a.b@council.gov.uk', 'jo@diz.example', 'not-an-email', 'x@y', 'name@domain.c', '@example.org', 'first last@example.org', '"quoted"@example.com', ''];
const URL = ['https://example.org', 'http://diz.example', 'example.org', 'not a url', 'ftp://x', ''];
const WORDS = ['yes', 'no', 'hello', 'x', 'Lorem ipsum', '  ', 'Zażółć gęślą jaźń', 'a'.repeat(12), '0', 'null'];

// Values that a generic guess would rarely produce; keyed by question (or data key) name.
const HINTS = {
  postcode_district: ['CM20', 'cm17 ', ' SG12', 'EN11', 'CM2O', '12AB', 'E1', 'CM20 1AB', 'AB1C', 'N1P', ''],
  code: ['abc-123', 'ABC-123', 'AbC-999', 'ab-123', 'abc123', 'abc-1234', 'xyz-000', 'abc-12', ''],
  date_of_birth: ['2000-06-15', '2010-06-16', '2012-06-15', '2012-06-14', '2008-06-15', '2008-06-16', '1950-12-31',
    '15/06/2000', '2026-06-15', 'not a date', '2009-06-15', '2011-06-14', '2000-02-30', ''],
  date_seen: ['2026-06-14', '2026-06-15', '2026-06-16', '2020-02-29', '2025-06-15', '2025-06-14', 'garbage', '2026-01-01T10:00:00Z', ''],
  middle_q: ['deep', 42, '42', 'shallow', 'Deep', ''],
  outer_q: ['x marks the spot', 'plain', 'X', 'box', ''],
  excluded: ['red', 'blue', 'yellow', 'purple', ''],
  full_name: ['Ada Lovelace', 'Jo', 'Zoë Ø', 'Mary-Jane Smith', 'A', 'R2D2', 'Name 1', '  ', 'x'.repeat(81), ''],
  guardian_name: ['Sam Smith', '', 'J'],
  budget: [0, 50, 1000, 1050, 1025, 99999, 100000, 100050, -50, '2000', 'lots', 12.5],
  staff_count: [1, 2, 10, 11, 50, 0, -3, 5000, 5001, '12', 'twelve', 2.5, ''],
  journey_minutes: [1, 30, 45, 0, 241, 240, '60', 'an hour', 12.5, -5],
  journey_km: [0, 5, 12.5, 200, 201, -1, '8', 'far'],
  cost_per_week: [0, 10, 45.5, 500, 501, -1, '20', 'twenty'],
  guests: [0, 1, 4, 5, -1, '2', 'two', 1.5, null],
  low: [-50, -51, -7, 0, 3, 10, 50, 51, '5', 'five', 2.5],
  high: [-50, -7, 0, 3, 10, 49, 50, 51, '8', 'ten', 7.5],
  meta: [{ source: 'kiosk' }, { source: 'kiosk', staff: true }, { source: 'kiosk', staff: false }, { source: 'web' }, 'kiosk', { source: 'KIOSK' }, {}],
};

function legacyItems(rng) {
  return rng.weighted([
    [1, () => []],
    [1, () => 'not an array'],
    [1, () => ({ first: { qty: 2 }, second: { qty: 5 } })],
    [6, () => {
      const n = rng.int(1, 5);
      const items = [];
      for (let i = 0; i < n; i++) {
        items.push(rng.weighted([
          [6, () => ({ qty: rng.int(0, 9), name: rng.pick(['pen', 'cable', 'router']) })],
          [1, () => ({ qty: String(rng.int(0, 12)) })],
          [1, () => ({ qty: 'some' })],
          [1, () => ({ name: 'no qty' })],
          [1, () => ({ qty: null })],
          [1, () => null],
        ]));
      }
      return items;
    }],
  ]);
}

// The questions of a survey JSON in order, with what generation needs.
export function collectQuestions(json) {
  const out = [];
  const walk = (elements) => {
    for (const e of elements || []) {
      if (e.type === 'panel') {
        walk(e.elements);
        continue;
      }
      out.push(e);
    }
  };
  for (const page of json.pages || []) walk(page.elements);
  return out;
}

const itemValue = (c) => (c !== null && typeof c === 'object' ? c.value : c);

function rateValues(q) {
  if (Array.isArray(q.rateValues) && q.rateValues.length) return q.rateValues.map(itemValue);
  const min = q.rateMin ?? 1, max = q.rateMax ?? 5, step = q.rateStep ?? 1;
  const values = [];
  for (let v = min; v <= max + 1e-9; v += step) values.push(Math.round(v * 1e6) / 1e6);
  return values;
}

function wrongType(rng, expected) {
  return rng.weighted([
    [expected === 'number' ? 0 : 2, () => rng.int(-3, 12)],
    [expected === 'string' ? 0 : 2, () => rng.pick(WORDS)],
    [1, () => rng.chance(0.5)],
    [expected === 'array' ? 0 : 1, () => [rng.pick(WORDS)]],
    [expected === 'object' ? 0 : 1, () => ({ a: 1 })],
    [1, () => null],
  ]);
}

function choiceAnswer(rng, q, choices) {
  const hasOther = q.showOtherItem || q.hasOther;
  const hasNone = q.showNoneItem || q.hasNone;
  return rng.weighted([
    [70, () => {
      const v = rng.pick(choices);
      // A number choice given as a string, or a string choice given as a number, sometimes.
      if (typeof v === 'number' && rng.chance(0.15)) return String(v);
      if (typeof v === 'string' && /^\d+$/.test(v) && rng.chance(0.3)) return Number(v);
      return v;
    }],
    [hasOther ? 10 : 2, 'other'],
    [hasNone ? 6 : 1, 'none'],
    [6, () => rng.pick(['bogus', 'Harlow', 'EMAIL', 'yes', 'none_of_these'])],
    [4, () => wrongType(rng, 'string')],
    [3, ''],
  ]);
}

function arrayAnswer(rng, q, choices, isRanking) {
  const hasOther = q.showOtherItem || q.hasOther;
  const hasNone = q.showNoneItem || q.hasNone;
  return rng.weighted([
    [isRanking ? 30 : 8, () => rng.shuffle(choices)],
    [60, () => {
      const n = rng.weighted([[2, 0], [6, 1], [6, 2], [5, 3], [3, 4], [2, 5], [1, 7]]);
      const pool = [...choices];
      if (hasOther) pool.push('other', 'other');
      if (hasNone) pool.push('none');
      const arr = [];
      for (let i = 0; i < n; i++) arr.push(rng.pick(pool));
      if (!rng.chance(0.1)) return [...new Set(arr)]; // duplicates sometimes survive
      return arr;
    }],
    [6, () => [...rng.shuffle(choices).slice(0, rng.int(1, 3)), rng.pick(['bogus', 'Other', 42])]],
    [5, () => rng.pick(choices)], // a single value where an array is expected
    [4, () => wrongType(rng, 'array')],
  ]);
}

function matrixAnswer(rng, q) {
  const rows = (q.rows || []).map(itemValue);
  const cols = (q.columns || []).map(itemValue);
  return rng.weighted([
    [75, () => {
      const obj = {};
      const full = rng.chance(0.45);
      for (const r of rows) {
        if (!full && rng.chance(0.4)) continue;
        obj[r] = rng.weighted([
          [20, () => {
            const c = rng.pick(cols);
            return typeof c === 'number' && rng.chance(0.15) ? String(c) : c;
          }],
          [1, 'bogus'],
          [1, () => wrongType(rng, 'string')],
        ]);
      }
      if (rng.chance(0.1)) obj.unknown_row = rng.pick(cols);
      return obj;
    }],
    [5, () => ({})],
    [5, () => wrongType(rng, 'object')],
  ]);
}

function numberAnswer(rng, q) {
  const min = q.min ?? 0, max = q.max ?? 100;
  return rng.weighted([
    [50, () => rng.int(Number(min), Number(max))],
    [10, () => Number(min) - rng.int(1, 5)],
    [10, () => Number(max) + rng.int(1, 5)],
    [6, () => String(rng.int(Number(min), Number(max)))],
    [5, () => Math.round((Number(min) + rng.next() * (Number(max) - Number(min))) * 100) / 100],
    [5, () => rng.pick(['abc', '12abc', '1e2', ' 7 '])],
    [4, ''],
    [3, () => wrongType(rng, 'number')],
  ]);
}

function textAnswer(rng, q) {
  if (HINTS[q.name] && rng.chance(0.85)) {
    // A careful respondent picks from the first half of a pool, where the valid values are.
    const pool = HINTS[q.name];
    return rng.bias > 1 ? rng.pick(pool.slice(0, Math.ceil(pool.length / 2))) : rng.pick(pool);
  }
  switch (q.inputType) {
    case 'number':
      return numberAnswer(rng, q);
    case 'email':
      return rng.weighted([[6, () => rng.pick(EMAIL.slice(0, 3))], [10, () => rng.pick(EMAIL)], [1, () => wrongType(rng, 'string')]]);
    case 'tel':
      return rng.weighted([[6, () => rng.pick(TEL.slice(0, 2))], [10, () => rng.pick(TEL)], [1, () => wrongType(rng, 'string')]]);
    case 'url':
      return rng.chance(0.9) ? rng.pick(URL) : wrongType(rng, 'string');
    default:
      return rng.weighted([
        [70, () => rng.pick(WORDS)],
        [10, () => 'x'.repeat(rng.int(1, 2 * (q.maxLength || 20)))],
        [10, ''],
        [10, () => wrongType(rng, 'string')],
      ]);
  }
}

function ratingAnswer(rng, q) {
  const values = rateValues(q);
  return rng.weighted([
    [75, () => rng.pick(values)],
    [6, () => String(rng.pick(values))],
    [8, () => (typeof values[0] === 'number' ? values[values.length - 1] + rng.int(1, 3) : 'bogus')],
    [4, () => (typeof values[0] === 'number' ? values[0] - 1 : 0)],
    [7, () => wrongType(rng, typeof values[0] === 'number' ? 'number' : 'string')],
  ]);
}

function answerFor(rng, q) {
  switch (q.type) {
    case 'radiogroup':
    case 'dropdown':
      return choiceAnswer(rng, q, (q.choices || []).map(itemValue));
    case 'checkbox':
      return arrayAnswer(rng, q, (q.choices || []).map(itemValue), false);
    case 'ranking':
      return arrayAnswer(rng, q, (q.choices || []).map(itemValue), true);
    case 'boolean':
      return rng.weighted([[45, true], [40, false], [5, 'true'], [3, 1], [3, 0], [4, () => wrongType(rng, 'boolean')]]);
    case 'rating':
      return ratingAnswer(rng, q);
    case 'text':
      return textAnswer(rng, q);
    case 'comment':
      return rng.weighted([[70, () => rng.pick(WORDS)], [15, ''], [10, () => 'long '.repeat(rng.int(1, 150))], [5, () => wrongType(rng, 'string')]]);
    case 'matrix':
      return matrixAnswer(rng, q);
    case 'expression':
      return rng.weighted([[1, 'stale'], [1, 99], [1, null]]);
    case 'html':
      return 'html has no value';
    default:
      return rng.pick(WORDS);
  }
}

// How likely a question is answered at all: expressions and html are rarely in the data.
function answerRate(q) {
  if (q.type === 'expression') return 0.08;
  if (q.type === 'html') return 0.02;
  return 0.72;
}

// `count` answer sets for `json`, deterministic in `seed`.
export function generateAnswerSets(json, count, seed) {
  const rng = new Rng(seed);
  const questions = collectQuestions(json);
  const usesLegacyItems = JSON.stringify(json).includes('{legacy_items}');
  const usesMeta = JSON.stringify(json).includes('{meta.');
  const sets = [];
  for (let i = 0; i < count; i++) {
    const answers = {};
    // Some sets answer almost everything, some almost nothing: this spreads visible/complete.
    const careful = rng.chance(0.4);
    const density = careful ? 1.3 : rng.weighted([[1, 0.15], [3, 1], [2, 1.25]]);
    for (const q of questions) {
      if (!rng.chance(Math.min(1, answerRate(q) * density))) continue;
      rng.bias = careful ? 12 : 1;
      const value = answerFor(rng, q);
      rng.bias = 1;
      if (value !== undefined) answers[q.name] = value;
      const hasOther = q.showOtherItem || q.hasOther;
      if (hasOther || q.type === 'comment' || rng.chance(0.02)) {
        const selectedOther = value === 'other' || (Array.isArray(value) && value.includes('other'));
        if ((selectedOther && rng.chance(0.75)) || rng.chance(0.05)) {
          answers[`${q.name}-Comment`] = rng.pick(['Something else', '', 'Greater Anglia', '  ']);
        }
      }
    }
    if (usesLegacyItems && rng.chance(0.7)) answers.legacy_items = legacyItems(rng);
    if (usesMeta && rng.chance(0.7)) answers.meta = rng.pick(HINTS.meta);
    if (rng.chance(0.05)) answers.not_a_question = rng.pick(WORDS);
    sets.push(answers);
  }
  return sets;
}
