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
