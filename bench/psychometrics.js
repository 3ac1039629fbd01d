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

/**
 * Simulated candidates taking an adaptive exam over a `size`-question bank: every `adaptiveNext`
 * call is timed (each replays the answers so far, so the last calls of a test are the slowest).
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
  const times = [];
  let lengths = 0;
  // Candidate -1 is not timed: V8 runs a wasm function's first calls on its baseline compiler
  // (as bench.mjs's cohort rows, every path has run once before it is timed).
  for (let c = -1; c < candidates; c += 1) {
    const theta = normal(random);
    const answers = [];
    for (;;) {
      const t0 = now();
      const next = adaptive.adaptiveNext({ package: pkg, seed: 1000 + c, answers });
      if (c >= 0) times.push(now() - t0);
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
  }
  const sorted = [...times].sort((x, y) => x - y);
  return { times, max: sorted[sorted.length - 1], meanLength: lengths / candidates };
}

window.bench = { irtInWorker, catSteps, cold: Promise.resolve(0) };
