// The JSON Schemas in www/schema/ checked by a real validator (ajv, draft 2020-12, strict): each
// schema compiles, every sample in www/samples/ of that format validates, and every bad fixture
// of that format in tests/fixtures/bad/ is rejected, except the ones whose defect only the engine
// can see (uniqueness, references between fields), listed below with the reason, which the
// schema must then accept (so the list cannot go stale).
//
// To add a format: put NAME.schema.json in www/schema/ and a line in FORMATS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SCHEMAS = join(ROOT, 'www/schema');
const SAMPLES = join(ROOT, 'www/samples');
const BAD = join(ROOT, 'tests/fixtures/bad');

/** A plan request as the page sends it, around the sample evaluation. */
const planRequest = async () => ({
  schemaVersion: 1, evaluation: await readJson(join(SAMPLES, 'evaluation-E1001.json')), startDate: '2026-12-07',
});

/** An adaptive exam package built by the engine from the sample bank (the first 12 objective items). */
const adaptivePackage = async () => {
  const { all } = await import('../../www/kaohe/node.js');
  const bank = await readJson(join(SAMPLES, 'bank.json'));
  const calibration = bank.items.filter((i) => ['single', 'multiple', 'trueFalse'].includes(i.type)).slice(0, 12)
    .map((i, k) => ({ itemId: i.id, a: 1 + (k % 3) / 4, b: k / 4 - 1.5 }));
  return all.buildAdaptivePackage({ bank, id: 'cat-sample', title: '十二月复训（自适应）', calibration, secret: 'ab'.repeat(16) });
};

/**
 * Schema name → the samples it describes (file names in www/samples/, or functions that build a
 * document from them) and the folder of bad fixtures (if any).
 */
const FORMATS = {
  bank: { samples: ['bank.json'], bad: 'bank' },
  blueprint: { samples: ['blueprint.json', 'blueprint-practice.json', 'blueprint-newhire.json'], bad: 'blueprint' },
  model: { samples: ['model.json'], bad: 'model' },
  rubric: { samples: ['rubric.json'], bad: 'rubric' },
  evidence: { samples: ['team.json'], bad: 'evidence' },
  notes: { samples: ['notes.json'] },
  'plan-request': { samples: [planRequest], bad: 'plan' },
  // Roster, exam set-up and dimensions: their samples live in the page tests (cycle.test.mjs)
  // and the native tests (tests/roster.rs, tests/exam_setup.rs); here the schemas must compile.
  roster: { samples: [] },
  exam: { samples: [] },
  dimensions: { samples: [] },
  'adaptive-package': { samples: [adaptivePackage] },
};

/** Bad fixtures a schema cannot reject, and why (the engine's validation does). */
const ENGINE_ONLY = {
  'bank/unknown-dimension': 'dimension ids come from the competency model in use',
  'bank/answer-unknown-option': 'the answer must name an option of the same item',
  'bank/duplicate-id': 'ids must be unique',
  'bank/matching-unknown-prompt': 'the answer must name prompts of the same item',
  'blueprint/draw-too-many': 'the pool size depends on the bank',
  'blueprint/fixed-unknown-item': 'fixed items must exist in the bank',
  'blueprint/wrong-bank': 'bankId must name the bank in use',
  'model/cut-scores-descending': 'cut scores must increase',
  'rubric/duplicate-criterion': 'ids must be unique',
  'evidence/unknown-person': 'every record must name a listed person',
  'plan/bad-start-date': 'a real calendar day (the pattern allows 02-30)',
};

const readJson = async (path) => JSON.parse(await readFile(path, 'utf8'));

function validator(schema) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  return ajv.compile(schema);
}

const explain = (validate) => (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath} ${e.message}`).join('; ');

test('every schema in www/schema/ has a line in FORMATS', async () => {
  const names = (await readdir(SCHEMAS)).filter((f) => f.endsWith('.schema.json')).map((f) => f.replace('.schema.json', ''));
  assert.deepEqual(names.sort(), Object.keys(FORMATS).sort());
});

for (const [name, { samples, bad }] of Object.entries(FORMATS)) {
  test(`${name}: the schema compiles under draft 2020-12 and every sample validates`, async () => {
    const schema = await readJson(join(SCHEMAS, `${name}.schema.json`));
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    const validate = validator(schema);
    for (const sample of samples) {
      const doc = typeof sample === 'function' ? await sample() : await readJson(join(SAMPLES, sample));
      const ok = validate(doc);
      assert.ok(ok, `${sample.name ?? sample}: ${explain(validate)}`);
    }
  });

  if (!bad) continue;
  test(`${name}: the bad fixtures are rejected (or caught by the engine only, as listed)`, async () => {
    const validate = validator(await readJson(join(SCHEMAS, `${name}.schema.json`)));
    const files = (await readdir(join(BAD, bad))).filter((f) => f.endsWith('.json') && !f.endsWith('.expect.json'));
    assert.ok(files.length > 0);
    for (const file of files) {
      const key = `${bad}/${file.replace('.json', '')}`;
      let doc;
      try {
        doc = await readJson(join(BAD, bad, file));
      } catch {
        continue; // not JSON at all: no schema question
      }
      const ok = validate(doc);
      if (key in ENGINE_ONLY) assert.ok(ok, `${key} is listed as engine-only but the schema rejects it: ${explain(validate)}`);
      else assert.ok(!ok, `${key} passes the schema`);
    }
  });
}
