// Issue #16, point 5, in Chromium: a sealed package is authenticated whole (an edited stem,
// points or pass mark make unsealing fail), ordering and matching options are not listed in the
// bank's order, a tag that spells out an answer is not in clear, weak passphrases are refused
// with a clear message, and the sample exams are not offered for sealing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pageRig, WWW, watchErrors, screenshot, waitReady as ready } from './harness.mjs';

const PASSPHRASE = '华东售后二〇二六春季抽考';

const rig = pageRig();

async function ownExam() {
  const bank = JSON.parse(await readFile(join(WWW, 'samples/bank.json'), 'utf8'));
  const blueprint = JSON.parse(await readFile(join(WWW, 'samples/blueprint.json'), 'utf8'));
  bank.id = 'own-bank';
  bank.title = '自建题库';
  blueprint.id = 'own-exam';
  blueprint.bankId = bank.id;
  blueprint.title = '自建考核';
  // A label that spells out an answer, on an item no filter selects by label.
  const first = bank.items.find((i) => i.type === 'single');
  first.tags.labels = [...(first.tags.labels ?? []), `答案是${first.answer}QX9`];
  return { bank, blueprint, first };
}

test('an edited sealed package does not unseal; nothing in clear gives an answer away', async () => {
  const page = await rig.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${rig.url}#/sealed`);
  await ready(page);
  const { bank, blueprint, first } = await ownExam();
  const out = await page.evaluate(async ({ bank, blueprint, passphrase, firstId }) => {
    const m = await import('./kaohe/index.js');
    await m.init();
    const pkg = await m.sealExam({ bank, blueprint, passphrase });
    const text = JSON.stringify(pkg);
    const tryUnseal = async (edit) => {
      const copy = JSON.parse(text);
      edit(copy);
      try { await m.unsealBank(copy, passphrase); return 'opened'; } catch (e) { return e.code; }
    };
    const item = (p, id) => p.bank.items.find((i) => i.id === id);
    const results = {
      untouched: await tryUnseal(() => {}),
      stem: await tryUnseal((p) => { item(p, firstId).stem += '（改）'; }),
      points: await tryUnseal((p) => { const i = p.bank.items.find((x) => x.points === 2); i.points = 50; }),
      passMark: await tryUnseal((p) => { p.blueprint.passMarkPercent = 1; }),
      option: await tryUnseal((p) => { item(p, firstId).options[0].text = '正确答案'; }),
      title: await tryUnseal((p) => { p.bank.title = '别的'; }),
    };
    const bankOrder = Object.fromEntries(bank.items.filter((i) => i.type === 'ordering' || i.type === 'matching').map((i) => [i.id, i.options.map((o) => o.id).join()]));
    const publicOrder = Object.fromEntries(pkg.bank.items.filter((i) => bankOrder[i.id]).map((i) => [i.id, i.options.map((o) => o.id).join()]));
    // The clear part of the package (the ciphertext is random base64 and may hold any 3 letters).
    const clear = JSON.parse(text);
    delete clear.key.ciphertext;
    return { results, bankOrder, publicOrder, text: JSON.stringify(clear) };
  }, { bank, blueprint, passphrase: PASSPHRASE, firstId: first.id });
  assert.equal(out.results.untouched, 'opened');
  for (const edit of ['stem', 'points', 'passMark', 'option', 'title']) {
    assert.equal(out.results[edit], 'WRONG_PASSPHRASE', `an edited ${edit} must not unseal`);
  }
  assert.ok(Object.keys(out.bankOrder).length >= 2);
  for (const [id, order] of Object.entries(out.bankOrder)) {
    assert.notEqual(out.publicOrder[id], order, `${id}: options listed as in the bank`);
  }
  assert.doesNotMatch(out.text, /QX9/, 'a tag spelling out an answer is sealed');
  assert.deepEqual(errors, []);
  await page.close();
});

test('weak passphrases are refused with a clear message; samples are not offered for sealing', async () => {
  const page = await rig.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${rig.url}#/sealed`);
  await ready(page);
  // Only the samples: nothing to seal, and the page says why.
  assert.match(await page.locator('#seal-none').textContent(), /示例考试的题库和答案随页面下发/);
  assert.equal(await page.locator('#seal-exam').count(), 0);
  await screenshot(page, 'sealed-package-1-samples-only');

  const { bank, blueprint } = await ownExam();
  await page.evaluate(async ({ bank, blueprint }) => {
    const { openStore } = await import('./kaohe/candidate.js');
    const store = await openStore();
    await store.put('banks', bank);
    await store.put('blueprints', blueprint);
    store.close();
  }, { bank, blueprint });
  await page.reload();
  await ready(page);
  const offered = await page.locator('#seal-exam option').allTextContents();
  assert.deepEqual(offered, ['自建考核'], 'only the own exam is offered');
  assert.match(await page.locator('#seal-pass-rule').textContent(), /至少 10 个字符/);
  for (const weak of ['12345678', '1234567890', 'password123', 'aaaaaaaaaaaa', '短口令']) {
    await page.locator('#seal-pass').fill(weak);
    await page.locator('#seal-pass2').fill(weak);
    await page.locator('#seal-export').click();
    await page.waitForSelector('#seal-status.bad');
    assert.match(await page.locator('#seal-status').textContent(), /口令太弱/, weak);
    await page.evaluate(() => { document.getElementById('seal-status').className = ''; });
  }
  await screenshot(page, 'sealed-package-2-weak');
  await page.locator('#seal-pass').fill(PASSPHRASE);
  await page.locator('#seal-pass2').fill(PASSPHRASE);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#seal-export').click()]);
  const pkg = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(pkg.schemaVersion, 2);
  assert.deepEqual(errors, []);
  await page.close();
});
