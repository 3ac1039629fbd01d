// Storage failures: a full quota (forced through the DevTools protocol), IndexedDB missing, a
// blocked version upgrade, and two tabs on one attempt. Each gives a clear message, the exam
// stays usable, and nothing stored earlier is lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageRig, watchErrors, screenshot, seriousA11yViolations, waitReady as ready } from './harness.mjs';

const rig = pageRig();

async function startExam(page, name = '孙丽') {
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('工号').fill('E5120');
  await page.getByLabel('选择考试').selectOption({ index: 0 });
  await page.getByRole('button', { name: '开始考试' }).click();
  await page.waitForSelector('fieldset.item');
  return page.url().split('#/exam/')[1];
}

/** The radio items of the paper, as locators. */
async function radioItems(page) {
  return page.locator('fieldset.item[data-type="single"], fieldset.item[data-type="trueFalse"]').all();
}

async function storedAttempt(page, attemptId) {
  return page.evaluate((id) => new Promise((ok, ko) => {
    const r = indexedDB.open('kaohe');
    r.onerror = () => ko(r.error);
    r.onsuccess = () => {
      const get = r.result.transaction('attempts').objectStore('attempts').get(id);
      get.onsuccess = () => { r.result.close(); ok(get.result); };
    };
  }), attemptId);
}

