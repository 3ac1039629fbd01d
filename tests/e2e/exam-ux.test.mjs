// The candidate's exam as a person meets it: the start page's facts before the clock starts,
// the answer sheet (answered / unanswered / flagged, from the keyboard, a drawer on a phone),
// flagging, dragging an ordering step, an honest submit summary, the result page opening on
// its verdict with section bars and only what the release setting allows, visible time notices,
// practice items locked once their key is shown, and leaving the page counted and limited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageRig, watchErrors, screenshot, seriousA11yViolations, answerItem, waitReady as ready } from './harness.mjs';

const rig = pageRig();

async function answer(fieldset) {
  return answerItem(fieldset);
}

async function start(page, exam, who = ['李思远', 'E2041']) {
  await page.getByLabel('姓名').fill(who[0]);
  await page.getByLabel('工号').fill(who[1]);
  await page.getByLabel('选择考试').selectOption({ label: exam });
}

test('start page, answer sheet, flags, drag ordering, honest summary, result verdict', async () => {
  const context = await rig.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(rig.url);
  await ready(page);
  await start(page, '2026年第四季度客服理论考核');

  // The start page: facts and rules are there before anything is timed.
  const facts = await page.locator('#exam-brief .exam-facts').textContent();
  assert.match(facts, /题目数/);
  assert.match(facts, /45 分钟/);
  assert.match(facts, /85%/);
  assert.match(await page.locator('#exam-brief .rules').textContent(), /开始计时/);
  const stored = () => page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('kaohe');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const request = open.result.transaction('attempts').objectStore('attempts').count();
      request.onsuccess = () => { resolve(request.result); open.result.close(); };
    };
  }));
  assert.equal(await stored(), 0, 'no attempt (and no clock) before the start button');
  await screenshot(page, 'ux-start-page');
  await page.getByRole('button', { name: '开始考试' }).click();
  await page.waitForSelector('fieldset.item');

  assert.equal(await page.locator('#nav').isVisible(), false, 'no main menu beside the paper');
  const items = page.locator('fieldset.item');
  const n = await items.count();
  const sheet = page.locator('#answer-sheet .sheet-grid button');
  assert.equal(await sheet.count(), n, 'one answer-sheet button per item');
  assert.equal(await page.locator('#answer-sheet .sheet-grid button.answered').count(), 0);

  // Answer the first item: its button turns answered. Flag the second: its button is flagged.
  await answer(items.nth(0));
  await page.waitForSelector('#answer-sheet .sheet-grid button.answered');
  assert.match(await sheet.nth(0).getAttribute('aria-label'), /已答/);
  await items.nth(1).locator('button.flag').click();
  assert.equal(await items.nth(1).locator('button.flag').getAttribute('aria-pressed'), 'true');
  assert.match(await sheet.nth(1).getAttribute('class'), /flagged/);
  assert.match(await sheet.nth(1).getAttribute('aria-label'), /已标记/);

  // The sheet from the keyboard: focus a number, arrow right, Enter jumps to that item.
  await sheet.nth(0).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  const focusedItem = await page.evaluate(() => document.activeElement.closest('fieldset.item')?.id);
  assert.equal(focusedItem, await items.nth(2).getAttribute('id'), 'Enter on number 3 moves focus into item 3');

  // An ordering item, dragged by its handle: the moved step takes the new position and number.
  const ordering = page.locator('fieldset.item[data-type="ordering"]').first();
  if (await ordering.count()) {
    await ordering.scrollIntoViewIfNeeded();
    const before = await ordering.locator('ol.ordering li span').allTextContents();
    const first = ordering.locator('ol.ordering li').nth(0).locator('.handle');
    const third = ordering.locator('ol.ordering li').nth(2);
    const a = await first.boundingBox();
    const b = await third.boundingBox();
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(a.x + a.width / 2, b.y + b.height * 0.75, { steps: 8 });
    await page.mouse.up();
    const after = await ordering.locator('ol.ordering li span').allTextContents();
    assert.equal(after[2], before[0], 'the dragged step is now third');
    assert.deepEqual(await ordering.locator('ol.ordering .pos').allTextContents(), before.map((_, i) => String(i + 1)));
    await page.waitForFunction((id) => document.getElementById(id)?.dataset.saved?.startsWith('['), await ordering.getAttribute('id'));
  }
  assert.deepEqual(await seriousA11yViolations(page), [], 'exam with sheet: axe');
  await screenshot(page, 'ux-exam-sheet');

  // The summary names what is open; once all are answered it says so, with no "0 unanswered".
  await page.locator('#submit-exam').click();
  assert.match(await page.locator('#summary-answered').textContent(), /还有 \d+ 题未作答：第 /);
  assert.match(await page.locator('#summary-flagged').textContent(), /标记了 1 题/);
  await page.getByRole('button', { name: '取消' }).first().click();
  for (const item of await items.all()) {
    const saved = await item.getAttribute('data-saved');
    if (!saved || saved === 'null') await answer(item);
  }
  await page.waitForFunction((count) => document.querySelectorAll('#answer-sheet .sheet-grid button.answered').length === count, n);
  await page.locator('#submit-exam').click();
  const summary = await page.locator('#confirm-text').textContent();
  assert.match(summary, new RegExp(`全部 ${n} 题均已作答`));
  assert.doesNotMatch(summary, /0 题未作答/);
  await screenshot(page, 'ux-submit-summary');
  await page.locator('#confirm-yes').click();

  // The result opens at the top, on the verdict; a formal exam shows score and sections only.
  await page.waitForSelector('#result-summary');
  assert.equal(await page.locator('#nav').isVisible(), true, 'the menu is back after the exam');
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'the result page opens at the top');
  const verdictBox = await page.locator('#result-verdict').boundingBox();
  assert.ok(verdictBox.y + verdictBox.height <= 768, 'the verdict is on the first screen');
  assert.match(await page.locator('#result-verdict').textContent(), /合格|不合格/);
  assert.ok(await page.locator('#result-sections li').count() >= 3, 'a bar per section');
  for (const li of await page.locator('#result-sections li[data-state="none"]').all()) {
    assert.doesNotMatch(await li.textContent(), /合格|最低要求/, 'a section without a minimum gets no verdict');
  }
  assert.equal(await page.locator('#result-review').count(), 0, 'a formal exam withholds the review');
  assert.match(await page.locator('#review-withheld').textContent(), /不对考生开放/);
  assert.deepEqual(await seriousA11yViolations(page), [], 'result: axe');
  await screenshot(page, 'ux-result');
  assert.deepEqual(errors, []);
  await context.close();
});

