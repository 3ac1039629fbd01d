// Compares builds of the full module by CPU time in Node (process.cpuUsage), which a shared,
// loaded machine disturbs far less than wall time: each build is a `wasm-bindgen --target nodejs`
// directory, each measurement a fresh Node process, builds interleaved round by round. Not part
// of bench/run; how docs/benchmarks.md ("The full module's profile") chose the full profile.
//
//   node bench/compare-builds.mjs old=/tmp/n-old new=www/pkg-node   (env ROUNDS=2,
//   ONLY=cohort,team,big,irt). Prints medians and each build's ratio to the first.
//
// Rows: the bench page's 2,000 × 100 cohort (scoreCohort, analyze, the plain-JS scorer,
// exam.score per call), 2,000 people's new Team / evaluate / generatePlans, the 20,000 × 200
// cohort, and IRT 2PL and Rasch on a seeded 5,000 × 200 table.
import { createRequire } from 'node:module';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join, resolve } from 'node:path';
const self = fileURLToPath(import.meta.url);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
if (process.argv[2] === '--child') {
  const dir = process.argv[3];
  const what = process.argv[4];
  const require = createRequire(import.meta.url);
  const kaohe = require(resolve(dir, 'kaohe.js'));
  // bench/synthetic.js imports '../random.js' as the browser serves it (/bench/ beside www/ at the
  // root); Node resolves that against bench/, so the two files are laid out the same way in a
  // temporary directory first.
  const tmp = mkdtempSync(join(tmpdir(), 'kaohe-bench-'));
  mkdirSync(join(tmp, 'bench'));
  copyFileSync(new URL('./synthetic.js', import.meta.url), join(tmp, 'bench', 'synthetic.js'));
  copyFileSync(new URL('../www/random.js', import.meta.url), join(tmp, 'random.js'));
  const { syntheticExam, eachCandidate, scorePlain } = await import(pathToFileURL(join(tmp, 'bench', 'synthetic.js')));
  rmSync(tmp, { recursive: true });
  const cpu = (f) => { const a = process.cpuUsage(); const r = f(); const b = process.cpuUsage(a); return [(b.user + b.system) / 1000, r]; };
  const out = {};
  const add = (k, v) => (out[k] ??= []).push(v);
  const concat = (records) => { const offsets = new Uint32Array(records.length + 1); let size = 0; records.forEach((r, i) => { size += r.length; offsets[i + 1] = size; }); const bytes = new Uint8Array(size); records.forEach((r, i) => bytes.set(r, offsets[i])); return { bytes, offsets }; };
  if (what === 'cohort') {
    const { bank, blueprint } = syntheticExam(100);
    const exam = new kaohe.Exam(bank, blueprint);
    const paper = exam.assemble(1);
    const responses = []; const packed = [];
    eachCandidate(bank, 2000, 7, (c, r) => { responses.push(r); packed.push(exam.encode(r)); });
    const { bytes, offsets } = concat(packed);
    for (let r = 0; r < 12; r += 1) {
      const [ts, cohort] = cpu(() => exam.scoreCohort(bytes, offsets));
      const [ta] = cpu(() => cohort.analyze({}));
      cohort.free();
      const [tp] = cpu(() => scorePlain(bank, responses));
      const [te] = cpu(() => { for (let b = 0; b < 200; b += 1) exam.score({ paper, responses: responses[b] }); });
      if (r >= 2) { add('scoreCohort', ts); add('analyze', ta); add('plainJS', tp); add('exam.score µs', te * 1000 / 200); }
    }
  } else if (what === 'team') {
    const www = new URL('../www/', import.meta.url);
    const model = JSON.parse(readFileSync(new URL('samples/model.json', www)));
    const team = JSON.parse(readFileSync(new URL('samples/team.json', www)));
    const people = []; const evidence = [];
    for (let k = 0; k < 100; k += 1) {
      for (const p of team.people) people.push({ ...p, id: `${p.id}-${k}` });
      for (const e of team.evidence) { const shift = ((k * 7) % 11) - 5; const value = e.kind === 'exam' || e.kind === 'rubric' ? Math.min(100, Math.max(0, e.value + shift)) : e.value; evidence.push({ ...e, personId: `${e.personId}-${k}`, value }); }
    }
    const set = { schemaVersion: 1, people, evidence };
    for (let r = 0; r < 6; r += 1) {
      const [tb, t] = cpu(() => new kaohe.Team(model, set));
      const [te] = cpu(() => t.evaluate({ date: '2026-11-30' }));
      const [tp, plans] = cpu(() => kaohe.generatePlans(t, { startDate: '2026-12-07' }));
      plans.free(); t.free();
      if (r >= 1) { add('new Team', tb); add('evaluate', te); add('plans', tp); }
    }
  } else if (what === 'big') {
    const { bank, blueprint } = syntheticExam(200);
    const exam = new kaohe.Exam(bank, blueprint);
    const packed = [];
    eachCandidate(bank, 20000, 11, (c, r) => packed.push(exam.encode(r)));
    const { bytes, offsets } = concat(packed);
    for (let r = 0; r < 4; r += 1) {
      const [ts, cohort] = cpu(() => exam.scoreCohort(bytes, offsets));
      const [ta] = cpu(() => cohort.analyze({}));
      cohort.free();
      if (r >= 1) { add('big score', ts); add('big analyze', ta); }
    }
  } else if (what === 'irt') {
    let a = 12345;
    const rnd = () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
    const gauss = () => Math.sqrt(-2 * Math.log(Math.max(rnd(), 1e-12))) * Math.cos(2 * Math.PI * rnd());
    const P = 5000, I = 200;
    const disc = Array.from({ length: I }, () => 0.6 + 1.2 * rnd());
    const diff = Array.from({ length: I }, () => gauss());
    const cells = new Uint8Array(P * I);
    for (let p = 0; p < P; p += 1) { const th = gauss(); for (let j = 0; j < I; j += 1) cells[p * I + j] = rnd() < 1 / (1 + Math.exp(-disc[j] * (th - diff[j]))) ? 1 : 0; }
    const [t2] = cpu(() => kaohe.calibrateIrt({ model: 'twoPl', persons: P, items: I }, cells));
    const [tr] = cpu(() => kaohe.calibrateIrt({ model: 'rasch', persons: P, items: I }, cells));
    add('IRT 2PL', t2); add('IRT rasch', tr);
  }
  console.log(JSON.stringify(out));
} else {
  const variants = process.argv.slice(2).map((a) => a.split('='));
  const ROUNDS = Number(process.env.ROUNDS ?? 2);
  const ONLY = (process.env.ONLY ?? 'cohort,team,big,irt').split(',');
  const res = variants.map(() => ({}));
  for (let round = 0; round < ROUNDS; round += 1) for (const what of ONLY) for (let i = 0; i < variants.length; i += 1) {
    const out = JSON.parse(execFileSync(process.execPath, [self, '--child', variants[i][1], what], { encoding: 'utf8', maxBuffer: 1 << 26 }));
    for (const [k, v] of Object.entries(out)) (res[i][k] ??= []).push(...v);
  }
  const keys = [...new Set(res.flatMap((r) => Object.keys(r)))];
  const pad = (s, n) => String(s).padEnd(n);
  console.log(pad('CPU ms (median)', 18) + variants.map(([n]) => pad(n, 12)).join('') + variants.slice(1).map(([n]) => pad(`${n}/${variants[0][0]}`, 12)).join(''));
  for (const k of keys) {
    const m = res.map((r) => (r[k] ? median(r[k]) : NaN));
    console.log(pad(k, 18) + m.map((x) => pad(x.toFixed(2), 12)).join('') + m.slice(1).map((x) => pad(`${(x / m[0]).toFixed(2)}×`, 12)).join(''));
  }
}
