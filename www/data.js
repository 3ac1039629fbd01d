// The sample content the page ships with, loading it into storage on first use, and what the
// candidate's home page offers: the published exams of the workspace, within their window. Also
// the small readers of stored records the trainer's desk needs (readInChunks, leaveCount): this
// file comes with app.js, so the desk, which draws before anything else loads, fetches no other.
// And the workspaces (below), which app.js reads at boot: in this file for the same reason.
import { examsFromBlueprints } from './kaohe/storage.js';

// Workspaces: the real records (IndexedDB database `kaohe`) and a separate demo workspace
// (database `kaohe-demo`) for generated demo data, so demo attempts never mix with real ones
// and the demo can be removed in one click (the whole database is deleted).

export const REAL_DB = 'kaohe';
export const DEMO_DB = 'kaohe-demo';
const KEY = 'kaoheWorkspace';

/** 'demo' or 'real' (the default). */
export function currentWorkspace() {
  try {
    return localStorage.getItem(KEY) === 'demo' ? 'demo' : 'real';
  } catch {
    return 'real';
  }
}

/** The IndexedDB database of the current workspace. */
export const workspaceDb = () => (currentWorkspace() === 'demo' ? DEMO_DB : REAL_DB);

/** Switches workspace and reloads the page on `hash`, so every view reads the other database. */
export function switchWorkspace(name, hash = '#/data') {
  localStorage.setItem(KEY, name === 'demo' ? 'demo' : 'real');
  location.hash = hash;
  location.reload();
}

/**
 * Deletes the demo workspace's whole database (after closing `store` if it is the demo's), then
 * returns to the real workspace. Resolves once the database is gone.
 */
export async function removeDemoWorkspace(store) {
  if (store?.name === DEMO_DB) store.close();
  await new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(DEMO_DB);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve();
  });
  localStorage.setItem(KEY, 'real');
}

/**
 * The exams the page offers; `practice` exams show feedback after each answer; `leaveLimit`:
 * leaving the exam page that many times submits the attempt.
 */
export const SAMPLE_EXAMS = [
  { blueprint: 'samples/blueprint.json', bank: 'samples/bank.json', practice: false },
  // The new-hire exam is taken on shared training-room PCs: leaving the page 5 times submits it.
  { blueprint: 'samples/blueprint-newhire.json', bank: 'samples/bank.json', practice: false, leaveLimit: 5 },
  { blueprint: 'samples/blueprint-practice.json', bank: 'samples/bank.json', practice: true },
];

