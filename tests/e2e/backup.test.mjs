// Backup and restore across browser profiles: a candidate takes the practice exam in one
// profile; the trainer exports a backup; a FRESH profile restores it and the trainer view shows
// the attempt and result. A truncated and an edited file each change nothing and say why; a
// schemaVersion 0 file is migrated.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launchPersistent, watchErrors, screenshot, seriousA11yViolations, waitReady as ready } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const V0_FIXTURE = resolve(here, '../fixtures/backup/backup-v0.json');

let server;
const profiles = [];
const contexts = [];

before(async () => { server = await serve(); });
after(async () => {
  for (const c of contexts) await c.close();
  await server?.close();
  for (const p of profiles) await rm(p, { recursive: true, force: true });
});

async function freshProfile() {
  const dir = await mkdtemp(join(tmpdir(), 'kaohe-backup-'));
  profiles.push(dir);
  const context = await launchPersistent(dir, { acceptDownloads: true });
  contexts.push(context);
  return context;
}

/** Gives some answer to the item in `set`, whatever its type. */
async function answerAny(set) {
  const choice = set.locator('input[type=radio], input[type=checkbox]');
  if (await choice.count()) { await choice.first().check(); return; }
  const down = set.locator('button[data-move="down"]');
  if (await down.count()) { await down.first().click(); return; }
  for (const input of await set.locator('input[type=text], textarea').all()) await input.fill('3');
  for (const select of await set.locator('select').all()) await select.selectOption({ index: 1 });
}

/** Every store's records, read straight from IndexedDB (bytes as plain arrays). */
function snapshot(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('kaohe');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const names = [...db.objectStoreNames];
      const tx = db.transaction(names, 'readonly');
      const out = {};
      for (const n of names) {
        const r = tx.objectStore(n).getAll();
        r.onsuccess = () => { out[n] = r.result; };
      }
      tx.oncomplete = () => {
        db.close();
        resolve(JSON.parse(JSON.stringify(out, (k, v) => (v instanceof Uint8Array ? { bytes: [...v] } : v))));
      };
    };
  }));
}

async function restore(page, path) {
  // A fresh document each time: going to the same URL again is a same-document navigation that
  // would leave the previous attempt's message on screen.
  await page.goto('about:blank');
  await page.goto(`${server.url}#/backup`);
  await ready(page);
  await page.waitForSelector('#backup-file');
  await page.locator('#backup-file').setInputFiles(path);
  await page.locator('#restore-backup').click();
  await page.waitForSelector('#restore-done, #restore-error');
}

let backupPath;
let original;

