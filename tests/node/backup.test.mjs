// backup.js without a browser: the file checks, each with its code and path, the v0 migration
// and the base64 bytes. The checksum here is computed with node:crypto, independently of the
// WebCrypto call in backup.js. (Export and the one-transaction restore are covered in
// e2e/backup.test.mjs, which needs IndexedDB.)
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { initSync } from '../../www/pkg/kaohe.js';
import { readBackup, canonicalJson, isPrivateMeta } from '../../www/kaohe/backup.js';

const read = (path) => readFileSync(new URL(path, import.meta.url));
const V0 = JSON.parse(read('../fixtures/backup/backup-v0.json'));

before(() => { initSync({ module: read('../../www/pkg/kaohe_bg.wasm') }); });

/** A v1 file built by hand from the v0 fixture's records, with a node:crypto checksum. */
function v1(edit = () => {}) {
  const stores = structuredClone(V0.data);
  stores.attempts = stores.attempts.map(({ answers, ...a }) => ({
    ...a,
    responses: Object.fromEntries(answers.map((x) => [x.itemId, { value: x.value, answeredAt: x.answeredAt }])),
    packed: { $base64: Buffer.from([1, 2, 3, 250]).toString('base64') },
  }));
  stores.results = [];
  const body = { format: 'kaohe-backup', schemaVersion: 1, createdAt: '2026-11-22T08:00:00.000Z', stores, counts: {} };
  edit(body);
  for (const [name, records] of Object.entries(body.stores)) body.counts[name] ??= records.length;
  return { ...body, sha256: createHash('sha256').update(canonicalJson(body)).digest('hex') };
}

async function rejects(text, code, path) {
  await assert.rejects(readBackup(typeof text === 'string' ? text : JSON.stringify(text)), (e) => {
    assert.equal(e.code, code);
    assert.equal(e.path, path);
    assert.ok(e.messages.zh && e.messages.en && e.message === e.messages.zh);
    return true;
  });
}

test('a valid file reads back with its bytes', async () => {
  const { stores, counts, migratedFrom } = await readBackup(JSON.stringify(v1()));
  assert.equal(migratedFrom, null);
  assert.equal(counts.attempts, 1);
  assert.deepEqual([...stores.attempts[0].packed], [1, 2, 3, 250]);
  assert.ok(stores.attempts[0].packed instanceof Uint8Array);
});

test('every problem has its own code and path', async () => {
  const good = JSON.stringify(v1());
  await rejects(good.slice(0, good.length - 40), 'BACKUP_NOT_JSON', '');
  await rejects({ ...v1(), format: 'other' }, 'BACKUP_FORMAT', 'format');
  await rejects({ ...v1(), schemaVersion: 2 }, 'BACKUP_VERSION', 'schemaVersion');
  await rejects({ ...v1(), sha256: undefined }, 'BACKUP_STRUCTURE', 'sha256');
  const edited = v1();
  edited.stores.attempts[0].candidate.name = '张三';
  await rejects(edited, 'BACKUP_CHECKSUM', 'sha256');
  await rejects(v1((b) => { b.counts.attempts = 2; }), 'BACKUP_COUNTS', 'counts.attempts');
  await rejects(v1((b) => { b.stores.reports = []; }), 'BACKUP_UNKNOWN_STORE', 'stores.reports');
  await rejects(v1((b) => { delete b.stores.attempts[0].attemptId; }), 'BACKUP_RECORD', 'stores.attempts[0].attemptId');
  await rejects(v1((b) => { b.stores.attempts[0].packed.$base64 = '%%%'; }), 'BACKUP_BYTES', 'stores.attempts[0].packed');
  await rejects(v1((b) => { b.stores.banks[0].items[1].id = b.stores.banks[0].items[0].id; }), 'DUPLICATE_ID', 'stores.banks[0].items[1].id');
});

test('schemaVersion 0 is migrated and its packed answers recomputed', async () => {
  const { stores, migratedFrom } = await readBackup(JSON.stringify(V0));
  assert.equal(migratedFrom, 0);
  const [attempt] = stores.attempts;
  assert.equal(attempt.answers, undefined);
  assert.equal(Object.keys(attempt.responses).length, V0.data.attempts[0].answers.length);
  assert.ok(attempt.packed instanceof Uint8Array && attempt.packed.length > 0);
  assert.deepEqual(stores.results[0].candidate, { id: 'E2210', name: '周婷' });
  assert.deepEqual(stores.results[0].result, V0.data.results[0].examResult);
  await rejects({ format: 'kaohe-backup', schemaVersion: 0 }, 'BACKUP_STRUCTURE', 'data');
});

test('LRS settings and credentials are private', () => {
  assert.equal(isPrivateMeta({ key: 'lrs' }), true);
  assert.equal(isPrivateMeta({ key: 'settings:lrsEndpoint' }), true);
  assert.equal(isPrivateMeta({ key: 'xapi', password: 'x' }), true);
  assert.equal(isPrivateMeta({ key: 'exam:bp-theory-2026q4', practice: false }), false);
});
