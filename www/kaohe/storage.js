// IndexedDB persistence for kaohe: banks, attempts, results and everything later issues add.
//
// Why it looks like this:
// - Every answer is written the moment it is given, in its own small transaction, so a reload,
//   a crash or a closed tab loses nothing that was on screen.
// - Answers merge per item, newest `answeredAt` wins, inside one readwrite transaction. IndexedDB
//   serialises readwrite transactions on a store, so two tabs on the same attempt cannot put an
//   older answer over a newer one. A BroadcastChannel tells the other tab to refresh.
// - Batches (2,000 attempts) go in one transaction: one per record is ten times slower.
// - A failed transaction aborts as a whole: nothing is ever half-written. Errors are turned into
//   `KaoheStorageError`s with a `code` (QUOTA_EXCEEDED, STORAGE_UNAVAILABLE, UPGRADE_BLOCKED,
//   NOT_FOUND, ATTEMPT_CLOSED, STORAGE_FAILED) and bilingual messages.
// - Each attempt keeps an event log (start, answers, focus, visibility, submit), chained with
//   SHA-256 by the `hashEvent(previousHash, event)` function given to `openStore` (the module's
//   `chainEvent`), inside the same transaction as the change it records; the attempt and its
//   result store the chain head. Without `hashEvent` events are kept unchained.
// - Submitted attempts' packed answers are also kept in `packedAttempts`, a derived store of
//   small records (ids, time, the packed bytes). Item analysis reads 2,000 of those in a few
//   milliseconds, where reading the full attempts (answers as objects, event logs) took ~180 ms.
//   It is written by the same transaction as the attempt (see `withPackedIndex`), so the two
//   never disagree; it is not in backups, and is rebuilt from the attempts when they are restored.
//   Its records sit in 64 buckets by attempt id: 2,000 attempts written at once cost 64 more
//   writes, not 2,000 (each IndexedDB request has a fixed cost, however small its record).

/**
 * The schema version of the database; bump it with a migration in `upgrade`.
 * 1 → 2: adds `packedAttempts`, filled from the stored attempts during the upgrade.
 * 2 → 3: adds `exams` (the trainer's exam set-ups: status, release setting, window…), filled
 *   from the stored blueprints during the upgrade (see `examsFromBlueprints`): the sample exams
 *   stay published; a bank import's all-items blueprint becomes a draft, so it no longer appears
 *   on the candidate's home page until the trainer sets it up and publishes it.
 *   It also adds the evidence chain's stores (`observations`, `feedback`, `programmes`, `surveys`,
 *   `surveyResponses`), created empty by the loop in `upgrade`; nothing to migrate.
 * 3 → 4: `packedAttempts` holds buckets of packed records, rebuilt from the stored attempts.
 */
export const DB_VERSION = 4;

/** Object stores and their key paths. */
export const STORES = {
  banks: 'id',
  blueprints: 'id',
  attempts: 'attemptId',
  results: 'attemptId',
  rubrics: 'id',
  scorecards: 'id',
  models: 'id',
  people: 'id',
  evidence: 'id',
  kpis: 'id',
  plans: 'id',
  checkins: 'id',
  exams: 'id',
  meta: 'key',
  // v3, the evidence chain: dated observation notes (a level on a dimension), 表扬 / 投诉
  // records, training programmes (培训项目), reaction surveys and their answers.
  observations: 'id',
  feedback: 'id',
  programmes: 'id',
  surveys: 'id',
  surveyResponses: 'id',
};

/**
 * Stores derived from others, kept in step by the Store itself and left out of backups.
 * `packedAttempts`: `{ bucket, records: Map<attemptId, PackedAttemptRecord> }` for every submitted
 * attempt with packed answers, in 64 buckets (`packedBucket`); read through `packedOf`.
 */
export const DERIVED_STORES = {
  packedAttempts: 'bucket',
};

export const packedBucket = (id) => [...String(id)].reduce((h, c) => (h * 31 + c.codePointAt(0)) | 0, 0) & 63;

/** The packed records of `blueprintId` in `packedAttempts` records, by attempt id. */
export const packedOf = (buckets, blueprintId) => buckets.flatMap((b) => [...b.records.values()])
  .filter((r) => r.blueprintId === blueprintId).sort((a, b) => (a.attemptId > b.attemptId) - (a.attemptId < b.attemptId));

