// The derived `packedAttempts` store (DB version 2; in 64 buckets since version 4): filled from a
// version-1 database, and rebuilt from a version-3 one, on upgrade without touching the attempts,
// kept in step by every write that goes through the Store (submit, put, delete, clear, restore),
// left out of backups, and read by the analysis view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pageRig } from './harness.mjs';

const rig = pageRig();

test('a version-1 database upgrades: packed records for submitted attempts, attempts untouched', async () => {
  const context = await rig.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${rig.url}samples/bank.json`);
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
  assert.equal(outcome.version, 4, 'opened at the current version: 1 → 4 in one upgrade');
  assert.deepEqual(outcome.packed, [
    { attemptId: 'a1', blueprintId: 'bp', candidateId: 'E1', submittedAt: 5, packed: [1, 2, 3], paperItems: '["Q1","Q2","Q3"]' },
    { attemptId: 'a2', blueprintId: 'bp', candidateId: 'E2', submittedAt: 6, packed: [4], paperItems: '["Q1","Q2","Q3"]' },
  ]);
  assert.deepEqual(outcome.attempts, [['a1', 'submitted', 1], ['a2', 'submitted', 0], ['a3', 'inProgress', 0], ['a4', 'submitted', 0]]);
  await context.close();
});

test('every write through the Store keeps packedAttempts in step; backups leave it out and restore rebuilds it', async () => {
  const context = await rig.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${rig.url}samples/bank.json`);
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

test('a version-3 database with data upgrades to version 4: every record kept, packed records rebuilt in buckets', async () => {
  const context = await rig.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${rig.url}samples/bank.json`);
  const outcome = await page.evaluate(async () => {
    const storage = await import('/kaohe/storage.js');
    // The version-3 layout as version 3 of storage.js created it: one packed record per attempt,
    // indexed by blueprint.
    const keys = { ...storage.STORES, packedAttempts: 'attemptId' };
    const db = await new Promise((ok, ko) => {
      const r = indexedDB.open('kaohe-v3-data', 3);
      r.onupgradeneeded = () => {
        for (const [name, keyPath] of Object.entries(keys)) {
          const s = r.result.createObjectStore(name, { keyPath });
          if (name === 'attempts') { s.createIndex('byBlueprint', 'blueprintId'); s.createIndex('byCandidate', 'candidate.id'); }
          if (name === 'results' || name === 'packedAttempts') s.createIndex('byBlueprint', 'blueprintId');
        }
      };
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    // 300 submitted attempts on two exams (several per bucket), one in progress, their results,
    // and one record in every other store.
    const attempts = [];
    for (let i = 0; i < 300; i += 1) {
      attempts.push({ attemptId: `a${i}`, blueprintId: i % 3 ? 'bp' : 'bp2', status: 'submitted', submittedAt: i, candidate: { id: `E${i}` }, responses: {}, packed: new Uint8Array([i & 255, i >> 8]) });
    }
    attempts.push({ attemptId: 'open', blueprintId: 'bp', status: 'inProgress', candidate: { id: 'E1' }, responses: {} });
    const tx = db.transaction(Object.keys(keys), 'readwrite');
    for (const a of attempts) {
      tx.objectStore('attempts').put(a);
      const derived = storage.packedRecord(a);
      if (derived) tx.objectStore('packedAttempts').put(derived);
      tx.objectStore('results').put({ attemptId: a.attemptId, blueprintId: a.blueprintId, result: { points: 1 } });
    }
    for (const [name, keyPath] of Object.entries(storage.STORES)) {
      if (name === 'attempts' || name === 'results') continue;
      tx.objectStore(name).put({ [keyPath]: `${name}-1`, note: '保留' });
    }
    await new Promise((ok, ko) => { tx.oncomplete = ok; tx.onerror = () => ko(tx.error); });
    db.close();

    const store = await storage.openStore({ name: 'kaohe-v3-data' });
    const counts = {};
    for (const name of Object.keys(storage.STORES)) counts[name] = (await store.getAll(name)).length;
    const others = await Promise.all(Object.entries(storage.STORES)
      .filter(([name]) => name !== 'attempts' && name !== 'results')
      .map(([name]) => store.get(name, `${name}-1`)));
    const bp = await store.getPackedAttempts('bp');
    const bp2 = await store.getPackedAttempts('bp2');
    const buckets = await store.getAll('packedAttempts');
    const stored = await store.get('attempts', 'a7');
    const out = {
      version: store.db.version,
      counts,
      othersKept: others.every((r) => r?.note === '保留'),
      bp: bp.map((r) => r.attemptId),
      bp2: bp2.length,
      bytes: [...bp.find((r) => r.attemptId === 'a257').packed],
      buckets: buckets.length,
      inRightBucket: buckets.every((b) => [...b.records.keys()].every((id) => storage.packedBucket(id) === b.bucket)),
      attempt: [stored.status, [...stored.packed]],
    };
    store.close();
    indexedDB.deleteDatabase('kaohe-v3-data');
    return out;
  });
  assert.equal(outcome.version, 4);
  assert.equal(outcome.counts.attempts, 301, 'every attempt is kept');
  assert.equal(outcome.counts.results, 301, 'every result is kept');
  for (const [name, n] of Object.entries(outcome.counts)) if (name !== 'attempts' && name !== 'results') assert.equal(n, 1, name);
  assert.ok(outcome.othersKept, 'the other stores keep their records unchanged');
  const expected = Array.from({ length: 300 }, (_, i) => i).filter((i) => i % 3).map((i) => `a${i}`).sort();
  assert.deepEqual(outcome.bp, expected, 'bp: its 200 submitted attempts, by attempt id; the one in progress is not packed');
  assert.equal(outcome.bp2, 100);
  assert.deepEqual(outcome.bytes, [1, 1]);
  assert.ok(outcome.buckets > 32 && outcome.buckets <= 64, `${outcome.buckets} buckets`);
  assert.ok(outcome.inRightBucket);
  assert.deepEqual(outcome.attempt, ['submitted', [7, 0]]);
  await context.close();
});

test('buckets stay in step with many attempts: one batch, then single writes, deletes and a failed batch', async () => {
  const context = await rig.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${rig.url}samples/bank.json`);
  const outcome = await page.evaluate(async () => {
    const storage = await import('/kaohe/storage.js');
    const attempt = (i, extra = {}) => ({ attemptId: `m${i}`, blueprintId: 'bp', status: 'submitted', submittedAt: i, candidate: { id: `E${i}` }, responses: {}, packed: new Uint8Array([i & 255]), ...extra });
    const run = async (store) => {
      const ids = async () => (await store.getPackedAttempts('bp')).map((r) => r.attemptId);
      const steps = {};
      await store.putAll('attempts', Array.from({ length: 500 }, (_, i) => attempt(i)));
      steps.batch = (await ids()).length;
      // Several writes to one bucket in one transaction: each lands.
      await store.transaction('attempts', 'readwrite', (s) => {
        s.attempts.put(attempt(1, { packed: new Uint8Array([201]) }));
        s.attempts.put(attempt(600));
        s.attempts.delete('m2');
        s.attempts.put(attempt(3, { status: 'inProgress' }));
      });
      steps.mixed = await ids();
      steps.m1 = [...(await store.getPackedAttempts('bp')).find((r) => r.attemptId === 'm1').packed];
      await store.deleteMany({ attempts: ['m4', 'm5'] });
      // A batch that fails half-way leaves the buckets as they were.
      try {
        await store.transaction('attempts', 'readwrite', (s) => {
          for (let i = 700; i < 800; i += 1) s.attempts.put(attempt(i));
          s.attempts.delete('m6');
          throw new Error('bad input');
        });
      } catch { /* expected */ }
      steps.after = await ids();
      // A clear then writes in one transaction (as a restore does): only the new records.
      await store.transaction('attempts', 'readwrite', (s) => {
        s.attempts.put(attempt(8, { packed: new Uint8Array([8, 8]) }));
        s.attempts.clear();
        s.attempts.put(attempt(9));
      });
      steps.cleared = await ids();
      return steps;
    };
    const idb = await storage.openStore({ name: 'kaohe-buckets' });
    const fromIdb = await run(idb);
    idb.close();
    indexedDB.deleteDatabase('kaohe-buckets');
    const fromMemory = await run(new storage.MemoryStore('kaohe-buckets-memory'));
    return { fromIdb, fromMemory };
  });
  const all = Array.from({ length: 500 }, (_, i) => `m${i}`);
  const mixed = [...all.filter((id) => id !== 'm2' && id !== 'm3'), 'm600'].sort();
  for (const steps of [outcome.fromIdb, outcome.fromMemory]) {
    assert.equal(steps.batch, 500);
    assert.deepEqual(steps.mixed, mixed, 'put, delete and an attempt back in progress, in one transaction');
    assert.deepEqual(steps.m1, [201], 'the newer packed bytes win');
    assert.deepEqual(steps.after, mixed.filter((id) => id !== 'm4' && id !== 'm5'), 'deleteMany removes them; the failed batch changed nothing');
    assert.deepEqual(steps.cleared, ['m9']);
  }
  await context.close();
});
