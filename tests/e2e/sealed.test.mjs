// Sealed exams end to end: a trainer seals an exam in one browser profile; a candidate in
// another loads the package, takes the exam and submits, and at no moment does the key appear
// in the candidate's DOM, window properties, IndexedDB or wasm memory; the trainer imports the
// attempts, a wrong passphrase fails WRONG_PASSPHRASE, the right one scores them; an attempt
// edited in storage afterwards is flagged in the trainer's view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WWW, watchErrors, screenshot, seriousA11yViolations, waitReady as ready, pageRig } from './harness.mjs';

const PASSPHRASE = '华东售后-2026-春季';
const MARK = 'QX7Z';

const rig = pageRig();

/** The sample bank with a distinctive marker in every piece of key material. */
async function markedExam() {
  const bank = JSON.parse(await readFile(join(WWW, 'samples/bank.json'), 'utf8'));
  const blueprint = JSON.parse(await readFile(join(WWW, 'samples/blueprint.json'), 'utf8'));
  const secrets = [];
  bank.id = 'sealed-demo';
  bank.title = '售后服务规范（密封）';
  for (const item of bank.items) {
    const tag = `${MARK}${item.id.replace(/\W/g, '')}`;
    item.explanation = `解析密钥${tag}`;
    secrets.push(item.explanation);
    if (item.blanks) item.blanks.forEach((b, i) => { b.accepted.push(`填空密钥${tag}${i}`); secrets.push(`填空密钥${tag}${i}`); });
    if (item.keywords) item.keywords.forEach((g, i) => { g.terms.push(`关键词密钥${tag}${i}`); secrets.push(`关键词密钥${tag}${i}`); });
    if (item.type === 'shortAnswer') { item.modelAnswer = `参考答案密钥${tag}`; secrets.push(item.modelAnswer); }
  }
  blueprint.id = 'sealed-demo-exam';
  blueprint.bankId = bank.id;
  blueprint.title = '售后服务规范 · 密封考核';
  return { bank, blueprint, secrets };
}

async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return readFile(await file.path());
}

