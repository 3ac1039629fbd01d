// `new Team(model, set)` sends the evidence records as typed columns (www/kaohe/team.js): the
// team is the same as from the set's JSON text, records the column form cannot carry unchanged
// take the JSON path, and every error is the JSON path's (code and path).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import kaohe from '../../www/kaohe/node.js';
import { evidenceColumns } from '../../www/kaohe/team.js';

const read = (name) => readFileSync(new URL(`../../www/samples/${name}`, import.meta.url), 'utf8');
const MODEL = read('model.json');
const TEAM = read('team.json');
const { Team } = kaohe;

const view = (team) => JSON.stringify(team.evaluate({ date: '2026-12-01' }));

test('the column path builds the same team as the JSON text', () => {
  const set = JSON.parse(TEAM);
  assert.ok(evidenceColumns(set), 'the sample takes the column path');
  const team = new Team(JSON.parse(MODEL), set);
  const reference = Team.fromJson(MODEL, TEAM);
  assert.ok(team instanceof Team);
  assert.equal(view(team), view(reference));
  assert.equal(JSON.stringify(team.person('E1001')), JSON.stringify(reference.person('E1001')));
  team.free();
  reference.free();
});

test('shared strings are sent once; records the columns cannot carry take the JSON path', () => {
  const set = JSON.parse(TEAM);
  const { columns } = evidenceColumns(set);
  assert.ok(JSON.parse(columns.strings).length < set.evidence.length);
  const odd = (change) => { const s = JSON.parse(TEAM); change(s.evidence[4]); return evidenceColumns(s); };
  assert.equal(odd((r) => { r.note = 'x'; }), null);
  assert.equal(odd((r) => { r.sourceId = undefined; }), null);
  assert.equal(odd((r) => { r.value = Number.NaN; }), null);
  assert.equal(odd((r) => { r.kind = 'toString'; }), null);
  assert.ok(odd((r) => { r.sourceId = null; }));
});

test('errors are the JSON path\'s, with its codes and paths', () => {
  const caught = (build) => {
    try {
      build().free();
    } catch (e) {
      return [e.code, e.path];
    }
    return null;
  };
  const error = (change) => {
    const set = JSON.parse(TEAM);
    change(set);
    const got = caught(() => new Team(JSON.parse(MODEL), set));
    // The same set through JSON text alone (no columns) fails the same way.
    assert.deepEqual(got, caught(() => Team.fromJson(MODEL, JSON.stringify(set))));
    return got;
  };
  assert.deepEqual(error((s) => { s.evidence[3].personId = 'E9999'; }), ['UNKNOWN_REFERENCE', 'evidence.evidence[3].personId']);
  assert.deepEqual(error((s) => { s.evidence[5].date = '2026-02-30'; }), ['INVALID_DATE', 'evidence.evidence[5].date']);
  assert.equal(error((s) => { s.evidence[2].note = 'x'; })?.[1], 'evidence.evidence[2].note');
  assert.equal(error((s) => { s.evidence[7].value = 1e400; })?.[1], 'evidence.evidence[7].value');
});
