// No frozen page: a PerformanceObserver for long tasks watches the page while a trainer
// generates 2,000 demo candidates (in the worker, with a progress bar and a cancel button),
// analyses all 2,200 attempts (in the worker), opens the grading queue over them (paged) and restores a backup of them in a fresh browser
// (in the worker). No task may run over 200 ms.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { watchErrors, screenshot, pageRig } from './harness.mjs';

const rig = pageRig();

const LIMIT_MS = 200;

/** A bank file of `n` single-choice questions (the import template's columns). */
function bigBankCsv(n) {
  const rows = [['题型', '题干', '选项A', '选项B', '选项C', '选项D', '正确答案', '分值', '难度', '知识点', '维度']];
  for (let i = 1; i <= n; i += 1) {
    rows.push(['单选', `第 ${i} 题：客户来电反映空调不制冷，首先应当怎么做？`, '询问型号和购买时间', '直接派工', '让客户自行重启', '结束通话', 'A', '1', String(1 + (i % 5)), '故障受理', '问题解决']);
  }
  return `\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;
}

async function watchLongTasks(page) {
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__long.push(Math.round(entry.duration));
    }).observe({ type: 'longtask' });
  });
}
const longTasks = (page) => page.evaluate(() => { const out = window.__long; window.__long = []; return out; });

/** Attempts stored in `db`: the demo workspace's database unless told otherwise. */
async function countAttempts(page, db = 'kaohe-demo') {
  return page.evaluate((name) => new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const request = open.result.transaction('attempts').objectStore('attempts').count();
      request.onsuccess = () => { resolve(request.result); open.result.close(); };
    };
  }), db);
}

test('2,000 demo candidates, their grading queue and their backup restored, without a long task', async () => {
  const context = await rig.browser.newContext({ viewport: { width: 1366, height: 768 } });
  // Demo data is generated in the demo workspace only (never into the real records).
  await context.addInitScript(() => localStorage.setItem('kaoheWorkspace', 'demo'));
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${rig.url}#/analysis`);
  await page.waitForSelector('#demo-generate');
  await page.selectOption('#analysis-exam', 'bp-theory-2026q4');
  await page.waitForLoadState('networkidle');

  // Cancel: the progress bar is there, and nothing is written.
  await page.fill('#demo-count', '2000');
  await page.click('#demo-generate');
  await page.waitForSelector('.job-progress progress');
  await page.click('.job-progress .cancel-job');
  await page.waitForFunction(() => /已取消/.test(document.querySelector('#demo-status')?.textContent ?? ''));
  assert.equal(await countAttempts(page), 0, 'a cancelled job writes nothing');

  await watchLongTasks(page);
  await page.click('#demo-generate');
  await page.waitForSelector('.job-progress progress');
  await screenshot(page, 'heavy-demo-progress');
  await page.waitForFunction(() => /2200 份/.test(document.querySelector('#demo-status')?.textContent ?? ''), null, { timeout: 120000 });
  await page.waitForSelector('#item-table');
  const demo = await longTasks(page);
  console.log(`demo generation: long tasks ${JSON.stringify(demo)}`);
  assert.equal(await countAttempts(page), 2200);

  // Item analysis of every attempt (2,200, scored and analysed in the worker).
  await page.selectOption('#analysis-attempts', 'all');
  await page.waitForFunction(() => /^2200 份作答/.test(document.querySelector('#analysis-summary')?.textContent ?? ''), null, { timeout: 120000 });
  await page.waitForSelector('#item-table');
  const analysis = await longTasks(page);
  console.log(`item analysis: long tasks ${JSON.stringify(analysis)}`);

  await page.evaluate(() => { location.hash = '#/trainer'; });
  await page.waitForSelector('#queue-pages form.grade-card', { timeout: 60000 });
  await page.waitForLoadState('networkidle');
  const queue = await longTasks(page);
  console.log(`grading queue: long tasks ${JSON.stringify(queue)}`);
  const total = Number(await page.locator('#queue-count').textContent());
  assert.ok(total >= 2000, `2,000+ cards queued (${total})`);
  assert.ok(await page.locator('form.grade-card').count() <= 20, 'one page of cards in the DOM');
  await page.locator('#queue-pages .pager-next').click();
  await page.waitForFunction(() => /第 2 \//.test(document.querySelector('#queue-pages .pager-status')?.textContent ?? ''));
  await screenshot(page, 'heavy-grading-queue');

  // Importing a 2,000-question bank: the file is parsed in the worker.
  await page.evaluate(() => { location.hash = '#/import'; });
  await page.waitForSelector('#import-file');
  await page.waitForLoadState('networkidle');
  await longTasks(page);
  await page.setInputFiles('#import-file', { name: '两千题题库.csv', mimeType: 'text/csv', buffer: Buffer.from(bigBankCsv(2000)) });
  await page.getByRole('button', { name: '检查并导入' }).click();
  await page.waitForSelector('#import-summary.good', { timeout: 120000 });
  assert.match(await page.textContent('#import-summary'), /2000 道题/);
  const importing = await longTasks(page);
  console.log(`bank import: long tasks ${JSON.stringify(importing)}`);

  // A backup of all 2,200 attempts, restored into a fresh browser.
  const dir = await mkdtemp(join(tmpdir(), 'kaohe-heavy-'));
  const backupPath = join(dir, 'backup.json');
  await page.evaluate(() => { location.hash = '#/backup'; });
  await page.waitForSelector('#export-backup');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120000 }), page.locator('#export-backup').click()]);
  await download.saveAs(backupPath);
  const fresh = await rig.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const other = await fresh.newPage();
  const otherErrors = watchErrors(other);
  await other.goto(`${rig.url}#/backup`);
  await other.waitForSelector('#backup-file');
  await other.waitForLoadState('networkidle');
  await watchLongTasks(other);
  await other.setInputFiles('#backup-file', backupPath);
  await other.locator('#restore-backup').click();
  await other.waitForSelector('.job-progress progress');
  await other.waitForSelector('#restore-done, #restore-error', { timeout: 120000 });
  const restore = await longTasks(other);
  console.log(`restore: long tasks ${JSON.stringify(restore)}`);
  assert.match(await other.locator('#restore-done').textContent(), /已恢复/);
  assert.equal(await other.locator('#restore-counts tr[data-store="attempts"] td').textContent(), '2200');
  assert.equal(await countAttempts(other, 'kaohe'), 2200, 'restored into the real records of a fresh browser');
  assert.deepEqual(otherErrors, []);
  await fresh.close();
  await rm(dir, { recursive: true, force: true });

  assert.ok(Math.max(0, ...demo) <= LIMIT_MS, `demo generation: no task over ${LIMIT_MS} ms (${demo})`);
  assert.ok(Math.max(0, ...analysis) <= LIMIT_MS, `item analysis: no task over ${LIMIT_MS} ms (${analysis})`);
  assert.ok(Math.max(0, ...importing) <= LIMIT_MS, `bank import: no task over ${LIMIT_MS} ms (${importing})`);
  assert.ok(Math.max(0, ...restore) <= LIMIT_MS, `restore: no task over ${LIMIT_MS} ms (${restore})`);
  assert.ok(Math.max(0, ...queue) <= LIMIT_MS, `grading queue: no task over ${LIMIT_MS} ms (${queue})`);
  assert.deepEqual(errors, []);
  await context.close();
});
