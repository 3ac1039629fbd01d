// A candidate takes the sample exam in Chromium: answers half, reloads, finds every answer and
// the remaining time intact, submits, sees the result; a trainer sees it stored and grades the
// short answers; then the page keeps working offline. axe-core checks each view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launchPersistent, watchErrors, screenshot, seriousA11yViolations, waitReady as ready, answerItem } from './harness.mjs';

let server;
let profile;
let context;

before(async () => {
  server = await serve();
  profile = await mkdtemp(join(tmpdir(), 'kaohe-exam-'));
  context = await launchPersistent(profile);
});

after(async () => {
  await context?.close();
  await server?.close();
  await rm(profile, { recursive: true, force: true });
});

/** Answers the item in `fieldset` the way a person would, by its type. */
async function answer(fieldset) {
  return answerItem(fieldset, { boxes: 2, shortAnswer: '先向客户道歉，倾听并澄清问题，给出解决方案并承诺30分钟内回电跟进。' });
}

/** What the page shows as the answer of each item, to compare before and after a reload. */
async function shownAnswers(page) {
  return page.$$eval('fieldset.item', (sets) => sets.map((set) => {
    const checked = [...set.querySelectorAll('input:checked')].map((i) => i.value);
    const texts = [...set.querySelectorAll('input[type=text], textarea')].map((i) => i.value);
    const selects = [...set.querySelectorAll('select')].map((s) => s.value);
    const order = [...set.querySelectorAll('ol.ordering li span')].map((s) => s.textContent);
    return { id: set.dataset.itemId, checked, texts, selects, order };
  }));
}

const seconds = (text) => text.split(':').map(Number).reduce((acc, n) => acc * 60 + n, 0);

test('take an exam, reload half-way, submit, review, grade, and work offline', async () => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(server.url);
  await ready(page);
  assert.deepEqual(await seriousA11yViolations(page), [], 'home: axe');
  await screenshot(page, 'exam-1-home');

  await page.getByLabel('姓名').fill('王小明');
  await page.getByLabel('工号').fill('E2041');
  await page.getByLabel('选择考试').selectOption({ label: '2026年第四季度客服理论考核' });
  await page.getByRole('button', { name: '开始考试' }).click();
  await page.waitForURL(/#\/exam\//);
  await page.waitForSelector('fieldset.item');
  const attemptUrl = page.url();

  const items = await page.locator('fieldset.item').all();
  assert.ok(items.length >= 20, `the paper has ${items.length} items`);
  const types = new Set(await page.$$eval('fieldset.item', (s) => s.map((f) => f.dataset.type)));
  assert.ok(types.size >= 6, `item types on the paper: ${[...types]}`);
  const half = Math.ceil(items.length / 2);
  for (const item of items.slice(0, half)) await answer(item);
  await page.waitForFunction(() => document.querySelector('#save-status')?.textContent !== '');
  const before = await shownAnswers(page);
  const timerBefore = seconds(await page.locator('#timer').textContent());
  assert.ok(timerBefore > 60, `timer shows ${timerBefore}s`);
  assert.deepEqual(await seriousA11yViolations(page), [], 'exam: axe');
  await screenshot(page, 'exam-2-taking');

  await page.reload();
  await ready(page);
  await page.waitForSelector('fieldset.item');
  assert.equal(page.url(), attemptUrl, 'the reload lands on the same attempt');
  const after = await shownAnswers(page);
  assert.deepEqual(after, before, 'every answer survived the reload');
  assert.match(await page.locator('#answered-count').textContent(), new RegExp(`已答 ${half} /`));
  const timerAfter = seconds(await page.locator('#timer').textContent());
  assert.ok(timerAfter <= timerBefore && timerAfter >= timerBefore - 30,
    `remaining time survived: ${timerBefore}s before, ${timerAfter}s after`);

  for (const item of (await page.locator('fieldset.item').all()).slice(half)) await answer(item);
  await page.locator('#submit-exam').click();
  await page.locator('#confirm-yes').click();
  await page.waitForURL(/#\/result\//);
  await page.waitForSelector('#result-summary');
  const verdict = await page.locator('#result-verdict').textContent();
  assert.match(verdict, /合格|不合格/);
  assert.ok(await page.locator('#result-sections li').count() >= 3, 'a bar per section');
  // A formal exam shows the score and sections; the answers and 解析 stay with the trainer.
  assert.equal(await page.locator('.explain').count(), 0, 'no explanations on a formal exam');
  assert.deepEqual(await seriousA11yViolations(page), [], 'result: axe');
  await screenshot(page, 'exam-3-result');

  // The stored result, read straight from IndexedDB.
  const stored = await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('kaohe');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction(['attempts', 'results'], 'readonly');
      const attempts = tx.objectStore('attempts').getAll();
      const results = tx.objectStore('results').getAll();
      tx.oncomplete = () => resolve({ attempts: attempts.result, results: results.result });
    };
  }));
  assert.equal(stored.results.length, 1);
  assert.equal(stored.attempts[0].status, 'submitted');
  assert.equal(stored.results[0].candidate.name, '王小明');
  assert.ok(stored.attempts[0].packed instanceof Uint8Array || stored.attempts[0].packed?.length > 0, 'packed answers stored');
  assert.equal(Object.keys(stored.attempts[0].responses).length, items.length, 'every answer stored');

  await page.getByRole('link', { name: '考试记录', exact: true }).click();
  await page.waitForSelector('#attempts-table');
  assert.match(await page.locator('#attempts-table').textContent(), /王小明/);
  assert.deepEqual(await seriousA11yViolations(page), [], 'trainer: axe');
  const pending = await page.locator('form.grade-card').count();
  if (stored.results[0].result.final === false) {
    assert.ok(pending > 0, 'pending short answers are queued for grading');
    const card = page.locator('form.grade-card').first();
    await card.locator('input[type=number]').fill('1');
    await card.getByRole('button', { name: '确认评分' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('form.grade-card').length === n - 1, pending);
  }
  await screenshot(page, 'exam-4-trainer');

  // Offline: the service worker serves the page and the module.
  await page.goto(server.url);
  await page.waitForSelector('body[data-offline-ready="true"]', { timeout: 20000 });
  await context.setOffline(true);
  await page.reload();
  await ready(page);
  assert.ok(await page.getByLabel('选择考试').locator('option').count() >= 1, 'exams listed offline');
  await page.goto(`${server.url}#/trainer`);
  await ready(page);
  await page.waitForSelector('#attempts-table');
  await context.setOffline(false);
  assert.deepEqual(errors, []);
});

