// An adaptive exam (自适应复训考试) end to end, from an empty browser: demo candidates are
// generated in the demo workspace (the calibration data), the trainer publishes an adaptive exam
// from them (#/adaptive), a candidate takes it one question at a time (#/cat → #/exam/<id>),
// reloads mid-exam and resumes at the same question with no answer lost, answers until the stop
// rule ends it and sees a result in words; the trainer's check finds the record trustworthy and
// agrees with the candidate's screen; a log whose questions were reordered is flagged. The
// package holds no answer. Screenshots at both sizes in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { pageRig, watchErrors, screenshot, seriousA11yViolations, waitReady } from './harness.mjs';

const BLUEPRINT = 'bp-theory-2026q4';
const TITLE = '2026年第四季度客服理论考核';
const DEMO = 150;
const SIZES = { desktop: { width: 1366, height: 768 }, phone: { width: 390, height: 844 } };
const CODE = /\b[A-Z][A-Z_]{5,}\b/;
const SNAKE = /\b[a-z]+_[a-z0-9_]+\b/;
const CAMEL = /\b[a-z]+[A-Z][A-Za-z]*\b/;

const rig = pageRig();

/** The demo workspace's attempts, as stored. */
function attempts(page) {
  return page.evaluate(() => new Promise((ok, ko) => {
    const open = indexedDB.open('kaohe-demo');
    open.onerror = () => ko(open.error);
    open.onsuccess = () => {
      const req = open.result.transaction('attempts').objectStore('attempts').getAll();
      req.onsuccess = () => { open.result.close(); ok(req.result.filter((a) => a.adaptive)); };
      req.onerror = () => ko(req.error);
    };
  }));
}

/** Answers the question on screen with its first choice; returns its id. */
async function answerOne(page) {
  const id = await page.getAttribute('#cat-question', 'data-item-id');
  await page.locator('#cat-question input').first().check();
  await page.click('#cat-confirm');
  await page.waitForFunction((before) => document.querySelector('#cat-result')
    || document.querySelector('#cat-question')?.dataset.itemId !== before, id);
  return id;
}

function assertPlainChinese(text, where) {
  for (const [name, re] of [['code', CODE], ['snake_case', SNAKE], ['camelCase', CAMEL]]) {
    assert.doesNotMatch(text, re, `${where}: ${name} on the Chinese screen`);
  }
  assert.doesNotMatch(text, /θ|theta|EAP/i, `${where}: no ability jargon`);
}

