// The psychometrics rows of issue 19, measured in Chromium as the page runs them:
//  - 2PL calibration (marginal maximum likelihood) of a seeded 5,000 × 200 right/wrong table in a
//    Web Worker on the full module, as the analysis view's IRT tab runs it (target: under 2 s);
//  - one step of an adaptive exam (`adaptiveNext`: check the logged answers against the
//    package's commitments, replay them, pick the next question) on the adaptive module, over a
//    500-question bank, as the candidate's exam view calls it after each answer (target: 5 ms).
import * as kaohe from '../kaohe/index.js';
import * as adaptive from '../kaohe/adaptive.js';
import { syntheticExam } from './synthetic.js';
import { mulberry32 as rng } from '../random.js';

const now = () => performance.now();

/** A standard normal draw (Box–Muller) from a uniform source. */
function normal(random) {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** `reps` worker runs of the 2PL calibration; each in a fresh worker (module load included separately). */
async function irtInWorker(persons, items, reps) {
  const times = [];
  let steps = 0;
  for (let r = 0; r < reps; r += 1) {
    const worker = new Worker(new URL('./irt-worker.js', import.meta.url), { type: 'module' });
    const out = await new Promise((ok, fail) => {
      worker.onmessage = (e) => (e.data.error ? fail(new Error(e.data.error)) : ok(e.data));
      worker.onerror = (e) => fail(new Error(e.message));
      worker.postMessage({ persons, items, seed: 20261203 + r });
    });
    worker.terminate();
    times.push(out.ms);
    steps = out.steps;
  }
  return { times, steps };
}

let sink = 0;
/** Plain JS arithmetic, `n` thousand multiply-adds (about 90 µs at n = 8 on the bench machine). */
function spin(n) {
  let x = 0;
  for (let i = 0; i < n * 1000; i += 1) x = (x * 1.000001 + i) % 1e9;
  return x;
}

/**
 * Simulated candidates taking an adaptive exam over a `size`-question bank: every `adaptiveNext`
 * call is timed (each replays the answers so far, so the last calls of a test are the slowest).
 * Returns every step's time with where it fell (candidate, answers replayed), so the slowest
 * steps can be told apart: a long test's replay, a first call, or a pause of the page's own.
 */
async function catSteps(size, candidates) {
  await Promise.all([kaohe.init(), adaptive.init()]);
  const { bank } = syntheticExam(size);
  const random = rng(7);
  const calibration = bank.items.map((it) => ({ itemId: it.id, a: 0.6 + 1.4 * random(), b: normal(random) }));
  const params = new Map(calibration.map((c) => [c.itemId, c]));
  const pkg = kaohe.buildAdaptivePackage({
    bank, id: 'bench-cat', title: '基准自适应考试', calibration, secret: 'cd'.repeat(16),
    settings: { minItems: 5, maxItems: 30, targetSe: 0.3, randomesque: 5 },
  });
  const keys = new Map(bank.items.map((it) => [it.id, it]));
  const steps = [];
  let lengths = 0;
  let longest = [];
  // Candidate -1 is not timed: V8 runs a wasm function's first calls on its baseline compiler
  // (as bench.mjs's cohort rows, every path has run once before it is timed).
  for (let c = -1; c < candidates; c += 1) {
    const theta = normal(random);
    const answers = [];
    for (;;) {
      const t0 = now();
      const next = adaptive.adaptiveNext({ package: pkg, seed: 1000 + c, answers });
      const t1 = now();
      // The control: as much plain JS work as a step's median, timed the same way right after,
      // so that a pause of the machine or the page (another process, a garbage collection)
      // shows in both.
      sink += spin(8);
      if (c >= 0) steps.push({ ms: t1 - t0, candidate: c, given: answers.length, control: now() - t1, at: t0 });
      if (next.finished || next.nextItem == null) break;
      const itemId = pkg.items[next.nextItem].id;
      const { a, b } = params.get(itemId);
      const it = keys.get(itemId);
      const right = random() < 1 / (1 + Math.exp(-a * (theta - b)));
      let value = it.answer;
      if (!right) {
        if (it.type === 'single') value = it.options.map((o) => o.id).find((o) => o !== it.answer);
        else if (it.type === 'multiple') value = it.answer.slice(1);
        else value = !it.answer;
      }
      answers.push({ itemId, value });
    }
    if (c >= 0) lengths += answers.length;
    if (answers.length > longest.length) longest = answers.slice();
  }
  // Where a step's time goes: the same longest log replayed in full, and the same call with no
  // answer (reading and checking the package, one selection), alternated, 200 times each.
  const phases = { full: [], empty: [], given: longest.length };
  for (let r = 0; r < 200; r += 1) {
    let t0 = now();
    adaptive.adaptiveNext({ package: pkg, seed: 1, answers: longest });
    phases.full.push(now() - t0);
    t0 = now();
    adaptive.adaptiveNext({ package: pkg, seed: 1, answers: [] });
    phases.empty.push(now() - t0);
  }
  // The first step on a package object (after a reload, the page's first render of an attempt):
  // a fresh copy each time, so the module reads and checks all its items again.
  const fresh = [];
  for (let r = 0; r < 100; r += 1) {
    const copy = structuredClone(pkg);
    const t0 = now();
    adaptive.adaptiveNext({ package: copy, seed: r, answers: longest });
    fresh.push(now() - t0);
  }
  return { steps, meanLength: lengths / candidates, phases, fresh, sink };
}

window.bench = { irtInWorker, catSteps, cold: Promise.resolve(0) };
