// kaohe/lite: the page's entry for its everyday trainer views (desk, grading, people, exams,
// results, rubrics, calibration, import, export, backup, sealed exams). The full module's API
// without the heavy statistics (cohort scoring and item analysis, IRT, competency and teams,
// development plans, programme evidence: the `stats` feature of crates/kaohe-wasm-trainer), from
// the lite module (pkg-lite/, the crate kaohe-wasm-lite), built for size so the first trainer
// view opens fast. The page loads the full module (index.js) as well on the routes that need the
// statistics; the two are separate wasm instances, so objects of one (an `Exam`) are never passed
// to the other, only plain data. Not part of the package's documented entries (index.js is).
import initWasm, * as wasm from '../pkg-lite/kaohe_lite.js';
import { guardModule } from './guard.js';
import { loader, harden } from './entry.js';
import { sealing } from './seal.js';

export * from '../pkg-lite/kaohe_lite.js';

// Misuse caught by the glue throws KaoheErrors (guard.js); freed objects throw coded errors.
guardModule(wasm);
harden(wasm);

/** Loads the lite wasm module (once; later calls return the same promise). */
export const init = loader(initWasm, new URL('../pkg-lite/kaohe_lite_bg.wasm', import.meta.url));

/** Seal an exam for candidates' devices / unlock it to score (seal.js), through this module. */
export const { sealExam, unsealBank } = sealing({ splitBank: wasm.splitBank, joinBank: wasm.joinBank });