test('storage full: the answer stays on screen, the message says why, a retry saves it', async () => {
  const context = await rig.browser.newContext();
  // Chromium 156 applies a DevTools quota override only to databases created after it (probed:
  // writes to an existing database still commit), so the exam's database is made "full" by
  // failing its puts the way a full disk does; the real quota path is checked below.
  await context.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function full(...args) {
      if (window.__storageFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(rig.url);
  await ready(page);

  const attemptId = await startExam(page);
  const [first, second] = await radioItems(page);
  await first.locator('input').nth(0).check();
  await page.waitForSelector('fieldset.item[data-saved]');
  await page.evaluate(() => { window.__storageFull = true; });
  await second.locator('input').nth(1).check();
  await page.waitForSelector('#save-problem:not([hidden])');
  const message = await page.locator('#save-problem').textContent();
  assert.match(message, /存储空间已满/);
  assert.match(message, /QUOTA_EXCEEDED/);
  assert.equal(await second.locator('input').nth(1).isChecked(), true, 'the answer stays on screen');
  assert.equal(await second.getAttribute('data-saved'), null, 'and is not claimed as saved');
  assert.match(await page.locator('#save-status').textContent(), /未保存/);
  assert.deepEqual(await seriousA11yViolations(page), [], 'quota message: axe');
  await screenshot(page, 'storage-1-quota');
  const during = await storedAttempt(page, attemptId);
  assert.equal(Object.keys(during.responses).length, 1, 'the earlier answer is intact');

  await page.evaluate(() => { window.__storageFull = false; });
  await page.locator('#retry-save').click();
  await page.waitForSelector('#save-problem[hidden]', { state: 'attached' });
  assert.notEqual(await second.getAttribute('data-saved'), null);
  const afterRetry = await storedAttempt(page, attemptId);
  assert.equal(Object.keys(afterRetry.responses).length, 2, 'both answers stored after the retry');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a real quota error (DevTools override on a fresh origin) becomes QUOTA_EXCEEDED', async () => {
  const context = await rig.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${rig.url}samples/bank.json`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(rig.url).origin, quotaSize: 1 });
  const real = await page.evaluate(async () => {
    const { init, openStore } = await import('/kaohe/index.js');
    await init();
    try {
      const store = await openStore();
      await store.put('meta', { key: 'probe', text: 'x'.repeat(5000) });
      return 'saved';
    } catch (error) {
      return `${error.name} ${error.code}`;
    }
  });
  assert.equal(real, 'KaoheStorageError QUOTA_EXCEEDED');
  await context.close();
});

test('IndexedDB unavailable: a warning, and the exam still works in memory', async () => {
  const context = await rig.browser.newContext();
  await context.addInitScript(() => {
    IDBFactory.prototype.open = function open() { throw new DOMException('disabled by the test', 'SecurityError'); };
  });
  const page = await context.newPage();
  await page.goto(rig.url);
  await ready(page);
  const warning = await page.locator('#storage-warning').textContent();
  assert.match(warning, /无法使用本地存储/);
  assert.match(warning, /STORAGE_UNAVAILABLE/);
  assert.match(warning, /只保存在内存中/);
  await startExam(page, '周杰');
  for (const item of await radioItems(page)) await item.locator('input').first().check();
  await page.waitForFunction(() => [...document.querySelectorAll('fieldset.item[data-type="single"]')].every((f) => f.dataset.saved));
  await page.locator('#submit-exam').click();
  await page.locator('#confirm-yes').click();
  await page.waitForSelector('#result-summary');
  assert.match(await page.locator('#result-verdict').textContent(), /合格|不合格/);
  await screenshot(page, 'storage-2-memory');
  await context.close();
});

test('a blocked upgrade says so, and the data is all there once the other tab lets go', async () => {
  const context = await rig.browser.newContext();
  const page = await context.newPage();
  await page.goto(rig.url);
  await ready(page);
  const attemptId = await startExam(page, '钱磊');
  const [item] = await radioItems(page);
  await item.locator('input').nth(1).check();
  await page.waitForSelector('fieldset.item[data-saved]');
  await page.close();

  // An old tab that holds the database and ignores versionchange.
  const holder = await context.newPage();
  await holder.goto(`${rig.url}samples/bank.json`);
  await holder.evaluate(() => new Promise((ok) => {
    const r = indexedDB.open('kaohe');
    r.onsuccess = () => { window.heldDb = r.result; ok(); };
  }));

  // A newer build of the page asks for a higher version.
  const newer = await context.newPage();
  await newer.addInitScript(() => {
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function bumped(name, version) { return open.call(this, name, version ? version + 1 : version); };
  });
  await newer.goto(rig.url);
  await newer.waitForSelector('.error-box');
  const text = await newer.locator('.error-box').textContent();
  assert.match(text, /另一个标签页正在使用旧版本的数据/);
  assert.match(text, /UPGRADE_BLOCKED/);
  await screenshot(newer, 'storage-3-blocked');

  await holder.evaluate(() => window.heldDb.close());
  await newer.reload();
  await ready(newer);
  const stored = await newer.evaluate((id) => new Promise((ok) => {
    const r = indexedDB.open('kaohe');
    r.onsuccess = () => {
      const get = r.result.transaction('attempts').objectStore('attempts').get(id);
      get.onsuccess = () => ok(get.result);
    };
  }), attemptId);
  assert.equal(Object.keys(stored.responses).length, 1, 'the answer given before is still stored');
  assert.match(await newer.locator('#main').textContent(), /钱磊/);
  await context.close();
});

test('two tabs on one attempt: an older answer never overwrites a newer one', async () => {
  const context = await rig.browser.newContext();
  const one = await context.newPage();
  await one.goto(rig.url);
  await ready(one);
  const attemptId = await startExam(one, '吴芳');
  const two = await context.newPage();
  await two.goto(`${rig.url}#/exam/${attemptId}`);
  await ready(two);
  await two.waitForSelector('fieldset.item');
  const itemId = await (await radioItems(one))[0].getAttribute('data-item-id');
  const radios = (page) => page.locator(`fieldset.item[data-item-id="${itemId}"] input`);

  await radios(one).nth(0).check();
  await one.waitForSelector(`fieldset.item[data-item-id="${itemId}"][data-saved]`);
  const newer = JSON.parse(await one.locator(`fieldset.item[data-item-id="${itemId}"]`).getAttribute('data-saved'));
  // Tab two writes an answer stamped earlier (its clock, or a delayed save): refused.
  const kept = await two.evaluate(async ({ attemptId, itemId }) => {
    const { init, openStore } = await import('./kaohe/index.js');
    await init();
    const store = await openStore();
    const attempt = await store.get('attempts', attemptId);
    const older = attempt.responses[itemId].answeredAt - 5000;
    const saved = await store.saveAnswer(attemptId, itemId, 'stale', older);
    store.close();
    return saved.responses[itemId].value;
  }, { attemptId, itemId });
  assert.equal(kept, newer, 'the newer answer is kept');
  // Tab two answers now (newer): it wins, and tab one shows it.
  await two.waitForFunction((id) => document.querySelector(`fieldset.item[data-item-id="${id}"] input:checked`), itemId);
  await radios(two).nth(1).check();
  const chosen = await radios(two).nth(1).getAttribute('value');
  await one.waitForFunction(({ id, value }) => document.querySelector(`fieldset.item[data-item-id="${id}"] input:checked`)?.value === value,
    { id: itemId, value: chosen });
  const stored = await storedAttempt(one, attemptId);
  assert.equal(String(stored.responses[itemId].value), chosen, 'the newer answer from tab two is stored');
  assert.notEqual(String(stored.responses[itemId].value), String(newer));
  await context.close();
});
