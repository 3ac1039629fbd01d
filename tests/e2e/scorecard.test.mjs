// The compact scorecard as a QA rater uses it: number keys score the focused criterion and
// move to the next, each section folds and says how many of its criteria are scored, and on a
// narrow screen a bar keeps the progress and total in sight.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, watchErrors, screenshot, seriousA11yViolations } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('number keys score and move on; sections fold and count; the total stays in sight', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}#/rubric/E1031-angry-customer/tl-zhao`);
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
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}#/calibration`);
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
