// Every JSON Schema in docs/schemas/ is itself valid (draft 2020-12), its example passes it, and
// so does what core writes (the golden files the C++ tests compare byte for byte), while the
// kinds of damage core refuses are refused by the schema too.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (relative) => JSON.parse(readFileSync(join(root, relative), 'utf8'));

function validator(schemaFile) {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  return ajv.compile(read(schemaFile));
}

test('each schema compiles and accepts its own example', () => {
  const schemas = readdirSync(join(root, 'docs/schemas')).filter((name) => name.endsWith('.schema.json'));
  assert.ok(schemas.length >= 1);
  for (const name of schemas) {
    const validate = validator(`docs/schemas/${name}`);
    const example = `docs/schemas/${name.replace('.schema.json', '.example.json')}`;
    assert.ok(validate(read(example)), `${example}: ${JSON.stringify(validate.errors)}`);
  }
});

test('a bundle as core writes it passes the schema; damaged ones do not', () => {
  const validate = validator('docs/schemas/canvass.responses.schema.json');
  const written = read('tests/golden/bundle-two-responses.json');
  assert.ok(validate(written), JSON.stringify(validate.errors));
  const damaged = [
    (b) => { b.format = 'canvass.report'; },
    (b) => { b.format_version = 2; },
    (b) => { b.device_id = 'Kiosk 1'; },
    (b) => { b.responses[1].channel = 'tablet'; },
    (b) => { delete b.responses[1].submitted; },
    (b) => { b.responses[0].data = 'business'; },
    (b) => { b.responses[0].name = 'Jo Bloggs'; },  // nothing outside the documented fields
  ];
  for (const [i, damage] of damaged.entries()) {
    const copy = structuredClone(written);
    damage(copy);
    assert.equal(validate(copy), false, `damage ${i} should fail the schema`);
  }
});

// Reports as core writes them (tests/golden/report-*.json, from make_report) pass the report schema;
// none may exist yet while the generator is being written, and then only the example is checked.
test('a report as core writes it passes the schema; damaged and unsafe ones do not', () => {
  const validate = validator('docs/schemas/canvass.report.schema.json');
  const written = readdirSync(join(root, 'tests/golden')).filter((name) => /^report-.*\.json$/.test(name));
  for (const name of written) {
    assert.ok(validate(read(`tests/golden/${name}`)), `${name}: ${JSON.stringify(validate.errors)}`);
  }
  const example = read('docs/schemas/canvass.report.example.json');
  const choice = example.questions.findIndex((q) => q.measure === 'choice');
  const text = example.questions.findIndex((q) => q.measure === 'text');
  assert.ok(choice >= 0 && text >= 0, 'the example has a choice and a text question');
  const damaged = [
    (r) => { r.format = 'canvass.responses'; },
    (r) => { r.format_version = 2; },
    (r) => { r.generated = '2026-11-27T10:07:00Z'; },  // no time finer than a day
    (r) => { r.period.first = '2026-11-27T10:07:00Z'; },
    (r) => { r.response_ids = ['0b7e4c52-54a4-4f0e-9d55-1c2f1f3b9a10']; },  // nothing outside the documented fields
    (r) => { r.questions[choice].all.id = '0b7e4c52-54a4-4f0e-9d55-1c2f1f3b9a10'; },
    (r) => { r.questions[choice].all.options[0] = { value: r.questions[choice].options[0].value, count: 0, suppressed: true }; },
    (r) => { r.questions[choice].all.options[0] = { value: r.questions[choice].options[0].value, count: 4, suppressed: true, percent: null }; },
    (r) => { r.questions[choice].all.options[0] = { value: r.questions[choice].options[0].value, count: null }; },
    (r) => { r.questions[choice].all.options[0].count = -1; },
    (r) => { r.questions[choice].options[0].value = 1; },  // option values are always text
    (r) => { r.questions[choice].by_area.CM20 = r.questions[choice].all; },  // areas, never postcodes
    (r) => { r.questions[text].options = [{ value: 'More Wi-Fi', label: 'More Wi-Fi' }]; },  // free text never leaves the device
    (r) => { r.questions[text].all.options = []; },
    (r) => { r.questions[choice].measure = 'choices'; },  // a radiogroup's measure is choice
    (r) => { r.suppression.k = 2; },
  ];
  for (const [i, damage] of damaged.entries()) {
    const copy = structuredClone(example);
    damage(copy);
    assert.equal(validate(copy), false, `damage ${i} should fail the schema`);
  }
});
