// The trainer's attempts list and grading queue over a demo cohort (generated on 数据管理 in the
// worker; a cancelled run writes nothing): search by name or 工号,
// filters (exam, team, date, status), sorting and paging, all on the page as a trainer uses them;
// the filters and the queue's page stay put after grading a card.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageRig, watchErrors, screenshot, seriousA11yViolations } from './harness.mjs';

const rig = pageRig();

const settle = (page) => page.waitForFunction(() => document.body.dataset.ready === 'true' && !document.getElementById('view-loading'), null, { timeout: 30000 });
const rowCount = (page) => page.locator('#attempts-table tbody tr').count();
const column = (page, n) => page.locator(`#attempts-table tbody tr td:nth-child(${n})`).allTextContents();

test('attempts list and grading queue: search, filters, sorting and paging over a demo cohort', async () => {
  const context = await rig.browser.newContext({ viewport: { width: 1366, height: 768 } });
  await context.addInitScript(() => localStorage.setItem('kaoheWorkspace', 'demo'));
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${rig.url}#/data`);
  await settle(page);
  await page.waitForSelector('#demo-generate');
  // Generated in the worker with a progress bar; a cancelled run writes nothing.
  await page.fill('#demo-count', '2000');
  await page.click('#demo-generate');
  await page.waitForSelector('.job-progress progress');
  await screenshot(page, 'trainer-lists-demo-progress');
  await page.click('.job-progress .cancel-job');
  await page.waitForSelector('#demo-status:has-text("已取消")');
  const stored = await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('kaohe-demo');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const count = open.result.transaction('attempts').objectStore('attempts').count();
      count.onsuccess = () => { resolve(count.result); open.result.close(); };
    };
  }));
  assert.equal(stored, 0, 'a cancelled generation writes nothing');
  await page.fill('#demo-count', '60');
  await page.click('#demo-generate');
  await page.waitForSelector('#data-status:has-text("已生成 66 份")', { timeout: 120000 });

  await page.goto(`${rig.url}#/trainer`);
  await settle(page);
  await page.waitForSelector('#attempts-table');
  assert.equal(await rowCount(page), 25, 'one page of 25 rows');
  assert.match(await page.textContent('#attempts-pages .pager-status'), /第 1 \/ 3 页.*共 66 条/);
  assert.equal(await page.textContent('#attempt-figures li:first-child .value'), '66');
  const queueTotal = Number(await page.textContent('#queue-count'));
  assert.ok(queueTotal > 20, `short answers queued (${queueTotal})`);
  assert.equal(await page.locator('form.grade-card').count(), 20, 'one page of cards');
  await screenshot(page, 'trainer-lists-zh-desktop');
  // One click from the list to the queue below it.
  assert.equal(await page.textContent('#to-queue'), `去批改（${queueTotal} 道）`);
  await page.click('#to-queue');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'queue-title');

  // Search by 工号: the one candidate who took the exam twice.
  await page.fill('#filter-query', 'KF10010');
  await page.waitForFunction(() => document.querySelectorAll('#attempts-table tbody tr').length === 2);
  for (const cell of await column(page, 1)) assert.match(cell, /（KF10010）/);
  assert.match(await page.textContent('#filter-count'), /2 \/ 66 份作答/);
  assert.equal(await page.textContent('#attempt-figures li:first-child .value'), '2', 'the figures follow the filters');
  // Search by name.
  await page.fill('#filter-query', '王');
  await page.waitForFunction(() => /\/ 66 份作答/.test(document.querySelector('#filter-count')?.textContent ?? '') && !/^符合条件：2 /.test(document.querySelector('#filter-count').textContent));
  for (const cell of await column(page, 1)) assert.match(cell, /^王/);
  await page.click('#filter-clear');
  await page.waitForFunction(() => document.querySelectorAll('#attempts-table tbody tr').length === 25);
  assert.equal(await page.textContent('#filter-count'), '');

  // Filter by team (the demo roster spreads the cohort over teams).
  await page.selectOption('#filter-team', '售后二组');
  await page.waitForFunction(() => /\/ 66 份作答/.test(document.querySelector('#filter-count')?.textContent ?? ''));
  const teams = await column(page, 2);
  assert.ok(teams.length > 0 && teams.length < 25);
  assert.deepEqual([...new Set(teams)], ['售后二组']);
  const teamQueue = Number(await page.textContent('#queue-count'));
  assert.ok(teamQueue < queueTotal, 'the queue follows the team filter');
  for (const head of await page.locator('form.grade-card p:first-child').allTextContents()) assert.match(head, /售后二组/);

  // Sorting by score, high to low, within the team.
  await page.selectOption('#filter-sort', 'high');
  await page.waitForFunction(() => document.querySelector('#attempts-table tbody tr'));
  const percents = (await column(page, 6)).map((text) => Number(text.match(/（([\d.]+)%）/)[1]));
  assert.deepEqual(percents, [...percents].sort((a, b) => b - a));

  // Status and date: the demo cohort sat the exam in October 2026, so "last 7 days" is empty.
  await page.selectOption('#filter-since', '7');
  await page.waitForSelector('#attempts-none');
  assert.match(await page.textContent('#queue-slot'), /没有符合筛选条件/);
  await page.selectOption('#filter-since', '');
  await page.selectOption('#filter-status', 'pending');
  await page.waitForSelector('#attempts-table');
  for (const state of await column(page, 7)) assert.match(state, /待批改/);
  await screenshot(page, 'trainer-lists-filtered-zh-desktop');

  // Grading a card keeps the filters; the graded attempt leaves the queue.
  const before = Number(await page.textContent('#queue-count'));
  await page.locator('form.grade-card button[type=submit]').first().click();
  await page.waitForFunction((n) => Number(document.querySelector('#queue-count')?.textContent) === n - 1, before);
  assert.equal(await page.inputValue('#filter-team'), '售后二组');
  assert.equal(await page.inputValue('#filter-status'), 'pending');

  // Paging with no filter: the last page holds the rest.
  await page.click('#filter-clear');
  await page.waitForFunction(() => document.querySelectorAll('#attempts-table tbody tr').length === 25);
  await page.locator('#attempts-pages .pager-next').click();
  await page.locator('#attempts-pages .pager-next').click();
  await page.waitForFunction(() => /第 3 \/ 3 页/.test(document.querySelector('#attempts-pages .pager-status')?.textContent ?? ''));
  assert.equal(await rowCount(page), 16);
  assert.deepEqual(await seriousA11yViolations(page), []);

  // Phones and English.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.selectOption('#filter-team', '售后一组');
  await page.waitForFunction(() => /\/ 66 份作答/.test(document.querySelector('#filter-count')?.textContent ?? ''));
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scrolling on a phone');
  await screenshot(page, 'trainer-lists-zh-phone');
  await page.goto(`${rig.url}?lang=en#/trainer`);
  await settle(page);
  await page.waitForSelector('#attempts-table');
  await screenshot(page, 'trainer-lists-en-phone');
  assert.deepEqual(errors, []);
  await context.close();
});
