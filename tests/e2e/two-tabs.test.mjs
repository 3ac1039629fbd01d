// Issue #16, point 8: two tabs on one attempt converge. In each of 100 rounds both tabs answer
// at the same moment (different items, and every fifth round the same item); afterwards each tab
// must show exactly what storage holds for every item. Before the fix, a tab kept showing the
// previous answer in a few rounds of a hundred.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageRig, watchErrors, waitReady as ready } from './harness.mjs';

const ROUNDS = Number(process.env.KAOHE_TABS_ROUNDS ?? 100);

const rig = pageRig();

/** Items whose shown radio choice differs from the stored answer (empty when converged). */
function stale(page, attemptId) {
  return page.evaluate(async (id) => {
    const db = await new Promise((ok, ko) => { const r = indexedDB.open('kaohe'); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
    const attempt = await new Promise((ok) => { const r = db.transaction('attempts').objectStore('attempts').get(id); r.onsuccess = () => ok(r.result); });
    db.close();
    const out = [];
    for (const set of document.querySelectorAll('fieldset.item[data-type="single"]')) {
      const shown = set.querySelector('input:checked')?.value ?? null;
      const stored = attempt.responses[set.dataset.itemId]?.value ?? null;
      if (shown !== stored) out.push(`${set.dataset.itemId}: shows ${shown}, stored ${stored}`);
    }
    return out;
  }, attemptId);
}

async function converged(page, attemptId) {
  let last = [];
  for (let i = 0; i < 100; i += 1) {
    last = await stale(page, attemptId);
    if (last.length === 0) return [];
    await page.waitForTimeout(50);
  }
  return last;
}

test(`two tabs answering at the same moment converge on what storage holds (${ROUNDS} rounds)`, { timeout: 300000 }, async () => {
  const context = await rig.browser.newContext();
  const a = await context.newPage();
  const errors = [...watchErrors(a)];
  await a.goto(rig.url);
  await ready(a);
  await a.locator('#cand-name').fill('赵敏');
  await a.locator('#cand-id').fill('E3003');
  await a.locator('#exam-choice').selectOption({ label: '2026年第四季度客服理论考核' });
  await a.getByRole('button', { name: '开始' }).click();
  await a.waitForSelector('fieldset.item');
  const attemptId = decodeURIComponent(a.url().split('#/exam/')[1]);
  const b = await context.newPage();
  const errorsB = watchErrors(b);
  await b.goto(a.url());
  await ready(b);
  await b.waitForSelector('fieldset.item');

  const ids = await a.locator('fieldset.item[data-type="single"]').evaluateAll((sets) => sets.map((s) => s.dataset.itemId));
  assert.ok(ids.length >= 4, `${ids.length} single-choice items`);
  const click = (page, itemId, option) => page.evaluate(({ itemId, option }) => {
    const inputs = document.querySelectorAll(`#item-${CSS.escape(itemId)} input[type=radio]`);
    inputs[option % inputs.length].click();
  }, { itemId, option });

  const failures = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const i = ids[round % ids.length];
    const j = round % 5 === 4 ? i : ids[(round + 1 + (round % 3)) % ids.length];
    await Promise.all([click(a, i, round), click(b, j, round + 1)]);
    for (const [name, page] of [['A', a], ['B', b]]) {
      const left = await converged(page, attemptId);
      if (left.length) failures.push(`round ${round}, tab ${name}: ${left.join('; ')}`);
    }
  }
  assert.deepEqual(failures, [], `${failures.length} of ${ROUNDS} rounds left a tab stale`);
  assert.deepEqual([...errors, ...errorsB], []);
  await context.close();
});
