// The trainer's desk: an empty device says what to do first; after a formal exam with a short
// answer it lists the answer to grade, the exam's pass rate and the exam still in progress,
// each a link, with counts taken from what is stored; a slow view shows a skeleton at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageRig, watchErrors, screenshot, seriousA11yViolations } from './harness.mjs';

const rig = pageRig();

const settle = (page) => page.waitForFunction(() => document.body.dataset.ready === 'true' && !document.getElementById('view-loading'), null, { timeout: 30000 });

test('the desk: first steps when empty, then what needs doing with counts and links', async () => {
  const context = await rig.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${rig.url}#/desk`);
  await settle(page);
  await page.waitForSelector('#desk-empty');
  assert.deepEqual(await page.locator('#desk-empty a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))), ['#/people', '#/import', '#/exams', '#/home', '#/data']);
  assert.equal(await page.locator('#todo-grade').getAttribute('data-count'), '0');

  // A candidate takes the formal exam, answering only the short answers; another starts it.
  await page.goto(`${rig.url}#/home`);
  await settle(page);
  await page.getByLabel('姓名').fill('王小明');
  await page.getByLabel('工号').fill('E1001');
  await page.getByLabel('选择考试').selectOption({ label: '2026年第四季度客服理论考核' });
  await page.getByRole('button', { name: '开始考试' }).click();
  await page.waitForSelector('fieldset.item');
  const shortAnswers = page.locator('fieldset.item[data-type="shortAnswer"] textarea');
  const pending = await shortAnswers.count();
  for (const box of await shortAnswers.all()) await box.fill('先道歉，再核实订单，给出补偿方案并约定回电时间。');
  await page.waitForFunction((n) => document.querySelectorAll('fieldset.item[data-type="shortAnswer"][data-saved]').length === n, pending);
  await page.locator('#submit-exam').click();
  await page.locator('#confirm-yes').click();
  await page.waitForSelector('#result-summary');
  const passed = /不合格/.test(await page.locator('#result-verdict').textContent()) ? 0 : 1;
  await page.goto(`${rig.url}#/home`);
  await settle(page);
  await page.getByLabel('姓名').fill('李思远');
  await page.getByLabel('工号').fill('E2041');
  await page.getByRole('button', { name: '开始考试' }).click();
  await page.waitForSelector('fieldset.item');

  await page.goto(`${rig.url}#/desk`);
  await settle(page);
  await page.waitForSelector('#desk-todo');
  assert.equal(await page.locator('#desk-empty').count(), 0);
  assert.equal(await page.locator('#todo-grade').getAttribute('data-count'), String(pending));
  assert.equal(await page.locator('#todo-grade a').getAttribute('href'), '#/trainer/queue');
  assert.equal(await page.locator('#todo-pass').getAttribute('data-count'), `${passed * 100}%`);
  assert.match(await page.locator('#todo-pass').textContent(), /1 人交卷/);
  assert.equal(await page.locator('#todo-running').getAttribute('data-count'), '1');
  assert.deepEqual(await seriousA11yViolations(page), []);
  await screenshot(page, 'desk');
  // A slow view: the old one is cleared and a skeleton shows until the new one is drawn.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/views/backup.js', async (route) => { await held; await route.continue(); });
  await page.evaluate(() => { location.hash = '#/backup'; });
  await page.waitForSelector('#view-loading');
  assert.equal(await page.locator('#desk-todo').count(), 0, 'the old view is gone at once');
  release();
  await page.waitForSelector('#export-backup');
  assert.equal(await page.locator('#view-loading').count(), 0);
  await page.unroute('**/views/backup.js');
  await page.goto(`${rig.url}#/desk`);
  await settle(page);
  await page.waitForSelector('#desk-todo');
  await page.locator('#todo-grade a').click();
  await page.waitForSelector('#queue-pages form.grade-card');
  assert.equal(await page.locator('form.grade-card').count(), pending);
  assert.deepEqual(errors, []);
  await context.close();
});
