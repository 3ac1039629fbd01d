// Backup and restore: every IndexedDB store in one versioned JSON file.
//
//   const { text, counts, filename } = await exportBackup(store);
//   const { counts, migratedFrom } = await restoreBackup(store, text);   // all or nothing
//
// Why it looks like this:
// - One file, `{ format: "kaohe-backup", schemaVersion: 1, createdAt, stores, counts, sha256 }`.
//   The SHA-256 (WebCrypto) covers the canonical JSON of everything but itself, so a truncated or
//   edited file is refused before anything is written.
// - Restore validates the whole file first (format, version, counts, checksum, each record's key,
//   each bank through the module's `validateBank`), then writes every store in ONE transaction:
//   a failure leaves the database exactly as it was.
// - Bytes (an attempt's `packed` answers) are stored as `{ "$base64": "…" }`.
// - LRS credentials in `meta` never leave the browser: they are neither exported nor replaced.
// - schemaVersion 0 (the first layout: `data` instead of `stores`, answers as a list, results as
//   `examResult` with flat candidate fields, no counts, no checksum) is migrated on restore.
import { validateBank, Exam } from '../pkg/kaohe.js';
import { STORES, examsFromBlueprints } from './storage.js';

/** The backup file's format name and the newest schema version this module writes. */
export const BACKUP_FORMAT = 'kaohe-backup';
export const BACKUP_SCHEMA_VERSION = 1;

/**
 * `meta` records that hold LRS endpoints and credentials (a key mentioning "lrs", or any
 * credential-like field): never exported, never overwritten by a restore.
 */
export const isPrivateMeta = (record) => /lrs/i.test(String(record?.key ?? ''))
  || Object.keys(record ?? {}).some((k) => /password|secret|token|authori[sz]ation|credential/i.test(k));

const MESSAGES = {
  BACKUP_NOT_JSON: ['文件不是完整的 JSON，可能已被截断：{detail}', 'The file is not complete JSON; it may be truncated: {detail}'],
  BACKUP_FORMAT: ['这不是 kaohe 备份文件（format 应为 “kaohe-backup”）。', 'This is not a kaohe backup file (format must be "kaohe-backup").'],
  BACKUP_VERSION: ['不支持的备份版本 {detail}（支持 0–1）。', 'Unsupported backup version {detail} (0–1 are supported).'],
  BACKUP_STRUCTURE: ['备份结构不完整：{detail}', 'The backup is incomplete: {detail}'],
  BACKUP_UNKNOWN_STORE: ['未知的数据表 “{detail}”。', 'Unknown store "{detail}".'],
  BACKUP_COUNTS: ['记录数不符（{detail}），文件可能不完整。', 'Record counts differ ({detail}); the file may be partial.'],
  BACKUP_CHECKSUM: ['校验和不符：文件在导出后被修改或损坏。', 'Checksum mismatch: the file was edited or damaged after export.'],
  BACKUP_RECORD: ['记录缺少有效的键 “{detail}”。', 'A record lacks a valid key "{detail}".'],
  BACKUP_BYTES: ['二进制字段不是有效的 base64。', 'A binary field is not valid base64.'],
};

/** A backup that cannot be restored: `code`, `path` into the file, messages in both languages. */
export class KaoheBackupError extends Error {
  constructor(code, path = '', detail = '', locale = 'zh-CN', messages = null) {
    const [zh, en] = messages ? [messages.zh, messages.en]
      : (MESSAGES[code] ?? MESSAGES.BACKUP_STRUCTURE).map((m) => m.replaceAll('{detail}', String(detail)));
    super(locale === 'en' ? en : zh);
    this.name = 'KaoheBackupError';
    this.code = code;
    this.path = path;
    this.messages = { zh, en };
  }
}

// ---- encoding -------------------------------------------------------------------------------

function toBase64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text, path, locale) {
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    throw new KaoheBackupError('BACKUP_BYTES', path, '', locale);
  }
}

/** Records → JSON-safe values: typed arrays become `{ $base64 }`. */
function encode(value) {
  if (value instanceof Uint8Array) return { $base64: toBase64(value) };
  if (ArrayBuffer.isView(value)) return { $base64: toBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  if (Array.isArray(value)) return value.map(encode);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encode(v);
    return out;
  }
  return value;
}

function decode(value, path, locale) {
  if (Array.isArray(value)) return value.map((v, i) => decode(v, `${path}[${i}]`, locale));
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$base64') {
      if (typeof value.$base64 !== 'string') throw new KaoheBackupError('BACKUP_BYTES', path, '', locale);
      return fromBase64(value.$base64, path, locale);
    }
    return Object.fromEntries(keys.map((k) => [k, decode(value[k], `${path}.${k}`, locale)]));
  }
  return value;
}

