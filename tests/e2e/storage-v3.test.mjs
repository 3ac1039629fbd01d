// IndexedDB version 3: a version-2 database (as the page left it before `exams` existed) is
// upgraded in place. Its data stays; every stored blueprint gets an exam record (the samples
// published, a bank import's all-items blueprint a draft); the new store is in the memory
// fallback and in backups; deleteMany removes an attempt and its derived records together.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch } from './harness.mjs';

let server;
let browser;
before(async () => {
  server = await serve(undefined, { '/blank.html': ['text/html; charset=utf-8', '<!doctype html><title>v3</title>'] });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('a version-2 database upgrades to version 3 in place', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}blank.html`);
  const out = await page.evaluate(async () => {
    // The version-2 layout, written the way version 2 of storage.js wrote it.
    const V2 = {
      banks: 'id', blueprints: 'id', attempts: 'attemptId', results: 'attemptId', rubrics: 'id',
      scorecards: 'id', models: 'id', people: 'id', evidence: 'id', kpis: 'id', plans: 'id',
      checkins: 'id', meta: 'key', packedAttempts: 'attemptId',
    };
    await new Promise((ok, ko) => {
      const r = indexedDB.open('kaohe-old', 2);
      r.onupgradeneeded = () => {
        for (const [name, keyPath] of Object.entries(V2)) {
          const s = r.result.createObjectStore(name, { keyPath });
          if (name === 'attempts') { s.createIndex('byBlueprint', 'blueprintId'); s.createIndex('byCandidate', 'candidate.id'); }
          if (name === 'results' || name === 'packedAttempts') s.createIndex('byBlueprint', 'blueprintId');
        }
      };
      r.onsuccess = () => {
        const tx = r.result.transaction(['blueprints', 'meta', 'attempts', 'people'], 'readwrite');
        tx.objectStore('blueprints').put({ schemaVersion: 1, id: 'sample-bp', title: '售后理论考试', bankId: 'cs-theory-2026', sections: [] });
        tx.objectStore('blueprints').put({ schemaVersion: 1, id: 'bp-imported-x', title: '导入的题库', bankId: 'imported-x', passMarkPercent: 60, sections: [] });
        tx.objectStore('meta').put({ key: 'exam:sample-bp', practice: false });
        tx.objectStore('meta').put({ key: 'exam:bp-imported-x', practice: false, imported: true });
        tx.objectStore('attempts').put({ attemptId: 'a1', blueprintId: 'sample-bp', candidate: { id: 'E1001', name: '李娜' }, status: 'inProgress', responses: {} });
        tx.objectStore('people').put({ id: 'E1001', name: '李娜', role: 'frontline', group: '售后' });
        tx.oncomplete = () => { r.result.close(); ok(); };
        tx.onerror = () => ko(tx.error);
      };
      r.onerror = () => ko(r.error);
    });
    const storage = await import('/kaohe/storage.js');
    const store = await storage.openStore({ name: 'kaohe-old' });
    const exams = (await store.getAll('exams')).sort((a, b) => a.id.localeCompare(b.id));
    const kept = { attempt: await store.get('attempts', 'a1'), person: await store.get('people', 'E1001') };
    // One transaction removes an attempt with its result (and its derived packed record).
    await store.put('results', { attemptId: 'a1', blueprintId: 'sample-bp' });
    const removed = await store.deleteMany({ attempts: ['a1'], results: ['a1'] });
    const after = { attempt: await store.get('attempts', 'a1'), result: await store.get('results', 'a1') };
    const version = store.db.version;
    store.close();
    const memory = new storage.MemoryStore();
    await memory.put('exams', { id: 'e', title: 't' });
    return {
      version, exams, kept, removed, after,
      inStores: 'exams' in storage.STORES,
      memory: (await memory.get('exams', 'e'))?.title,
    };
  });
  assert.equal(out.version, 4, 'opened at the current version');
  assert.deepEqual(out.exams.map((e) => [e.id, e.status, e.bankIds[0]]), [
    ['bp-imported-x', 'draft', 'imported-x'],
    ['sample-bp', 'published', 'cs-theory-2026'],
  ]);
  assert.equal(out.exams[1].blueprint.title, '售后理论考试');
  assert.equal(out.kept.attempt.candidate.name, '李娜', 'stored attempts survive the upgrade');
  assert.equal(out.kept.person.name, '李娜');
  assert.equal(out.removed, 2);
  assert.equal(out.after.attempt, undefined);
  assert.equal(out.after.result, undefined);
  assert.ok(out.inStores, 'exams is in STORES, so backups and restores include it');
  assert.equal(out.memory, 't', 'the memory fallback has the exams store');
  await context.close();
});
