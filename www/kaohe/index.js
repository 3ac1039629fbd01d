// kaohe: the module's ES entry point. Nothing global: import what you use.
//
//   import { init, Exam, openStore } from './kaohe/index.js';
//   await init();
//
// `init` loads and instantiates the wasm once; every other export is the wasm-bindgen API
// (see pkg/kaohe.d.ts for its types), the IndexedDB store (storage.js), backup (backup.js) or
// sealed exams (seal.js). The custom elements are a separate entry: `import 'kaohe/elements'`.
import initWasm, { chainEvent } from '../pkg/kaohe.js';
import { openStore as openIndexedDb, MemoryStore } from './storage.js';

export * from '../pkg/kaohe.js';
export {
  Store, MemoryStore, KaoheStorageError, STORES, DERIVED_STORES, DB_VERSION, packedRecord,
} from './storage.js';
export { sealExam, unsealBank, readSealedPackage, KaoheSealError, SEALED_FORMAT, PBKDF2_ITERATIONS, MIN_PASSPHRASE } from './seal.js';
export {
  exportBackup, readBackup, restoreBackup, migrateV0, canonicalJson, KaoheBackupError,
  BACKUP_FORMAT, BACKUP_SCHEMA_VERSION,
} from './backup.js';

let ready = null;

/**
 * Loads the wasm module (once; later calls return the same promise).
 * @param {{ wasmUrl?: string | URL }} [options] where `kaohe_bg.wasm` is served, if not beside pkg/.
 */
export function init(options = {}) {
  if (!ready) {
    const wasmUrl = options.wasmUrl ?? new URL('../pkg/kaohe_bg.wasm', import.meta.url);
    ready = initWasm({ module_or_path: wasmUrl }).catch((error) => {
      ready = null;
      throw error;
    });
  }
  return ready;
}

/** True when `error` is a wasm trap: the instance is dead and the page must reload it. */
export function isInstanceDead(error) {
  return typeof WebAssembly !== 'undefined' && error instanceof WebAssembly.RuntimeError;
}

/**
 * Opens the IndexedDB store with the module's SHA-256 chain for attempt event logs (call after
 * `init()`). Same options as storage.js's `openStore`.
 */
export function openStore(options = {}) {
  return openIndexedDb({ hashEvent: chainEvent, ...options });
}

/** An in-memory store with the same API, for when IndexedDB is unavailable. */
export function openMemoryStore({ name = 'kaohe', locale = 'zh-CN' } = {}) {
  return new MemoryStore(name, locale, chainEvent);
}
