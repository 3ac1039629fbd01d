// Practical assessment in Chromium: two raters score the same role play on the page (one with the
// mouse, one with the keyboard after applying the transcript's suggestions), a reload keeps the
// scorecard, the calibration view shows their agreement (exact/adjacent counted here from the
// entered values; alpha and ICC compared with the module's own values for the same ratings, which
// the native tests check against krippendorff/pingouin), and the composite combines the practical
// score with an exam result stored for the same employee id. axe-core checks each view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launchPersistent, watchErrors, screenshot, seriousA11yViolations, WWW, waitReady as ready } from './harness.mjs';

const PERFORMANCE = 'E1001-late-delivery';
const ratings = JSON.parse(await readFile(join(WWW, 'samples/ratings.json'), 'utf8'));
const rubric = JSON.parse(await readFile(join(WWW, 'samples/rubric.json'), 'utf8'));
const cardOf = (rater) => ratings.scorecards.find((c) => c.performanceId === PERFORMANCE && c.raterId === rater);
// The two raters enter what the sample rating set says they gave.
const CHEN = cardOf('qa-chen');
const LIU = cardOf('trainer-liu');
const criteria = rubric.sections.flatMap((s) => s.criteria);

let server;
let profile;
let context;

before(async () => {
  server = await serve();
  profile = await mkdtemp(join(tmpdir(), 'kaohe-rubric-'));
  context = await launchPersistent(profile);
});

after(async () => {
  await context?.close();
  await server?.close();
  await rm(profile, { recursive: true, force: true });
});

/** The radio value a rating is entered as. */
const radioValue = (rating) => (rating.na ? 'na' : String(rating.value));

/** What the form shows: criterion id → checked value. */
async function shownMarks(page) {
  return page.$$eval('fieldset.criterion', (sets) => Object.fromEntries(sets.map((set) => [
    set.dataset.criterionId, set.querySelector('input[type=radio]:checked')?.value ?? null,
  ])));
}

async function waitSaved(page, count) {
  await page.waitForFunction((n) => (document.querySelector('#score-progress')?.textContent ?? '').includes(`已评 ${n} /`), count);
  await page.waitForFunction(() => document.querySelector('#save-status')?.textContent === '已自动保存');
}