test('publish an adaptive exam, take it with a reload, check it', { timeout: 600000 }, async () => {
  const context = await rig.browser.newContext({ viewport: SIZES.desktop, acceptDownloads: true });
  await context.addInitScript(() => localStorage.setItem('kaoheWorkspace', 'demo'));
  const page = await context.newPage();
  const errors = watchErrors(page);

  // Calibration data: demo candidates of the sample exam.
  await page.goto(`${rig.url}#/analysis/${BLUEPRINT}`);
  await waitReady(page);
  await page.fill('#demo-count', String(DEMO));
  await page.click('#demo-generate');
  await page.waitForSelector('#item-table', { timeout: 240000 });

  // The trainer publishes: at most 12 questions, at least 5, 2PL.
  await page.goto(`${rig.url}#/adaptive`);
  await page.waitForSelector('#adaptive-publish:not([disabled])');
  assert.ok(await page.locator('#adaptive-none').isVisible(), 'no attempt yet');
  await page.selectOption('#adaptive-exam', { label: TITLE });
  await page.fill('#adaptive-max', '12');
  await page.fill('#adaptive-min', '5');
  await page.selectOption('#adaptive-precision', '0.4');
  assertPlainChinese(await page.innerText('main'), 'publish form');
  await screenshot(page, 'adaptive-publish-zh-desktop');
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 120000 }), page.click('#adaptive-publish')]);
  await page.waitForSelector('#adaptive-status.good');
  const pkg = JSON.parse(await readFile(await file.path(), 'utf8'));
  assert.equal(pkg.format, 'kaohe-adaptive');
  assert.equal(pkg.settings.maxItems, 12);
  assert.ok(pkg.items.length >= 12, `${pkg.items.length} items`);
  const bank = await (await fetch(`${rig.url}samples/bank.json`)).json();
  const keys = new Map(bank.items.map((i) => [i.id, i]));
  for (const item of pkg.items) {
    assert.equal(item.answer, undefined);
    assert.equal(item.explanation, undefined);
    assert.match(item.commitment, /^[0-9a-f]{64}$/);
    assert.ok(keys.has(item.id));
  }
  assert.doesNotMatch(JSON.stringify(pkg), /"answer"|"explanation"/);

  // The candidate (same device: the package is there already) starts.
  await page.goto(`${rig.url}#/cat`);
  await page.waitForSelector('#cat-start');
  assertPlainChinese(await page.innerText('main'), 'start page');
  await page.fill('#cat-name', '林晓雯');
  await page.fill('#cat-id', 'E2041');
  await page.click('#cat-start');
  await page.waitForSelector('#cat-question');
  assert.match(page.url(), /#\/exam\//);
  assert.match(await page.textContent('#cat-progress'), /第 1 题（最多 12 题/);
  assertPlainChinese(await page.innerText('main'), 'question');
  await screenshot(page, 'adaptive-question-zh-desktop');

  // Nothing is confirmed without a choice; three answers, then a reload.
  assert.ok(await page.locator('#cat-confirm').isDisabled());
  const answered = [];
  for (let i = 0; i < 3; i += 1) answered.push(await answerOne(page));
  const next = await page.getAttribute('#cat-question', 'data-item-id');
  await page.reload();
  await waitReady(page);
  await page.waitForSelector('#cat-question');
  assert.equal(await page.getAttribute('#cat-question', 'data-item-id'), next, 'the same question after a reload');
  assert.match(await page.textContent('#cat-progress'), /第 4 题/);
  let [stored] = await attempts(page);
  assert.deepEqual(stored.events.filter((e) => e.type === 'answer').map((e) => e.itemId), answered, 'no answer lost');

  // The phone, mid-exam.
  await page.setViewportSize(SIZES.phone);
  await screenshot(page, 'adaptive-question-zh-phone');
  await page.setViewportSize(SIZES.desktop);

  // Answer until the stop rule ends it.
  while (await page.locator('#cat-question').count()) {
    answered.push(await answerOne(page));
    assert.ok(answered.length <= 12, 'never more than the maximum');
  }
  await page.waitForSelector('#cat-result');
  assert.ok(answered.length >= 5, `${answered.length} answered`);
  assert.equal(new Set(answered).size, answered.length, 'no question twice');
  const verdict = await page.textContent('#cat-verdict');
  assert.match(verdict, /^结果：(合格|不合格)$/);
  assert.match(await page.textContent('#cat-counts'), new RegExp(`共作答 ${answered.length} 题，答对 \\d+ 题`));
  const correct = answered.filter((id) => {
    const item = keys.get(id);
    const first = item.type === 'trueFalse' ? true : item.options[0].id;
    return item.type === 'multiple' ? JSON.stringify(item.answer) === JSON.stringify([item.options[0].id]) : item.answer === first;
  }).length;
  assert.match(await page.textContent('#cat-counts'), new RegExp(`答对 ${correct} 题`), 'the device scored by the commitments');
  assertPlainChinese(await page.innerText('main'), 'result');
  await screenshot(page, 'adaptive-result-zh-desktop');
  [stored] = await attempts(page);
  assert.equal(stored.status, 'submitted');
  assert.equal(stored.events.filter((e) => e.type === 'submit').length, 1);
  // A reload shows the same result, and the attempt stays closed.
  await page.reload();
  await waitReady(page);
  await page.waitForSelector('#cat-result');
  assert.equal(await page.textContent('#cat-verdict'), verdict);

  // The trainer's check: trustworthy, same verdict as the candidate's screen.
  await page.goto(`${rig.url}#/adaptive`);
  await page.waitForSelector('#adaptive-attempts');
  const row = page.locator(`#adaptive-attempts tr[data-attempt-id="${stored.attemptId}"]`);
  assert.equal(await row.getAttribute('data-check'), 'intact');
  const cells = await row.locator('td').allTextContents();
  assert.equal(cells[2], `${answered.length} / ${correct}`);
  assert.equal(cells[3], verdict.includes('不合格') ? '不合格' : '合格');
  assertPlainChinese(await page.innerText('main'), 'check');
  await screenshot(page, 'adaptive-check-zh-desktop');
  assert.deepEqual(await seriousA11yViolations(page), []);

  // Parallel papers for three shifts from the same calibrated bank: how close they are in words,
  // then saved as three ordinary exams with no shared question.
  await page.selectOption('#parallel-exam', { label: TITLE });
  await page.fill('#parallel-per-area', '1');
  await page.click('#parallel-assemble');
  await page.waitForSelector('#parallel-verdict', { timeout: 120000 });
  assert.match(await page.textContent('#parallel-verdict'), /^3 份试卷(非常接近|比较接近|差别较大)/);
  assert.match(await page.textContent('#parallel-detail'), /测量精度最多相差 \d+%；.*预期答对题数最多相差 \d+\.\d 题/);
  assert.equal(await page.locator('#parallel-papers tbody tr').count(), 3);
  assertPlainChinese(await page.innerText('main'), 'parallel papers');
  await page.click('#parallel-save');
  await page.waitForSelector('#parallel-saved.good');
  const papers = await page.evaluate(() => new Promise((ok) => {
    const open = indexedDB.open('kaohe-demo');
    open.onsuccess = () => {
      const req = open.result.transaction('blueprints').objectStore('blueprints').getAll();
      req.onsuccess = () => { open.result.close(); ok(req.result.filter((b) => /-p\d$/.test(b.id))); };
    };
  }));
  assert.deepEqual(papers.map((b) => b.title).sort(), ['早班', '中班', '晚班'].map((n) => `${TITLE}·${n}`).sort());
  const fixed = papers.flatMap((b) => b.sections[0].fixed);
  assert.equal(new Set(fixed).size, fixed.length, 'no question on two papers');
  assert.equal(fixed.length, papers[0].sections[0].fixed.length * 3);
  await screenshot(page, 'adaptive-parallel-zh-desktop');

  // A log whose second and third questions were swapped (a device that skipped the selection
  // rule) is flagged, in words.
  await page.evaluate((id) => new Promise((ok, ko) => {
    const open = indexedDB.open('kaohe-demo');
    open.onsuccess = () => {
      const tx = open.result.transaction('attempts', 'readwrite');
      const s = tx.objectStore('attempts');
      const req = s.get(id);
      req.onsuccess = () => {
        const a = req.result;
        const idx = a.events.map((e, i) => (e.type === 'answer' ? i : -1)).filter((i) => i >= 0);
        const [x, y] = [a.events[idx[1]], a.events[idx[2]]];
        [x.itemId, y.itemId, x.value, y.value] = [y.itemId, x.itemId, y.value, x.value];
        s.put(a);
      };
      tx.oncomplete = () => { open.result.close(); ok(); };
      tx.onerror = () => ko(tx.error);
    };
  }), stored.attemptId);
  await page.reload();
  await waitReady(page);
  await page.waitForSelector('#adaptive-attempts');
  assert.equal(await row.getAttribute('data-check'), 'flagged');
  const flagged = await row.locator('td').nth(4).innerText();
  assert.match(flagged, /第 2 题不是按真实对错应出的题/);
  // The log's hash chain is recomputed: the swapped entries no longer follow the ones before.
  assert.match(flagged, /作答记录从第 \d+ 条起被改动、删除或调换过：这一条与前一条记录对不上/);
  assert.equal(flagged.match(/作答记录从第/g).length, 1, 'one line for the broken run of entries');
  assertPlainChinese(await page.innerText('main'), 'flagged check');
  await screenshot(page, 'adaptive-flagged-zh-desktop');

  // The exam records list says where the adaptive attempts are checked.
  await page.goto(`${rig.url}#/trainer`);
  await page.waitForSelector('#adaptive-elsewhere');
  assert.match(await page.textContent('#adaptive-elsewhere'), /^另有 1 份自适应考试的作答，在“自适应考试”页核对： 去核对$/);
  await page.click('#adaptive-elsewhere a');
  await page.waitForSelector('#adaptive-attempts');

  // English, both sizes.
  await page.click('#lang-switch');
  await page.waitForFunction(() => document.querySelector('h2')?.textContent.includes('Adaptive'));
  // The demo workspace's banner follows the language too (it was drawn once, in Chinese).
  assert.match(await page.textContent('#demo-banner'), /^Demo data: this is the demo workspace/);
  assert.match(await row.locator('td').nth(4).innerText(), /the attempt log was changed, cut or reordered from entry \d+ on/);
  await screenshot(page, 'adaptive-check-en-desktop');
  await page.setViewportSize(SIZES.phone);
  await screenshot(page, 'adaptive-check-en-phone');
  await page.goto(`${rig.url}#/exam/${stored.attemptId}`);
  await page.waitForSelector('#cat-result');
  assert.match(await page.textContent('#cat-verdict'), /^Result: (passed|not passed)$/);
  await screenshot(page, 'adaptive-result-en-phone');
  await page.setViewportSize(SIZES.desktop);
  await page.goto(`${rig.url}#/cat`);
  await page.waitForSelector('#cat-start');
  await screenshot(page, 'adaptive-start-en-desktop');

  assert.deepEqual(errors, []);
  await context.close();
});
