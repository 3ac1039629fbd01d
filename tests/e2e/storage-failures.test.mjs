// Issue #16, point 6: storage failures never leave a candidate stuck. Storage full when the exam
// starts and when it is submitted: the page says why, the timer keeps running, and the same
// buttons work once space is freed. Site storage blocked (localStorage and indexedDB throwing,
// as in a cross-site frame) or IndexedDB failing only once opened: the page still boots into the
// in-memory fallback, with its warning, and an exam can be taken.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageRig, watchErrors, screenshot, waitReady as ready } from './harness.mjs';

const rig = pageRig();

/** Every IndexedDB put throws QuotaExceededError while `window.__storageFull` is set. */
function fullDisk() {
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function full(...args) {
    if (window.__storageFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return put.apply(this, args);
  };
}

async function fillStart(page) {
  await page.locator('#cand-name').fill('孙丽');
  await page.locator('#cand-id').fill('E5120');
  await page.locator('#exam-choice').selectOption({ label: '2026年第四季度客服理论考核' });
  await page.getByRole('button', { name: '开始' }).click();
}

test('storage full at the start and at submit: a message, a running timer, and the buttons work once space is freed', async () => {
  const context = await rig.browser.newContext();
  await context.addInitScript(fullDisk);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(rig.url);
  await ready(page);

  // At the start: nothing is stored, the message says why, the same button retries.
  await page.evaluate(() => { window.__storageFull = true; });
  await fillStart(page);
  await page.waitForFunction(() => document.getElementById('start-problem')?.textContent.includes('存储空间已满'));
  assert.doesNotMatch(page.url(), /#\/exam\//, 'no exam without a stored attempt');
  await screenshot(page, 'storage-failures-1-start');
  await page.evaluate(() => { window.__storageFull = false; });
  await page.getByRole('button', { name: '开始' }).click();
  await page.waitForSelector('fieldset.item');

  // An answer, then the disk fills up and the candidate presses 交卷.
  const first = page.locator('fieldset.item[data-type="single"]').first();
  await first.locator('input').first().check();
  await page.waitForSelector('fieldset.item[data-saved]');
  await page.evaluate(() => { window.__storageFull = true; });
  await page.locator('#submit-exam').click();
  await page.locator('#confirm-yes').click();
  await page.waitForSelector('#save-problem:not([hidden])');
  const message = await page.locator('#save-problem').textContent();
  assert.match(message, /存储空间已满/);
  assert.match(message, /试卷尚未交上/);
  assert.match(page.url(), /#\/exam\//, 'still on the exam');
  const shown = await page.locator('#timer').textContent();
  await page.waitForFunction((before) => document.getElementById('timer').textContent !== before, shown, { timeout: 10000 });
  await screenshot(page, 'storage-failures-2-submit');

  // Space freed: 交卷 works.
  await page.evaluate(() => { window.__storageFull = false; });
  await page.locator('#submit-exam').click();
  await page.locator('#confirm-yes').click();
  await page.waitForURL(/#\/result\//);
  assert.deepEqual(errors, []);
  await context.close();
});

test('storage full at submit: the retry button submits once space is freed', async () => {
  const context = await rig.browser.newContext();
  await context.addInitScript(fullDisk);
  const page = await context.newPage();
  await page.goto(rig.url);
  await ready(page);
  await fillStart(page);
  await page.waitForSelector('fieldset.item');
  await page.evaluate(() => { window.__storageFull = true; });
  await page.locator('#submit-exam').click();
  await page.locator('#confirm-yes').click();
  await page.waitForSelector('#save-problem:not([hidden])');
  await page.evaluate(() => { window.__storageFull = false; });
  await page.locator('#retry-save').click();
  await page.waitForURL(/#\/result\//);
  await context.close();
});

test('storage failing when an exam is resumed: the message, and 重试 opens it once storage works', async () => {
  const context = await rig.browser.newContext();
  await context.addInitScript(() => {
    const get = IDBObjectStore.prototype.get;
    IDBObjectStore.prototype.get = function blocked(...args) {
      if (this.name === 'attempts' && sessionStorage.getItem('failReads') === 'yes') throw new DOMException('The operation failed for reasons unrelated to the database itself.', 'UnknownError');
      return get.apply(this, args);
    };
  });
  const page = await context.newPage();
  await page.goto(rig.url);
  await ready(page);
  await fillStart(page);
  await page.waitForSelector('fieldset.item');
  await page.locator('fieldset.item[data-type="single"]').first().locator('input').first().check();
  await page.waitForSelector('fieldset.item[data-saved]');
  await page.evaluate(() => sessionStorage.setItem('failReads', 'yes'));
  await page.reload();
  await page.waitForSelector('#retry-view');
  assert.match(await page.locator('main').textContent(), /无法使用本地存储/);
  await screenshot(page, 'storage-failures-4-resume');
  await page.evaluate(() => sessionStorage.removeItem('failReads'));
  await page.locator('#retry-view').click();
  await page.waitForSelector('fieldset.item');
  assert.equal(await page.locator('fieldset.item[data-type="single"]').first().locator('input').first().isChecked(), true, 'the answer is back');
  await context.close();
});

/** Site storage blocked: reading `localStorage` or `indexedDB` throws SecurityError. */
function blockedStorage() {
  for (const name of ['localStorage', 'sessionStorage', 'indexedDB']) {
    Object.defineProperty(window, name, {
      configurable: true,
      get() { throw new DOMException(`Access to '${name}' is denied for this document.`, 'SecurityError'); },
    });
  }
}

/** IndexedDB opens, but every transaction fails as a blocked storage does. */
function blockedTransactions() {
  IDBDatabase.prototype.transaction = function blocked() {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  };
}

for (const [name, script] of [['localStorage and indexedDB throw', blockedStorage], ['IndexedDB fails once opened', blockedTransactions]]) {
  test(`site storage blocked (${name}): the page boots into memory with its warning, and an exam can be taken`, async () => {
    const context = await rig.browser.newContext();
    await context.addInitScript(script);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(rig.url);
    await ready(page);
    const warning = await page.locator('#storage-warning').textContent();
    assert.match(warning, /只保存在内存中/);
    await screenshot(page, `storage-failures-3-blocked-${script.name}`);
    await fillStart(page);
    await page.waitForSelector('fieldset.item');
    await page.locator('fieldset.item[data-type="single"]').first().locator('input').first().check();
    await page.waitForSelector('fieldset.item[data-saved]');
    await page.locator('#submit-exam').click();
    await page.locator('#confirm-yes').click();
    await page.waitForURL(/#\/result\//);
    await page.locator('#lang-switch').click();
    assert.deepEqual(errors.filter((e) => !/SecurityError|insecure|denied/.test(e)), []);
    await context.close();
  });
}