const MESSAGES = {
  QUOTA_EXCEEDED: ['存储空间已满，本次未保存任何内容；已保存的数据完好。请清理浏览器存储后重试。',
    'Storage is full: nothing from this action was saved, and earlier data is intact. Free some browser storage and try again.'],
  STORAGE_UNAVAILABLE: ['此浏览器无法使用本地存储（IndexedDB），可能处于隐私模式或被策略禁用。',
    'Local storage (IndexedDB) is unavailable in this browser: private mode or a policy may block it.'],
  UPGRADE_BLOCKED: ['另一个标签页正在使用旧版本的数据，请关闭其他 kaohe 标签页后刷新。',
    'Another tab holds an older version of the data: close other kaohe tabs and reload.'],
  NOT_FOUND: ['未找到记录。', 'Record not found.'],
  ATTEMPT_CLOSED: ['该考试已提交，不能再修改答案。', 'This attempt has been submitted; its answers can no longer change.'],
  TIME_UP: ['考试时间已到，答案不能再修改。', 'Time is up: the answers can no longer change.'],
  STORAGE_FAILED: ['保存失败，已保存的数据未受影响。', 'Saving failed; earlier data is unaffected.'],
};

/** A storage failure with a stable code; `messages` holds both languages. */
export class KaoheStorageError extends Error {
  constructor(code, detail = '', locale = 'zh-CN') {
    const [zh, en] = MESSAGES[code] ?? MESSAGES.STORAGE_FAILED;
    super(locale === 'en' ? en : zh);
    this.name = 'KaoheStorageError';
    this.code = code;
    this.path = '';
    this.detail = detail;
    this.messages = { zh, en };
  }
}