async function fetchJsonOnce(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

/**
 * Stores the sample banks and blueprints (each visit refreshes them; offline keeps the last)
 * and, once per workspace, their exam records (published). An exam the trainer deleted or
 * closed is not brought back.
 */
export async function installSamples(store) {
  const installed = [];
  // The samples share one bank: fetched once (on a phone's network each fetch is a round trip).
  const fetched = new Map();
  const fetchJson = (path) => {
    if (!fetched.has(path)) fetched.set(path, fetchJsonOnce(path));
    return fetched.get(path);
  };
  // Every file requested at once; each sample is then stored in turn.
  const files = SAMPLE_EXAMS.map((sample) => Promise.all([fetchJson(sample.blueprint), fetchJson(sample.bank)]));
  files.forEach((f) => f.catch(() => {}));
  for (const [index, sample] of SAMPLE_EXAMS.entries()) {
    try {
      const [blueprint, bank] = await files[index];
      // Settings stored with the exam (release, limits) are kept; the sample's own are refreshed.
      // `sample`: the bank ships with the page, answers included, so it must not be sealed.
      const previous = await store.get('meta', `exam:${blueprint.id}`);
      await store.transaction(['banks', 'blueprints', 'meta'], 'readwrite', async (st) => {
        st.banks.put(bank);
        st.blueprints.put(blueprint);
        st.meta.put({
          ...previous, key: `exam:${blueprint.id}`, practice: sample.practice, leaveLimit: sample.leaveLimit ?? previous?.leaveLimit ?? null,
          sample: true, bankId: bank.id,
        });
      });
      installed.push(blueprint);
    } catch {
      // Offline with nothing cached: what an earlier visit stored is used below.
    }
  }
  if (installed.length === 0 || await store.get('meta', 'sample:exams')) return;
  const [exams, meta] = await Promise.all([store.getAll('exams'), store.getAll('meta')]);
  const records = examsFromBlueprints(installed, meta, new Set(exams.map((e) => e.id)));
  await store.transaction(['exams', 'meta'], 'readwrite', async (st) => {
    for (const exam of records) st.exams.put(exam);
    st.meta.put({ key: 'sample:exams', installedAt: Date.now() });
  });
}

/** Whether `exam` is open at `now` (its window in local time; no window: always). */
export function isOpen(exam, now = new Date()) {
  if (exam.status !== 'published') return false;
  if (exam.opensAt && now < new Date(exam.opensAt)) return false;
  if (exam.closesAt && now >= new Date(exam.closesAt)) return false;
  return true;
}

/**
 * The exams on offer: [{ exam, blueprint, bank, practice }], published and open, from storage.
 * The engine's blueprint is `blueprints[exam.id]` (set-up publishes it there with its bank
 * snapshot); drafts and closed exams are not offered.
 */
export async function listExams(store) {
  return (await listAllExams(store)).filter((entry) => isOpen(entry.exam));
}

/**
 * Every exam with a loadable blueprint and bank, whatever its status (trainer views). A stored
 * blueprint with no exam record (written directly through the store API) is listed as the draft
 * the version 3 upgrade would make of it; it is never offered to candidates.
 */
export async function listAllExams(store) {
  const [stored, blueprints, banks, meta] = await Promise.all([
    store.getAll('exams'), store.getAll('blueprints'), store.getAll('banks'), store.getAll('meta'),
  ]);
  const exams = [...stored, ...examsFromBlueprints(blueprints, meta, new Set(stored.map((e) => e.id)))
    .map((e) => ({ ...e, status: e.status === 'published' ? 'draft' : e.status }))];
  const byId = (list) => new Map(list.map((r) => [r.id, r]));
  const bp = byId(blueprints);
  const bk = byId(banks);
  const sampleBanks = new Set(meta.filter((m) => m.sample && m.bankId).map((m) => m.bankId));
  return exams
    .map((exam) => {
      const blueprint = bp.get(exam.id);
      // Any exam on a sample bank is public: every device downloads that bank with its answers.
      const sample = Boolean(blueprint && sampleBanks.has(blueprint.bankId));
      return { exam, blueprint, bank: blueprint ? bk.get(blueprint.bankId) : undefined, practice: Boolean(exam.practice), sample };
    })
    .filter((entry) => entry.blueprint && entry.bank)
    .sort((a, b) => Number(a.practice) - Number(b.practice) || a.exam.title.localeCompare(b.exam.title));
}

const CHECK = {
  unknown: ['工号“{id}”不在人员名册中，请核对后再试，或联系培训师。', 'Employee id “{id}” is not in the roster: check it, or ask the trainer.'],
  inactive: ['工号“{id}”已停用，不能参加考试。', 'Employee id “{id}” is deactivated and cannot take exams.'],
  used: ['本考试每人可作答 {n} 次，你已作答 {m} 次。', 'This exam allows {n} attempts per person; you have made {m}.'],
};

/**
 * Checks a candidate on the start form against the roster and the exam's settings. Returns
 * `{ ok: true, candidate }` (the roster's name when matched; `unmatched: true` when the exam
 * records unknown 工号) or `{ ok: false, message, code }`. An empty roster matches nobody and
 * refuses nobody: a workspace without a roster keeps working as before.
 */
export async function checkCandidate(store, exam, candidate, locale = 'zh-CN') {
  const say = (key, params = {}) => {
    let text = CHECK[key][locale === 'en' ? 1 : 0];
    for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, String(v));
    return text;
  };
  const [person, people, attempts] = await Promise.all([
    store.get('people', candidate.id), store.getAll('people'), store.getAllByIndex('attempts', 'byCandidate', candidate.id),
  ]);
  let checked = { ...candidate };
  if (person) {
    if (person.active === false) return { ok: false, code: 'INACTIVE_PERSON', message: say('inactive', { id: candidate.id }) };
    checked = { id: person.id, name: person.name, matched: true };
  } else if (people.length > 0) {
    if ((exam?.unknownCandidates ?? 'refuse') === 'refuse') return { ok: false, code: 'UNKNOWN_PERSON', message: say('unknown', { id: candidate.id }) };
    checked = { ...candidate, unmatched: true };
  }
  const allowed = exam?.attemptsAllowed;
  if (allowed) {
    const made = attempts.filter((a) => a.blueprintId === exam.id).length;
    if (made >= allowed) return { ok: false, code: 'NO_ATTEMPTS_LEFT', message: say('used', { n: allowed, m: made }) };
  }
  return { ok: true, candidate: checked };
}

const KEYS = { attempts: 'attemptId', results: 'attemptId', packedAttempts: 'bucket' };

/**
 * Every record of `name`, read `size` at a time with a pause between reads: IndexedDB decodes
 * each batch on the page's thread, and 2,200 attempts decoded in one go freeze the page for half
 * a second. The in-memory store (no IndexedDB) is read at once.
 */
export async function readInChunks(store, name, size = 150) {
  if (store.persistent === false || !store.db || typeof IDBKeyRange === 'undefined') return store.getAll(name);
  const out = [];
  let last;
  for (;;) {
    const range = last === undefined ? undefined : IDBKeyRange.lowerBound(last, true);
    const batch = await store.transaction(name, 'readonly', (s) => new Promise((resolve, reject) => {
      const request = s[name].getAll(range, size);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    }));
    out.push(...batch);
    if (batch.length < size) return out;
    const key = KEYS[name] ?? 'id';
    last = batch[batch.length - 1][key];
    await new Promise((resolve) => { setTimeout(resolve, 0); });
  }
}

/** How many times the candidate left the exam page (the log's `visibility: hidden` events). */
export function leaveCount(attempt) {
  return (attempt?.events ?? []).filter((e) => e.type === 'visibility' && e.state === 'hidden').length;
}
