// The xAPI send queue against a real LRS that goes down and comes back: hundreds of statements in
// several batches, the LRS stopped between them, statements queued while it is down; the queue
// must send them on its own once the LRS is back (backoff timer, then the `online` event), and
// the LRS must then hold every statement exactly once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { serve, launch, watchErrors, screenshot } from './harness.mjs';
import { createRalph } from './ralph.mjs';

let server;
let browser;
let lrs;

before(async () => {
  server = await serve();
  browser = await launch();
  lrs = await createRalph(new URL(server.url).origin);
});

after(async () => {
  await browser?.close();
  await server?.close();
  await lrs?.close();
});

/** A name-based UUID (v5 layout over SHA-1), stable for `name`. */
function uuid5(name) {
  const h = createHash('sha1').update(name).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** `n` completed statements of agents YF-1000…, as an exam attempt would send them. */
function statements(from, n) {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return {
      id: uuid5(`kaohe-lrs-test/${i}`),
      actor: { objectType: 'Agent', name: `学员${i}`, account: { homePage: 'https://kaohe.example/staff', name: `YF-${1000 + i}` } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'zh-CN': '完成', 'en-US': 'completed' } },
      object: { objectType: 'Activity', id: `https://kaohe.example/exams/bp-theory/${i}`, definition: { type: 'http://adlnet.gov/expapi/activities/assessment', name: { 'zh-CN': `售后理论考核 ${i}` } } },
      result: { completion: true, duration: 'PT20M', score: { scaled: 0.8, raw: 80, min: 0, max: 100 } },
      timestamp: '2026-11-02T01:00:00.000Z',
    };
  });
}

test('hundreds of statements across an LRS outage: none lost, none twice', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.evaluate(async (endpoint) => {
    const lrsModule = await import('/kaohe/lrs.js');
    const { openStore } = await import('/kaohe/candidate.js');
    const store = await openStore();
    window.__t = { lrs: lrsModule, store };
    await lrsModule.saveConfig(store, { endpoint, username: 'kaohe', password: 'secret' });
  }, lrs.url);
  const queue = (list) => page.evaluate((l) => window.__t.lrs.enqueue(window.__t.store, l), list);
  const flush = () => page.evaluate(() => window.__t.lrs.flush(window.__t.store));
  const counts = () => page.evaluate(() => window.__t.lrs.counts(window.__t.store));
  // Waits (polling, no clicks) until the queue reports `n` sent; gives up after two minutes.
  const sentAll = async (n) => {
    for (let i = 0; i < 240; i += 1) {
      if ((await counts()).sent === n) return;
      await new Promise((ok) => setTimeout(ok, 500));
    }
  };

  // 1. 120 statements while the LRS is up: three batches of at most 50.
  assert.equal(await queue(statements(0, 120)), 120);
  assert.deepEqual(await flush(), { sent: 120, pending: 0, failed: 0 });

  // 2. The LRS goes down; 200 more are queued and the first 120 queued again (kept once).
  await lrs.stop();
  assert.equal(await queue(statements(100, 220)), 200, 'the 20 already queued are not added again');
  assert.deepEqual(await flush(), { sent: 120, pending: 200, failed: 0 });
  const waiting = await page.evaluate(() => window.__t.lrs.pending(window.__t.store));
  assert.equal(waiting.length, 200);
  assert.ok(waiting.every((p) => p.tries === 1 && p.lastError), 'each pending statement says why it waits');
  await page.goto(`${server.url}#/export`);
  await page.waitForSelector('#lrs-pending summary');
  assert.match(await page.locator('#lrs-pending summary').textContent(), /未发送的语句（200）/);
  await page.locator('#lrs-pending summary').click();
  await screenshot(page, 'lrs-1-outage');

  // 3. The LRS comes back: nobody clicks anything; the backoff timer sends them.
  await lrs.start();
  await sentAll(320);
  assert.deepEqual(await counts(), { sent: 320, pending: 0, failed: 0 });

  // 4. Offline in the browser (the LRS stays up): queued, then sent on the `online` event.
  await context.setOffline(true);
  assert.equal(await queue(statements(320, 60)), 60);
  assert.deepEqual(await flush(), { sent: 320, pending: 60, failed: 0 }, 'offline: nothing is tried');
  await context.setOffline(false);
  await sentAll(380);

  // 5. The LRS holds every statement exactly once, and its file has no second copy of any.
  const held = await lrs.all();
  const ids = held.map((s) => s.id);
  assert.equal(ids.length, 380);
  assert.equal(new Set(ids).size, 380, 'no duplicates');
  assert.deepEqual(new Set(ids), new Set(statements(0, 380).map((s) => s.id)), 'no loss');
  const lines = (await readFile(lrs.dataFile, 'utf8')).trim().split('\n');
  assert.equal(lines.length, 380);

  // 6. A forced resend of everything changes nothing on the LRS.
  await page.evaluate(async () => {
    const { lrs: m, store } = window.__t;
    return m.flush(store, { retryFailed: true });
  });
  await page.evaluate(() => new Promise((ok) => {
    indexedDB.open('kaohe').onsuccess = (e) => {
      const tx = e.target.result.transaction('meta', 'readwrite');
      const s = tx.objectStore('meta');
      s.getAll(IDBKeyRange.bound('lrsq:', 'lrsq:\uffff')).onsuccess = (ev) => {
        for (const r of ev.target.result) s.put({ ...r, state: 'failed' });
      };
      tx.oncomplete = ok;
    };
  }));
  assert.deepEqual(await page.evaluate(() => window.__t.lrs.flush(window.__t.store, { retryFailed: true })), { sent: 380, pending: 0, failed: 0 });
  assert.equal((await lrs.all()).length, 380, 'a resend stores nothing twice');
  assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED|Failed to load resource|Failed to fetch/.test(e)), []);
  await context.close();
});
