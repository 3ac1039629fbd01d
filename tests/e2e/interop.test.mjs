// Import and export through the page: the sample CSV, an openpyxl-made .xlsx, the GIFT and Aiken
// samples go in through the file input; a bad workbook shows each problem by sheet!cell and
// imports nothing until the report is accepted. Then an exam is taken on an imported bank and its
// xAPI statements are sent to a real LRS (Ralph, started here on 127.0.0.1), read back with
// GET and compared; sending again creates no duplicates; going offline keeps them queued.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { serve, launch, watchErrors, screenshot, seriousA11yViolations, WWW, waitReady as ready, readStore } from './harness.mjs';
import { createRalph, AUTH } from './ralph.mjs';

const FIXTURES = resolve(WWW, '../tests/fixtures/interop');

let server;
let browser;
let lrs;
let lrsUrl;

before(async () => {
  server = await serve();
  browser = await launch();
  lrs = await createRalph(new URL(server.url).origin);
  lrsUrl = lrs.url;
});

after(async () => {
  await browser?.close();
  await server?.close();
  await lrs?.close();
});

/** Imports `path` through the page's file input; returns the summary element's text. */
async function importFile(page, path) {
  // The previous file's summary stays on screen until this one is read: wait for it to go, so
  // the summary read below belongs to this file.
  await page.evaluate(() => document.querySelector('#import-summary')?.remove());
  await page.locator('#import-file').setInputFiles(path);
  await page.locator('#import-check').click();
  await page.waitForSelector('#import-summary');
  return page.locator('#import-summary');
}

async function lrsStatements(registration) {
  const response = await fetch(`${lrsUrl}/statements?registration=${registration}&limit=500`, {
    headers: { Authorization: AUTH, 'X-Experience-API-Version': '1.0.3' },
  });
  assert.equal(response.status, 200);
  return (await response.json()).statements;
}

