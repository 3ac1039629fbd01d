// The calibration view's κ matrix, from an empty browser: the sample rating set is imported,
// the matrix shows every pair of panel raters (quadratic weights by default, and the page says
// why), symmetric, with each cell equal to the module's figure for that pair; switching the
// weighting or the criterion changes it; Fleiss' κ is stated in words; no code or key on the
// Chinese screen; screenshots at both sizes in both languages; axe-core finds nothing serious.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pageRig, watchErrors, screenshot, seriousA11yViolations, waitReady, ARTIFACTS } from './harness.mjs';

const SIZES = { desktop: { width: 1366, height: 768 }, phone: { width: 390, height: 844 } };
const CODE = /\b[A-Z][A-Z_]{5,}\b/;
const SNAKE = /\b[a-z]+_[a-z0-9_]+\b/;
const CAMEL = /\b[a-z]+[A-Z][A-Za-z]*\b/;

const rig = pageRig();

async function matrix(page) {
  return page.$$eval('#kappa-matrix tbody tr', (rows) => rows.map((r) => ({
    rater: r.dataset.raterId,
    cells: [...r.querySelectorAll('td')].map((c) => c.textContent.trim()),
  })));
}

test('the κ matrix on the calibration view', async () => {
  const context = await rig.browser.newContext({ viewport: SIZES.desktop });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${rig.url}#/calibration`);
  await waitReady(page);
  await page.click('#import-samples');
  await page.waitForSelector('#kappa-matrix');

  assert.equal(await page.locator('#kappa-weights').inputValue(), 'quadratic');
  assert.match(await page.textContent('#kappa-why'), /二次加权/);
  const rows = await matrix(page);
  const n = rows.length;
  assert.ok(n >= 3, `a row per panel rater (${n})`);
  for (let i = 0; i < n; i += 1) {
    assert.equal(rows[i].cells.length, n + 1, 'a column per rater and the mean');
    assert.equal(rows[i].cells[i], '—', 'the diagonal is empty');
    for (let j = 0; j < n; j += 1) {
      assert.equal(rows[i].cells[j], rows[j].cells[i], 'symmetric');
      if (i !== j && rows[i].cells[j] !== '—') {
        const k = Number(rows[i].cells[j].replace('−', '-'));
        assert.ok(k >= -1 && k <= 1, rows[i].cells[j]);
      }
    }
  }

  // Each cell is the module's κ for that pair (the layout maps raterA/raterB right).
  const criterion = await page.locator('#kappa-criterion').inputValue();
  const expected = await page.evaluate(async (id) => {
    const kaohe = await import('./kaohe/index.js');
    // The page may run this view on a smaller module: load the full one for the reference.
    await kaohe.init();
    const [rubric, set] = await Promise.all(['samples/rubric.json', 'samples/ratings.json'].map((p) => fetch(p).then((r) => r.json())));
    const report = kaohe.calibrateRaters({ rubric, ratingSet: set });
    const c = report.criteria.find((x) => x.criterionId === id);
    return { raterIds: report.raterIds, pairs: c.agreement.kappa.pairs, fleiss: c.agreement.kappa.fleiss.kappa.value };
  }, criterion);
  assert.deepEqual(rows.map((r) => r.rater), expected.raterIds);
  for (const pair of expected.pairs) {
    const shown = rows[pair.raterA].cells[pair.raterB];
    const value = pair.quadratic.value;
    assert.equal(shown, value === null ? '—' : value.toFixed(2).replace(/^-/, '−'), `pair ${pair.raterA}-${pair.raterB}`);
  }
  const fleiss = await page.getAttribute('#kappa-fleiss', 'data-value');
  assert.equal(fleiss === '' ? null : Number(fleiss), expected.fleiss);
  assert.match(await page.textContent('#kappa-fleiss'), /Fleiss κ.*(很好|较好|一般|需要校准|无法计算)/);
  // The sample has a handful of performances per pair: the page says κ is only a hint.
  assert.match(await page.textContent('#kappa-few'), /仅|提示/);

  // Unweighted counts only exact agreement: on some criterion a cell changes.
  const criteria = await page.$$eval('#kappa-criterion option', (os) => os.map((o) => o.value));
  assert.ok(criteria.length > 1);
  let changed = 0;
  for (const id of criteria) {
    await page.selectOption('#kappa-criterion', id);
    const quadratic = JSON.stringify(await matrix(page));
    await page.selectOption('#kappa-weights', 'unweighted');
    if (JSON.stringify(await matrix(page)) !== quadratic) changed += 1;
    await page.selectOption('#kappa-weights', 'quadratic');
  }
  assert.ok(changed > 0, 'the weighting matters on some criterion');
  await page.selectOption('#kappa-criterion', criteria[0]);

  const text = await page.evaluate(() => document.querySelector('#kappa-section').innerText);
  for (const re of [CODE, SNAKE, CAMEL]) assert.doesNotMatch(text, re);
  await page.locator('#kappa-section').scrollIntoViewIfNeeded();
  await screenshot(page, 'calibration-kappa');
  await page.locator('#kappa-section').screenshot({ path: join(ARTIFACTS, 'calibration-kappa-section.png') });
  assert.deepEqual(await seriousA11yViolations(page), [], 'κ matrix: axe');
  await page.setViewportSize(SIZES.phone);
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: innerWidth }));
  assert.ok(scroll <= inner, `no sideways scrolling on a phone (${scroll} > ${inner})`);
  await screenshot(page, 'calibration-kappa-phone');

  await page.setViewportSize(SIZES.desktop);
  await page.click('#lang-switch');
  await page.waitForFunction(() => /κ matrix/.test(document.querySelector('#kappa-title')?.textContent ?? ''));
  assert.match(await page.textContent('#kappa-fleiss'), /The whole panel/);
  await screenshot(page, 'calibration-kappa-en');
  await page.setViewportSize(SIZES.phone);
  await screenshot(page, 'calibration-kappa-en-phone');
  await page.locator('#kappa-section').screenshot({ path: join(ARTIFACTS, 'calibration-kappa-section-en-phone.png') });
  assert.deepEqual(await seriousA11yViolations(page), [], 'κ matrix (en): axe');
  assert.deepEqual(errors, []);
  await context.close();
});
