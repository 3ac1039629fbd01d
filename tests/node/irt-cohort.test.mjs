// calibrateIrtCohort in Node (the function the analysis view's IRT worker job calls): a seeded
// cohort of the sample exam is packed as the page stores it; the right/wrong table the module
// builds must agree with the simulation's own record of who was asked what and who answered
// right (full marks only; drawn papers: unanswered = not asked), the progress callback ends at
// done = total, and a bad callback is a coded error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import kaohe, { Exam } from 'kaohe/node';
import { simulate } from './score-cohort.mjs';

const www = new URL('../../www/', import.meta.url);
const load = (path) => JSON.parse(readFileSync(new URL(path, www), 'utf8'));

function packedCohort(count) {
  const bank = load('samples/bank.json');
  const blueprint = load('samples/blueprint.json');
  const exam = new Exam(bank, blueprint);
  try {
    const candidates = simulate(bank, exam, count, 77);
    const packed = candidates.map((c) => exam.encode(c.responses));
    const offsets = new Uint32Array(count + 1);
    packed.forEach((p, i) => { offsets[i + 1] = offsets[i] + p.length; });
    const bytes = new Uint8Array(offsets[count]);
    packed.forEach((p, i) => bytes.set(p, offsets[i]));
    return { bank, blueprint, candidates, bytes, offsets, itemIds: exam.cohortItemIds() };
  } finally {
    exam.free();
  }
}

test('the right/wrong table matches the simulation; progress ends at the total', () => {
  const { bank, blueprint, candidates, bytes, offsets, itemIds } = packedCohort(400);
  const calls = [];
  const out = kaohe.calibrateIrtCohort({ bank, blueprint, model: 'twoPl' }, bytes, offsets,
    (done, total) => calls.push([done, total]));
  assert.deepEqual(out.itemIds, itemIds);
  assert.equal(out.candidates, 400);
  assert.equal(out.unansweredAsWrong, false, 'the sample blueprint draws papers');
  assert.equal(out.report.items.length, itemIds.length);
  out.report.items.forEach((row, column) => {
    const id = itemIds[column];
    const asked = candidates.filter((c) => c.responses[id] !== undefined).length;
    const right = candidates.filter((c) => c.correct.includes(id)).length;
    assert.equal(row.administered, asked, `${id} asked`);
    assert.equal(row.correct, right, `${id} right`);
  });
  assert.ok(out.report.converged);
  assert.ok(calls.length >= 2, 'progress during the run');
  assert.ok(calls.every(([d, t]) => t === 1000 && d >= 0 && d <= 1000));
  assert.deepEqual(calls.at(-1), [1000, 1000]);

  // Unanswered counted as wrong: everyone was asked every item.
  const wrong = kaohe.calibrateIrtCohort({ bank, blueprint, model: 'twoPl', missingAnswers: 'countAsWrong' }, bytes, offsets);
  assert.equal(wrong.unansweredAsWrong, true);
  assert.ok(wrong.report.items.every((row) => row.administered === 400));
  // Rasch (conditional ML) runs on the same table without a callback.
  const rasch = kaohe.calibrateIrtCohort({ bank, blueprint, model: 'rasch' }, bytes, offsets);
  assert.equal(rasch.report.model, 'rasch');
  assert.ok(rasch.report.converged);
});

test('bad arguments are coded errors', () => {
  const { bank, blueprint, bytes, offsets } = packedCohort(3);
  const call = (params, f) => () => kaohe.calibrateIrtCohort(params, bytes, offsets, f);
  assert.throws(call({ bank, blueprint, model: 'twoPl' }, 'nope'), (e) => e instanceof Error && e.code === 'WRONG_TYPE' && e.path === 'onProgress');
  assert.throws(call({ blueprint, model: 'twoPl' }), (e) => e instanceof Error && e.code === 'MISSING_FIELD' && e.path === 'params.bank');
  assert.throws(call({ bank, blueprint, model: 'threePl' }), (e) => e instanceof Error && typeof e.code === 'string' && e.path.startsWith('params'));
  assert.throws(call(null), (e) => e instanceof Error && typeof e.code === 'string');
});
