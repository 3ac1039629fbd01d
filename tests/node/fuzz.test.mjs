// Every exported function and class method of the Node build, fuzzed (tests/fuzz/boundary.mjs):
// no input traps the instance, every error carries a `code` and a `path`, and a valid call works
// after each. Bounded for .ci/test; KAOHE_FUZZ_N=<calls per entry point> runs longer,
// KAOHE_FUZZ_SEED=<n> replays another stream.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { all as mod } from '../../www/kaohe/node.js';
import { fuzzModule } from '../fuzz/boundary.mjs';

const www = new URL('../../www/', import.meta.url);
const N = Number(process.env.KAOHE_FUZZ_N ?? 25);
const SEED = Number(process.env.KAOHE_FUZZ_SEED ?? 16);

/** The committed corpus: sample files (parsed JSON and plain text) and plain values. */
export function nodeCorpus() {
  const spec = JSON.parse(readFileSync(new URL('../fuzz/corpus.json', import.meta.url), 'utf8'));
  return [
    ...spec.files.map((f) => JSON.parse(readFileSync(new URL(f, www), 'utf8'))),
    ...spec.texts.map((f) => readFileSync(new URL(f, www), 'utf8')),
    ...spec.local.map((f) => JSON.parse(readFileSync(new URL(`../fuzz/${f}`, import.meta.url), 'utf8'))),
    ...spec.values,
  ];
}

test(`the Node build survives ${N} fuzzed calls per entry point`, { timeout: 600000 }, (t) => {
  const corpus = nodeCorpus();
  const alive = () => {
    const hash = mod.chainEvent('', { type: 'start', at: 1000 });
    if (hash !== 'b0a789ca447e04b173506403df861e92a9f411deb0501236842d8a1b920e5200') throw new Error(`chainEvent gave ${hash}`);
  };
  const idle = [];
  const { calls, entryPoints, failures } = fuzzModule(mod, { corpus, alive, n: N, seed: SEED, log: (m) => idle.push(m) });
  mod.setLocale('zh-CN');
  t.diagnostic(`${calls} calls over ${entryPoints.length} entry points`);
  const summary = failures.slice(0, 40).map((f) => `${f.kind} ${f.entry}: ${f.detail}`).join('\n');
  assert.equal(failures.length, 0, `${failures.length} failures in ${calls} calls:\n${summary}`);
  assert.ok(entryPoints.length >= 60, `${entryPoints.length} entry points: ${entryPoints.join(', ')}`);
  assert.deepEqual(idle, [], 'every method was called on a live instance');
  assert.ok(calls >= entryPoints.length * N, `${calls} calls`);
});
