// kaohe: the module's ES entry point. Nothing global: import what you use.
//
//   import { init, Exam, openStore } from './kaohe/index.js';
//   await init();
//
// `init` loads and instantiates the wasm once; every other export is the wasm-bindgen API
// (see pkg/kaohe.d.ts for its types), the IndexedDB store (storage.js), backup (backup.js) or
// sealed exams (seal.js). The custom elements are a separate entry: `import 'kaohe/elements'`.
// A page that only runs exams can import `kaohe/candidate` (candidate.js) instead: the same exam
// API from a much smaller module, without the trainer's analysis, rubric, competency and plans.
import initWasm, * as pkg from '../pkg/kaohe.js';
import { loader, storeOpeners, harden, guardedFunctions } from './entry.js';
import { sealing } from './seal.js';
import { columnTeam } from './team.js';

export * from '../pkg/kaohe.js';

const { chainEvent, splitBank, joinBank } = pkg;
// Misuse the wasm-bindgen glue would let through uncoded (a freed or foreign `this`, a null,
// foreign or freed object argument) throws KaoheErrors, and free() is idempotent (entry.js). An
// ES module namespace cannot be patched, so the guarded functions shadow the star export.
harden(pkg);
const guarded = guardedFunctions(pkg);
export const generatePlans = guarded.generatePlans ?? pkg.generatePlans;
/** `new Team(model, set)`, the evidence crossing as typed columns (team.js). */
export const Team = columnTeam(pkg.Team);
export {
  Store, MemoryStore, KaoheStorageError, STORES, DERIVED_STORES, DB_VERSION, packedRecord, isClosed, DEADLINE_GRACE_MS, examsFromBlueprints,
} from './storage.js';
export { readSealedPackage, KaoheSealError, SEALED_FORMAT, PBKDF2_ITERATIONS, MIN_PASSPHRASE } from './seal.js';
export {
  exportBackup, readBackup, restoreBackup, migrateV0, canonicalJson, KaoheBackupError,
  BACKUP_FORMAT, BACKUP_SCHEMA_VERSION,
} from './backup.js';
export { isInstanceDead } from './entry.js';

/**
 * Loads the wasm module (once; later calls return the same promise).
 * @type {(options?: { wasmUrl?: string | URL }) => Promise<unknown>} `wasmUrl`: where
 *   `kaohe_bg.wasm` is served, if not beside pkg/.
 */
export const init = loader(initWasm, new URL('../pkg/kaohe_bg.wasm', import.meta.url));

/** Seal an exam for candidates' devices / unlock it to score (seal.js), through this module. */
export const { sealExam, unsealBank } = sealing({ splitBank, joinBank });

/**
 * `openStore(options)`: the IndexedDB store with the module's SHA-256 chain for attempt event
 * logs (call after `init()`; same options as storage.js's `openStore`). `openMemoryStore()`: an
 * in-memory store with the same API, for when IndexedDB is unavailable.
 */
export const { openStore, openMemoryStore } = storeOpeners(chainEvent);
