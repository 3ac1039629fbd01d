// The Node build: the documented batch script runs and prints its summary, and the module's
// totals and facilities equal the ones computed here from the simulation's own key (an
// independent count: every answer is either fully right or worth 0 points).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { scoreCohort } from './score-cohort.mjs';

const SCRIPT = fileURLToPath(new URL('./score-cohort.mjs', import.meta.url));

test('score-cohort.mjs prints the item analysis summary of 2,000 candidates', () => {
  const out = execFileSync(process.execPath, [SCRIPT], { encoding: 'utf8' });
  assert.match(out, /^candidates: 2000$/m);
  const items = Number(out.match(/^items: (\d+)$/m)[1]);
  assert.ok(items > 20, `${items} items`);
  const alpha = Number(out.match(/^cronbach alpha: ([\d.]+)$/m)[1]);
  assert.ok(alpha > 0.3 && alpha < 1, `alpha ${alpha}`);
  assert.match(out, /^hardest items: [a-z]+-\d{3} \(0\.\d\d\)/m);
  assert.match(out, /^scored in: [\d.]+ ms \(2000 totals\)$/m);
});

test('totals and facilities match an independent count from the simulation', () => {
  const { bank, candidates, totals, analysis, itemIds } = scoreCohort(2000, 7);
  const byId = new Map(bank.items.map((i) => [i.id, i]));
  const full = (item) => (item.type === 'situational' ? Math.max(...item.options.map((o) => o.points)) : item.points);
  assert.equal(totals.length, 2000);
  candidates.forEach((c, i) => {
    const expected = c.correct.reduce((sum, id) => sum + full(byId.get(id)), 0);
    assert.ok(Math.abs(totals[i] - expected) < 1e-9, `candidate ${i}: module ${totals[i]}, expected ${expected}`);
  });
  assert.deepEqual(analysis.items.map((i) => i.itemId), itemIds);
  for (const stats of analysis.items) {
    const had = candidates.filter((c) => stats.itemId in c.responses);
    if (had.length === 0 || stats.facility.value == null) continue;
    const right = had.filter((c) => c.correct.includes(stats.itemId)).length;
    assert.ok(Math.abs(stats.facility.value - right / had.length) < 1e-9, `${stats.itemId}: facility ${stats.facility.value} vs ${right}/${had.length}`);
  }
});