/** JSON with object keys sorted at every level: the same content always gives the same text. */
export function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().filter((k) => value[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

async function sha256Hex(text) {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const withoutChecksum = ({ sha256, ...rest }) => rest;

// ---- export ---------------------------------------------------------------------------------

/**
 * Reads every store in one transaction and returns the backup file's text.
 * @returns {Promise<{ text: string, backup: object, counts: Record<string, number>, filename: string }>}
 */
export async function exportBackup(store, { now = new Date() } = {}) {
  const names = Object.keys(STORES);
  const raw = await store.transaction(names, 'readonly', (s) => Promise.all(names.map((n) => new Promise((resolve, reject) => {
    const request = s[n].getAll();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  }))));
  const stores = {};
  const counts = {};
  names.forEach((name, i) => {
    const records = name === 'meta' ? raw[i].filter((r) => !isPrivateMeta(r)) : raw[i];
    stores[name] = records.map(encode);
    counts[name] = records.length;
  });
  const body = {
    format: BACKUP_FORMAT,
    schemaVersion: BACKUP_SCHEMA_VERSION,
    createdAt: now.toISOString(),
    stores,
    counts,
  };
  const backup = { ...body, sha256: await sha256Hex(canonicalJson(body)) };
  const stamp = body.createdAt.slice(0, 19).replaceAll(':', '').replace('T', '-');
  return { text: JSON.stringify(backup), backup, counts, filename: `kaohe-backup-${stamp}.json` };
}

// ---- migration ------------------------------------------------------------------------------

/**
 * schemaVersion 0 → 1. Version 0 kept `data` instead of `stores`; attempts listed their answers
 * as `answers: [{ itemId, value, answeredAt }]` and had no `packed` bytes; results were
 * `{ attemptId, candidateId, candidateName, blueprintId, bankId, submittedAt, examResult }`.
 * The packed bytes are recomputed by the module from the migrated bank and blueprint.
 */
export function migrateV0(file, locale = 'zh-CN') {
  if (!file.data || typeof file.data !== 'object' || Array.isArray(file.data)) {
    throw new KaoheBackupError('BACKUP_STRUCTURE', 'data', '"data"', locale);
  }
  const stores = {};
  for (const [name, records] of Object.entries(file.data)) {
    if (!Array.isArray(records)) throw new KaoheBackupError('BACKUP_STRUCTURE', `data.${name}`, `data.${name}`, locale);
    stores[name] = records;
  }
  stores.attempts = (stores.attempts ?? []).map((a) => {
    if (!a || typeof a !== 'object' || !Array.isArray(a.answers)) return a;
    const { answers, ...rest } = a;
    const responses = {};
    for (const { itemId, value, answeredAt } of answers) responses[itemId] = { value, answeredAt: answeredAt ?? 0 };
    return { schemaVersion: 1, events: [], ...rest, responses };
  });
  stores.results = (stores.results ?? []).map((r) => {
    if (!r || typeof r !== 'object' || !('examResult' in r)) return r;
    const { candidateId, candidateName, examResult, grades, ...rest } = r;
    return { ...rest, candidate: { id: candidateId, name: candidateName }, result: examResult, ...(grades ? { grades } : {}) };
  });
  const counts = Object.fromEntries(Object.entries(stores).map(([n, r]) => [n, r.length]));
  return { format: BACKUP_FORMAT, schemaVersion: 1, createdAt: file.exportedAt ?? null, stores, counts };
}

/** Adds `packed` to submitted attempts that lack it (migrated ones), through the module. */
function packMissing(stores) {
  const banks = new Map((stores.banks ?? []).map((b) => [b.id, b]));
  const blueprints = new Map((stores.blueprints ?? []).map((b) => [b.id, b]));
  const exams = new Map();
  try {
    for (const attempt of stores.attempts ?? []) {
      if (attempt.status !== 'submitted' || attempt.packed) continue;
      const key = `${attempt.bankId}\u0000${attempt.blueprintId}`;
      if (!exams.has(key)) {
        const bank = banks.get(attempt.bankId);
        const blueprint = blueprints.get(attempt.blueprintId);
        exams.set(key, bank && blueprint ? new Exam(bank, blueprint) : null);
      }
      const exam = exams.get(key);
      if (!exam) continue;
      const responses = Object.fromEntries(Object.entries(attempt.responses ?? {}).map(([id, r]) => [id, r.value]));
      attempt.packed = exam.encode(responses);
    }
  } finally {
    for (const exam of exams.values()) exam?.free();
  }
}

// ---- validation -----------------------------------------------------------------------------

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Parses and validates a backup without writing anything. Throws `KaoheBackupError` (or the
 * module's `KaoheError` for a bad bank, with its path under `stores.banks[i]`).
 * @returns {Promise<{ stores: Record<string, object[]>, counts: Record<string, number>, migratedFrom: number | null, createdAt: string | null }>}
 */
export async function readBackup(text, { locale = 'zh-CN' } = {}) {
  let file;
  try {
    file = JSON.parse(typeof text === 'string' ? text : new TextDecoder().decode(text));
  } catch (e) {
    throw new KaoheBackupError('BACKUP_NOT_JSON', '', e?.message ?? '', locale);
  }
  if (!isObject(file) || file.format !== BACKUP_FORMAT) throw new KaoheBackupError('BACKUP_FORMAT', 'format', '', locale);
  let migratedFrom = null;
  if (file.schemaVersion === 0) {
    file = migrateV0(file, locale);
    migratedFrom = 0;
  } else if (file.schemaVersion === BACKUP_SCHEMA_VERSION) {
    if (!isObject(file.stores)) throw new KaoheBackupError('BACKUP_STRUCTURE', 'stores', '"stores"', locale);
    if (!isObject(file.counts)) throw new KaoheBackupError('BACKUP_STRUCTURE', 'counts', '"counts"', locale);
    if (typeof file.sha256 !== 'string') throw new KaoheBackupError('BACKUP_STRUCTURE', 'sha256', '"sha256"', locale);
  } else {
    throw new KaoheBackupError('BACKUP_VERSION', 'schemaVersion', JSON.stringify(file.schemaVersion), locale);
  }

  const { stores, counts } = file;
  for (const name of new Set([...Object.keys(stores), ...Object.keys(counts)])) {
    if (!(name in STORES)) throw new KaoheBackupError('BACKUP_UNKNOWN_STORE', `stores.${name}`, name, locale);
    const records = stores[name];
    if (!Array.isArray(records)) throw new KaoheBackupError('BACKUP_STRUCTURE', `stores.${name}`, `stores.${name}`, locale);
    if (counts[name] !== records.length) {
      throw new KaoheBackupError('BACKUP_COUNTS', `counts.${name}`, `${name}: ${counts[name] ?? '—'} ≠ ${records.length}`, locale);
    }
  }
  if (migratedFrom === null) {
    const expected = await sha256Hex(canonicalJson(withoutChecksum(file)));
    if (expected !== file.sha256.toLowerCase()) throw new KaoheBackupError('BACKUP_CHECKSUM', 'sha256', '', locale);
  }

  const decoded = {};
  for (const [name, records] of Object.entries(stores)) {
    const key = STORES[name];
    decoded[name] = records.map((record, i) => {
      const path = `stores.${name}[${i}]`;
      if (!isObject(record) || typeof record[key] !== 'string' || record[key] === '') {
        throw new KaoheBackupError('BACKUP_RECORD', `${path}.${key}`, key, locale);
      }
      return decode(record, path, locale);
    });
  }
  (decoded.banks ?? []).forEach((bank, i) => {
    try {
      validateBank(bank);
    } catch (e) {
      const path = `stores.banks[${i}]${e?.path ? `.${e.path}` : ''}`;
      throw new KaoheBackupError(e?.code ?? 'INVALID_BANK', path, '', locale, e?.messages ?? { zh: String(e?.message), en: String(e?.message) });
    }
  });
  if (migratedFrom !== null) packMissing(decoded);
  const finalCounts = Object.fromEntries(Object.entries(decoded).map(([n, r]) => [n, r.length]));
  return { stores: decoded, counts: finalCounts, migratedFrom, createdAt: file.createdAt ?? null };
}

// ---- restore --------------------------------------------------------------------------------

/**
 * Validates `text` completely, then replaces the stored data with it in one transaction (every
 * store in STORES; LRS settings in `meta` are kept). `mode: 'merge'` adds and overwrites records
 * by key instead of clearing first. Nothing is written unless everything is valid. `locale`
 * picks the language of the thrown error's `message` (both are in `messages`).
 * @returns {Promise<{ counts: Record<string, number>, migratedFrom: number | null, createdAt: string | null }>}
 */
export async function restoreBackup(store, text, { mode = 'replace', locale = store.locale ?? 'zh-CN' } = {}) {
  const parsed = await readBackup(text, { locale });
  const names = Object.keys(STORES);
  await store.transaction(names, 'readwrite', async (s) => {
    if (mode !== 'merge') {
      const metaKeys = await new Promise((resolve, reject) => {
        const request = s.meta.getAll();
        request.onsuccess = () => resolve(request.result.filter((r) => !isPrivateMeta(r)).map((r) => r.key));
        request.onerror = () => reject(request.error);
      });
      for (const name of names) if (name !== 'meta') s[name].clear();
      for (const key of metaKeys) s.meta.delete(key);
    }
    for (const [name, records] of Object.entries(parsed.stores)) {
      for (const record of records) {
        if (name === 'meta' && isPrivateMeta(record)) continue;
        s[name].put(record);
      }
    }
    // A backup from before the `exams` store (DB version 2): its blueprints become exams the
    // way the version 3 upgrade makes them (samples published, a bank import's a draft).
    if (!('exams' in parsed.stores)) {
      const existing = await new Promise((resolve, reject) => {
        const request = s.exams.getAll();
        request.onsuccess = () => resolve(new Set(request.result.map((e) => e.id)));
        request.onerror = () => reject(request.error);
      });
      for (const exam of examsFromBlueprints(parsed.stores.blueprints ?? [], parsed.stores.meta ?? [], existing)) s.exams.put(exam);
    }
  });
  store.channel?.postMessage({ type: 'restored' });
  return { counts: parsed.counts, migratedFrom: parsed.migratedFrom, createdAt: parsed.createdAt };
}
