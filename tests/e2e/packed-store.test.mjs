// The derived `packedAttempts` store (DB version 2): filled from a version-1 database on
// upgrade without touching the attempts, kept in step by every write that goes through the
// Store (submit, put, delete, clear, restore), left out of backups, and read by the analysis view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch } from './harness.mjs';

let server;
let browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('a version-1 database upgrades: packed records for submitted attempts, attempts untouched', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}samples/bank.json`);
  const outcome = await page.evaluate(async () => {
    const request = (r) => new Promise((ok, ko) => { r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
    // The version-1 schema as the first release created it.
    const v1 = await new Promise((ok, ko) => {
      const r = indexedDB.open('kaohe-upgrade', 1);
      r.onupgradeneeded = () => {
        const db = r.result;
        for (const [name, key] of Object.entries({ banks: 'id', blueprints: 'id', attempts: 'attemptId', results: 'attemptId', meta: 'key' })) {
          const store = db.createObjectStore(name, { keyPath: key });
          if (name === 'attempts') {
            store.createIndex('byBlueprint', 'blueprintId');
            store.createIndex('byCandidate', 'candidate.id');
          }
          if (name === 'results') store.createIndex('byBlueprint', 'blueprintId');
        }
      };
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    const tx = v1.transaction('attempts', 'readwrite');
    const attempts = tx.objectStore('attempts');
    const paper = { sections: [{ itemIds: ['Q1', 'Q2'] }, { itemIds: ['Q3'] }] };
    attempts.put({ attemptId: 'a1', blueprintId: 'bp', status: 'submitted', submittedAt: 5, candidate: { id: 'E1' }, paper, responses: { Q1: { value: 'A', answeredAt: 1 } }, packed: new Uint8Array([1, 2, 3]) });
    attempts.put({ attemptId: 'a2', blueprintId: 'bp', status: 'submitted', submittedAt: 6, candidate: { id: 'E2' }, paper, responses: {}, packed: new Uint8Array([4]) });
    attempts.put({ attemptId: 'a3', blueprintId: 'bp', status: 'inProgress', candidate: { id: 'E3' }, responses: {} });
    attempts.put({ attemptId: 'a4', blueprintId: 'other', status: 'submitted', submittedAt: 7, candidate: { id: 'E1' }, responses: {} });
    await new Promise((ok) => { tx.oncomplete = ok; });
    v1.close();

    const kaohe = await import('/kaohe/index.js');
    await kaohe.init();
    const store = await kaohe.openStore({ name: 'kaohe-upgrade' });
    const version = store.db.version;
    const packed = await store.getPackedAttempts('bp');
    const all = await store.getAll('attempts');
    store.close();
    return {
      version,
      packed: packed.map((r) => ({ ...r, packed: [...r.packed] })),
      attempts: all.map((a) => [a.attemptId, a.status, Object.keys(a.responses).length]),
    };
  });
  assert.equal(outcome.version, 3, 'opened at the current version: 1 → 3 in one upgrade');
  assert.deepEqual(outcome.packed, [
    { attemptId: 'a1', blueprintId: 'bp', candidateId: 'E1', submittedAt: 5, packed: [1, 2, 3], paperItems: '["Q1","Q2","Q3"]' },
    { attemptId: 'a2', blueprintId: 'bp', candidateId: 'E2', submittedAt: 6, packed: [4], paperItems: '["Q1","Q2","Q3"]' },
  ]);
  assert.deepEqual(outcome.attempts, [['a1', 'submitted', 1], ['a2', 'submitted', 0], ['a3', 'inProgress', 0], ['a4', 'submitted', 0]]);
  await context.close();
});

test('every write through the Store keeps packedAttempts in step; backups leave it out and restore rebuilds it', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}samples/bank.json`);
  const outcome = await page.evaluate(async () => {
    const kaohe = await import('/kaohe/index.js');
    await kaohe.init();
    const store = await kaohe.openStore({ name: 'kaohe-sync' });
    const ids = async () => (await store.getPackedAttempts('bp')).map((r) => r.attemptId).sort();
    const steps = {};
    await store.startAttempt({ attemptId: 's1', blueprintId: 'bp', bankId: 'b', candidate: { id: 'E1' }, startedAt: 1 });
    await store.saveAnswer('s1', 'Q1', 'A', 2);
    steps.inProgress = await ids();
    await store.submitAttempt('s1', { result: null, packed: new Uint8Array([9, 9]), submittedAt: 3 });
    steps.submitted = await ids();
    await store.putAll('attempts', [
      { attemptId: 's2', blueprintId: 'bp', status: 'submitted', submittedAt: 4, candidate: { id: 'E2' }, responses: {}, packed: new Uint8Array([7]) },
      { attemptId: 's3', blueprintId: 'bp', status: 'submitted', submittedAt: 5, candidate: { id: 'E3' }, responses: {} },
    ]);
    steps.putAll = await ids();
    await store.delete('attempts', 's2');
    steps.deleted = await ids();
    // A failed transaction writes neither the attempt nor its packed record.
    try {
      await store.transaction('attempts', 'readwrite', (s) => {
        s.attempts.put({ attemptId: 's4', blueprintId: 'bp', status: 'submitted', submittedAt: 6, responses: {}, packed: new Uint8Array([1]) });
        throw new Error('bad input');
      });
    } catch { /* expected */ }
    steps.aborted = await ids();
    const { text } = await kaohe.exportBackup(store);
    steps.backupStores = Object.keys(JSON.parse(text).stores).includes('packedAttempts');
    await store.transaction('attempts', 'readwrite', (s) => { s.attempts.clear(); });
    steps.cleared = await ids();
    await kaohe.restoreBackup(store, text);
    steps.restored = await ids();
    const [record] = await store.getPackedAttempts('bp');
    steps.restoredBytes = [...record.packed];
    store.close();
    return steps;
  });
  assert.deepEqual(outcome.inProgress, []);
  assert.deepEqual(outcome.submitted, ['s1']);
  assert.deepEqual(outcome.putAll, ['s1', 's2'], 's3 has no packed answers');
  assert.deepEqual(outcome.deleted, ['s1']);
  assert.deepEqual(outcome.aborted, ['s1']);
  assert.equal(outcome.backupStores, false);
  assert.deepEqual(outcome.cleared, []);
  assert.deepEqual(outcome.restored, ['s1']);
  assert.deepEqual(outcome.restoredBytes, [9, 9]);
  await context.close();
});
