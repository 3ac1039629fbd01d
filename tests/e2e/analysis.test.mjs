// A trainer opens the item analysis of the sample exam: empty at first, then demo candidates are
// generated through the real API and stored; the table has a row per item with numbers, sorts
// from the keyboard with aria-sort, expands a distractor row, exports a CSV with a BOM, switches
// the attempt selection and the language; axe-core finds nothing serious.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { pageRig, watchErrors, screenshot, seriousA11yViolations, waitReady } from './harness.mjs';

const BLUEPRINT = 'bp-theory-2026q4';
const DEMO = 120;
const RETAKES = DEMO / 10; // every tenth demo candidate sits the exam twice

const rig = pageRig();

const NUMBER = /^-?\d+\.\d+$/;

async function columnValues(page, col) {
  return page.$$eval(`#item-table tbody tr[data-item-id] td[data-col="${col}"]`,
    (cells) => cells.map((c) => c.textContent.trim()));
}

test('the analysis view of a stored exam: table, sorting, distractors, CSV, axe', async () => {
  const context = await rig.browser.newContext({ acceptDownloads: true });
  // Demo data is generated in the demo workspace only (never into the real records).
  await context.addInitScript(() => localStorage.setItem('kaoheWorkspace', 'demo'));
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${rig.url}#/analysis/${BLUEPRINT}`);
  await waitReady(page);
  await page.waitForSelector('#analysis-empty');
  assert.equal(await page.locator('#analysis-exam').inputValue(), BLUEPRINT);
  assert.equal(await page.locator('nav a[aria-current="page"]').textContent(), '试题分析');

  await page.fill('#demo-count', String(DEMO));
  await page.click('#demo-generate');
  await page.waitForSelector('#item-table', { timeout: 60000 });
  assert.match(await page.textContent('#demo-status'), new RegExp(`${DEMO + RETAKES} 份`));
  assert.match(await page.textContent('#analysis-summary'), new RegExp(`^${DEMO} 份作答，${DEMO} 名考生`));

  // One row per item of the exam's cohort layout, as the module reports it.
  const ids = await page.evaluate(async () => {
    const kaohe = await import('./kaohe/index.js'); await kaohe.init();
    const [bank, blueprint] = await Promise.all(['samples/bank.json', 'samples/blueprint.json']
      .map((p) => fetch(p).then((r) => r.json())));
    const exam = new kaohe.Exam(bank, blueprint);
    try { return exam.cohortItemIds(); } finally { exam.free(); }
  });
  const rowIds = await page.$$eval('#item-table tbody tr[data-item-id]', (rows) => rows.map((r) => r.dataset.itemId));
  assert.ok(ids.length >= 30);
  assert.deepEqual(rowIds, ids, 'a row per item, in layout order');
  const facility = await columnValues(page, 'facility');
  const numeric = facility.filter((v) => NUMBER.test(v));
  assert.ok(numeric.length >= ids.length * 0.8, `facility mostly numbers: ${facility.slice(0, 5)}`);
  for (const v of numeric) assert.ok(Number(v) >= 0 && Number(v) <= 1, v);
  assert.ok((await columnValues(page, 'discrimination')).some((v) => NUMBER.test(v) && Number(v) > 0.1));
  assert.match(await page.textContent('#exam-stats tr[data-stat="mean"] td'), NUMBER);
  assert.match(await page.textContent('#exam-stats tr[data-stat="alpha"] td'), NUMBER);
  // The sample blueprint draws its items, so alpha comes with the warning that it reads low.
  assert.match(await page.textContent('#alpha-note'), /随机抽题.*低估信度/);
  assert.equal(await page.textContent('#exam-stats tr[data-stat="n"] td'), String(DEMO));
  assert.equal(await page.locator('svg.histogram rect.bar').count(), 10);
  const histogramTotal = await page.$$eval('svg.histogram rect.bar title', (ts) => ts.reduce((s, t) => s + Number(t.textContent.split(': ')[1]), 0));
  assert.equal(histogramTotal, DEMO);
  assert.ok(await page.locator('#item-table li[data-code]').count() > 0, 'some items are flagged with reasons');
  await screenshot(page, 'analysis');
  assert.deepEqual(await seriousA11yViolations(page), [], 'analysis: axe');

  // Sorting from the keyboard: Enter on the header button, aria-sort follows, focus stays.
  await page.focus('#item-table th[data-col="facility"] button');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('#item-table th[data-col="facility"]', 'aria-sort'), 'ascending');
  assert.equal(await page.getAttribute('#item-table th[data-col="index"]', 'aria-sort'), 'none');
  let values = (await columnValues(page, 'facility')).filter((v) => NUMBER.test(v)).map(Number);
  assert.deepEqual(values, [...values].sort((a, b) => a - b));
  assert.ok(NUMBER.test((await columnValues(page, 'facility'))[0]), 'undefined values sort last');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.col), 'facility');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('#item-table th[data-col="facility"]', 'aria-sort'), 'descending');
  values = (await columnValues(page, 'facility')).filter((v) => NUMBER.test(v)).map(Number);
  assert.deepEqual(values, [...values].sort((a, b) => b - a));
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  assert.equal(await page.getAttribute('#item-table th[data-col="sd"]', 'aria-sort'), 'ascending');

  // A distractor row opens from the keyboard.
  const firstChoice = page.locator('#item-table tbody tr[data-item-id="pk-001"] button.expand');
  await firstChoice.focus();
  await page.keyboard.press('Enter');
  assert.equal(await firstChoice.getAttribute('aria-expanded'), 'true');
  const detail = page.locator(`#${await firstChoice.getAttribute('aria-controls')}`);
  assert.ok(await detail.isVisible());
  assert.equal(await detail.locator('tbody tr').count(), 4, 'pk-001 has four options');
  assert.equal(await detail.locator('tr.key-option th').textContent(), 'B');
  assert.deepEqual(await seriousA11yViolations(page), [], 'analysis with a distractor row: axe');

  // CSV export: UTF-8 with a BOM, a header and a line per item.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-analysis-csv')]);
  assert.equal(download.suggestedFilename(), `kaohe-item-analysis-${BLUEPRINT}.csv`);
  const bytes = await readFile(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').trim().split(/\r?\n/);
  assert.equal(lines.length, ids.length + 1);
  assert.ok(ids.every((id) => lines.some((l) => l.startsWith(`${id},`) || l.includes(`,${id},`))), 'every item id in the CSV');

  // Every attempt instead of the first per candidate.
  await page.selectOption('#analysis-attempts', 'all');
  await page.waitForFunction((n) => document.querySelector('#analysis-summary')?.textContent.startsWith(`${n} 份作答`), DEMO + RETAKES);

  // English re-renders the view and keeps the selection.
  await page.click('#lang-switch');
  await page.waitForSelector('#item-table');
  assert.equal(await page.textContent('#analysis-title'), 'Item analysis');
  assert.equal(await page.locator('#analysis-attempts').inputValue(), 'all');
  assert.match(await page.textContent('#analysis-summary'), new RegExp(`^${DEMO + RETAKES} attempts, ${DEMO} candidates`));
  await screenshot(page, 'analysis-en');
  assert.deepEqual(await seriousA11yViolations(page), [], 'analysis (en): axe');
  assert.deepEqual(errors, []);
  await context.close();
});
