// Batch scoring in Node: the sample bank and the Q4 blueprint, 2,000 synthetic candidates (each
// with their own paper), scored in one call with scoreCohort, then the item analysis summary.
//
//   bash .ci/build && node tests/node/score-cohort.mjs [candidates] [--json]
//
// The module is the same crate built with `wasm-bindgen --target nodejs` (www/pkg-node), imported
// through the package's `kaohe/node` entry; no init() is needed in Node.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Exam, setLocale } from 'kaohe/node';
// A small deterministic PRNG, so the cohort is the same on every run.
import { mulberry32 as rng } from '../../www/random.js';

const www = new URL('../../www/', import.meta.url);
const load = (path) => JSON.parse(readFileSync(new URL(path, www), 'utf8'));


/** The keyed answer and a wrong answer worth 0 points, per item type (shortAnswer: none). */
function answers(item) {
  switch (item.type) {
    case 'single': return [item.answer, item.options.find((o) => o.id !== item.answer).id];
    case 'situational': {
      const best = item.options.reduce((a, b) => (b.points > a.points ? b : a));
      return [best.id, item.options.find((o) => o.points === 0).id];
    }
    case 'multiple': return [item.answer, [item.options.find((o) => !item.answer.includes(o.id)).id]];
    case 'trueFalse': return [item.answer, !item.answer];
    case 'fillBlank': return [item.blanks.map((b) => b.accepted[0]), item.blanks.map(() => '×')];
    case 'numeric': return [String(item.answer.value), String(item.answer.value + 1000)];
    case 'ordering': return [item.answer, [...item.answer].reverse()];
    case 'matching': return [item.answer, {}];
    default: return [null, null];
  }
}

/**
 * Simulates `count` candidates: ability θ ~ N(0, 1); P(correct) = logistic(1.2 θ − (difficulty − 3)).
 * Returns each candidate's paper, responses and which items were keyed correctly.
 */
export function simulate(bank, exam, count, seed = 2026) {
  const random = rng(seed);
  const byId = new Map(bank.items.map((i) => [i.id, i]));
  const candidates = [];
  for (let c = 0; c < count; c += 1) {
    const theta = Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
    const paper = exam.assemble(c + 1);
    const responses = {};
    const correct = [];
    for (const id of paper.sections.flatMap((s) => s.itemIds)) {
      const item = byId.get(id);
      const [right, wrong] = answers(item);
      if (right === null) continue;
      const p = 1 / (1 + Math.exp(-(1.2 * theta - ((item.tags?.difficulty ?? 3) - 3))));
      const ok = random() < p;
      responses[id] = ok ? right : wrong;
      if (ok) correct.push(id);
    }
    candidates.push({ paper, responses, correct });
  }
  return candidates;
}

/** Scores the cohort in one call and returns the totals and the item analysis. */
export function scoreCohort(count = 2000, seed = 2026) {
  const bank = load('samples/bank.json');
  const blueprint = load('samples/blueprint.json');
  const exam = new Exam(bank, blueprint);
  try {
    const candidates = simulate(bank, exam, count, seed);
    const packed = candidates.map((c) => exam.encode(c.responses));
    const offsets = new Uint32Array(count + 1);
    packed.forEach((p, i) => { offsets[i + 1] = offsets[i] + p.length; });
    const bytes = new Uint8Array(offsets[count]);
    packed.forEach((p, i) => bytes.set(p, offsets[i]));
    const started = performance.now();
    const cohort = exam.scoreCohort(bytes, offsets);
    try {
      const totals = cohort.totals();
      const analysis = cohort.analyze({});
      return { bank, candidates, totals, analysis, itemIds: exam.cohortItemIds(), ms: performance.now() - started };
    } finally {
      cohort.free();
    }
  } finally {
    exam.free();
  }
}

function summary({ totals, analysis, ms }) {
  const s = analysis.exam;
  const fmt = (x) => (x?.value === undefined || x?.value === null ? '—' : x.value.toFixed(3));
  const hardest = [...analysis.items].filter((i) => i.facility.value != null)
    .sort((a, b) => a.facility.value - b.facility.value).slice(0, 5);
  return [
    `candidates: ${s.candidates}`,
    `items: ${s.items}`,
    `mean total: ${fmt(s.mean)} of ${s.maxTotal}`,
    `sd: ${fmt(s.sd)}`,
    `cronbach alpha: ${fmt(s.cronbachAlpha)}`,
    `flags: ${analysis.flags.length}`,
    `hardest items: ${hardest.map((i) => `${i.itemId} (${i.facility.value.toFixed(2)})`).join(', ')}`,
    `scored in: ${ms.toFixed(1)} ms (${totals.length} totals)`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  setLocale('en');
  const count = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 2000);
  const run = scoreCohort(count);
  if (process.argv.includes('--json')) console.log(JSON.stringify({ exam: run.analysis.exam, flags: run.analysis.flags.length, items: run.analysis.items.length }));
  else console.log(summary(run));
}
