// kaohe for Node (batch jobs): the same crate built with `wasm-bindgen --target nodejs` into
// ../pkg-node by .ci/build. The wasm is loaded synchronously on import; no init() needed.
//
//   import { Exam, setLocale } from 'kaohe/node';
//   const exam = new Exam(bank, blueprint);
//   const cohort = exam.scoreCohort(bytes, offsets);
import { createRequire } from 'node:module';
import { harden } from './entry.js';
import { columnTeam } from './team.js';

const require = createRequire(import.meta.url);
// Methods of freed objects (and on a foreign `this`) throw coded errors, not null pointers.
const kaohe = harden(require('../pkg-node/kaohe.js'));
// `new Team(model, set)` with the evidence as typed columns (team.js).
if (typeof kaohe.Team === 'function') kaohe.Team = columnTeam(kaohe.Team);

export default kaohe;
export const { Exam, Cohort, validateBank, setLocale, getLocale } = kaohe;
/** Everything the module exports, including what later builds add (kaohe.radarSvg …). */
export const all = kaohe;