function classify(error) {
  const name = error?.name ?? '';
  if (name === 'QuotaExceededError' || /quota/i.test(error?.message ?? '')) return 'QUOTA_EXCEEDED';
  if (name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError') return 'STORAGE_UNAVAILABLE';
  return 'STORAGE_FAILED';
}

function wrap(error, locale) {
  if (error instanceof KaoheStorageError) return error;
  return new KaoheStorageError(classify(error), error?.message ?? String(error), locale);
}

/**
 * Exam records (`ExamSetup`, www/schema/exam.schema.json) for blueprints stored before exams had
 * their own store. `meta` tells sample exams (published, practice as flagged) from a bank
 * import's all-items blueprint (`imported: true`: a draft). Blueprints that already have an
 * exam are left alone. Old attempts name the blueprint; the exam keeps its id, so they join.
 */
export function examsFromBlueprints(blueprints, meta, existing = new Set(), now = Date.now()) {
  const flags = new Map(meta.filter((m) => typeof m?.key === 'string' && m.key.startsWith('exam:')).map((m) => [m.key.slice(5), m]));
  return blueprints.filter((b) => b?.id && !existing.has(b.id)).map((blueprint) => {
    const flag = flags.get(blueprint.id) ?? {};
    return {
      schemaVersion: 1,
      id: blueprint.id,
      title: blueprint.title,
      status: flag.imported ? 'draft' : 'published',
      bankIds: [blueprint.bankId],
      blueprint,
      practice: Boolean(flag.practice),
      // Practice shows the full review; a formal exam its score and sections (answers and 解析
      // only once the trainer chooses to release them).
      release: { content: flag.practice ? 'review' : 'sections', timing: 'immediately' },
      unknownCandidates: 'recordUnmatched',
      createdAt: now,
      updatedAt: now,
    };
  });
}

/**
 * The compact record item analysis reads for a submitted attempt with packed answers; `null`
 * for any other attempt. `paperItems` is the paper's item ids as JSON text (one string clones
 * far faster than an array of ids), for exams whose blueprint draws items.
 */
export function packedRecord(attempt) {
  if (!attempt || attempt.status !== 'submitted' || !attempt.packed) return null;
  const itemIds = (attempt.paper?.sections ?? []).flatMap((section) => section.itemIds ?? []);
  return {
    attemptId: attempt.attemptId,
    blueprintId: attempt.blueprintId,
    candidateId: attempt.candidate?.id ?? null,
    submittedAt: attempt.submittedAt ?? 0,
    packed: attempt.packed,
    paperItems: JSON.stringify(itemIds),
  };
}

/**
 * Wraps a transaction's `attempts` store so every write keeps `packedAttempts` in step: a put
 * writes (or removes) the attempt's packed record, delete and clear do the same there. Every
 * attempt write goes through `Store.transaction`, so no caller can forget it.
 * Each bucket is read once per transaction; changes wait for it, so a batch's land in one write.
 */
function withPackedIndex(stores) {
  const attempts = stores.attempts;
  const packed = stores.packedAttempts;
  if (!attempts || !packed) return stores;
  const loaded = new Map();
  const pending = new Map();
  let cleared = false;
  const apply = (bucket, changes) => {
    let changed = false;
    for (const [id, derived] of changes) changed = (derived ? bucket.records.set(id, derived) : bucket.records.delete(id)) || changed;
    if (changed) packed.put(bucket);
  };
  const sync = (id, derived) => {
    if (id === undefined) return;
    const key = packedBucket(id);
    if (loaded.has(key)) return apply(loaded.get(key), [[id, derived]]);
    if (!pending.has(key)) {
      const request = packed.get(key);
      pending.set(key, new Map());
      request.onsuccess = () => {
        // After a clear in this transaction, the bucket read may predate it: start empty.
        loaded.set(key, (!cleared && request.result) || { bucket: key, records: new Map() });
        apply(loaded.get(key), pending.get(key));
        pending.delete(key);
      };
    }
    pending.get(key).set(id, derived);
  };
  const wrapped = new Proxy(attempts, {
    get(target, prop) {
      if (prop === 'put') return (record, ...rest) => { const request = target.put(record, ...rest); sync(record?.attemptId, packedRecord(record)); return request; };
      if (prop === 'delete') return (key) => { sync(key, null); return target.delete(key); };
      if (prop === 'clear') return () => { packed.clear(); cleared = true; loaded.clear(); pending.forEach((c) => c.clear()); return target.clear(); };
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { ...stores, attempts: wrapped };
}

/** The stores a transaction opens: writing attempts also opens their derived packed store. */
function transactionStores(names, mode) {
  const list = [...new Set([].concat(names))];
  if (mode === 'readwrite' && list.includes('attempts') && !list.includes('packedAttempts')) list.push('packedAttempts');
  return list;
}

function upgrade(db, oldVersion, tx) {
  for (const [name, keyPath] of Object.entries({ ...STORES, ...DERIVED_STORES })) {
    if (!db.objectStoreNames.contains(name)) {
      const store = db.createObjectStore(name, { keyPath });
      if (name === 'attempts') {
        store.createIndex('byBlueprint', 'blueprintId');
        store.createIndex('byCandidate', 'candidate.id');
      }
      if (name === 'results') store.createIndex('byBlueprint', 'blueprintId');
    }
  }
  // 1, 2, 3 → 4: (re)build packedAttempts from the stored attempts in the upgrade's transaction
  // (if it fails, the whole upgrade rolls back); 2 and 3 kept a record per attempt.
  if (oldVersion >= 1 && oldVersion < 4) {
    if (oldVersion >= 2) {
      db.deleteObjectStore('packedAttempts');
      db.createObjectStore('packedAttempts', { keyPath: DERIVED_STORES.packedAttempts });
    }
    const packed = withPackedIndex({ attempts: { put() {} }, packedAttempts: tx.objectStore('packedAttempts') }).attempts;
    const cursor = tx.objectStore('attempts').openCursor();
    cursor.onsuccess = () => {
      const at = cursor.result;
      if (!at) return;
      packed.put(at.value);
      at.continue();
    };
  }
  // 2 → 3: an exam record for every stored blueprint, in the upgrade's own transaction (all or
  // nothing, like 1 → 2).
  if (oldVersion >= 1 && oldVersion < 3) {
    const blueprints = tx.objectStore('blueprints').getAll();
    const meta = tx.objectStore('meta').getAll();
    meta.onsuccess = () => {
      const exams = tx.objectStore('exams');
      for (const exam of examsFromBlueprints(blueprints.result ?? [], meta.result ?? [])) exams.put(exam);
    };
  }
}

/**
 * Opens (or creates) the database. `name` lets several embeddings keep separate data.
 * @param {{ name?: string, locale?: 'zh-CN'|'en', indexedDB?: IDBFactory }} [options]
 * @returns {Promise<Store>}
 */
export async function openStore({ name = 'kaohe', locale = 'zh-CN', indexedDB: factory, hashEvent } = {}) {
  let idb;
  try {
    // Reading `indexedDB` itself throws (SecurityError) where site storage is blocked.
    idb = factory ?? globalThis.indexedDB;
  } catch (e) {
    throw new KaoheStorageError('STORAGE_UNAVAILABLE', e?.message ?? '', locale);
  }
  if (!idb) throw new KaoheStorageError('STORAGE_UNAVAILABLE', 'indexedDB is undefined', locale);
  const db = await new Promise((resolve, reject) => {
    let request;
    try {
      request = idb.open(name, DB_VERSION);
    } catch (e) {
      reject(new KaoheStorageError('STORAGE_UNAVAILABLE', e?.message ?? '', locale));
      return;
    }
    request.onupgradeneeded = (event) => upgrade(request.result, event.oldVersion, request.transaction);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new KaoheStorageError('STORAGE_UNAVAILABLE', request.error?.message ?? '', locale));
    request.onblocked = () => reject(new KaoheStorageError('UPGRADE_BLOCKED', '', locale));
  });
  return new Store(db, name, locale, hashEvent);
}

const done = (tx) => new Promise((resolve, reject) => {
  tx.oncomplete = () => resolve();
  tx.onabort = () => reject(tx.error ?? new DOMException('aborted', 'AbortError'));
  tx.onerror = () => {};
});
const result = (request) => new Promise((resolve, reject) => {
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});

/**
 * How long after the deadline an answer or a submit still counts (the page checks the clock
 * once a second and storage takes a moment); the module's verifier uses the same grace.
 */
export const DEADLINE_GRACE_MS = 30000;

/**
 * An attempt is closed once submitted: by its status or, whatever the status says, by a submit
 * event in its log (a record edited back to `inProgress` stays closed).
 */
export function isClosed(attempt) {
  return attempt.status !== 'inProgress' || (attempt.events ?? []).some((e) => e?.type === 'submit');
}

/** The result's figures bound to the chain head: the module's verifier recomputes this hash. */
function bindResult(hashEvent, record) {
  const r = record.result ?? {};
  record.resultHash = hashEvent && record.chainHead
    ? hashEvent(record.chainHead, { type: 'result', points: r.points ?? null, maxPoints: r.maxPoints ?? null, percent: r.percent ?? null, passed: r.passed ?? null })
    : null;
  return record;
}

/** The kaohe database: plain records in, plain records out. */
export class Store {
  constructor(db, name, locale, hashEvent = null) {
    this.db = db;
    this.name = name;
    this.locale = locale;
    this.hashEvent = hashEvent;
    this.persistent = true;
    try {
      this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`kaohe:${name}`) : null;
    } catch {
      this.channel = null; // blocked with site storage in some browsers: tabs then do not sync
    }
    // A newer version opened in another tab: close so its upgrade is not blocked by us.
    if (db) db.onversionchange = () => db.close();
  }

  /** The result record of `attempt`, its figures bound to the attempt's chain head. */
  resultRecord(attempt, examResult) {
    return bindResult(this.hashEvent, {
      attemptId: attempt.attemptId,
      blueprintId: attempt.blueprintId,
      bankId: attempt.bankId,
      candidate: attempt.candidate,
      submittedAt: attempt.submittedAt,
      chainHead: attempt.chainHead ?? null,
      result: examResult,
    });
  }

  /** Appends `events` to `attempt.events`, chaining each after the current head. */
  chain(attempt, events) {
    attempt.events = attempt.events ?? [];
    for (const event of events) {
      const entry = { ...event };
      if (this.hashEvent) {
        entry.hash = this.hashEvent(attempt.chainHead ?? '', entry);
        attempt.chainHead = entry.hash;
      }
      attempt.events.push(entry);
    }
    return attempt;
  }

  /** Runs `work(stores)` in one transaction; it commits as a whole or not at all. */
  async transaction(names, mode, work) {
    let tx;
    const list = transactionStores(names, mode);
    try {
      tx = this.db.transaction(list, mode);
    } catch (e) {
      throw wrap(e, this.locale);
    }
    const stores = withPackedIndex(Object.fromEntries(list.map((n) => [n, tx.objectStore(n)])));
    const finished = done(tx);
    let value;
    try {
      value = await work(stores, tx);
    } catch (e) {
      try { tx.abort(); } catch { /* already finished */ }
      await finished.catch(() => {});
      throw wrap(e, this.locale);
    }
    try {
      await finished;
    } catch (e) {
      throw wrap(e, this.locale);
    }
    return value;
  }

  put(store, record) {
    return this.transaction(store, 'readwrite', (s) => result(s[store].put(record)));
  }

  /** Writes many records in one transaction (all or none). */
  putAll(store, records) {
    return this.transaction(store, 'readwrite', async (s) => {
      for (const record of records) s[store].put(record);
      return records.length;
    });
  }

  get(store, key) {
    return this.transaction(store, 'readonly', (s) => result(s[store].get(key)));
  }

  getAll(store, query) {
    return this.transaction(store, 'readonly', (s) => result(s[store].getAll(query)));
  }

  getAllByIndex(store, index, value) {
    return this.transaction(store, 'readonly', (s) => result(s[store].index(index).getAll(value)));
  }

  delete(store, key) {
    return this.transaction(store, 'readwrite', (s) => result(s[store].delete(key)));
  }

  /**
   * Deletes records from several stores in ONE transaction, e.g. an attempt and its result:
   * `deleteMany({ attempts: [id], results: [id] })`. All go, or none. Returns how many keys.
   */
  deleteMany(plan) {
    const names = Object.keys(plan).filter((n) => (plan[n] ?? []).length > 0);
    if (names.length === 0) return Promise.resolve(0);
    return this.transaction(names, 'readwrite', async (s) => {
      let count = 0;
      for (const name of names) {
        for (const key of plan[name]) {
          s[name].delete(key);
          count += 1;
        }
      }
      return count;
    });
  }

  /**
   * Writes and deletes in ONE transaction: `{ put: { exams: [record] }, delete: { banks: [id] } }`.
   * Used where one action changes several stores (publishing an exam, removing a bank).
   */
  change({ put = {}, delete: remove = {} }) {
    const names = [...new Set([...Object.keys(put), ...Object.keys(remove)])];
    return this.transaction(names, 'readwrite', async (s) => {
      for (const [name, keys] of Object.entries(remove)) for (const key of keys) s[name].delete(key);
      for (const [name, records] of Object.entries(put)) for (const record of records) s[name].put(record);
    });
  }

  /**
   * The packed records of a blueprint's submitted attempts (`PackedAttemptRecord`): what cohort
   * scoring and item analysis need, without the answers as objects or the event logs.
   */
  async getPackedAttempts(blueprintId) {
    return packedOf(await this.getAll('packedAttempts'), blueprintId);
  }

  /**
   * Creates an attempt record (status `inProgress`). The record keeps the paper's seed and the
   * paper itself, so the same questions come back after a reload, and `deadlineAt` so the
   * remaining time is computed from the wall clock. The start event carries the attempt's
   * header — candidate, bank and blueprint ids and content hashes (`exam`: the bank, or a sealed
   * package's public bank, and the blueprint the paper came from), seed, the paper's hash and the
   * deadline — so none of them can change without breaking the chain.
   */
  async startAttempt(attempt, exam = {}) {
    const record = {
      schemaVersion: 1,
      status: 'inProgress',
      responses: {},
      ...attempt,
      events: [],
      chainHead: null,
    };
    this.chain(record, [this.startEvent(record, exam)]);
    await this.put('attempts', record);
    return record;
  }

  /**
   * The start event of `record`, carrying its header (see `startAttempt`). Also used where
   * attempts are written whole (demo data), so they verify exactly like a live attempt.
   */
  startEvent(record, exam = {}) {
    const contentHash = (value) => (this.hashEvent && value ? this.hashEvent('', value) : null);
    return {
      type: 'start',
      at: record.startedAt,
      attemptId: record.attemptId,
      candidate: { id: record.candidate?.id ?? null, name: record.candidate?.name ?? null },
      bankId: record.bankId ?? null,
      blueprintId: record.blueprintId ?? null,
      bankHash: contentHash(exam.bank),
      blueprintHash: contentHash(exam.blueprint),
      seed: record.seed ?? null,
      paperHash: contentHash(record.paper),
      deadlineAt: record.deadlineAt ?? null,
    };
  }

  /**
   * Saves one answer as it is given. Merges per item, newest `answeredAt` wins, so a second tab
   * with an older view cannot overwrite a newer answer. Returns the stored attempt.
   */
  async saveAnswer(attemptId, itemId, value, answeredAt = Date.now()) {
    const saved = await this.transaction('attempts', 'readwrite', async (s) => {
      const attempt = await result(s.attempts.get(attemptId));
      if (!attempt) throw new KaoheStorageError('NOT_FOUND', attemptId, this.locale);
      if (isClosed(attempt)) throw new KaoheStorageError('ATTEMPT_CLOSED', attemptId, this.locale);
      if (attempt.deadlineAt && answeredAt > attempt.deadlineAt + DEADLINE_GRACE_MS) throw new KaoheStorageError('TIME_UP', attemptId, this.locale);
      const previous = attempt.responses[itemId];
      if (previous && previous.answeredAt > answeredAt) return attempt;
      attempt.responses[itemId] = { value, answeredAt };
      attempt.updatedAt = Math.max(attempt.updatedAt ?? 0, answeredAt);
      this.chain(attempt, [{ type: 'answer', at: answeredAt, itemId, value }]);
      s.attempts.put(attempt);
      return attempt;
    });
    this.channel?.postMessage({ type: 'answer', attemptId, itemId });
    return saved;
  }

  /**
   * Moves a sectioned attempt to section `index`, recording that section's deadline. The index
   * never goes back: a stale tab cannot reopen a section whose time is over.
   */
  async enterSection(attemptId, index, deadlineAt) {
    const moved = await this.transaction('attempts', 'readwrite', async (s) => {
      const attempt = await result(s.attempts.get(attemptId));
      if (!attempt) throw new KaoheStorageError('NOT_FOUND', attemptId, this.locale);
      if (isClosed(attempt)) throw new KaoheStorageError('ATTEMPT_CLOSED', attemptId, this.locale);
      const current = attempt.sectionIndex ?? 0;
      if (index < current) return attempt;
      attempt.sectionIndex = index;
      attempt.sectionDeadlines = { ...(attempt.sectionDeadlines ?? {}) };
      if (deadlineAt && attempt.sectionDeadlines[index] === undefined) attempt.sectionDeadlines[index] = deadlineAt;
      s.attempts.put(attempt);
      return attempt;
    });
    this.channel?.postMessage({ type: 'section', attemptId, index });
    return moved;
  }

  /** Appends events (focus, visibility…) to an attempt's log in one transaction. */
  async appendEvents(attemptId, events) {
    return this.transaction('attempts', 'readwrite', async (s) => {
      const attempt = await result(s.attempts.get(attemptId));
      if (!attempt) throw new KaoheStorageError('NOT_FOUND', attemptId, this.locale);
      this.chain(attempt, events);
      s.attempts.put(attempt);
      return attempt;
    });
  }

  /**
   * Closes an attempt and stores its result in one transaction: either both are written or
   * neither. `packed` is the module's compact encoding of the answers, kept for cohort scoring.
   * A sealed exam is submitted with `result: null`: the attempt closes, the result comes when
   * the trainer unlocks the key (`storeResult`).
   */
  async submitAttempt(attemptId, { result: examResult, packed, submittedAt = Date.now(), reason }) {
    const closed = await this.transaction(['attempts', 'results'], 'readwrite', async (s) => {
      const attempt = await result(s.attempts.get(attemptId));
      if (!attempt) throw new KaoheStorageError('NOT_FOUND', attemptId, this.locale);
      if (isClosed(attempt)) throw new KaoheStorageError('ATTEMPT_CLOSED', attemptId, this.locale);
      attempt.status = 'submitted';
      attempt.submittedAt = submittedAt;
      this.chain(attempt, [reason ? { type: 'submit', at: submittedAt, reason } : { type: 'submit', at: submittedAt }]);
      if (packed) attempt.packed = packed;
      s.attempts.put(attempt);
      if (examResult) s.results.put(this.resultRecord(attempt, examResult));
      return attempt;
    });
    this.channel?.postMessage({ type: 'submitted', attemptId });
    return closed;
  }

  /** Stores the result of a submitted attempt scored later (a sealed exam unlocked). */
  async storeResult(attemptId, examResult, packed) {
    return this.transaction(['attempts', 'results'], 'readwrite', async (s) => {
      const attempt = await result(s.attempts.get(attemptId));
      if (!attempt) throw new KaoheStorageError('NOT_FOUND', attemptId, this.locale);
      if (packed) {
        attempt.packed = packed;
        s.attempts.put(attempt);
      }
      const record = this.resultRecord(attempt, examResult);
      s.results.put(record);
      return record;
    });
  }

  /** Replaces a stored result (after a trainer grades short answers). */
  async updateResult(attemptId, examResult, grades) {
    return this.transaction('results', 'readwrite', async (s) => {
      const record = await result(s.results.get(attemptId));
      if (!record) throw new KaoheStorageError('NOT_FOUND', attemptId, this.locale);
      record.result = examResult;
      record.grades = grades;
      record.gradedAt = Date.now();
      bindResult(this.hashEvent, record);
      s.results.put(record);
      return record;
    });
  }

  /** Calls `listener(message)` when another tab changes an attempt. Returns an unsubscribe. */
  onChange(listener) {
    if (!this.channel) return () => {};
    const handler = (event) => listener(event.data);
    this.channel.addEventListener('message', handler);
    return () => this.channel.removeEventListener('message', handler);
  }

  close() {
    this.channel?.close();
    this.db?.close();
  }
}

/** A request-like object that succeeds with `value` once the caller has attached handlers. */
function settled(value) {
  const request = { result: value, error: null, onsuccess: null, onerror: null };
  queueMicrotask(() => request.onsuccess?.({ target: request }));
  return request;
}

/** One in-memory object store with the subset of the IDBObjectStore API the Store uses. */
function memoryObjectStore(map, keyPath) {
  const keyOf = (record) => keyPath.split('.').reduce((v, k) => v?.[k], record);
  const all = () => [...map.values()].map((r) => structuredClone(r));
  return {
    get: (key) => settled(map.has(key) ? structuredClone(map.get(key)) : undefined),
    getAll: () => settled(all()),
    put: (record) => { map.set(keyOf(record), structuredClone(record)); return settled(keyOf(record)); },
    delete: (key) => { map.delete(key); return settled(undefined); },
    clear: () => { map.clear(); return settled(undefined); },
    index: (name) => ({
      getAll: (value) => {
        const path = { byBlueprint: 'blueprintId', byCandidate: 'candidate.id' }[name] ?? name;
        return settled(all().filter((r) => path.split('.').reduce((v, k) => v?.[k], r) === value));
      },
    }),
  };
}

/**
 * The same API as `Store`, kept in memory: used when IndexedDB is unavailable so an exam can
 * still be taken (the page warns that nothing survives a reload). `persistent` is false.
 */
export class MemoryStore extends Store {
  constructor(name = 'kaohe', locale = 'zh-CN', hashEvent = null) {
    super(null, name, locale, hashEvent);
    this.persistent = false;
    this.maps = Object.fromEntries(Object.keys({ ...STORES, ...DERIVED_STORES }).map((n) => [n, new Map()]));
  }

  async transaction(names, mode, work) {
    // Work on copies and commit them only if `work` succeeds: all or nothing, as in IndexedDB.
    const list = transactionStores(names, mode);
    const keys = { ...STORES, ...DERIVED_STORES };
    const drafts = Object.fromEntries(list.map((n) => [n, new Map(this.maps[n])]));
    const stores = withPackedIndex(Object.fromEntries(list.map((n) => [n, memoryObjectStore(drafts[n], keys[n])])));
    const value = await work(stores);
    await new Promise((ok) => setTimeout(ok, 0));
    if (mode === 'readwrite') for (const n of list) this.maps[n] = drafts[n];
    return value;
  }
}
