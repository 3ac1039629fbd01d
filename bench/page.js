// The benchmark page: loads the module exactly as the app does and exposes timed steps to
// bench.mjs, which repeats them and takes medians. Every step works on the same synthetic
// cohort (synthetic.js), so the module, plain JS and SurveyJS score the same responses.
import * as kaohe from '../kaohe/index.js';
import { syntheticExam, eachCandidate, scorePlain, surveyJson } from './synthetic.js';

const now = () => performance.now();
const wasmReady = kaohe.init();
const state = {};

function concat(records) {
  const offsets = new Uint32Array(records.length + 1);
  let size = 0;
  records.forEach((r, i) => { size += r.packed.byteLength; offsets[i + 1] = size; });
  const bytes = new Uint8Array(size);
  records.forEach((r, i) => bytes.set(r.packed, offsets[i]));
  return { bytes, offsets };
}

/**
 * The options the analysis view passes (www/views/analysis-cohort.js): the distractor tables as
 * typed arrays in `analysis.distractors` instead of objects in each item.
 */
const VIEW_OPTIONS = { distractors: 'columns' };

/** The path the analysis view takes: packed bytes → one scoreCohort → analyze. */
function cohortAndAnalysis(exam, records) {
  const { bytes, offsets } = concat(records);
  const cohort = exam.scoreCohort(bytes, offsets);
  try {
    const analysis = cohort.analyze(VIEW_OPTIONS);
    return { totals: cohort.totals(), items: analysis.items.length };
  } finally {
    cohort.free();
  }
}

const request = (req) => new Promise((ok, fail) => { req.onsuccess = () => ok(req.result); req.onerror = () => fail(req.error); });
const done = (tx) => new Promise((ok, fail) => { tx.oncomplete = ok; tx.onerror = () => fail(tx.error); tx.onabort = () => fail(tx.error); });

/**
 * The yardstick for the store: bare IndexedDB, one object store keyed by `attemptId` and no
 * index, the same records written by a `put` loop in one transaction and read by one `getAll`.
 * `write()` and `read()` each time one run; the caller interleaves them with the store's runs,
 * so a busy machine slows both sides of a ratio alike.
 */
async function bareIndexedDb(records) {
  const name = `kaohe-bare-${Date.now()}`;
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => open.result.createObjectStore('attempts', { keyPath: 'attemptId' });
  const db = await request(open);
  return {
    async write() {
      let tx = db.transaction('attempts', 'readwrite');
      tx.objectStore('attempts').clear();
      await done(tx);
      const t = now();
      tx = db.transaction('attempts', 'readwrite');
      const store = tx.objectStore('attempts');
      for (const record of records) store.put(record);
      await done(tx);
      return now() - t;
    },
    async read() {
      const t = now();
      const got = await request(db.transaction('attempts').objectStore('attempts').getAll());
      const time = now() - t;
      if (got.length !== records.length) throw new Error(`bare read ${got.length} records`);
      return time;
    },
    close() {
      db.close();
      indexedDB.deleteDatabase(name);
    },
  };
}

