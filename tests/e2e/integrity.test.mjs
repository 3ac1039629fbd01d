// Issue #16, points 1–3, as an attacker with the candidate's own browser would do them: a
// candidate takes the sample exam through the page, then edits the stored records (IndexedDB)
// one way at a time. Each edit is flagged in the trainer's list with the reason in words, or
// refused by the page. A sealed exam's attempt whose paper was trimmed to the answered items is
// scored on the paper the seed builds from the sealed package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pageRig, WWW, watchErrors, screenshot, waitReady as ready } from './harness.mjs';

const rig = pageRig();

/**
 * Edits one stored record in raw IndexedDB, as a candidate with devtools would. `ops`:
 * `['set', path, value]`, `['delete', path]`, `['add', path, n]`, `['flipLastByte', path]`,
 * `['remove']` (deletes the record). Returns the record as it was.
 */
async function edit(page, store, key, ops) {
  return page.evaluate(async ({ store, key, ops }) => {
    const db = await new Promise((ok, ko) => { const r = indexedDB.open('kaohe'); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
    const tx = db.transaction(store, 'readwrite');
    const os = tx.objectStore(store);
    const record = await new Promise((ok) => { const r = os.get(key); r.onsuccess = () => ok(r.result); });
    const original = structuredClone(record);
    const at = (path) => { let o = record; for (const k of path.slice(0, -1)) o = o[k]; return [o, path[path.length - 1]]; };
    let removed = false;
    for (const [op, path, value] of ops) {
      if (op === 'remove') { os.delete(key); removed = true; continue; }
      const [o, k] = at(path);
      if (op === 'set') o[k] = value;
      if (op === 'delete') delete o[k];
      if (op === 'add') o[k] += value;
      if (op === 'flipLastByte') { const bytes = new Uint8Array(o[k]); bytes[bytes.length - 1] ^= 1; o[k] = bytes; }
    }
    if (!removed) os.put(record);
    await new Promise((ok) => { tx.oncomplete = ok; });
    db.close();
    return original;
  }, { store, key, ops });
}

async function restore(page, store, record) {
  await page.evaluate(async ({ store, record }) => {
    const db = await new Promise((ok) => { const r = indexedDB.open('kaohe'); r.onsuccess = () => ok(r.result); });
    const tx = db.transaction(store, 'readwrite');
    if (record.packed) record.packed = new Uint8Array(Object.values(record.packed));
    tx.objectStore(store).put(record);
    await new Promise((ok) => { tx.oncomplete = ok; });
    db.close();
  }, { store, record });
}

/** The trainer's verdict on an attempt: problem codes (from a data attribute) and the words shown. */
async function verdict(page, attemptId) {
  await page.goto(`${rig.url}#/trainer`);
  await page.reload();
  await ready(page);
  const row = page.locator(`#attempts-table tr[data-attempt-id="${attemptId}"]`);
  await row.waitFor();
  const flagged = row.locator('[data-problems]');
  const codes = (await flagged.count()) ? (await flagged.getAttribute('data-problems')).split(' ') : [];
  return { codes, text: await row.textContent(), intact: await row.locator('[data-log="intact"]').count() === 1 };
}

test('every edit of a stored attempt or result is flagged with its reason, or refused', async () => {
  const context = await rig.browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(rig.url);
  await ready(page);
  await page.locator('#cand-name').fill('李晓雯');
  await page.locator('#cand-id').fill('E1001');
  await page.locator('#exam-choice').selectOption({ label: '2026年第四季度客服理论考核' });
  await page.getByRole('button', { name: '开始' }).click();
  await page.waitForSelector('fieldset.item');
  const singles = page.locator('fieldset.item[data-type="single"]');
  for (let i = 0; i < 3; i += 1) {
    const item = singles.nth(i);
    await item.locator('input[type=radio]').first().check();
    await page.waitForFunction((id) => document.getElementById(id)?.dataset.saved, await item.getAttribute('id'));
  }
  const attemptId = decodeURIComponent(page.url().split('#/exam/')[1]);
  await page.locator('#submit-exam').click();
  await page.locator('#confirm-yes').click();
  await page.waitForURL(/#\/result\//);

  const genuine = await verdict(page, attemptId);
  assert.ok(genuine.intact, `a genuine attempt verifies: ${genuine.text} ${genuine.codes}`);
  assert.match(genuine.text, /记录完整/);

  // 1. The result edited to a pass.
  let original = await edit(page, 'results', attemptId, [
    ['set', ['result', 'points'], 23], ['set', ['result', 'maxPoints'], 23],
    ['set', ['result', 'percent'], 100], ['set', ['result', 'passed'], true]]);
  let v = await verdict(page, attemptId);
  assert.ok(v.codes.includes('SCORE_MISMATCH') && v.codes.includes('RESULT_HASH_MISMATCH'), v.codes.join());
  assert.match(v.text, /记录被改动/);
  assert.match(v.text, /成绩与按答案重新评分的结果不同/);
  assert.doesNotMatch(v.text, /SCORE_MISMATCH/, 'no code on a Chinese screen');
  await screenshot(page, 'integrity-1-result-edited');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator('#lang-switch').click();
  await page.waitForFunction(() => /the score differs/.test(document.querySelector('#attempts-table')?.textContent ?? ''));
  assert.match(await page.locator('#attempts-table').textContent(), /the score differs from re-scoring the answers/);
  await screenshot(page, 'integrity-1-result-edited-en-390');
  await page.locator('#lang-switch').click();
  await page.waitForFunction(() => /记录/.test(document.querySelector('#attempts-table')?.textContent ?? ''));
  await page.setViewportSize({ width: 1366, height: 768 });
  await restore(page, 'results', original);

  // 3. Reopened: flagged, and the page refuses to reopen it (the log holds its submit).
  original = await edit(page, 'attempts', attemptId, [['set', ['status'], 'inProgress']]);
  v = await verdict(page, attemptId);
  assert.ok(v.codes.includes('STATUS_MISMATCH'), v.codes.join());
  assert.match(v.text, /已交卷的考试被重新打开/);
  await page.goto(`${rig.url}#/exam/${attemptId}`);
  await page.waitForURL(/#\/result\//);
  const refused = await page.evaluate(async (id) => {
    const { openStore } = await import('./kaohe/candidate.js');
    const store = await openStore();
    const codes = [];
    try { await store.saveAnswer(id, 'x', 'A'); } catch (e) { codes.push(e.code); }
    try { await store.submitAttempt(id, { result: null }); } catch (e) { codes.push(e.code); }
    store.close();
    return codes;
  }, attemptId);
  assert.deepEqual(refused, ['ATTEMPT_CLOSED', 'ATTEMPT_CLOSED']);
  await restore(page, 'attempts', original);

  // 3. An hour added to the deadline.
  original = await edit(page, 'attempts', attemptId, [['add', ['deadlineAt'], 3600000]]);
  v = await verdict(page, attemptId);
  assert.ok(v.codes.includes('DEADLINE_MISMATCH'), v.codes.join());
  assert.match(v.text, /截止时间被改动/);
  await restore(page, 'attempts', original);

  // 3. Candidate, seed, packed bytes, a deleted result.
  const cases = [
    ['attempts', [['set', ['candidate', 'name'], '王强']], 'CANDIDATE_MISMATCH', /考生姓名或工号被改动/],
    ['attempts', [['set', ['candidate', 'id'], 'E9999']], 'CANDIDATE_MISMATCH', /考生姓名或工号被改动/],
    ['attempts', [['add', ['seed'], 1]], 'SEED_MISMATCH', /试卷编号（种子）被改动/],
    ['attempts', [['flipLastByte', ['packed']]], 'PACKED_MISMATCH', /题目分析用的答案数据被改动/],
    ['results', [['remove']], 'RESULT_MISSING', /成绩记录被删除/],
  ];
  for (const [store, ops, code, words] of cases) {
    original = await edit(page, store, attemptId, ops);
    v = await verdict(page, attemptId);
    assert.ok(v.codes.includes(code), `${code}: ${v.codes.join()}`);
    assert.match(v.text, words);
    await restore(page, store, original);
  }
  v = await verdict(page, attemptId);
  assert.ok(v.intact, `restored: ${v.codes}`);
  await page.locator('#lang-switch').click();
  // The switch re-renders the route asynchronously: the Chinese table stays until the English one
  // replaces it, so wait for the words rather than for the table.
  await page.waitForFunction(() => /record intact/.test(document.querySelector('#attempts-table')?.textContent ?? ''));
  assert.match(await page.locator('#attempts-table').textContent(), /record intact/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a sealed attempt with its paper trimmed to the answered items is scored on the sealed paper', async () => {
  const context = await rig.browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${rig.url}#/sealed`);
  await ready(page);
  const bank = JSON.parse(await readFile(join(WWW, 'samples/bank.json'), 'utf8'));
  const blueprint = JSON.parse(await readFile(join(WWW, 'samples/blueprint.json'), 'utf8'));
  bank.id = 'sealed-integrity';
  blueprint.id = 'sealed-integrity-exam';
  blueprint.bankId = bank.id;
  blueprint.title = '密封考核 · 完整性';
  const attemptId = await page.evaluate(async ({ bank, blueprint }) => {
    const full = await import('./kaohe/index.js');
    await full.init();
    const pkg = await full.sealExam({ bank, blueprint, passphrase: '华东售后-2026-春季-密封' });
    const { openStore } = await import('./kaohe/candidate.js');
    const store = await openStore();
    const views = await import('./views/sealed.js');
    const sealed = await views.loadPackage(store, pkg);
    const attempt = await views.startSealedAttempt(store, sealed, { name: '周敏', id: 'E2002' });
    // Answer two items with whatever option the view shows first (the key is not here).
    const { SealedExam } = await import('./kaohe/candidate.js');
    const exam = new SealedExam(pkg.bank, pkg.blueprint);
    const items = exam.view(attempt.paper).sections.flatMap((s) => s.items).filter((i) => i.type === 'single').slice(0, 2);
    exam.free();
    for (const item of items) await store.saveAnswer(attempt.attemptId, item.id, item.options[0].id);
    await store.submitAttempt(attempt.attemptId, { result: null });
    store.close();
    return attempt.attemptId;
  }, { bank, blueprint });

  // The candidate's file: keep only the answered items on the paper.
  const original = await page.evaluate(async (id) => {
    const db = await new Promise((ok) => { const r = indexedDB.open('kaohe'); r.onsuccess = () => ok(r.result); });
    const tx = db.transaction('attempts', 'readwrite');
    const os = tx.objectStore('attempts');
    const a = await new Promise((ok) => { const r = os.get(id); r.onsuccess = () => ok(r.result); });
    const total = a.paper.sections.reduce((n, s) => n + s.itemIds.length, 0);
    const answered = new Set(Object.keys(a.responses));
    for (const s of a.paper.sections) s.itemIds = s.itemIds.filter((i) => answered.has(i));
    for (const k of Object.keys(a.paper.optionOrder)) if (!answered.has(k)) delete a.paper.optionOrder[k];
    os.put(a);
    await new Promise((ok) => { tx.oncomplete = ok; });
    db.close();
    return { total };
  }, attemptId);
  assert.ok(original.total > 2);

  await page.reload();
  await ready(page);
  await page.locator('#unlock-pass').fill('华东售后-2026-春季-密封');
  await page.locator('#unlock-button').click();
  await page.waitForSelector('#unlock-status.good', { timeout: 60000 });

  const v = await verdict(page, attemptId);
  assert.ok(v.codes.includes('PAPER_MISMATCH') || v.codes.includes('PAPER_NOT_REBUILT'), v.codes.join());
  assert.match(v.text, /试卷被改动|试卷与按考试重新组出的不同/);
  const result = await page.evaluate(async (id) => {
    const { openStore } = await import('./kaohe/candidate.js');
    const store = await openStore();
    const record = await store.get('results', id);
    store.close();
    return record.result;
  }, attemptId);
  assert.equal(result.items.length, original.total, 'scored on every item of the sealed paper');
  assert.ok(result.percent < 100, `not a forged 100%: ${result.percent}`);
  assert.doesNotMatch(v.text, /（100%）/);
  await screenshot(page, 'integrity-2-sealed-paper-trimmed');
  assert.deepEqual(errors, []);
  await context.close();
});