test('practice locks an item once its key is shown, and shows the full review', async () => {
  const context = await rig.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(rig.url);
  await ready(page);
  await start(page, '客服理论基础练习 · 练习（即时反馈）');
  await page.getByRole('button', { name: '开始考试' }).click();
  await page.waitForSelector('fieldset.item');
  const first = page.locator('fieldset.item:has(input[type=radio])').first();
  const firstId = await first.getAttribute('id');
  await first.locator('input[type=radio]').first().check();
  await first.locator('.feedback p').first().waitFor();
  assert.equal(await first.evaluate((set) => set.disabled), true, 'locked after the key is shown');
  assert.equal(await first.locator('input[type=radio]').nth(1).isDisabled(), true);
  // A reload keeps it locked, with its feedback.
  await page.reload();
  await ready(page);
  await page.waitForSelector('fieldset.item[data-locked="true"]');
  assert.ok(await page.locator(`#${firstId} .feedback p`).count() > 0, 'feedback kept after a reload');
  assert.equal(await page.locator(`#${firstId}`).evaluate((set) => set.disabled), true);
  const open = await page.locator('fieldset.item:not([data-locked])').evaluateAll((sets) => sets.map((x) => x.id));
  for (const id of open) {
    const set = page.locator(`#${id}`);
    await answer(set);
    const check = set.locator('button.check');
    if (await check.count()) {
      await check.click();
      await set.locator('.feedback p').first().waitFor();
      assert.equal(await set.evaluate((el) => el.disabled), true, 'checked items lock too');
    }
  }
  await page.locator('#submit-exam').click();
  await page.locator('#confirm-yes').click();
  await page.waitForSelector('#result-summary');
  assert.ok(await page.locator('#result-review .review-item').count() > 0, 'practice shows the review');
  assert.deepEqual(errors, []);
  await context.close();
});

