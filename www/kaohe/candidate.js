// kaohe/candidate: the entry point for pages that only run exams (a candidate's page, an
// intranet page embedding an exam). The same exam API as kaohe (index.js), from the candidate
// module (pkg-candidate/, the crate kaohe-wasm-candidate): Exam (assemble, view, score,
// compile, review, encode), ScoringPaper, SealedExam, chainEvent, setLocale/getLocale, the
// IndexedDB store and reading sealed packages. It leaves out what only trainers use (cohort
// scoring and item analysis, rubrics, assessments, competency, plans, validateBank, sealing and
// unsealing, verifyAttemptLog, backup), so the wasm is a fraction of the full module's size.
//
//   import { init, Exam, openStore } from 'kaohe/candidate';
//   await init();
//
// A page may load both entries (the demo page does: this one at start, the full one when a
// trainer view opens); they are two separate wasm instances. Objects of one (an `Exam`) cannot
// be passed to the other, but plain data (papers, results, stored attempts) can, and both
// hash attempt logs the same way.
import initWasm, * as wasm from '../pkg-candidate/kaohe_candidate.js';
import { loader, storeOpeners, harden } from './entry.js';

export * from '../pkg-candidate/kaohe_candidate.js';
export {
  Store, MemoryStore, KaoheStorageError, STORES, DERIVED_STORES, DB_VERSION, packedRecord, isClosed, DEADLINE_GRACE_MS, examsFromBlueprints,
} from './storage.js';
export { readSealedPackage, KaoheSealError, SEALED_FORMAT, PBKDF2_ITERATIONS, MIN_PASSPHRASE } from './seal.js';
export { isInstanceDead } from './entry.js';

/**
 * Loads the candidate wasm module (once; later calls return the same promise).
 * @type {(options?: { wasmUrl?: string | URL }) => Promise<unknown>} `wasmUrl`: where
 *   `kaohe_candidate_bg.wasm` is served, if not beside pkg-candidate/.
 */
export const init = loader(initWasm, new URL('../pkg-candidate/kaohe_candidate_bg.wasm', import.meta.url));

/** The IndexedDB store and the in-memory fallback, hashing attempt logs with `chainEvent`. */
export const { openStore, openMemoryStore } = storeOpeners(wasm.chainEvent);

// Methods of freed objects (and on a foreign `this`) throw coded errors, not null pointers.
harden(wasm);
