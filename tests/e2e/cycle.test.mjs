// A trainer's own assessment cycle, from an empty browser, through the page only: import a
// roster from .xlsx; add the dimension 企业文化 to the model; import a bank whose items use it;
// set up a two-section exam (draws, pass mark, 30 minutes, score only until released) and
// publish it; three rostered candidates take it (an unknown 工号 is recorded as unmatched, a
// deactivated one refused); the trainer releases the results; one attempt is deleted; demo data
// is generated in the demo workspace and removed. A screenshot per step in tests/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { watchErrors, screenshot, WWW, seriousA11yViolations, pageRig } from './harness.mjs';

const rig = pageRig();

const EXAM = '2026年第四季度企业文化与合规考核';

/** The bank a trainer would write: six 企业文化 items (the custom dimension) and six 合规意识. */
function bankCsv() {
  const rows = [['题型', '题干', '选项A', '选项B', '选项C', '选项D', '正确答案', '分值', '难度', '知识点', '维度']];
  const culture = [
    ['判断', '云帆电器的服务理念是“首问负责，一次解决”。', '', '', '', '', '正确'],
    ['判断', '客户来电时，可以先让客户等待，再查询工单。', '', '', '', '', '错误'],
    ['单选', '云帆电器的企业使命是什么？', '让每个家庭用上放心电器', '做最便宜的电器', '只做空调', '只做线上销售', 'A'],
    ['单选', '遇到同事的客户找不到人时，应当怎么做？', '告知客户稍后再打', '首问负责，记录并跟进', '转给任意同事', '挂断电话', 'B'],
    ['判断', '每月的“服务之星”评选看重客户表扬和问题一次解决率。', '', '', '', '', '正确'],
    ['单选', '云帆电器售后服务中心的服务承诺是多少小时内上门？', '12 小时', '24 小时', '72 小时', '一周', 'B'],
  ];
  const compliance = [
    ['判断', '客户的手机号和住址属于个人信息，不得向无关人员透露。', '', '', '', '', '正确'],
    ['判断', '为了尽快结单，可以在客户未同意时关闭工单。', '', '', '', '', '错误'],
    ['单选', '核实客户身份时，应当如何处理？', '直接报出客户的完整身份证号', '请客户提供订单号等信息核对', '不需要核实', '询问客户的银行卡密码', 'B'],
    ['单选', '七日无理由退货的起算时间是？', '下单当天', '签收次日', '付款次日', '发货当天', 'B'],
    ['判断', '通话录音可以发到个人微信群里讨论。', '', '', '', '', '错误'],
    ['单选', '客户投诉涉及人身安全时，首先应当？', '按普通工单排队', '立即升级给主管并记录', '建议客户自行处理', '结束通话', 'B'],
  ];
  for (const [kind, stem, a, b, c, d, answer] of culture) rows.push([kind, stem, a, b, c, d, answer, '2', '2', '服务理念', '企业文化']);
  for (const [kind, stem, a, b, c, d, answer] of compliance) rows.push([kind, stem, a, b, c, d, answer, '2', '2', '个人信息保护', '合规意识']);
  return `\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;
}

async function ready(page) {
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
}

async function go(page, hash, selector) {
  await page.goto(`${rig.url}${hash}`);
  await ready(page);
  if (selector) await page.waitForSelector(selector, { timeout: 30000 });
}

/** Takes the exam as a candidate: answers every item (first option), section by section, submits. */
async function takeExam(page, name, id) {
  await go(page, '#/home', '#exam-choice');
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('工号').fill(id);
  await page.getByLabel('选择考试').selectOption({ label: EXAM });
  await page.getByRole('button', { name: '开始考试' }).click();
  await page.waitForSelector('fieldset.item');
  for (;;) {
    for (const item of await page.locator('fieldset.item').all()) await item.locator('input[type=radio]').first().check();
    if (await page.locator('#next-section').count()) {
      await page.locator('#next-section').click();
      await page.locator('#confirm-next-yes').click();
      await page.waitForSelector('fieldset.item');
      continue;
    }
    break;
  }
  await page.locator('#submit-exam').click();
  await page.locator('#confirm-yes').click();
  await page.waitForSelector('#result-title');
  return decodeURIComponent(page.url().split('#/result/')[1]);
}

async function idb(page, name, store) {
  return page.evaluate(([db, s]) => new Promise((ok, ko) => {
    const r = indexedDB.open(db);
    r.onerror = () => ko(r.error);
    r.onsuccess = () => {
      const get = r.result.transaction(s).objectStore(s).getAll();
      get.onsuccess = () => { r.result.close(); ok(get.result); };
    };
  }), [name, store]);
}

test('a trainer runs their own cycle on the page, from an empty browser', async () => {
  const context = await rig.browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const errors = watchErrors(page);

  // 1. Import the roster from .xlsx: preview first, nothing stored until confirmed.
  await go(page, '#/people', '#roster-file');
  await page.setInputFiles('#roster-file', resolve(WWW, 'samples/import/roster.xlsx'));
  await page.click('#roster-check');
  await page.waitForSelector('#roster-preview');
  assert.match(await page.textContent('#roster-summary'), /预览：7 人/);
  assert.equal((await idb(page, 'kaohe', 'people')).length, 0, 'nothing stored before the trainer confirms');
  await screenshot(page, 'cycle-01-roster-preview');
  await page.click('#roster-confirm');
  await page.waitForSelector('#people-status:has-text("已导入 7 人")');
  assert.match(await page.textContent('#people-count'), /共 7 人，在职 6 人/);
  const stored = await idb(page, 'kaohe', 'people');
  const li = stored.find((p) => p.id === 'E1001');
  assert.deepEqual([li.name, li.role, li.team, li.supervisorId, li.mentorId, li.hireDate], ['李娜', 'frontline', '售后一组', 'E1007', 'E1003', '2024-03-11']);
  // Search by name narrows the list.
  await page.fill('#people-table-search', '王伟');
  assert.equal(await page.locator('#people-table tbody tr').count(), 1);
  await page.fill('#people-table-search', '');
  await screenshot(page, 'cycle-02-roster');

  // 2. Add 企业文化 to the model.
  await go(page, '#/dimensions', '#dimension-form');
  await page.fill('#dimension-name', '企业文化');
  await page.fill('#dimension-name-en', 'Corporate culture');
  await page.click('#dimension-form details.more summary');
  await page.fill('#dimension-id', 'corporate_culture');
  await page.click('#dimension-add');
  await page.waitForSelector('#dimensions-status:has-text("已添加维度“企业文化”")');
  assert.equal(await page.locator('#dimensions-table tr[data-dimension-id="corporate_culture"]').count(), 1);
  await screenshot(page, 'cycle-03-dimension-added');

  // 3. Import a bank whose items use it.
  await go(page, '#/import', '#import-file');
  await page.setInputFiles('#import-file', { name: '企业文化与合规题库.csv', mimeType: 'text/csv', buffer: Buffer.from(bankCsv()) });
  await page.getByRole('button', { name: '检查并导入' }).click();
  await page.waitForSelector('#import-summary.good');
  assert.match(await page.textContent('#import-summary'), /12 道题/);
  const [bank] = (await idb(page, 'kaohe', 'banks')).filter((b) => b.title === '企业文化与合规题库');
  assert.equal(bank.items.filter((i) => i.tags.dimension === 'corporate_culture').length, 6);
  assert.ok(bank.dimensions.some((d) => d.id === 'corporate_culture' && d.name === '企业文化'));
  assert.equal((await idb(page, 'kaohe', 'exams')).filter((e) => e.bankIds.includes(bank.id)).length, 0, 'an import is not an exam');
  await screenshot(page, 'cycle-04-bank-imported');

  // 4. Set up the exam: two sections with draws, pass mark, 30 minutes, score only until released.
  await page.click('#import-setup');
  await page.waitForSelector('#exam-title');
  await page.fill('#exam-title', EXAM);
  await page.fill('#exam-time', '30');
  await page.fill('#exam-pass', '60');
  await page.selectOption('#exam-release-content', 'score');
  await page.selectOption('#exam-release-timing', 'afterRelease');
  await page.selectOption('#exam-unknown', 'recordUnmatched');
  await page.fill('#sec-0-title', '企业文化');
  await page.selectOption('#sec-0-draw-0-dim', 'corporate_culture');
  await page.fill('#sec-0-draw-0-count', '9');
  // A draw larger than its pool says so next to the field, as the trainer types.
  await page.waitForSelector('#sec-0-draw-0-count-problem:has-text("只有 6 道")');
  assert.match(await page.textContent('#sec-0-draw-0-pool'), /可用 6 道/);
  await screenshot(page, 'cycle-05-exam-pool-too-small');
  await page.fill('#sec-0-draw-0-count', '4');
  await page.click('#exam-add-section');
  await page.fill('#sec-1-title', '合规意识');
  await page.selectOption('#sec-1-draw-0-dim', 'compliance');
  await page.fill('#sec-1-draw-0-count', '4');
  await page.waitForSelector('#exam-summary:has-text("设置完整")');
  await page.fill('#exam-seed', '7');
  await page.click('#exam-preview-button');
  await page.waitForSelector('#exam-preview ol li');
  assert.equal(await page.locator('#exam-preview ol li').count(), 8);
  await screenshot(page, 'cycle-06-exam-setup');
  await page.click('#exam-publish');
  await page.waitForSelector('#exam-status:has-text("已发布")');
  const [exam] = (await idb(page, 'kaohe', 'exams')).filter((e) => e.title === EXAM);
  assert.equal(exam.status, 'published');
  assert.equal(exam.blueprint.timeLimitSeconds, 1800);
  assert.deepEqual(exam.release, { content: 'score', timing: 'afterRelease' });
  assert.deepEqual(exam.blueprint.sections.map((x) => x.draw[0].count), [4, 4]);

  // 5. Three rostered candidates take it; a deactivated 工号 is refused; an unknown one recorded.
  await go(page, '#/home', '#exam-choice');
  await page.getByLabel('姓名').fill('杨帆');
  await page.getByLabel('工号').fill('E1006');
  await page.getByLabel('选择考试').selectOption({ label: EXAM });
  await page.getByRole('button', { name: '开始考试' }).click();
  await page.waitForSelector('#start-problem:has-text("已停用")');
  await screenshot(page, 'cycle-07-inactive-refused');
  const a1 = await takeExam(page, '李娜', 'E1001');
  assert.equal(await page.locator('#result-pending').count(), 1, 'score only after release: nothing shown yet');
  assert.equal(await page.locator('#result-verdict').count(), 0);
  await screenshot(page, 'cycle-08-result-pending');
  await takeExam(page, '王伟', 'E1002');
  const a3 = await takeExam(page, '访客', 'E9999');
  const attempts = await idb(page, 'kaohe', 'attempts');
  const unknown = attempts.find((a) => a.attemptId === a3);
  assert.equal(unknown.candidate.unmatched, true, 'an unknown 工号 is recorded as unmatched');
  assert.equal(attempts.find((a) => a.attemptId === a1).candidate.name, '李娜');

  // 6. The trainer releases the results; the candidate sees the score only.
  await go(page, '#/exams', '#exams-table');
  await page.locator(`#exams-table tr[data-exam-id="${exam.id}"] button[data-action="release"]`).click();
  await page.waitForSelector('#exams-status:has-text("已公布")');
  await screenshot(page, 'cycle-09-released');
  await go(page, `#/result/${encodeURIComponent(a1)}`, '#result-summary');
  assert.equal(await page.locator('#result-sections').count(), 0, 'score only: no section table');
  assert.equal(await page.locator('#result-review').count(), 0, 'score only: no answers or 解析');
  await screenshot(page, 'cycle-10-result-score-only');

  // The results overview: three candidates, one unmatched; CSV of what is shown.
  await go(page, `#/results/${encodeURIComponent(exam.id)}`, '#results-summary');
  assert.match(await page.textContent('#results-summary'), /考生\s*3/);
  assert.equal(await page.locator('#results-list .pill.warn').count(), 1);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#results-csv')]);
  const text = await readFile(await csv.path(), 'utf8');
  assert.match(text, /李娜（E1001）/);
  await screenshot(page, 'cycle-11-results-overview');

  // 7. Delete one attempt: the confirmation says what goes and what stays.
  await go(page, '#/data', '#attempts-list');
  await page.locator(`#attempts-list tr[data-attempt-id="${a3}"] button[data-action="remove"]`).click();
  await page.waitForSelector('#data-confirm .confirm');
  assert.match(await page.textContent('#data-confirm'), /其他作答.*保留/);
  await screenshot(page, 'cycle-12-delete-confirm');
  await page.click('#data-confirm [data-confirm="yes"]');
  await page.waitForSelector('#data-status:has-text("已删除")');
  assert.equal((await idb(page, 'kaohe', 'attempts')).length, 2);
  assert.equal((await idb(page, 'kaohe', 'results')).length, 2);

  // 8. Demo data in the demo workspace, then removed in one click.
  await page.click('#to-demo');
  await page.waitForSelector('#demo-banner');
  await page.waitForSelector('#demo-generate');
  await page.fill('#demo-count', '30');
  await page.click('#demo-generate');
  await page.waitForSelector('#data-status:has-text("已生成")', { timeout: 60000 });
  assert.equal((await idb(page, 'kaohe', 'attempts')).length, 2, 'demo attempts never reach the real records');
  assert.ok((await idb(page, 'kaohe-demo', 'attempts')).length >= 30);
  await go(page, '#/trainer', '#attempts-table');
  // Every demo attempt, over both pages of the list, is found intact; none is flagged as edited.
  const demoAttempts = (await idb(page, 'kaohe-demo', 'attempts')).length;
  let intact = 0;
  for (let p = 1; p <= 2; p += 1) {
    if (p > 1) {
      await page.click('#attempts-pages .pager-next');
      await page.waitForSelector('#attempts-pages .pager-status:has-text("第 2 /")');
    }
    assert.equal(await page.locator('[data-log="tampered"]').count(), 0, 'demo attempts are not flagged as edited');
    intact += await page.locator('[data-log="intact"]').count();
  }
  assert.equal(intact, demoAttempts);
  await screenshot(page, 'cycle-13-demo-workspace');
  await go(page, '#/data', '#demo-remove');
  await page.click('#demo-remove');
  await page.click('#demo-confirm [data-confirm="yes"]');
  await page.waitForSelector('#to-demo');
  assert.equal(await page.locator('#demo-banner').count(), 0);
  const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  assert.ok(!names.includes('kaohe-demo'), 'the demo database is gone');
  assert.equal((await idb(page, 'kaohe', 'attempts')).length, 2, 'the real records are untouched');
  await screenshot(page, 'cycle-14-demo-removed');

  // Phones and English: the set-up screen and the roster at 390×844.
  await page.setViewportSize({ width: 390, height: 844 });
  await go(page, `#/exams/${encodeURIComponent(exam.id)}`, '#exam-title');
  await screenshot(page, 'cycle-15-exam-setup-phone');
  await go(page, '#/people', '#people-table');
  assert.deepEqual(await seriousA11yViolations(page), []);
  await page.goto(`${rig.url}?lang=en#/people`);
  await ready(page);
  await page.waitForSelector('#people-table');
  await screenshot(page, 'cycle-16-people-phone-en');
  assert.deepEqual(errors, []);
  await context.close();
});