test('two raters, calibration, composite with a stored exam result', async () => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}#/rubric/${PERFORMANCE}/qa-chen`);
  await ready(page);
  await page.waitForSelector('#scorecard-form');
  assert.equal(await page.locator('fieldset.criterion').count(), criteria.length);
  assert.deepEqual(await seriousA11yViolations(page), [], 'rubric: axe');

  // Rater 1 (陈晓) with the mouse: click the label of each value.
  for (const c of criteria) {
    const value = radioValue(CHEN.ratings[c.id]);
    await page.locator(`fieldset[data-criterion-id="${c.id}"] input[value="${value}"]`).click();
  }
  await page.getByRole('textbox', { name: '“标准开场白（问候语 + 公司名/工号）”的评语' }).fill('开场白规范，报了工号');
  await waitSaved(page, criteria.length);
  const total = Number(await page.locator('#score-verdict').getAttribute('data-total'));
  const expected = await page.evaluate(async (card) => {
    const m = await import('./kaohe/index.js'); await m.init();
    const r = await (await fetch('samples/rubric.json')).json();
    return m.scoreScorecard({ rubric: r, scorecard: card }).total;
  }, CHEN);
  assert.ok(Math.abs(total - expected) < 1e-9, `live total ${total} vs module ${expected}`);
  assert.match(await page.locator('#score-verdict').textContent(), /合格/);
  assert.equal(await page.locator('#section-scores tbody tr[data-section-id]').count(), rubric.sections.length);
  await screenshot(page, 'rubric-1-scorecard');

  // A reload keeps every mark and the comment.
  const before = await shownMarks(page);
  await page.reload();
  await ready(page);
  await page.waitForSelector('#scorecard-form');
  assert.deepEqual(await shownMarks(page), before, 'marks survive the reload');
  assert.equal(await page.locator('#comment-greeting').inputValue(), '开场白规范，报了工号');
  assert.deepEqual(before, Object.fromEntries(criteria.map((c) => [c.id, radioValue(CHEN.ratings[c.id])])));

  // Rater 2 (刘敏): switch rater, load the transcript, apply suggestions, then set every value
  // with the keyboard (Space on the first choice, arrows to move).
  await page.locator('#pick-rater').selectOption('trainer-liu');
  await page.waitForURL(/trainer-liu/);
  await page.waitForSelector('#scorecard-form');
  await page.waitForFunction(() => document.querySelector('#score-progress')?.textContent.startsWith('已评 0'));
  await page.locator('#sample-transcript').selectOption('late-delivery');
  await page.locator('#load-transcript').click();
  await page.waitForSelector('#transcript-lines li');
  const positive = await page.locator('#transcript-lines mark[data-kind="positive"]').count();
  assert.ok(positive >= 3, `${positive} positive phrases highlighted`);
  assert.equal(await page.locator('#transcript-lines mark[data-kind="forbidden"]').count(), 0);
  const marked = await page.locator('#transcript-lines mark').first().textContent();
  assert.ok(marked.length > 0 && !marked.includes('<'), 'marks hold text');
  assert.match(await page.locator('tr[data-indicator="positive"]').textContent(), /达标/);
  assert.deepEqual(await seriousA11yViolations(page), [], 'rubric with transcript: axe');
  await screenshot(page, 'rubric-2-transcript');
  await page.locator('#apply-suggestions').focus();
  await page.keyboard.press('Enter');
  const suggested = await page.locator('#suggestions input[type=checkbox]').count();
  await waitSaved(page, suggested);

  for (const c of criteria) {
    const radios = page.locator(`fieldset[data-criterion-id="${c.id}"] input[type=radio]`);
    const values = await radios.evaluateAll((list) => list.map((r) => r.value));
    const target = values.indexOf(radioValue(LIU.ratings[c.id]));
    assert.ok(target >= 0, `${c.id}: value ${radioValue(LIU.ratings[c.id])} is offered`);
    const current = await radios.evaluateAll((list) => list.find((r) => r.checked)?.value ?? null);
    const checked = current === null ? 0 : values.indexOf(current);
    await radios.nth(checked).focus();
    if (!(await radios.nth(checked).isChecked())) await page.keyboard.press('Space');
    for (let i = checked; i < target; i++) await page.keyboard.press('ArrowDown');
    for (let i = checked; i > target; i--) await page.keyboard.press('ArrowUp');
  }
  const focusStyle = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(focusStyle, 'none', 'focus is visible');
  await waitSaved(page, criteria.length);
  assert.deepEqual(await shownMarks(page), Object.fromEntries(criteria.map((c) => [c.id, radioValue(LIU.ratings[c.id])])));
  await screenshot(page, 'rubric-3-second-rater');

  // Calibration over the two stored scorecards.
  await page.locator('#to-calibration').click();
  await page.waitForSelector('#agreement-overall');
  assert.match(await page.locator('#rating-set-info').textContent(), /2 份完整评分表，1 个考核场次，2 位评分人/);
  const shown = await page.$$eval('#agreement-table tbody tr', (rows) => rows.map((row) => ({
    id: row.dataset.criterionId ?? 'overall',
    stats: Object.fromEntries([...row.querySelectorAll('td[data-stat]')].map((td) => [td.dataset.stat, td.dataset.value === '' ? null : Number(td.dataset.value)])),
  })));
  // Exact and adjacent agreement counted here from what the raters entered.
  let pairs = 0; let exact = 0; let adjacent = 0;
  for (const c of criteria) {
    const a = CHEN.ratings[c.id]; const b = LIU.ratings[c.id];
    const row = shown.find((r) => r.id === c.id);
    if (a.na || b.na) {
      assert.equal(row.stats.exact, null, `${c.id}: no pair`);
      continue;
    }
    pairs += 1;
    exact += a.value === b.value ? 1 : 0;
    adjacent += Math.abs(a.value - b.value) <= 1 ? 1 : 0;
    assert.equal(row.stats.exact, a.value === b.value ? 100 : 0, `${c.id} exact`);
  }
  const overall = shown.find((r) => r.id === 'overall');
  assert.ok(Math.abs(overall.stats.exact - (exact / pairs) * 100) < 1e-9, `pooled exact ${overall.stats.exact}`);
  assert.ok(Math.abs(overall.stats.adjacent - (adjacent / pairs) * 100) < 1e-9, 'pooled adjacent');
  // Alpha and ICC as the module computes them for the same two scorecards.
  const core = await page.evaluate(async (cards) => {
    const m = await import('./kaohe/index.js'); await m.init();
    const r = await (await fetch('samples/rubric.json')).json();
    return m.calibrateRaters({ rubric: r, ratingSet: { schemaVersion: 1, rubricId: r.id, scorecards: cards } });
  }, [CHEN, LIU]);
  const value = (s) => s.value ?? null;
  const pick = (a) => ({
    alphaInterval: value(a.alphaInterval), alphaOrdinal: value(a.alphaOrdinal), icc21: value(a.icc.icc2_1),
    icc2k: value(a.icc.icc2_k), icc31: value(a.icc.icc3_1), exact: value(a.pairwise.exactPercent), adjacent: value(a.pairwise.adjacentPercent),
  });
  assert.deepEqual(overall.stats, pick(core.overall));
  for (const c of core.criteria) assert.deepEqual(shown.find((r) => r.id === c.criterionId).stats, pick(c.agreement), c.criterionId);
  const bias = await page.$$eval('#bias-table tbody tr', (rows) => rows.map((r) => [r.dataset.raterId, Number(r.querySelector('[data-stat="vsPanel"]').dataset.value)]));
  assert.deepEqual(bias.map(([id]) => id), ['qa-chen', 'trainer-liu']);
  assert.ok(Math.abs(bias[0][1] + bias[1][1]) < 1e-9, 'two raters: biases against their mean cancel');
  // Per criterion: the module's bias for each rater, marked ▲/▼ from half a point.
  const matrix = await page.$$eval('#criterion-bias-table tbody tr', (rows) => rows.map((r) => [r.dataset.raterId,
    [...r.querySelectorAll('td')].map((td) => ({ value: td.dataset.value === '' ? null : Number(td.dataset.value), mark: td.dataset.mark ?? '' }))]));
  assert.deepEqual(matrix.map(([id]) => id), ['qa-chen', 'trainer-liu']);
  core.criteria.forEach((c, i) => {
    for (const [raterId, cells] of matrix) {
      const expected = c.agreement.bias.find((b) => b.raterId === raterId).vsPanel;
      const { value, mark } = cells[i];
      if (expected == null) assert.equal(value, null, `${raterId} ${c.criterionId}`);
      else {
        assert.ok(Math.abs(value - expected) < 1e-9, `${raterId} ${c.criterionId}: ${value} vs ${expected}`);
        assert.equal(mark, expected >= 0.5 ? '▲' : expected <= -0.5 ? '▼' : '', `${raterId} ${c.criterionId} mark`);
      }
    }
  });
  assert.ok(matrix.some(([, cells]) => cells.some((c) => c.mark)), 'the two sample scorecards differ somewhere by half a point');
  assert.ok(await page.locator('#flagged-list').count() === 1);
  assert.deepEqual(await seriousA11yViolations(page), [], 'calibration: axe');

  // No exam result yet for E1001.
  assert.match(await page.locator('#composite-table tr[data-candidate-id="E1001"]').textContent(), /无理论考试成绩/);

  // An exam result for E1001, stored the way the exam view stores one.
  const examPercent = await page.evaluate(async () => {
    const m = await import('./kaohe/index.js'); await m.init();
    const { startAttempt } = await import('./views/home.js');
    const { listExams } = await import('./data.js');
    const store = await m.openStore();
    const [exam] = await listExams(store);
    const attempt = await startAttempt(store, exam, { name: '李娜', id: 'E1001' });
    const engine = new m.Exam(exam.bank, exam.blueprint);
    try {
      const items = new Map(exam.bank.items.map((i) => [i.id, i]));
      const responses = {};
      for (const id of attempt.paper.sections.flatMap((s) => s.itemIds)) {
        const answer = items.get(id)?.answer;
        if (typeof answer === 'string' || typeof answer === 'boolean') responses[id] = answer;
      }
      const result = engine.score({ paper: attempt.paper, responses, timeUsedSeconds: 900 });
      await store.submitAttempt(attempt.attemptId, { result, packed: engine.encode(responses) });
      store.close();
      return result.percent;
    } finally {
      engine.free();
    }
  });
  assert.ok(examPercent > 0, `exam percent ${examPercent}`);
  await page.reload();
  await ready(page);
  await page.waitForSelector('#composite-table');
  const row = page.locator('#composite-table tr[data-candidate-id="E1001"]');
  const panelTotal = await page.evaluate(async (cards) => {
    const m = await import('./kaohe/index.js'); await m.init();
    const r = await (await fetch('samples/rubric.json')).json();
    return m.scorePanel({ rubric: r, scorecards: cards }).score.total;
  }, [CHEN, LIU]);
  const compositeTotal = Number(await row.getAttribute('data-total'));
  assert.ok(Math.abs(compositeTotal - (0.4 * examPercent + 0.6 * panelTotal)) < 1e-9,
    `composite ${compositeTotal} = 0.4 × ${examPercent} + 0.6 × ${panelTotal}`);
  assert.match(await row.textContent(), /优秀|良好|合格|不合格/);
  assert.match(await page.locator('#cohort-summary').textContent(), /目标 ≥ 90%/);
  assert.deepEqual(await seriousA11yViolations(page), [], 'calibration with composite: axe');
  await screenshot(page, 'rubric-4-calibration');

  // The sample rating set: 4 raters, the expert as reference.
  await page.locator('#import-samples').click();
  await page.waitForFunction(() => document.querySelector('#rating-set-info')?.textContent.includes('19 份'));
  assert.equal(await page.locator('#reference-rater').inputValue(), 'expert-zhou');
  assert.equal(await page.locator('#bias-table tbody tr').count(), 3);
  assert.ok(await page.locator('#flagged-list li').count() > 0, 'disagreements flagged');
  await page.locator('#lang-switch').click();
  await page.waitForSelector('text=Calibration and assessment results');
  assert.deepEqual(await seriousA11yViolations(page), [], 'calibration (en): axe');
  await screenshot(page, 'rubric-5-calibration-en');
  await page.locator('#lang-switch').click();
  assert.deepEqual(errors, []);
});