test('export in one profile, restore in a fresh one, then refuse bad files', async () => {
  // Profile A: a short practice exam, then the export.
  const a = await freshProfile();
  const page = await a.newPage();
  const errors = watchErrors(page);
  await page.goto(server.url);
  await ready(page);
  await page.getByLabel('姓名').fill('陈晓雯');
  await page.getByLabel('工号').fill('E3107');
  const practice = await page.locator('#exam-choice option').filter({ hasText: '练习' }).first().getAttribute('value');
  await page.getByLabel('选择考试').selectOption(practice);
  await page.getByRole('button', { name: '开始考试' }).click();
  await page.waitForSelector('fieldset.item');
  for (const set of await page.locator('fieldset.item').all()) await answerAny(set);
  await page.locator('#submit-exam').click();
  await page.locator('#confirm-yes').click();
  await page.waitForSelector('#result-summary');

  await page.goto(`${server.url}#/backup`);
  await page.waitForSelector('#export-backup');
  assert.deepEqual(await seriousA11yViolations(page), [], 'backup view: axe');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-backup').click()]);
  assert.match(download.suggestedFilename(), /^kaohe-backup-\d{4}-\d{2}-\d{2}-\d{6}\.json$/);
  backupPath = join(profiles[0], 'backup.json');
  await download.saveAs(backupPath);
  await page.waitForSelector('#export-counts');
  assert.equal(await page.locator('#export-counts tr[data-store="attempts"] td').textContent(), '1');
  await screenshot(page, 'backup-1-export');
  original = await snapshot(page);
  assert.deepEqual(errors, []);

  const file = JSON.parse(await readFile(backupPath, 'utf8'));
  assert.equal(file.format, 'kaohe-backup');
  assert.equal(file.schemaVersion, 1);
  assert.equal(file.counts.attempts, 1);
  assert.equal(file.counts.results, 1);
  assert.match(file.sha256, /^[0-9a-f]{64}$/);
  assert.ok(typeof file.stores.attempts[0].packed.$base64 === 'string', 'packed bytes as base64');

  // Profile B: a fresh browser; nothing of A's is there until the restore.
  const b = await freshProfile();
  const fresh = await b.newPage();
  const freshErrors = watchErrors(fresh);
  await fresh.goto(`${server.url}#/trainer`);
  await ready(fresh);
  assert.equal((await snapshot(fresh)).attempts.length, 0, 'the fresh profile has no attempts');
  await restore(fresh, backupPath);
  assert.equal(await fresh.locator('#restore-error').count(), 0, 'no error on a good file');
  assert.match(await fresh.locator('#restore-done').textContent(), /已恢复/);
  assert.equal(await fresh.locator('#restore-counts tr[data-store="results"] td').textContent(), '1');
  assert.deepEqual(await seriousA11yViolations(fresh), [], 'backup view after restore: axe');
  await screenshot(fresh, 'backup-2-restored');
  const restored = await snapshot(fresh);
  for (const store of ['attempts', 'results', 'banks', 'blueprints']) {
    assert.deepEqual(restored[store], original[store], `${store} restored exactly (bytes included)`);
  }
  await fresh.goto(`${server.url}#/trainer`);
  await fresh.waitForSelector('#attempts-table');
  assert.match(await fresh.locator('#attempts-table').textContent(), /陈晓雯（E3107）/);
  await fresh.locator('#attempts-table a').first().click();
  await fresh.waitForSelector('#result-summary');

  // A truncated file and an edited file: nothing changes, the error says what and where.
  const before = await snapshot(fresh);
  const text = await readFile(backupPath, 'utf8');
  const truncated = join(profiles[1], 'truncated.json');
  await writeFile(truncated, text.slice(0, Math.floor(text.length * 0.6)));
  await restore(fresh, truncated);
  assert.equal(await fresh.locator('#restore-error').getAttribute('data-code'), 'BACKUP_NOT_JSON');
  assert.match(await fresh.locator('#restore-error').textContent(), /截断/);
  assert.deepEqual(await snapshot(fresh), before, 'a truncated file changed nothing');

  const edited = join(profiles[1], 'edited.json');
  const tampered = JSON.parse(text);
  tampered.stores.results[0].result.points += 10;
  await writeFile(edited, JSON.stringify(tampered));
  await restore(fresh, edited);
  assert.equal(await fresh.locator('#restore-error').getAttribute('data-code'), 'BACKUP_CHECKSUM');
  assert.match(await fresh.locator('#restore-error').textContent(), /BACKUP_CHECKSUM · sha256/);
  await screenshot(fresh, 'backup-3-edited');
  assert.deepEqual(await snapshot(fresh), before, 'an edited file changed nothing');

  // A partial file whose checksum was recomputed by hand still fails on the counts.
  const partial = join(profiles[1], 'partial.json');
  const cut = JSON.parse(text);
  cut.stores.results = [];
  await writeFile(partial, JSON.stringify(cut));
  await restore(fresh, partial);
  assert.equal(await fresh.locator('#restore-error').getAttribute('data-code'), 'BACKUP_COUNTS');
  assert.match(await fresh.locator('#restore-error').textContent(), /counts\.results/);
  assert.deepEqual(await snapshot(fresh), before, 'a partial file changed nothing');

  // A bank that fails validation: the module's code, the path inside the file.
  const badBank = JSON.parse(text);
  badBank.stores.banks[0].items[1].id = badBank.stores.banks[0].items[0].id;
  const { canonicalJson } = await import('../../www/kaohe/backup.js');
  const { sha256, ...body } = badBank;
  const { createHash } = await import('node:crypto');
  badBank.sha256 = createHash('sha256').update(canonicalJson(body)).digest('hex');
  const badBankPath = join(profiles[1], 'bad-bank.json');
  await writeFile(badBankPath, JSON.stringify(badBank));
  await restore(fresh, badBankPath);
  assert.equal(await fresh.locator('#restore-error').getAttribute('data-code'), 'DUPLICATE_ID');
  assert.match(await fresh.locator('#restore-error').textContent(), /stores\.banks\[0\]\.items\[1\]\.id/);
  assert.deepEqual(await snapshot(fresh), before, 'a bad bank changed nothing');
  assert.deepEqual(freshErrors, []);
});

test('a schemaVersion 0 backup is migrated on restore', async () => {
  const c = await freshProfile();
  const page = await c.newPage();
  await page.goto(server.url);
  await ready(page);
  await restore(page, V0_FIXTURE);
  assert.equal(await page.locator('#restore-error').count(), 0);
  assert.match(await page.locator('#restore-done').textContent(), /已从旧版本 0 升级/);
  const v0 = JSON.parse(await readFile(V0_FIXTURE, 'utf8'));
  const stored = await snapshot(page);
  assert.equal(stored.attempts.length, v0.data.attempts.length);
  const attempt = stored.attempts[0];
  const old = v0.data.attempts[0];
  assert.equal(Object.keys(attempt.responses).length, old.answers.length, 'answers became responses');
  assert.deepEqual(attempt.responses[old.answers[0].itemId].value, old.answers[0].value);
  assert.ok(attempt.packed?.bytes?.length > 0, 'packed bytes were recomputed');
  const result = stored.results[0];
  assert.deepEqual(result.candidate, { id: v0.data.results[0].candidateId, name: v0.data.results[0].candidateName });
  assert.deepEqual(result.result, v0.data.results[0].examResult);
  await page.goto(`${server.url}#/trainer`);
  await page.waitForSelector('#attempts-table');
  assert.match(await page.locator('#attempts-table').textContent(), new RegExp(v0.data.results[0].candidateName));

  // The view in English: its own strings, errors in English, no serious axe violation.
  await page.goto(`${server.url}?lang=en#/backup`);
  await ready(page);
  await page.waitForSelector('#backup-file');
  assert.equal(await page.locator('main h2').first().textContent(), 'Backup and restore');
  await page.locator('#restore-backup').click();
  assert.equal(await page.locator('#restore-out [role="alert"]').textContent(), 'Choose a backup file first.');
  const truncated = join(profiles.at(-1), 'truncated-v0.json');
  await writeFile(truncated, (await readFile(V0_FIXTURE, 'utf8')).slice(0, 500));
  await restore(page, truncated);
  assert.match(await page.locator('#restore-error').textContent(), /Restore failed; nothing was changed.*truncated/);
  assert.deepEqual(await seriousA11yViolations(page), [], 'backup view (en): axe');
  await screenshot(page, 'backup-4-en');
});
