// The analysis view's IRT tab, driven from an empty browser: demo candidates are generated in the
// demo workspace, the trainer opens the IRT tab and starts a 2PL estimate (in the page's worker,
// with a progress bar), and the curves, the item table and the raw score → ability table render
// with numbers; the Chinese screen shows no code, snake_case or camelCase key; Rasch gives the
// same table shape; screenshots at both sizes in both languages; axe-core finds nothing serious.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageRig, watchErrors, screenshot, seriousA11yViolations, waitReady } from './harness.mjs';

const BLUEPRINT = 'bp-theory-2026q4';
const DEMO = 300;
const SIZES = { desktop: { width: 1366, height: 768 }, phone: { width: 390, height: 844 } };
const CODE = /\b[A-Z][A-Z_]{5,}\b/;
const SNAKE = /\b[a-z]+_[a-z0-9_]+\b/;
const CAMEL = /\b[a-z]+[A-Z][A-Za-z]*\b/;
const NUMBER = /^−?\d+\.\d\d/;

const rig = pageRig();

async function panelText(page) {
  return page.evaluate(() => document.querySelector('#analysis-panel-irt').innerText);
}

test('the IRT tab: 2PL in the worker, curves, fit table, score table, both languages', async () => {
  const context = await rig.browser.newContext({ viewport: SIZES.desktop });
  await context.addInitScript(() => localStorage.setItem('kaoheWorkspace', 'demo'));
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${rig.url}#/analysis/${BLUEPRINT}`);
  await waitReady(page);
  await page.waitForSelector('#analysis-empty');

  // Before any data: the IRT tab says there is nothing to estimate from.
  await page.click('#analysis-tab-irt');
  await page.waitForSelector('#irt-empty');
  assert.equal(await page.getAttribute('#analysis-tab-irt', 'aria-selected'), 'true');
  assert.ok(await page.locator('#irt-start').isDisabled());
  await page.click('#analysis-tab-classic');

  await page.fill('#demo-count', String(DEMO));
  await page.click('#demo-generate');
  await page.waitForSelector('#item-table', { timeout: 180000 });

  const ids = await page.evaluate(async () => {
    const kaohe = await import('./kaohe/index.js'); await kaohe.init();
    const [bank, blueprint] = await Promise.all(['samples/bank.json', 'samples/blueprint.json']
      .map((p) => fetch(p).then((r) => r.json())));
    const exam = new kaohe.Exam(bank, blueprint);
    try { return exam.cohortItemIds(); } finally { exam.free(); }
  });

  // The IRT tab from the keyboard: arrow right from the selected tab.
  await page.focus('#analysis-tab-classic');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getAttribute('#analysis-tab-irt', 'aria-selected'), 'true');
  assert.ok(await page.locator('#analysis-panel-classic').isHidden());
  await page.waitForSelector('#irt-start:not([disabled])');
  assert.equal(await page.locator('#irt-model').inputValue(), 'twoPl');
  await page.click('#irt-start');
  await page.waitForSelector('#irt-results', { timeout: 120000 });

  // One row per item of the cohort layout; most have a numeric difficulty with its SE.
  const rows = await page.$$eval('#irt-items tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));
  assert.equal(rows.length, ids.length, 'a row per item');
  const defined = rows.filter((r) => NUMBER.test(r[1]));
  assert.ok(defined.length >= ids.length * 0.8, `difficulties mostly defined: ${rows.slice(0, 3)}`);
  assert.ok(defined.every((r) => /（±\d+\.\d\d）$/.test(r[1]) && /（±\d+\.\d\d）$/.test(r[2])), 'difficulty and discrimination with SEs');
  assert.ok(rows.every((r) => /^\d+ \/ \d+$/.test(r[3])), 'correct / asked');
  assert.ok(rows.every((r) => r[5].length > 0), 'every item has a verdict in words');

  // Curves: one per defined item in the characteristic chart; the test information curve.
  assert.equal(await page.locator('#irt-icc path').count(), defined.length);
  assert.equal(await page.locator('#irt-information path.test-information').count(), 1);
  assert.equal(await page.locator('#irt-information path.item-information').count(), 1);
  const before = await page.textContent('#irt-icc desc');
  const options = await page.$$eval('#irt-highlight option', (os) => os.map((o) => o.value));
  assert.equal(options.length, defined.length);
  await page.selectOption('#irt-highlight', options.find((v) => !before.includes(`第 ${Number(v) + 1} 题`)));
  assert.notEqual(await page.textContent('#irt-icc desc'), before, 'the highlighted item changes the text alternative');

  // Raw score → ability: one row per score 0 … number of defined items; the ends have no MLE.
  const scoreRows = await page.$$eval('#irt-score-table tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent.trim())));
  assert.equal(scoreRows.length, defined.length + 1);
  assert.match(scoreRows[0][1], /无法估计|无人答对/);
  assert.match(scoreRows[Math.floor(scoreRows.length / 2)][1], NUMBER);
  assert.match(scoreRows[0][3], NUMBER, 'the Bayesian estimate exists at a zero score');
  const thetas = scoreRows.slice(1, -1).map((r) => Number(r[1].replace('−', '-')));
  assert.deepEqual(thetas, [...thetas].sort((a, b) => a - b), 'ability rises with the score');

  assert.match(await page.textContent('#irt-summary'), new RegExp(`基于 ${DEMO} 名考生`));
  // Plain words on the Chinese screen: no code, snake_case or camelCase key.
  const zh = await panelText(page);
  for (const re of [CODE, SNAKE, CAMEL]) assert.doesNotMatch(zh, re);
  assert.match(zh, /题目难度|难度/);
  assert.match(zh, /区分度/);
  assert.match(zh, /信息量/);
  await screenshot(page, 'analysis-irt');
  assert.deepEqual(await seriousA11yViolations(page), [], 'IRT tab: axe');
  await page.setViewportSize(SIZES.phone);
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: innerWidth }));
  assert.ok(scroll <= inner, `no sideways scrolling on a phone (${scroll} > ${inner})`);
  await screenshot(page, 'analysis-irt-phone');

  // Rasch: the same table shape; discrimination is fixed at 1.
  await page.setViewportSize(SIZES.desktop);
  await page.selectOption('#irt-model', 'rasch');
  await page.waitForSelector('#irt-start:not([disabled])');
  await page.click('#irt-start');
  await page.waitForFunction(() => document.querySelector('#irt-summary')?.textContent.includes('Rasch'), null, { timeout: 60000 });
  const rasch = await page.$$eval('#irt-items tbody tr', (trs) => trs.map((tr) => tr.cells[2].textContent.trim()));
  assert.equal(rasch.length, ids.length);
  assert.ok(rasch.filter((v) => v === '1').length >= ids.length * 0.8);

  // English: the view re-renders; the stored estimate is shown again without recalculating.
  await page.selectOption('#irt-model', 'twoPl');
  await page.click('#lang-switch');
  await page.waitForSelector('#item-table');
  await page.click('#analysis-tab-irt');
  await page.waitForSelector('#irt-results');
  const en = await panelText(page);
  assert.match(en, /Difficulty/);
  assert.match(en, /Estimated from 300 candidates/);
  await screenshot(page, 'analysis-irt-en');
  await page.setViewportSize(SIZES.phone);
  await screenshot(page, 'analysis-irt-en-phone');
  assert.deepEqual(await seriousA11yViolations(page), [], 'IRT tab (en): axe');
  assert.deepEqual(errors, []);
  await context.close();
});