/** Everything the candidate's page can see, as text: DOM, window properties, IndexedDB. */
async function visibleState(page) {
  return page.evaluate(async () => {
    const windowText = [];
    for (const name of Object.getOwnPropertyNames(window)) {
      try {
        const value = window[name];
        if (value && typeof value === 'object' && !(value instanceof Node) && value !== window) {
          windowText.push(JSON.stringify(value)?.slice(0, 1_000_000) ?? '');
        } else if (typeof value === 'string') windowText.push(value);
      } catch { /* cross-origin or cyclic */ }
    }
    const db = await new Promise((ok, ko) => { const r = indexedDB.open('kaohe'); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
    const dump = {};
    for (const name of db.objectStoreNames) {
      dump[name] = await new Promise((ok) => { const r = db.transaction(name).objectStore(name).getAll(); r.onsuccess = () => ok(r.result); });
    }
    db.close();
    return { dom: document.documentElement.outerHTML, window: windowText.join('\n'), idb: JSON.stringify(dump), dump };
  });
}

/**
 * The linear memory of the wasm instance the candidate's page runs on (the candidate module),
 * decoded as UTF-8 (lossy), from the module's export.
 */
async function wasmMemoryText(page) {
  return page.evaluate(async () => {
    const mod = await import('./kaohe/candidate.js');
    const exports = await mod.init();
    const bytes = new Uint8Array(exports.memory.buffer);
    return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  });
}

test('a sealed exam never reveals its key on the candidate device, and the trainer scores it', async () => {
  const { bank, blueprint, secrets } = await markedExam();
  assert.ok(secrets.length >= 87, `${secrets.length} distinctive key strings`);

  // Trainer: store the bank, export a sealed package through the page.
  const trainer = await rig.browser.newContext({ acceptDownloads: true });
  const tPage = await trainer.newPage();
  const tErrors = watchErrors(tPage);
  await tPage.goto(`${rig.url}#/sealed`);
  await ready(tPage);
  await tPage.evaluate(async ({ bank, blueprint }) => {
    const { openStore } = await import('./kaohe/index.js');
    const store = await openStore();
    await store.put('banks', bank);
    await store.put('blueprints', blueprint);
    store.close();
  }, { bank, blueprint });
  await tPage.reload();
  await ready(tPage);
  assert.deepEqual(await seriousA11yViolations(tPage), [], 'sealed view: axe');
  await tPage.getByLabel('选择考试').selectOption({ label: blueprint.title });
  await tPage.locator('#seal-pass').fill('短口令');
  await tPage.getByLabel('再次输入口令').fill('短口令');
  await tPage.locator('#seal-export').click();
  await tPage.waitForSelector('#seal-status.bad');
  assert.equal(await tPage.locator('#seal-status [data-code="WEAK_PASSPHRASE"]').count(), 1);
  assert.match(await tPage.locator('#seal-status').textContent(), /口令太弱/);
  await tPage.locator('#seal-pass').fill(PASSPHRASE);
  await tPage.getByLabel('再次输入口令').fill(PASSPHRASE);
  const pkgText = (await download(tPage, () => tPage.locator('#seal-export').click())).toString('utf8');
  const pkg = JSON.parse(pkgText);
  assert.equal(pkg.format, 'kaohe-sealed-exam');
  assert.equal(pkg.schemaVersion, 2);
  assert.equal(pkg.key.kdf, 'PBKDF2-SHA-256');
  assert.ok(pkg.key.iterations >= 600000);
  for (const secret of secrets) assert.ok(!pkgText.includes(secret), `package leaks ${secret}`);
  assert.ok(!/"answer"|"accepted"|"keywords"|"explanation"|"modelAnswer"/.test(pkgText), 'no key field in clear');
  await screenshot(tPage, 'sealed-1-trainer');

  // Candidate: a separate profile loads the package and takes the exam.
  const candidate = await rig.browser.newContext({ acceptDownloads: true });
  const page = await candidate.newPage();
  const errors = watchErrors(page);
  await page.goto(`${rig.url}#/sealed`);
  await ready(page);
  await page.locator('#sealed-file').setInputFiles({ name: 'sealed.json', mimeType: 'application/json', buffer: Buffer.from(pkgText) });
  await page.waitForSelector('#sealed-choice');
  await page.locator('#sealed-name').fill('赵敏');
  await page.locator('#sealed-id').fill('E3107');
  await page.locator('#sealed-choice').selectOption({ label: blueprint.title });
  await page.locator('#sealed-start-title ~ p button[type=submit]').click();
  await page.waitForSelector('fieldset.item');
  assert.ok(await page.locator('#sealed-note').isVisible());
  for (const set of await page.locator('fieldset.item').all()) {
    const type = await set.getAttribute('data-type');
    if (['single', 'situational', 'trueFalse', 'multiple'].includes(type)) await set.locator('input').first().check();
    else if (type === 'fillBlank' || type === 'numeric') for (const i of await set.locator('input[type=text]').all()) await i.fill('7');
    else if (type === 'shortAnswer') await set.locator('textarea').fill('先道歉，再倾听并澄清，给出方案，30分钟内回电。');
    else if (type === 'matching') for (const s of await set.locator('select').all()) await s.selectOption({ index: 1 });
    else if (type === 'ordering') await set.locator('button[data-move="down"]').first().click();
  }
  await page.waitForFunction(() => document.querySelectorAll('fieldset.item:not([data-saved])').length === 0);
  await screenshot(page, 'sealed-2-candidate');

  const state = await visibleState(page);
  const memory = await wasmMemoryText(page);
  const firstStem = pkg.bank.items[0].stem;
  assert.ok(memory.includes(firstStem), 'control: public text is found in wasm memory');
  assert.ok(state.dom.includes(firstStem), 'control: public text is found in the DOM');
  for (const secret of secrets) {
    assert.ok(!state.dom.includes(secret), `DOM holds ${secret}`);
    assert.ok(!state.window.includes(secret), `window holds ${secret}`);
    assert.ok(!state.idb.includes(secret), `IndexedDB holds ${secret}`);
    assert.ok(!memory.includes(secret), `wasm memory holds ${secret}`);
  }
  assert.equal(state.dump.banks.some((b) => b.id === bank.id), false, 'no bank record for the sealed bank');

  await page.locator('#submit-exam').click();
  await page.locator('#confirm-yes').click();
  await page.waitForSelector('#sealed-submitted');
  const after = await visibleState(page);
  const memoryAfter = await wasmMemoryText(page);
  for (const secret of secrets) assert.ok(!after.idb.includes(secret) && !memoryAfter.includes(secret), `after submitting: ${secret}`);
  await page.goto(`${rig.url}#/sealed`);
  await ready(page);
  const attemptsFile = await download(page, () => page.locator('#export-attempts').click());

  // Trainer: load the package and the attempts, unlock.
  await tPage.goto(`${rig.url}#/sealed`);
  await ready(tPage);
  await tPage.locator('#sealed-file').setInputFiles({ name: 'sealed.json', mimeType: 'application/json', buffer: Buffer.from(pkgText) });
  await tPage.waitForSelector('#sealed-choice');
  await tPage.locator('#attempts-file').setInputFiles({ name: 'attempts.json', mimeType: 'application/json', buffer: attemptsFile });
  await tPage.waitForSelector('#attempts-status.good');
  await tPage.reload();
  await ready(tPage);
  assert.match(await tPage.locator('#waiting-count').textContent(), /1/);
  await tPage.locator('#unlock-pass').fill('华东售后-2026-秋季');
  await tPage.locator('#unlock-button').click();
  await tPage.waitForSelector('#unlock-status.bad', { timeout: 20000 });
  assert.equal(await tPage.locator('#unlock-status [data-code="WRONG_PASSPHRASE"]').count(), 1);
  assert.match(await tPage.locator('#unlock-status').textContent(), /口令不正确/);
  await tPage.locator('#unlock-pass').fill(PASSPHRASE);
  await tPage.locator('#unlock-button').click();
  await tPage.waitForSelector('#unlock-status.good', { timeout: 20000 });
  assert.match(await tPage.locator('#unlock-status').textContent(), /已评分 1 份/);

  await tPage.goto(`${rig.url}#/trainer`);
  await ready(tPage);
  const row = tPage.locator('#attempts-table tbody tr', { hasText: '赵敏' });
  assert.match(await row.textContent(), /合格|不合格/);
  assert.equal(await row.locator('[data-log="intact"]').count(), 1, `the log of a genuine attempt is intact: ${await row.textContent()}`);
  await screenshot(tPage, 'sealed-3-scored');

  // Tamper: change one stored answer in DevTools style, straight in IndexedDB.
  await tPage.evaluate(() => new Promise((ok, ko) => {
    const r = indexedDB.open('kaohe');
    r.onsuccess = () => {
      const tx = r.result.transaction('attempts', 'readwrite');
      const store = tx.objectStore('attempts');
      store.getAll().onsuccess = (e) => {
        const attempt = e.target.result.find((a) => a.candidate.name === '赵敏');
        const [id] = Object.keys(attempt.responses);
        attempt.responses[id].value = 'Z';
        store.put(attempt);
      };
      tx.oncomplete = () => { r.result.close(); ok(); };
      tx.onerror = () => ko(tx.error);
    };
  }));
  await tPage.reload();
  await ready(tPage);
  const edited = tPage.locator('#attempts-table tbody tr', { hasText: '赵敏' });
  assert.equal(await edited.locator('[data-log="tampered"]').count(), 1, 'the edited attempt is flagged');
  assert.match(await edited.textContent(), /记录被改动.*答案与作答日志不符/);
  assert.match(await edited.locator('[data-problems]').getAttribute('data-problems'), /ANSWER_MISMATCH/);
  assert.deepEqual(await seriousA11yViolations(tPage), [], 'trainer with badge: axe');
  await screenshot(tPage, 'sealed-4-tampered');
  assert.deepEqual(errors, []);
  assert.deepEqual(tErrors, []);
  await trainer.close();
  await candidate.close();
});

test('the chain hash is SHA-256 as WebCrypto computes it', async () => {
  const context = await rig.browser.newContext();
  const page = await context.newPage();
  await page.goto(rig.url);
  await ready(page);
  // Both modules (the candidate's, which the page runs on, and the full one) hash the same way.
  const [candidate, full, theirs] = await page.evaluate(async () => {
    const candidateModule = await import('./kaohe/candidate.js');
    const fullModule = await import('./kaohe/index.js');
    await fullModule.init();
    const event = { type: 'answer', at: 1767225600000, itemId: 'pk-001', value: ['退货', '7'] };
    const canonical = '{"at":1767225600000,"itemId":"pk-001","type":"answer","value":["退货","7"]}';
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode('0'.repeat(64) + canonical));
    return [candidateModule.chainEvent('', event), fullModule.chainEvent('', event),
      [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')];
  });
  assert.equal(candidate, theirs);
  assert.equal(full, theirs);
  await context.close();
});