test('leaving the page is counted, shown, and submits at the exam limit', async () => {
  const context = await rig.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(rig.url);
  await ready(page);
  await start(page, '新员工岗前考核（分段计时）', ['周敏', 'E5002']);
  assert.match(await page.locator('#exam-brief .rules').textContent(), /离开满 5 次|满 5 次/);
  await page.getByRole('button', { name: '开始考试' }).click();
  await page.waitForSelector('fieldset.item');
  const leave = () => page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await leave();
  await leave();
  await page.waitForSelector('#leave-count:not([hidden])');
  assert.match(await page.locator('#leave-count').textContent(), /已离开考试页面 2 次/);
  assert.match(await page.locator('#exam-notice').textContent(), /再离开 3 次将自动交卷/);
  assert.equal(await page.locator('#exam-notice').isVisible(), true, 'the notice is visible, not only announced');

  // The phone: the answer sheet is a drawer behind a button; no sideways scrolling.
  assert.equal(await page.locator('#answer-sheet').isVisible(), false);
  await page.locator('#sheet-toggle').click();
  assert.equal(await page.locator('#answer-sheet').isVisible(), true);
  assert.equal(await page.locator('#sheet-toggle').getAttribute('aria-expanded'), 'true');
  await screenshot(page, 'ux-phone-sheet');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#answer-sheet').isVisible(), false);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth));

  for (let i = 0; i < 3; i += 1) await leave();
  await page.waitForSelector('#result-notice, #sealed-submitted, #result-summary');
  await page.waitForSelector('#result-notice');
  assert.match(await page.locator('#result-notice').textContent(), /5 次.*自动交卷/);
  await screenshot(page, 'ux-phone-result');

  // The trainer sees the count on the attempt.
  await page.goto(`${rig.url}#/trainer`);
  await page.waitForSelector('#attempts-table');
  assert.equal(await page.locator('#attempts-table [data-leaves]').first().getAttribute('data-leaves'), '5');
  assert.deepEqual(errors, []);
  await context.close();
});

test('time-low and time-up notices are visible', async () => {
  const context = await rig.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(rig.url);
  await ready(page);
  await start(page, '2026年第四季度客服理论考核', ['王小明', 'E1001']);
  await page.getByRole('button', { name: '开始考试' }).click();
  await page.waitForSelector('fieldset.item');
  await page.clock.runFor((45 - 5) * 60 * 1000 + 2000);
  await page.waitForSelector('#exam-notice:not([hidden])');
  assert.match(await page.locator('#exam-notice').textContent(), /剩余 5 分钟/);
  assert.equal(await page.locator('#exam-notice').isVisible(), true);
  await screenshot(page, 'ux-time-low');
  await page.clock.runFor(5 * 60 * 1000 + 2000);
  await page.waitForSelector('#result-notice');
  assert.match(await page.locator('#result-notice').textContent(), /时间到/);
  await context.close();
});

test('the release setting decides what the result shows; a section change is announced on screen', async () => {
  const context = await rig.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(rig.url);
  await ready(page);
  // The trainer's setting for the formal exam, in its set-up record: score only.
  await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('kaohe');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const store = open.result.transaction('exams', 'readwrite').objectStore('exams');
      const get = store.get('bp-theory-2026q4');
      get.onsuccess = () => {
        store.put({ ...get.result, release: { content: 'score', timing: 'immediately' } });
        store.transaction.oncomplete = () => { open.result.close(); resolve(); };
      };
    };
  }));
  await page.reload();
  await ready(page);
  await start(page, '2026年第四季度客服理论考核', ['陈晓雯', 'E3107']);
  await page.getByRole('button', { name: '开始考试' }).click();
  await page.waitForSelector('fieldset.item');
  await page.locator('#submit-exam').click();
  assert.match(await page.locator('#summary-answered').textContent(), /还有 \d+ 题未作答/);
  await page.locator('#confirm-yes').click();
  await page.waitForSelector('#result-summary');
  assert.equal(await page.locator('#result-sections').count(), 0, 'score only: no section bars');
  assert.equal(await page.locator('#result-review').count(), 0, 'score only: no review');
  assert.match(await page.locator('#review-withheld').textContent(), /只公布成绩/);

  // A sectioned exam: moving on shows a notice naming the new section.
  await page.goto(`${rig.url}#/home`);
  await ready(page);
  await start(page, '新员工岗前考核（分段计时）', ['陈晓雯', 'E3107']);
  await page.getByRole('button', { name: '开始考试' }).click();
  await page.waitForSelector('#next-section');
  await page.locator('#next-section').click();
  await page.locator('#confirm-next-yes').click();
  await page.waitForFunction(() => /第 2 \/ 2 部分/.test(document.querySelector('#section-progress')?.textContent ?? ''));
  await page.waitForSelector('#exam-notice:not([hidden])');
  assert.match(await page.locator('#exam-notice').textContent(), /已进入第 2 \/ 2 部分/);
  assert.equal(await page.locator('#exam-notice').isVisible(), true);
  assert.deepEqual(errors, []);
  await context.close();
});