test('import banks, export them, take an exam and send its statements to Ralph', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(server.url);
  await ready(page);
  assert.ok(!requests.some((u) => u.includes('pkg-interop')), 'the home page does not load the interop module');

  await page.goto(`${server.url}#/import`);
  await page.waitForSelector('#import-file');
  assert.ok(requests.some((u) => u.endsWith('kaohe_interop_bg.wasm')), 'the import view loads the interop module');
  assert.deepEqual(await seriousA11yViolations(page), [], 'import: axe');

  // A workbook with bad rows: every problem by sheet!cell, nothing stored until accepted.
  const banksBefore = await readStore(page, 'banks', 'count');
  const expected = JSON.parse(await readFile(join(FIXTURES, 'bad_rows.expected.json'), 'utf8'));
  const summary = await importFile(page, join(FIXTURES, 'bad_rows.xlsx'));
  assert.match(await summary.textContent(), new RegExp(`${expected.length} 处问题`));
  const shown = await page.$$eval('#import-problems tbody tr', (rows) => rows.map((r) => [r.cells[0].textContent, r.cells[1].textContent]));
  assert.deepEqual(shown, expected.map((p) => [p.path, p.code]));
  assert.ok(await page.locator('#import-anyway').isDisabled(), 'import anyway waits for the report to be accepted');
  assert.deepEqual(await seriousA11yViolations(page), [], 'import problems: axe');
  await screenshot(page, 'interop-1-problems');
  const banksMid = await readStore(page, 'banks', 'count');
  assert.equal(banksMid, banksBefore, 'nothing imported before the report is accepted');
  await page.locator('#accept-report').check();
  await page.locator('#import-anyway').click();
  await page.waitForSelector('#import-summary.good');
  assert.match(await page.locator('#import-summary').textContent(), new RegExp(`跳过 ${expected.length} 行`));

  // The good files, each through the page.
  for (const [path, count, title] of [
    [join(WWW, 'samples/import/sample.csv'), 9, ''],
    [join(FIXTURES, 'bank.xlsx'), 9, ''],
    // Named: its file name (sample) is the CSV's bank title already.
    [join(WWW, 'samples/import/sample.gift'), 8, 'sample（GIFT）'],
    [join(WWW, 'samples/import/sample.aiken.txt'), 4, ''],
  ]) {
    await page.locator('#import-title').fill(title);
    const done = await importFile(page, path);
    await page.waitForSelector('#import-summary.good');
    assert.equal(await done.getAttribute('data-item-count'), String(count), path);
  }
  await screenshot(page, 'interop-2-imported');

  // Excel's plain "CSV (逗号分隔)" on Chinese Windows: GBK without a mark, detected and reported.
  assert.match(await page.locator('#import-file').getAttribute('accept'), /\.aiken/);
  await page.locator('#import-title').fill('售后题库（GBK）');
  const gbk = await importFile(page, join(FIXTURES, 'encodings/bank40.gbk.csv'));
  await page.waitForSelector('#import-summary.good');
  assert.equal(await gbk.getAttribute('data-item-count'), '40');
  const notes = await page.$$eval('#import-notes tbody tr', (rows) => rows.map((r) => [r.cells[0].textContent, r.cells[1].textContent, r.cells[2].textContent]));
  assert.match(notes[0].join(' '), /整个文件 说明 按 GBK\/GB18030 编码读取.*自动识别/);
  assert.ok(notes.some(([where, kind, what]) => where === 'C5' && kind === '已调整' && /空括号/.test(what)), JSON.stringify(notes));
  await screenshot(page, 'interop-2b-gbk-report');
  // The same file again: not a second exam of the same name.
  await page.locator('#import-file').setInputFiles(join(FIXTURES, 'encodings/bank40.gbk.csv'));
  await page.locator('#import-check').click();
  await page.waitForSelector('#import-same-title');
  assert.match(await page.locator('#import-same-title').textContent(), /售后题库（GBK）（2）/);
  await page.locator('#import-rename').click();
  await page.waitForSelector('#import-summary.good');
  const titles = await page.evaluate(() => new Promise((ok) => {
    indexedDB.open('kaohe').onsuccess = (e) => {
      const req = e.target.result.transaction('banks').objectStore('banks').getAll();
      req.onsuccess = () => ok(req.result.map((b) => b.title));
    };
  }));
  assert.deepEqual(titles.filter((t) => t.startsWith('售后题库（GBK）')).sort(), ['售后题库（GBK）', '售后题库（GBK）（2）']);
  await page.locator('#import-title').fill('');

  // Export the Aiken bank to every format: each is a download.
  await page.locator('#export-bank').selectOption({ label: 'sample.aiken（4）' });
  for (const format of ['xlsx', 'csv', 'gift', 'aiken']) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`button[data-format="${format}"]`).click()]);
    assert.match(download.suggestedFilename(), new RegExp(`sample\\.aiken\\.${format === 'gift' ? 'gift\\.txt' : format === 'aiken' ? 'aiken\\.txt' : format}$`));
  }
  const [template] = await Promise.all([page.waitForEvent('download'), page.locator('#download-template').click()]);
  assert.equal(template.suggestedFilename(), '题库模板.xlsx');

  // English re-renders the view.
  await page.locator('#lang-switch').click();
  await page.waitForSelector('text=Import and export question banks');
  await page.locator('#lang-switch').click();

  // Take the imported Aiken bank as an exam.
  await page.goto(`${server.url}#/home`);
  await page.waitForSelector('#exam-choice');
  await page.getByLabel('姓名').fill('刘晓燕');
  await page.getByLabel('工号').fill('YF-30512');
  await page.getByLabel('选择考试').selectOption({ label: 'sample.aiken' });
  await page.getByRole('button', { name: '开始考试' }).click();
  await page.waitForSelector('fieldset.item');
  for (const item of await page.locator('fieldset.item').all()) {
    if ((await item.getAttribute('data-type')) === 'multiple') {
      await item.locator('input[type=checkbox]').nth(0).check();
    } else {
      await item.locator('input[type=radio]').first().check();
    }
  }
  await page.locator('#submit-exam').click();
  await page.locator('#confirm-yes').click();
  await page.waitForSelector('#result-summary');
  const attemptId = page.url().split('/').pop();
  const stored = (await readStore(page, 'results', 'get', attemptId)).result;

  // Results CSV with BOM, and the xAPI JSON.
  await page.goto(`${server.url}#/export`);
  await page.waitForSelector('#lrs-form');
  assert.deepEqual(await seriousA11yViolations(page), [], 'export: axe');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('#export-results-csv').click()]);
  const csvBytes = await readFile(await csv.path());
  assert.deepEqual([...csvBytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM');
  assert.match(csvBytes.toString('utf8'), /YF-30512,刘晓燕,sample\.aiken,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,/);
  assert.doesNotMatch(csvBytes.toString('utf8'), /choice|case_matters|T\d\d:\d\d/, 'words and local times, not xAPI notation');

  // Offline: statements stay queued.
  await page.getByLabel('LRS 地址').fill(lrsUrl);
  await page.getByLabel('用户名').fill('kaohe');
  await page.getByLabel('密码').fill('secret');
  await page.getByRole('button', { name: '保存设置' }).click();
  await page.waitForSelector('text=设置已保存。');
  await context.setOffline(true);
  await page.locator('#lrs-send').click();
  await page.waitForFunction(() => Number(document.querySelector('#lrs-counts').dataset.pending) > 0);
  const answered = stored.items.filter((i) => i.status !== 'unanswered').length;
  const total = answered + 3;
  assert.equal(await page.locator('#lrs-counts').getAttribute('data-pending'), String(total));
  assert.equal((await lrsStatements(attemptId)).length, 0, 'nothing reached the LRS offline');
  await screenshot(page, 'interop-3-queued');

  // Back online: the queue goes out by itself.
  await context.setOffline(false);
  await page.waitForFunction((n) => document.querySelector('#lrs-counts').dataset.sent === String(n), total, { timeout: 20000 });
  const received = await lrsStatements(attemptId);
  assert.equal(received.length, total);
  const verbs = received.map((s) => s.verb.id.split('/').pop()).sort();
  assert.deepEqual(verbs.filter((v) => v !== 'answered'), ['completed', stored.passed ? 'passed' : 'failed', 'scored'].sort());
  assert.equal(verbs.filter((v) => v === 'answered').length, answered);
  const scored = received.find((s) => s.verb.id.endsWith('/scored'));
  assert.equal(scored.result.score.raw, stored.points);
  assert.equal(scored.result.score.max, stored.maxPoints);
  assert.equal(scored.actor.account.name, 'YF-30512');
  for (const item of stored.items.filter((i) => i.status !== 'unanswered')) {
    const s = received.find((x) => x.object.id.endsWith(`/items/${item.itemId}`));
    assert.ok(s, `statement for ${item.itemId}`);
    assert.equal(s.result.score.raw, item.points);
    assert.equal(s.result.success, item.status === 'correct');
  }
  const queued = (await readStore(page, 'meta', 'getAll', { lower: 'lrsq:', upper: 'lrsq:\uffff' })).map((r) => r.statement);
  assert.deepEqual(received.map((s) => s.id).sort(), queued.map((s) => s.id).sort(), 'the ids the page built');

  // Sending again: the page queues nothing new; a forced resend and direct re-POST/PUT change nothing.
  await page.locator('#lrs-send').click();
  await page.waitForSelector('text=已加入发送队列：0 条新语句。');
  await page.evaluate(() => new Promise((ok) => {
    indexedDB.open('kaohe').onsuccess = (e) => {
      const tx = e.target.result.transaction('meta', 'readwrite');
      const store = tx.objectStore('meta');
      store.getAll(IDBKeyRange.bound('lrsq:', 'lrsq:\uffff')).onsuccess = (ev) => {
        for (const r of ev.target.result) store.put({ ...r, state: 'failed' });
      };
      tx.oncomplete = ok;
    };
  }));
  await page.locator('#lrs-retry').click();
  await page.waitForFunction((n) => document.querySelector('#lrs-counts').dataset.sent === String(n), total, { timeout: 20000 });
  const headers = { Authorization: AUTH, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' };
  const put = await fetch(`${lrsUrl}/statements?statementId=${queued[0].id}`, { method: 'PUT', headers, body: JSON.stringify(queued[0]) });
  assert.ok([204, 409].includes(put.status), `PUT of a known id: ${put.status}`);
  assert.equal((await lrsStatements(attemptId)).length, total, 'no duplicates');
  await screenshot(page, 'interop-4-sent');
  assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e)), []);
  await context.close();
});
