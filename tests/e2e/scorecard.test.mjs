// The compact scorecard as a QA rater uses it: number keys score the focused criterion and
// move to the next, each section folds and says how many of its criteria are scored, and on a
// narrow screen a bar keeps the progress and total in sight.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { watchErrors, screenshot, seriousA11yViolations, pageRig } from './harness.mjs';

const rig = pageRig();

test('number keys score and move on; sections fold and count; the total stays in sight', async () => {
  const context = await rig.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${rig.url}#/rubric/E1004-angry-customer/tl-zhao`);
  await page.waitForSelector('#scorecard-form');
  const sets = page.locator('fieldset.criterion');
  const first = sets.nth(0);
  const firstId = await first.getAttribute('data-criterion-id');
  const secondId = await sets.nth(1).getAttribute('data-criterion-id');
  const section = page.locator('details.rubric-section').first();
  const before = await section.locator('.section-progress').textContent();
  assert.match(before, /已评 0 \/ \d+/);

  await first.locator('input[type=radio]').first().focus();
  await page.keyboard.press('1');
  assert.equal(await first.locator('input[type=radio]:checked').getAttribute('value'), '1');
  assert.equal(await page.evaluate(() => document.activeElement.closest('fieldset')?.dataset.criterionId), secondId,
    'focus moved to the next criterion');
  assert.match(await section.locator('.section-progress').textContent(), /已评 1 \//);
  assert.match(await page.locator('#score-bar').textContent(), /1 \//);
  assert.equal(await page.locator('#score-bar').isVisible(), true, 'the bar shows on a phone');
  await screenshot(page, 'scorecard-phone');

  // Fold the first section: its criteria are hidden, the others stay.
  await section.locator('summary').click();
  assert.equal(await page.locator(`fieldset[data-criterion-id="${firstId}"]`).isVisible(), false);
  assert.equal(await page.locator('details.rubric-section').nth(1).locator('fieldset.criterion').first().isVisible(), true);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth));
  assert.deepEqual(await seriousA11yViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('calibration scores each rater against the expert, recomputed here from the sample set', async () => {
  const { readFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { WWW } = await import('./harness.mjs');
  const sample = JSON.parse(await readFile(join(WWW, 'samples/ratings.json'), 'utf8'));
  const context = await rig.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${rig.url}#/calibration`);
  await page.waitForSelector('#import-samples');
  await page.locator('#import-samples').click();
  await page.waitForSelector('#calibration-scores');
  assert.equal(await page.locator('#reference-rater').inputValue(), 'expert-zhou');

  // Independently: per rater, criteria marked exactly as the expert did on the same performance.
  const expert = new Map(sample.scorecards.filter((c) => c.raterId === 'expert-zhou').map((c) => [c.performanceId, c.ratings]));
  const want = {};
  for (const card of sample.scorecards) {
    if (card.raterId === 'expert-zhou' || !expert.has(card.performanceId)) continue;
    const w = (want[card.raterId] ??= { m: 0, n: 0 });
    for (const [id, mark] of Object.entries(expert.get(card.performanceId))) {
      const given = card.ratings[id];
      if (!given) continue;
      w.n += 1;
      if (Boolean(mark.na) === Boolean(given.na) && (mark.na || mark.value === given.value)) w.m += 1;
    }
  }
  const shown = await page.$$eval('#calibration-scores tbody tr', (rows) => rows.map((r) => [r.dataset.raterId, Number(r.dataset.value)]));
  assert.equal(shown.length, Object.keys(want).length);
  for (const [rater, value] of shown) {
    assert.ok(Math.abs(value - (100 * want[rater].m) / want[rater].n) < 1e-9, `${rater}: ${value}`);
  }
  await screenshot(page, 'calibration-scores');
  assert.deepEqual(await seriousA11yViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a calibration session: blind until the reveal, then scores against the expert, and drift', async () => {
  const { readFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { WWW } = await import('./harness.mjs');
  const sample = JSON.parse(await readFile(join(WWW, 'samples/ratings.json'), 'utf8'));
  const context = await rig.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${rig.url}#/calibration`);
  await page.waitForSelector('#import-samples');
  await page.locator('#import-samples').click();
  await page.waitForFunction(() => document.querySelector('#rating-set-info')?.textContent.includes('19 份'));
  assert.ok(await page.locator('#sessions-empty').isVisible());

  // A session on two role plays: while blind, the report leaves them out.
  const first = ['E1001-late-delivery', 'E1004-angry-customer'];
  for (const id of first) await page.locator(`input[name="session-performance"][value="${id}"]`).check();
  await page.locator('#session-name').fill('十二月第一次校准会');
  await page.locator('#session-create').click();
  await page.waitForSelector('article.session[data-revealed="false"]');
  const left = sample.scorecards.filter((c) => !first.includes(c.performanceId)).length;
  await page.waitForFunction((n) => document.querySelector('#rating-set-info')?.textContent.includes(`${n} 份`), left);
  for (const id of first) {
    assert.equal(await page.locator(`#flagged-list li[data-performance-id="${id}"]`).count(), 0, `${id} stays blind`);
  }
  await screenshot(page, 'calibration-session-blind');

  // The reveal: each rater's share of criteria scored as the expert did, on those role plays.
  await page.locator('article.session .reveal-session').click();
  await page.waitForSelector('article.session[data-revealed="true"] .session-scores');
  const want = (ids) => {
    const expert = new Map(sample.scorecards.filter((c) => c.raterId === 'expert-zhou' && ids.includes(c.performanceId)).map((c) => [c.performanceId, c.ratings]));
    const out = {};
    for (const card of sample.scorecards) {
      if (card.raterId === 'expert-zhou' || !expert.has(card.performanceId)) continue;
      const w = (out[card.raterId] ??= { m: 0, n: 0 });
      for (const [id, mark] of Object.entries(expert.get(card.performanceId))) {
        const given = card.ratings[id];
        if (!given) continue;
        w.n += 1;
        if (Boolean(mark.na) === Boolean(given.na) && (mark.na || mark.value === given.value)) w.m += 1;
      }
    }
    return Object.fromEntries(Object.entries(out).map(([r, w]) => [r, (100 * w.m) / w.n]));
  };
  const shown = await page.$$eval('article.session[data-revealed="true"] .session-scores tbody tr',
    (rows) => Object.fromEntries(rows.map((r) => [r.dataset.raterId, Number(r.dataset.value)])));
  const expected = want(first);
  assert.deepEqual(Object.keys(shown).sort(), Object.keys(expected).sort());
  for (const [rater, value] of Object.entries(shown)) assert.ok(Math.abs(value - expected[rater]) < 1e-9, rater);
  assert.equal(await page.locator('#rating-set-info').textContent().then((t) => t.includes('19 份')), true, 'revealed: back in the report');

  // A second session, revealed: the drift table follows each rater across both.
  await page.locator('#calibration-sessions details summary').last().click();
  await page.locator('input[name="session-performance"][value="E1008-product-enquiry"]').check();
  await page.locator('#session-name').fill('十二月第二次校准会');
  await page.locator('#session-create').click();
  await page.waitForSelector('article.session[data-revealed="false"]');
  await page.locator('article.session[data-revealed="false"] .reveal-session').click();
  await page.waitForSelector('#drift-table');
  assert.equal(await page.locator('#drift-table thead th').count(), 3);
  const second = want(['E1008-product-enquiry']);
  for (const [rater, value] of Object.entries(second)) {
    const cell = page.locator(`#drift-table tr[data-rater-id="${rater}"] td`).nth(1);
    assert.ok(Math.abs(Number(await cell.getAttribute('data-value')) - value) < 1e-9, `${rater} second session`);
  }
  await screenshot(page, 'calibration-drift');
  assert.deepEqual(await seriousA11yViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});
