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