test('the exam is usable from the keyboard alone, in English too', async () => {
  const page = await context.newPage();
  await page.goto(`${server.url}?lang=en#/home`);
  await ready(page);
  assert.equal(await page.locator('#lang-switch').textContent(), '中文');
  await page.locator('#cand-name').focus();
  await page.keyboard.type('Li Na');
  await page.keyboard.press('Tab');
  await page.keyboard.type('E1001');
  await page.keyboard.press('Enter');
  await page.waitForURL(/#\/exam\//);
  await page.waitForSelector('fieldset.item');
  const first = page.locator('fieldset.item[data-type="single"] input[type=radio]').first();
  await first.focus();
  await page.keyboard.press('Space');
  assert.equal(await first.isChecked(), true);
  const focused = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(focused, 'none', 'focus is visible');
  assert.deepEqual(await seriousA11yViolations(page), [], 'exam (en): axe');
  await screenshot(page, 'exam-5-keyboard-en');
});

test('sections with their own time limit are taken one at a time and survive a reload', async () => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}?lang=zh-CN#/home`);
  await ready(page);
  await page.getByLabel('姓名').fill('赵敏');
  await page.getByLabel('工号').fill('E3007');
  await page.getByLabel('选择考试').selectOption({ label: '新员工岗前考核（分段计时）' });
  await page.getByRole('button', { name: '开始考试' }).click();
  await page.waitForSelector('fieldset.item');
  assert.match(await page.locator('#section-progress').textContent(), /第 1 \/ 2 部分/);
  assert.equal(await page.locator('section').count(), 1, 'one section at a time');
  assert.equal(await page.locator('fieldset.item').count(), 6);
  const left = seconds(await page.locator('#timer').textContent());
  assert.ok(left <= 600 && left > 560, `the section timer shows ${left}s`);
  await page.locator('fieldset.item input[type=radio]').first().check();
  await page.locator('#next-section').click();
  await page.locator('#confirm-next-yes').click();
  await page.waitForFunction(() => document.querySelector('#section-progress')?.textContent.includes('第 2 /'));
  assert.equal(await page.locator('fieldset.item').count(), 6, 'the second section: ch-001 + 5 drawn');
  assert.equal(await page.locator('#next-section').count(), 0, 'the last section has no next button');
  await page.reload();
  await ready(page);
  await page.waitForSelector('fieldset.item');
  assert.match(await page.locator('#section-progress').textContent(), /第 2 \/ 2 部分/, 'a reload does not reopen section 1');
  assert.deepEqual(await seriousA11yViolations(page), [], 'sectioned exam: axe');
  await screenshot(page, 'exam-6-sectioned');
  assert.deepEqual(errors, []);
});
