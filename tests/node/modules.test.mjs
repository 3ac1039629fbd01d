// What each wasm module exports follows from the crates it links (crates/kaohe-wasm/src/lib.rs):
// the names are read from the binding crates' sources and checked against the modules .ci/build
// wrote (www/pkg, www/pkg-lite, www/pkg-candidate, www/pkg-interop), so no list of names is kept
// by hand.
//  - the lite module (the page's trainer views) carries the trainer's bindings but none gated on
//    the `stats` feature (kaohe-wasm-trainer's lib.rs) or `cohort`, and no interop export;
//  - the candidate module (every exam page loads it) carries no export of the trainer's crates
//    (kaohe-wasm-trainer, and the `cohort` feature of kaohe-wasm-exam) nor of interop;
//  - the full module carries no interop export;
//  - every export of the shared and exam bindings is in both, and each crate's exports are in the
//    module built from it (which also proves the source reading finds real exports).
// Run by .ci/build after building, and by `node --test node/` in .ci/test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Rust sources of a crate (src/, non-recursive is enough for the binding crates), each with
 * whether lib.rs gates its module on the feature `stats` (`#[cfg(feature = "stats")]` on the line
 * before `pub mod name;`): those bindings are in the full module only, not the lite one.
 */
function sources(crate) {
  const dir = join(root, 'crates', crate, 'src');
  const lib = readFileSync(join(dir, 'lib.rs'), 'utf8');
  const gated = new Map([...lib.matchAll(/#\[cfg\(feature = "(\w+)"\)\]\s*pub mod (\w+);/g)].map((m) => [`${m[2]}.rs`, m[1]]));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.rs'))
    // A module behind another feature (`adaptive`, which no module enables yet) is left out.
    .filter((f) => !gated.has(f) || gated.get(f) === 'stats')
    .map((f) => ({ text: readFileSync(join(dir, f), 'utf8'), stats: gated.get(f) === 'stats' }));
}

/**
 * The JS exports a binding crate's sources declare, as `name` (function or class) and
 * `Class.method` entries, split by whether the item is gated on the `cohort` feature.
 * Reads rustfmt-formatted code (CI checks it): items at column 0, methods at 4 spaces, and
 * whole-line attributes before them.
 */
function declaredExports(crate) {
  const exports = { always: new Set(), cohort: new Set(), stats: new Set() };
  for (const { text, stats } of sources(crate)) {
    // A gated file's exports all go to `stats`; otherwise `cohort` items to `cohort`.
    const sets = (cohort) => (stats ? exports.stats : cohort ? exports.cohort : exports.always);
    let pending = [];
    let impl = null; // { name, cohort } inside `#[wasm_bindgen] impl Name {`
    for (const line of text.split('\n')) {
      const t = line.trim();
      if (t.startsWith('//') || t === '') continue;
      if (/^#\[.*\]$/.test(t)) {
        pending.push(t);
        continue;
      }
      const bindgen = pending.filter((a) => a.startsWith('#[wasm_bindgen'));
      const jsName = bindgen.map((a) => /js_name = (\w+)/.exec(a)?.[1]).find(Boolean);
      const cohort = pending.includes('#[cfg(feature = "cohort")]');
      pending = [];
      if (impl && line === '}') {
        impl = null;
        continue;
      }
      let m;
      if (!line.startsWith(' ') && (m = /^impl (\w+) \{/.exec(line)) && bindgen.length) {
        impl = { name: m[1], cohort };
      } else if (!line.startsWith(' ') && (m = /^pub struct (\w+)/.exec(line)) && bindgen.length) {
        sets(cohort).add(jsName ?? m[1]);
      } else if (!line.startsWith(' ') && (m = /^pub fn (\w+)/.exec(line)) && bindgen.length) {
        sets(cohort).add(jsName ?? m[1]);
      } else if (impl && (m = /^ {4}pub fn (\w+)/.exec(line))) {
        if (bindgen.some((a) => /\bconstructor\b/.test(a))) continue;
        sets(impl.cohort || cohort).add(`${impl.name}.${jsName ?? m[1]}`);
      }
    }
  }
  return exports;
}

/** What a wasm-bindgen `--target web` glue file exports: functions, classes, `Class.method`. */
function moduleExports(file) {
  const names = new Set();
  let cls = null;
  for (const line of readFileSync(join(root, 'www', file), 'utf8').split('\n')) {
    let m;
    if ((m = /^export function (\w+)/.exec(line))) names.add(m[1]);
    else if ((m = /^export class (\w+)/.exec(line))) names.add((cls = m[1]));
    else if (line === '}') cls = null;
    else if (cls && (m = /^ {4}(?:(?:get|set|static) )?(\w+)\(/.exec(line))) names.add(`${cls}.${m[1]}`);
  }
  return names;
}

const shared = declaredExports('kaohe-wasm');
const exam = declaredExports('kaohe-wasm-exam');
const trainer = declaredExports('kaohe-wasm-trainer');
const interop = declaredExports('kaohe-wasm-interop');
const full = moduleExports('pkg/kaohe.js');
const lite = moduleExports('pkg-lite/kaohe_lite.js');
const candidate = moduleExports('pkg-candidate/kaohe_candidate.js');
const interopModule = moduleExports('pkg-interop/kaohe_interop.js');
const adaptive = declaredExports('kaohe-wasm-adaptive');
const adaptiveModule = moduleExports('pkg-adaptive/kaohe_adaptive.js');

const trainerOnly = [...trainer.always, ...trainer.cohort, ...trainer.stats, ...exam.cohort];
const statsOnly = [...trainer.stats, ...trainer.cohort, ...exam.cohort];
const everywhere = [...shared.always, ...exam.always];

test('the sources are read: known exports of each crate are found', () => {
  for (const name of ['setLocale', 'getLocale']) assert.ok(shared.always.has(name), name);
  for (const name of ['Exam', 'Exam.score', 'SealedExam', 'chainEvent']) assert.ok(exam.always.has(name), name);
  for (const name of ['Exam.scoreCohort', 'Cohort', 'Cohort.analyze']) assert.ok(exam.cohort.has(name), name);
  for (const name of ['validateBank', 'calibrateRaters', 'AttemptVerifier']) assert.ok(trainer.always.has(name), name);
  for (const name of ['Team', 'generatePlans', 'calibrateIrt']) assert.ok(trainer.stats.has(name), name);
  for (const name of ['importBank', 'xapiStatements']) assert.ok(interop.always.has(name), name);
  assert.ok(adaptive.always.has('adaptiveNext'));
  for (const name of ['buildAdaptivePackage', 'verifyAdaptiveAttempt']) assert.ok(trainer.stats.has(name), name);
});

test('the full module has every export of its crates and none of interop', () => {
  for (const name of [...everywhere, ...trainerOnly]) assert.ok(full.has(name), `www/pkg lacks ${name}`);
  for (const name of interop.always) assert.ok(!full.has(name), `www/pkg exports interop's ${name}`);
});

test('the lite module has the trainer bindings but no statistics nor interop', () => {
  for (const name of [...everywhere, ...trainer.always]) assert.ok(lite.has(name), `www/pkg-lite lacks ${name}`);
  const leaked = [...statsOnly, ...interop.always].filter((name) => lite.has(name));
  assert.deepEqual(leaked, [], 'www/pkg-lite exports statistics or interop bindings');
});

test('the candidate module has the exam bindings and no trainer or interop export', () => {
  for (const name of everywhere) assert.ok(candidate.has(name), `www/pkg-candidate lacks ${name}`);
  const leaked = [...trainerOnly, ...interop.always].filter((name) => candidate.has(name));
  assert.deepEqual(leaked, [], 'www/pkg-candidate exports trainer or interop bindings');
});

test('the interop module has its exports and the shared ones only', () => {
  for (const name of [...shared.always, ...interop.always]) {
    assert.ok(interopModule.has(name), `www/pkg-interop lacks ${name}`);
  }
  const leaked = [...exam.always, ...trainerOnly].filter((name) => interopModule.has(name));
  assert.deepEqual(leaked, [], 'www/pkg-interop exports exam or trainer bindings');
});

test('the adaptive module has its step and the shared exports only', () => {
  for (const name of [...shared.always, ...adaptive.always]) {
    assert.ok(adaptiveModule.has(name), `www/pkg-adaptive lacks ${name}`);
  }
  const leaked = [...exam.always, ...trainerOnly, ...interop.always].filter((name) => adaptiveModule.has(name));
  assert.deepEqual(leaked, [], 'www/pkg-adaptive exports exam, trainer or interop bindings');
  // The candidate module (every ordinary exam page) does not carry the adaptive step.
  for (const name of adaptive.always) assert.ok(!candidate.has(name), `www/pkg-candidate exports ${name}`);
});