test('a malformed transcript line shows its message, code and line', async () => {
  const page = await context.newPage();
  await page.goto(`${server.url}#/rubric/E1004-angry-customer/tl-zhao`);
  await ready(page);
  await page.waitForSelector('#transcript-text');
  await page.locator('#transcript-text').fill('[00:01] 客服：您好\n[00:05] 这一行没有说话人');
  await page.locator('#analyze-transcript').click();
  const box = page.locator('#transcript-output .error-box');
  await box.waitFor();
  assert.match(await box.textContent(), /INVALID_ROW · line 2/);
  await screenshot(page, 'rubric-6-bad-transcript');
});

test("a trainer's own rubric, role play and rater: import (a bad file saves nothing), score, export", async () => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}#/rubric`);
  await ready(page);
  await page.waitForSelector('fieldset.criterion');
  await page.click('#rubric-setup summary');
  const options = async () => page.$$eval('#active-rubric option', (os) => os.map((o) => o.value));
  const before = await options();

  // Weights that do not sum: the module's error with its code and path, and nothing stored.
  const bad = structuredClone(rubric);
  bad.id = 'custom-bad';
  bad.sections[0].weight = 90;
  await page.setInputFiles('#rubric-file', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await page.waitForSelector('#setup-status .error-box');
  assert.match(await page.textContent('#setup-status'), /WEIGHTS_DO_NOT_SUM/);
  assert.deepEqual(await options(), before, 'the bad rubric was not stored');
  await page.setInputFiles('#rubric-file', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"id": "x",') });
  await page.waitForFunction(() => /INVALID_SYNTAX/.test(document.querySelector('#setup-status')?.textContent ?? ''));

  // A rubric of two sections, imported and switched to.
  const own = structuredClone(rubric);
  own.id = 'returns-dispute';
  own.title = '退换货争议处理评分表';
  own.sections = own.sections.slice(1, 3).map((s) => ({ ...s, weight: 50 }));
  await page.setInputFiles('#rubric-file', { name: 'own.json', mimeType: 'application/json', buffer: Buffer.from(`\uFEFF${JSON.stringify(own)}`) });
  await page.waitForFunction(() => document.querySelector('h2')?.textContent.includes('退换货争议处理评分表'));
  assert.equal(await page.locator('#active-rubric').inputValue(), 'returns-dispute');
  const shown = await page.$$eval('fieldset.criterion', (sets) => sets.map((s) => s.dataset.criterionId));
  assert.deepEqual(shown, own.sections.flatMap((s) => s.criteria.map((c) => c.id)));
  assert.match(await page.textContent('#setup-status'), /已导入并启用/);

  // A role play and a rater of the trainer's own; a duplicate rater id is refused.
  await page.fill('#new-candidate-id', 'E2001');
  await page.fill('#new-candidate-name', '张伟');
  await page.fill('#new-scenario', '退货争议');
  await page.click('#add-performance-submit');
  await page.waitForFunction(() => [...document.querySelectorAll('#pick-performance option')].some((o) => o.textContent.includes('E2001 张伟 · 退货争议')));
  // Raters come from the roster, not from free text: with an empty roster the page says so and
  // links there; a person added to the roster is offered as a rater by 工号.
  assert.equal(await page.locator('#new-rater-id').count(), 0, 'no free-text rater');
  assert.match(await page.textContent('#rater-roster-hint'), /人员名册/);
  await page.click('#rater-roster-hint a');
  await page.waitForSelector('#person-add');
  await page.click('#person-add');
  await page.fill('#person-id', 'E2050');
  await page.fill('#person-name', '王静');
  await page.selectOption('#person-role', 'teamLead');
  await page.click('#person-save');
  await page.waitForSelector('#people-table tr:has-text("E2050")');
  await page.evaluate(() => { location.hash = '#/rubric'; });
  await page.waitForFunction(() => [...document.querySelectorAll('#pick-rater optgroup:first-child option')].some((o) => o.value === 'E2050' && o.textContent === '王静（E2050）'));
  assert.equal(await page.locator('#rater-roster-hint').count(), 0);
  // Scoring the new role play as the new rater stores a scorecard of the imported rubric.
  const performanceId = await page.$eval('#pick-performance', (s) => [...s.options].find((o) => o.textContent.includes('E2001')).value);
  // Each choice re-renders the page: wait for the new picker before the next choice.
  const choose = async (select, value) => {
    await page.$eval('#scorecard-picker', (el) => { el.dataset.old = '1'; });
    await page.selectOption(select, value);
    await page.waitForSelector('#scorecard-picker:not([data-old])');
  };
  await choose('#pick-performance', performanceId);
  await choose('#pick-rater', 'E2050');
  assert.equal(await page.locator('#pick-performance').inputValue(), performanceId);
  await page.waitForSelector('fieldset.criterion');
  await page.locator('fieldset.criterion').first().locator('input[type=radio]').first().check();
  await page.waitForFunction(() => document.querySelector('#save-status')?.textContent === '已自动保存');
  const card = await page.evaluate(async (id) => {
    const m = await import('./kaohe/index.js'); await m.init();
    const store = await m.openStore();
    const record = await store.get('scorecards', `returns-dispute|${id}|E2050`);
    store.close();
    return record;
  }, performanceId);
  assert.equal(card.candidateId, 'E2001');
  assert.equal(Object.keys(card.ratings).length, 1);
  // The device remembers its rater: the scorecard page without one in the address opens as 王静.
  await page.evaluate(() => { location.hash = '#/calibration'; });
  await page.waitForSelector('#session-expert');
  assert.ok(await page.locator('#session-expert option[value="E2050"]').count() === 1, 'calibration picks the expert from the roster too');
  await page.evaluate(() => { location.hash = '#/rubric'; });
  await page.waitForFunction(() => document.querySelector('#pick-rater')?.value === 'E2050');
  assert.deepEqual(await seriousA11yViolations(page), [], 'rubric setup: axe');

  // Export gives back the rubric in use; switching back to the sample is one choice.
  await page.click('#rubric-setup summary').catch(() => {});
  if (!(await page.locator('#rubric-setup').evaluate((d) => d.open))) await page.click('#rubric-setup summary');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-rubric')]);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(exported.id, 'returns-dispute');
  assert.deepEqual(exported.sections.map((s) => s.id), own.sections.map((s) => s.id));
  await page.selectOption('#active-rubric', rubric.id);
  await page.waitForFunction((title) => document.querySelector('h2')?.textContent.includes(title), rubric.title);
  assert.deepEqual(errors, []);
  await page.close();
});
