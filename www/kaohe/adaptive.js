// kaohe/adaptive: the entry for an adaptive exam (自适应复训考试) on the candidate's page. One
// export besides the shared ones: `adaptiveNext({ package, seed, answers })`, a pure function
// (checks the answers against the package's commitments, replays the test, picks the next item),
// from the adaptive module (pkg-adaptive/, the crate kaohe-wasm-adaptive). The page's exam view
// loads it only for an adaptive exam, so ordinary exam pages never download it; the candidate
// module's store keeps the attempt log as for any attempt.
import initWasm, * as wasm from '../pkg-adaptive/kaohe_adaptive.js';
import { loader, harden } from './entry.js';

export * from '../pkg-adaptive/kaohe_adaptive.js';

harden(wasm);

/** Loads the adaptive wasm module (once; later calls return the same promise). */
export const init = loader(initWasm, new URL('../pkg-adaptive/kaohe_adaptive_bg.wasm', import.meta.url));

/** `format` of an adaptive exam package. */
export const ADAPTIVE_FORMAT = 'kaohe-adaptive';