const bench = {
  /** ms from navigation start to the module ready (fetch + compile + instantiate). */
  cold: wasmReady.then(() => now()),

  exports() {
    return ['Team', 'generatePlans'].filter((name) => typeof kaohe[name] === 'function');
  },

  /**
   * 2,000 people × 8 dimensions: the sample team of 20 repeated 100 times (ids made unique,
   * values shifted a little so percentiles are not all ties). Times the team's construction
   * (model and evidence validated, crossing once), `evaluate` (every person + the team view)
   * and `generatePlans` (every plan, kept in the module).
   */
  async teamAndPlans(reps) {
    await wasmReady;
    const [model, team] = await Promise.all([
      fetch('../samples/model.json').then((r) => r.json()),
      fetch('../samples/team.json').then((r) => r.json()),
    ]);
    const people = [];
    const evidence = [];
    for (let k = 0; k < 100; k += 1) {
      for (const p of team.people) people.push({ ...p, id: `${p.id}-${k}` });
      for (const e of team.evidence) {
        const shift = ((k * 7) % 11) - 5;
        const value = e.kind === 'exam' || e.kind === 'rubric' ? Math.min(100, Math.max(0, e.value + shift)) : e.value;
        evidence.push({ ...e, personId: `${e.personId}-${k}`, value });
      }
    }
    const set = { schemaVersion: 1, people, evidence };
    // The yardstick: the browser's own JSON.parse of the same evidence, as one JSON text.
    const text = JSON.stringify(set);
    const out = { build: [], parse: [], evaluate: [], plans: [], people: people.length, evidence: evidence.length };
    for (let r = 0; r < reps; r += 1) {
      let t = now();
      const parsed = JSON.parse(text);
      out.parse.push(now() - t);
      if (parsed.evidence.length !== evidence.length) throw new Error('JSON.parse lost evidence');
      t = now();
      const teamObj = new kaohe.Team(model, set);
      out.build.push(now() - t);
      t = now();
      teamObj.evaluate({ date: '2026-11-30' });
      out.evaluate.push(now() - t);
      t = now();
      const plans = kaohe.generatePlans(teamObj, { startDate: '2026-12-07' });
      out.plans.push(now() - t);
      out.planCount = plans.count;
      plans.free();
      teamObj.free();
    }
    return out;
  },

  /** Builds the exam and `candidates` stored-attempt records (packed at "submission"). */
  async setup(candidates, items, seed = 7) {
    await wasmReady;
    const { bank, blueprint } = syntheticExam(items);
    const exam = new kaohe.Exam(bank, blueprint);
    const paper = exam.assemble(1);
    const responses = [];
    const records = [];
    eachCandidate(bank, candidates, seed, (c, r) => {
      responses.push(r);
      records.push({
        attemptId: `bench-${c}`, blueprintId: blueprint.id, bankId: bank.id, status: 'submitted',
        candidate: { id: `KF${10000 + c}`, name: `考生${c}` }, submittedAt: 1_790_000_000_000 + c,
        responses: Object.fromEntries(Object.entries(r).map(([id, value]) => [id, { value, answeredAt: 0 }])),
        packed: exam.encode(r),
      });
    });
    Object.assign(state, { bank, blueprint, exam, paper, responses, records });
    return { candidates, items, bytes: records.reduce((s, r) => s + r.packed.byteLength, 0) };
  },

  /** One attempt through `exam.score`: per-call ms over `batch` calls, `reps` times. */
  attempt(reps, batch) {
    const { exam, paper, responses } = state;
    const out = [];
    for (let r = 0; r < reps; r += 1) {
      const t = now();
      for (let b = 0; b < batch; b += 1) exam.score({ paper, responses: responses[b % responses.length] });
      out.push((now() - t) / batch);
    }
    return out;
  },

  /** One attempt on a paper compiled once (`exam.compile(paper).score`), as the page does. */
  attemptCompiled(reps, batch) {
    const { exam, paper, responses } = state;
    const scoring = exam.compile(paper);
    const out = [];
    for (let r = 0; r < reps; r += 1) {
      const t = now();
      for (let b = 0; b < batch; b += 1) scoring.score({ responses: responses[b % responses.length] });
      out.push((now() - t) / batch);
    }
    scoring.free();
    return out;
  },

  cohortInMemory(reps) {
    const out = [];
    // One untimed run first, as for the plain-JS scorer (`plain`): V8 runs a wasm function's
    // first call on its baseline compiler and a JS function's first calls in the interpreter;
    // both rows compare code that has been run once.
    cohortAndAnalysis(state.exam, state.records);
    for (let r = 0; r < reps; r += 1) {
      const t = now();
      cohortAndAnalysis(state.exam, state.records);
      out.push(now() - t);
    }
    return out;
  },

  /** The same path step by step: where the cohort's time goes. */
  cohortSteps(reps) {
    const steps = { concat: [], score: [], analyze: [], totals: [] };
    for (let r = 0; r < reps; r += 1) {
      let t = now();
      const { bytes, offsets } = concat(state.records);
      steps.concat.push(now() - t);
      t = now();
      const cohort = state.exam.scoreCohort(bytes, offsets);
      steps.score.push(now() - t);
      t = now();
      cohort.analyze(VIEW_OPTIONS);
      steps.analyze.push(now() - t);
      t = now();
      cohort.totals();
      steps.totals.push(now() - t);
      cohort.free();
    }
    return steps;
  },

  plain(reps) {
    const out = [];
    let result = scorePlain(state.bank, state.responses); // untimed, as in cohortInMemory
    for (let r = 0; r < reps; r += 1) {
      const t = now();
      result = scorePlain(state.bank, state.responses);
      out.push(now() - t);
    }
    const wasm = cohortAndAnalysis(state.exam, state.records).totals;
    const agree = result.totals.every((v, i) => Math.abs(v - wasm[i]) < 1e-9);
    return { times: out, agree };
  },

  async survey(sample, reps) {
    const { Model } = await import('/vendor/survey-core.mjs');
    const model = new Model(surveyJson(state.bank));
    const expected = scorePlain(state.bank, state.responses.slice(0, sample)).correct;
    const out = [];
    let agree = true;
    for (let r = 0; r < reps; r += 1) {
      const t = now();
      for (let c = 0; c < sample; c += 1) {
        model.data = state.responses[c];
        const count = model.getCorrectAnswerCount();
        if (count !== expected[c]) agree = false;
      }
      out.push(now() - t);
    }
    return { times: out, agree };
  },

  async indexedDb(reps) {
    const name = `kaohe-bench-${Date.now()}`;
    const store = await kaohe.openStore({ name });
    const write = [];
    const read = [];
    const readPacked = [];
    const withRead = [];
    const bare = await bareIndexedDb(state.records);
    const bareWrite = [];
    const bareRead = [];
    try {
      for (let r = 0; r < reps; r += 1) {
        await store.transaction('attempts', 'readwrite', (s) => { s.attempts.clear(); });
        const t = now();
        await store.putAll('attempts', state.records);
        write.push(now() - t);
        bareWrite.push(await bare.write());
      }
      for (let r = 0; r < reps; r += 1) {
        const t = now();
        const got = await store.getAllByIndex('attempts', 'byBlueprint', state.blueprint.id);
        read.push(now() - t);
        if (got.length !== state.records.length) throw new Error(`read ${got.length} records`);
        bareRead.push(await bare.read());
      }
      for (let r = 0; r < reps; r += 1) {
        const t = now();
        const got = await store.getPackedAttempts(state.blueprint.id);
        readPacked.push(now() - t);
        if (got.length !== state.records.length) throw new Error(`read ${got.length} packed records`);
      }
      // What the analysis view does: the packed records by blueprint, one scoreCohort, analyze.
      for (let r = 0; r < reps; r += 1) {
        const t = now();
        const got = await store.getPackedAttempts(state.blueprint.id);
        cohortAndAnalysis(state.exam, got);
        withRead.push(now() - t);
      }
    } finally {
      store.close();
      bare.close();
      indexedDB.deleteDatabase(name);
    }
    return { write, read, readPacked, withRead, bareWrite, bareRead };
  },

  /** The large cohort: memory before and after scoring and analysis, and their times. */
  async big(candidates, items, reps) {
    const wasm = await wasmReady;
    const memory = () => wasm.memory.buffer.byteLength;
    const { bank, blueprint } = syntheticExam(items);
    const exam = new kaohe.Exam(bank, blueprint);
    const packed = [];
    eachCandidate(bank, candidates, 11, (c, r) => packed.push({ packed: exam.encode(r) }));
    const { bytes, offsets } = concat(packed);
    packed.length = 0;
    const before = memory();
    const score = [];
    const analyze = [];
    let afterScore = 0;
    let afterAnalyze = 0;
    for (let r = 0; r < reps; r += 1) {
      let t = now();
      const cohort = exam.scoreCohort(bytes, offsets);
      score.push(now() - t);
      afterScore = Math.max(afterScore, memory());
      t = now();
      const analysis = cohort.analyze(VIEW_OPTIONS);
      analyze.push(now() - t);
      afterAnalyze = Math.max(afterAnalyze, memory());
      if (analysis.items.length !== items) throw new Error('wrong item count');
      cohort.free();
    }
    exam.free();
    return { before, afterScore, afterAnalyze, score, analyze, packedBytes: bytes.byteLength };
  },
};

window.bench = bench;
