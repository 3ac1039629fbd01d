// Drives bench/page.html and bench/candidate.html (and the real app for its cold start) in
// headless Debian chromium and prints one table: medians of repeated runs, the targets beside
// them, the machine named.
// Run through `bash bench/run`, which builds the release module first.
import { createServer } from 'node:http';
import { readFile, stat, mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '../tests/node_modules/playwright-core/index.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, '..');
const WWW = join(ROOT, 'www');
const QUICK = process.argv.includes('--quick');
const REPS = QUICK ? 5 : 15;
// --phone: only the throttled phone profile's rows (a quick look at the first trainer view).
const PHONE_ONLY = process.argv.includes('--phone');
// --psychometrics: only issue 19's rows (2PL in a worker, adaptive steps).
// --cat: only the adaptive-step rows of --psychometrics; --candidates N: how many simulated
// candidates take the adaptive exam (default 2,000).
const CAT_ONLY = process.argv.includes('--cat');
const PSYCHOMETRICS_ONLY = CAT_ONLY || process.argv.includes('--psychometrics');
const CAT_CANDIDATES = Number(process.argv[process.argv.indexOf('--candidates') + 1]) || 2000;
// --storage: only the IndexedDB rows (write and read beside bare IndexedDB, same run).
const STORAGE_ONLY = process.argv.includes('--storage');
// --team: only the rows of 2,000 people (new Team, evaluate, generatePlans).
const TEAM_ONLY = process.argv.includes('--team');
// --cohort: only the 2,000 × 100 cohort rows (scored + analysed beside the plain-JS scorer).
const COHORT_ONLY = process.argv.includes('--cohort');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

/** www/ at /, bench/ at /bench/, SurveyJS at /vendor/; cross-origin isolated for fine timers. */
function fileFor(pathname) {
  if (pathname === '/vendor/survey-core.mjs') return join(ROOT, 'tests/node_modules/survey-core/fesm/survey-core.mjs');
  if (pathname.startsWith('/bench/')) return normalize(join(here, pathname.slice('/bench/'.length)));
  return normalize(join(WWW, pathname));
}

const gzipped = new Map();
/** gzip -9 of a file's bytes, computed once per path and content. */
function gzipFor(path, body) {
  const key = `${path}:${body.length}`;
  if (!gzipped.has(key)) gzipped.set(key, gzipSync(body, { level: 9 }));
  return gzipped.get(key);
}

async function serve() {
  const server = createServer(async (req, res) => {
    try {
      let path = fileFor(decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname));
      if (!path.startsWith(ROOT)) throw new Error('outside');
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      let body = await readFile(path);
      // Compressed as any static host would serve it, which the phone profile's network feels.
      const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && extname(path) in TYPES;
      if (gzip) body = gzipFor(path, body);
      res.writeHead(200, {
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
      });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => server.close(ok)) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;
const ms = (n) => (n < 1 ? `${(n * 1000).toFixed(1)} µs` : `${n.toFixed(n < 10 ? 2 : 1)} ms`);

async function sizeOf(rel) {
  const bytes = await readFile(join(WWW, rel));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

async function machine(browser) {
  const info = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const model = info.match(/^model name\s*:\s*(.+)$/m)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown CPU';
  return `${model}, ${cpus().length} cores, Chromium ${browser.version()}, Node ${process.version}`;
}

async function openBench(browser, url, html = 'page.html') {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${url}/bench/${html}`);
  await page.waitForFunction(() => window.bench);
  await page.evaluate(() => window.bench.cold);
  return { context, page };
}

/**
 * The first trainer view on a throttled phone: a new context (empty cache), CPU ×4 and Chrome
 * DevTools' "Fast 3G" (562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up) through CDP. Times
 * from navigation start: the first paint of the page's own loading state, and the desk's first
 * content; then, once the page is up on the home view in another context, a click on the desk
 * link → its loading skeleton.
 */
async function phoneFirstTrainerView(browser, url) {
  const throttle = async (page) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: 562.5, downloadThroughput: (1440 * 1024) / 8, uploadThroughput: (675 * 1024) / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  };
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  // The desk's first content is timed in the page: the first frame after its heading enters the
  // DOM. Reading performance.now() once Playwright has seen the heading added Playwright's own
  // polling, which on a CPU slowed 4× and busy with the wasm compile took up to a second more
  // (kept as the row "… as Playwright sees it").
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.getElementById('desk-title')) return;
      observer.disconnect();
      requestAnimationFrame(() => { window.kaoheDeskFrame = performance.now(); });
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  await throttle(page);
  await page.goto(`${url}/#/desk`, { waitUntil: 'commit' });
  await page.waitForSelector('#desk-title', { timeout: 120000 });
  const seen = await page.evaluate(() => performance.now());
  await page.waitForFunction(() => window.kaoheDeskFrame !== undefined, null, { timeout: 120000 });
  const times = await page.evaluate((seenAt) => ({
    loading: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    content: window.kaoheDeskFrame,
    seen: seenAt,
  }), seen);
  // PHONE_DEBUG=1: each resource's start and end (ms), to see the waterfall.
  if (process.env.PHONE_DEBUG) {
    const entries = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => [e.name.replace(location.origin, ''), Math.round(e.startTime), Math.round(e.responseEnd), e.transferSize]));
    for (const e of entries) process.stderr.write(`${e.join('\t')}\n`);
  }
  await context.close();
  const home = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const homePage = await home.newPage();
  await homePage.goto(`${url}/#/home`);
  await homePage.waitForSelector('body[data-ready="true"]', { timeout: 120000 });
  await throttle(homePage);
  const clickSkeleton = await homePage.evaluate(() => new Promise((done) => {
    const start = performance.now();
    new MutationObserver((_, observer) => {
      if (document.getElementById('view-loading') || document.getElementById('desk-title')) {
        observer.disconnect();
        requestAnimationFrame(() => done(performance.now() - start));
      }
    }).observe(document.getElementById('main'), { childList: true, subtree: true });
    location.hash = '#/desk';
  }));
  await home.close();
  return { ...times, clickSkeleton };
}

const rows = [];
const log = (s) => process.stderr.write(`[bench] ${s}\n`);
const row = (what, figure, runs, target = '', verdict = '') => rows.push([what, figure, String(runs), target, verdict]);
const check = (ok) => (ok ? 'met' : 'MISSED');
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;

/** The IndexedDB rows: the store's write and read beside bare IndexedDB, measured in the same run. */
function storageRows(idb) {
  const n = idb.write.length;
  row('IndexedDB write of 2,000 attempts (one transaction, putAll)', ms(median(idb.write)), n);
  row('  bare IndexedDB: a put loop of the same records in one transaction', ms(median(idb.bareWrite)), n);
  row('  write ÷ bare put loop', ratio(median(idb.write), median(idb.bareWrite)), n, '≤ 1.3×',
    check(median(idb.write) <= 1.3 * median(idb.bareWrite)));
  row('IndexedDB read of 2,000 attempts (full records: getAll by blueprint)', ms(median(idb.read)), n);
  row('  bare IndexedDB: getAll of the same records', ms(median(idb.bareRead)), n);
  row('  read ÷ bare getAll', ratio(median(idb.read), median(idb.bareRead)), n, '≤ 1.3×',
    check(median(idb.read) <= 1.3 * median(idb.bareRead)));
  row('IndexedDB read of 2,000 packed records (store.getPackedAttempts)', ms(median(idb.readPacked)), n);
}

/** Only the IndexedDB rows (--storage), 15 runs even with --quick. */
async function measureStorage(browser, server) {
  log('IndexedDB');
  const { context, page } = await openBench(browser, server.url);
  await page.evaluate(() => window.bench.setup(2000, 100));
  const idb = await page.evaluate((reps) => window.bench.indexedDb(reps), 15);
  await context.close();
  row('2,000 × 100 scored + item analysis, from the stored attempts (IndexedDB packedAttempts read included)', ms(median(idb.withRead)), idb.withRead.length);
  storageRows(idb);
}

/** The 2,000 × 100 cohort's rows: the module's path in memory beside the plain-JS scorer. */
function cohortRows(setup, memoryPath, steps, plain) {
  const inMemory = median(memoryPath);
  const plainMs = median(plain.times);
  row(`2,000 × 100 scored + item analysis, in memory from packed bytes (${kb(setup.bytes)}), no IndexedDB read`,
    ms(inMemory), REPS, '< plain JS', check(inMemory < plainMs));
  // In order: the browser runs wasm on its baseline compiler until a function's optimised code
  // is ready, and swaps it in at the function's next call; the first runs show that window.
  row('  … each run in order (after one untimed run)', memoryPath.map((t) => ms(t)).join(' · '), REPS);
  row('  … of which: concatenate the packed bytes (JS) / scoreCohort / analyze (result to a JS object) / totals',
    [steps.concat, steps.score, steps.analyze, steps.totals].map((t) => ms(median(t))).join(' / '), REPS);
  row('  … scoreCohort alone vs the plain-JS scorer (both score the whole cohort)',
    `${(median(steps.score) / plainMs).toFixed(2)}×`, REPS, '< 1×', check(median(steps.score) < plainMs));
  row(`plain-JS scorer, same 2,000 × 100 responses (totals agree: ${plain.agree ? 'yes' : 'NO'})`, ms(plainMs), REPS);
  row('ratio: module (scored + analysed) / plain JS (scored only)', `${(inMemory / plainMs).toFixed(2)}×`, '');
}

/** Every row but the phone profile's. */
async function measureAll(browser, server) {
  if (!COHORT_ONLY) {
    log('cold starts');
    const coldCandidate = [];
    const coldModule = [];
    const coldApp = [];
    for (let r = 0; r < REPS; r += 1) {
      const candidate = await openBench(browser, server.url, 'candidate.html');
      coldCandidate.push(await candidate.page.evaluate(() => window.bench.cold));
      await candidate.context.close();
      const { context, page } = await openBench(browser, server.url);
      coldModule.push(await page.evaluate(() => window.bench.cold));
      await context.close();
      const app = await browser.newContext();
      const appPage = await app.newPage();
      await appPage.goto(`${server.url}/`);
      await appPage.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
      coldApp.push(await appPage.evaluate(() => performance.getEntriesByName('kaohe:ready')[0]?.startTime ?? NaN));
      await app.close();
    }
    row('cold start: navigation → candidate module ready (new context each run)', ms(median(coldCandidate)), REPS);
    row('cold start: navigation → full module ready (new context each run)', ms(median(coldModule)), REPS);
    row('cold start: navigation → app ready on the candidate module (samples stored, view drawn)', ms(median(coldApp)), REPS);
  }

    log('2,000 × 100 cohort');
    const { context, page } = await openBench(browser, server.url);
    const setup = await page.evaluate(() => window.bench.setup(2000, 100));
    const attempt = await page.evaluate((reps) => window.bench.attempt(reps, 200), REPS);
    row('one 100-item attempt, exam.score() (per call, 200-call batches)', ms(median(attempt)), REPS, '≤ 0.2 ms', check(median(attempt) <= 0.2));
    const compiled = await page.evaluate((reps) => window.bench.attemptCompiled(reps, 200), REPS);
    row('one 100-item attempt, paper compiled once (scoring.score())', ms(median(compiled)), REPS, '≤ 0.2 ms', check(median(compiled) <= 0.2));
    const memoryPath = await page.evaluate((reps) => window.bench.cohortInMemory(reps), REPS);
    const steps = await page.evaluate((reps) => window.bench.cohortSteps(reps), REPS);
    const plain = await page.evaluate((reps) => window.bench.plain(reps), REPS);
    const inMemory = median(memoryPath);
    const plainMs = median(plain.times);
    if (COHORT_ONLY) {
      await context.close();
      cohortRows(setup, memoryPath, steps, plain);
      return;
    }
    const idb = await page.evaluate((reps) => window.bench.indexedDb(reps), REPS);
    log('SurveyJS sample');
    const surveyReps = 3;
    const survey = await page.evaluate((reps) => window.bench.survey(100, reps), surveyReps);
    const exportsBuilt = await page.evaluate(() => window.bench.exports());
    await context.close();
    cohortRows(setup, memoryPath, steps, plain);
    row('2,000 × 100 scored + item analysis, from the stored attempts (IndexedDB packedAttempts read included)', ms(median(idb.withRead)), REPS);
    const surveyPer = median(survey.times) / 100;
    row(`SurveyJS getCorrectAnswerCount(): 100 candidates × 20 (extrapolated; counts agree: ${survey.agree ? 'yes' : 'NO'})`,
      ms(surveyPer * 2000), surveyReps);
    row('ratio: SurveyJS / module', `${Math.round((surveyPer * 2000) / inMemory)}×`, '');
    row('ratio: SurveyJS / plain JS', `${Math.round((surveyPer * 2000) / plainMs)}×`, '');
    storageRows(idb);
    if (exportsBuilt.includes('Team') && exportsBuilt.includes('generatePlans')) await measureTeam(browser, server);
    else row('2,000 competency evaluations and plans', 'not built', 0, '≤ 50 ms together');

    log('20,000 × 200 cohort (fresh page)');
    const bigPage = await openBench(browser, server.url);
    const bigReps = QUICK ? 3 : REPS;
    const big = await bigPage.page.evaluate((reps) => window.bench.big(20000, 200, reps), bigReps);
    await bigPage.context.close();
    const analyse = median(big.analyze);
    row('20,000 × 200 scoreCohort (packed bytes → matrix)', ms(median(big.score)), bigReps);
    row('20,000 × 200 item analysis (analyze)', ms(analyse), bigReps, '≤ 150 ms', check(analyse <= 150));
    row('20,000 × 200 wasm memory: before → after score → after analysis',
      `${mb(big.before)} → ${mb(big.afterScore)} → ${mb(big.afterAnalyze)}`, bigReps, '≤ 64 MB', check(big.afterAnalyze <= 64 * 1048576));

}

/** The value below which a share `q` of the sorted values lie (nearest rank). */
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

/** The team rows (a fresh page: the cohort and SurveyJS runs leave a large heap behind). */
async function measureTeam(browser, server) {
    const teamPage = await openBench(browser, server.url);
    const tp = await teamPage.page.evaluate((reps) => window.bench.teamAndPlans(reps), Math.min(REPS, 7));
    await teamPage.context.close();
    const evalMs = median(tp.evaluate);
    const plansMs = median(tp.plans);
    row(`2,000 people: new Team(model, evidence) (${tp.people} people, ${tp.evidence} evidence records, crossing once)`, ms(median(tp.build)), tp.build.length);
    row('  JSON.parse of the same evidence (its JSON text)', ms(median(tp.parse)), tp.parse.length);
    row('  new Team ÷ JSON.parse', ratio(median(tp.build), median(tp.parse)), tp.build.length, '≤ 1.5×',
      check(median(tp.build) <= 1.5 * median(tp.parse)));
    row('2,000 competency evaluations × 8 dimensions + team report (team.evaluate)', ms(evalMs), tp.evaluate.length, '≤ 20 ms', check(evalMs <= 20));
    row(`2,000 plans (generatePlans, ${tp.planCount} generated)`, ms(plansMs), tp.plans.length, '≤ 30 ms', check(plansMs <= 30));
    row('2,000 evaluations + 2,000 plans', ms(evalMs + plansMs), '', '≤ 50 ms', check(evalMs + plansMs <= 50));
}

/** Issue 19's rows: 2PL calibration in a Web Worker, one adaptive-exam step (bench/psychometrics.js). */
async function measurePsychometrics(browser, server) {
    log('psychometrics: 2PL 5,000 × 200 in a worker, adaptive steps on a 500-question bank');
    const { context, page } = await openBench(browser, server.url, 'psychometrics.html');
    const irtReps = QUICK ? 2 : 3;
    if (!CAT_ONLY) {
      const irt = await page.evaluate((reps) => window.bench.irtInWorker(5000, 200, reps), irtReps);
      const irtMs = median(irt.times);
      row(`2PL calibration (marginal ML), 5,000 × 200, in a Web Worker (${irt.steps} EM cycles)`, ms(irtMs), irtReps, '< 2 s', check(irtMs < 2000));
    }
    const candidates = QUICK ? 200 : CAT_CANDIDATES;
    const cat = await page.evaluate((n) => window.bench.catSteps(500, n), candidates);
    await context.close();
    const sorted = cat.steps.map((s) => s.ms).sort((x, y) => x - y);
    const step = median(sorted);
    const p95 = quantile(sorted, 0.95);
    const p99 = quantile(sorted, 0.99);
    const max = sorted[sorted.length - 1];
    row(`one adaptive-exam step (adaptiveNext), 500-question bank, ${cat.steps.length} steps of ${candidates} simulated candidates (mean length ${cat.meanLength.toFixed(1)}): median`,
      ms(step), cat.steps.length, '< 5 ms', check(step < 5));
    row('  … 95th / 99th percentile', `${ms(p95)} / ${ms(p99)}`, cat.steps.length, '< 5 ms', check(p99 < 5));
    row('  … the slowest step', ms(max), 1, '< 5 ms', check(max < 5));
    const slow = [...cat.steps].sort((x, y) => y.ms - x.ms).slice(0, 5)
      .map((s) => `${ms(s.ms)} (candidate ${s.candidate}, ${s.given} answers)`).join('; ');
    log(`  the five slowest steps: ${slow}`);
    const control = cat.steps.map((s) => s.control).sort((x, y) => x - y);
    log(`  control (plain JS work timed right after each step): median ${ms(median(control))}, 99th percentile ${ms(quantile(control, 0.99))}, max ${ms(control[control.length - 1])}`);
    const t0 = cat.steps[0].at;
    log(`  when the five slowest came (s after the first timed step): ${[...cat.steps].sort((x, y) => y.ms - x.ms).slice(0, 5).map((s) => ((s.at - t0) / 1000).toFixed(2)).join(', ')} of ${((cat.steps[cat.steps.length - 1].at - t0) / 1000).toFixed(1)}`);
    const byGiven = new Map();
    for (const s of cat.steps) byGiven.set(s.given, [...(byGiven.get(s.given) ?? []), s.ms]);
    log(`  median by answers replayed: ${[...byGiven.keys()].sort((x, y) => x - y).filter((g) => g % 5 === 0)
      .map((g) => `${g}: ${ms(median(byGiven.get(g)))}`).join(', ')}`);
    const fresh = [...cat.fresh].sort((x, y) => x - y);
    row(`  … the first step on a package object (after a reload: the module reads its ${500} items), ${cat.phases.given} answers`, ms(median(fresh)), fresh.length, '< 5 ms', check(median(fresh) < 5));
    row('  … … its slowest', ms(fresh[fresh.length - 1]), fresh.length, '< 5 ms', check(fresh[fresh.length - 1] < 5));
    log(`  the longest log (${cat.phases.given} answers) replayed 200 times: median ${ms(median(cat.phases.full))}, max ${ms(Math.max(...cat.phases.full))}; `
      + `no answer: median ${ms(median(cat.phases.empty))}, max ${ms(Math.max(...cat.phases.empty))}`);
}

/** The first trainer view on a throttled phone profile (phoneFirstTrainerView). */
async function measurePhone(browser, server) {
    log('first trainer view on a throttled phone profile');
    const phone = [];
    const phoneReps = QUICK ? 2 : 5;
    for (let r = 0; r < phoneReps; r += 1) phone.push(await phoneFirstTrainerView(browser, server.url));
    const loading = median(phone.map((p) => p.loading));
    const content = median(phone.map((p) => p.content));
    const seen = median(phone.map((p) => p.seen));
    const clickSkeleton = median(phone.map((p) => p.clickSkeleton));
    // The first paint waits for the HTML itself: two round trips of 562.5 ms at least on Fast 3G.
    row('phone profile (CPU ×4, Fast 3G via CDP, gzip), new context: navigation → first paint (the page\'s loading text)', ms(loading), phoneReps);
    row('  … navigation to #/desk → the desk\'s first content (the first frame with its heading; candidate module, samples and lite module load meanwhile)', ms(content), phoneReps, '≤ 3 s', check(content <= 3000));
    row('  … the same, as Playwright sees the heading (its polling of a throttled page included)', ms(seen), phoneReps);
    row('  … from the home page, a click on the desk link → its loading state', ms(clickSkeleton), phoneReps, '≤ 150 ms', check(clickSkeleton <= 150));
}

async function main() {
  const server = await serve();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  try {
    // The size target is judged on what a candidate's exam page loads (the candidate module and
    // the JS its entry imports); the full module, loaded on trainer routes only, is shown beside it.
    const gzipSum = (sizes) => sizes.reduce((sum, size) => sum + size.gzip, 0);
    const cWasm = await sizeOf('pkg-candidate/kaohe_candidate_bg.wasm');
    const cGlue = await sizeOf('pkg-candidate/kaohe_candidate.js');
    const cEntry = await Promise.all(['kaohe/candidate.js', 'kaohe/entry.js', 'kaohe/storage.js', 'kaohe/seal.js'].map(sizeOf));
    const candidatePage = cWasm.gzip + cGlue.gzip + gzipSum(cEntry);
    const wasm = await sizeOf('pkg/kaohe_bg.wasm');
    const glue = await sizeOf('pkg/kaohe.js');
    // The same files as .ci/build's "full module total" limit.
    const entry = await Promise.all(['kaohe/index.js', 'kaohe/entry.js', 'kaohe/storage.js', 'kaohe/guard.js', 'kaohe/seal.js', 'kaohe/backup.js'].map(sizeOf));
    const whole = wasm.gzip + glue.gzip + gzipSum(entry);
    row('candidate wasm, built for size (opt-level z, wasm-opt -Oz) (raw / gzip -9)', `${kb(cWasm.raw)} / ${kb(cWasm.gzip)}`, 1);
    row('candidate glue JS pkg-candidate/kaohe_candidate.js (raw / gzip)', `${kb(cGlue.raw)} / ${kb(cGlue.gzip)}`, 1);
    row('candidate page total gzip, what an exam page loads (wasm + glue + candidate.js + entry.js + storage.js + seal.js)',
      kb(candidatePage), 1, '≤ 140 KB', check(candidatePage <= 140 * 1024));
    // What the first trainer view adds to the candidate page: the lite module and its entry.
    const lWasm = await sizeOf('pkg-lite/kaohe_lite_bg.wasm');
    const lGlue = await sizeOf('pkg-lite/kaohe_lite.js');
    const lEntry = await Promise.all(['kaohe/lite.js', 'kaohe/guard.js'].map(sizeOf));
    const trainerAdds = lWasm.gzip + lGlue.gzip + gzipSum(lEntry);
    row('lite wasm (trainer views without the statistics), built for size (raw / gzip -9)', `${kb(lWasm.raw)} / ${kb(lWasm.gzip)}`, 1);
    row('what the first trainer view adds, gzip (lite wasm + glue + lite.js + guard.js)',
      kb(trainerAdds), 1, '≤ 400 KB', check(trainerAdds <= 400 * 1024));
    row('full wasm (statistics routes, embedders, Node; profile `full`: opt-level z, LTO, inline threshold 25) (raw / gzip -9)', `${kb(wasm.raw)} / ${kb(wasm.gzip)}`, 1);
    row('full glue JS pkg/kaohe.js (raw / gzip)', `${kb(glue.raw)} / ${kb(glue.gzip)}`, 1);
    row('full module total gzip (wasm + glue + index, entry, storage, guard, seal, backup.js)', kb(whole), 1, '≤ 587 KB (issue 12)', check(whole <= 587 * 1024));

    if (PSYCHOMETRICS_ONLY) await measurePsychometrics(browser, server);
    else if (STORAGE_ONLY) await measureStorage(browser, server);
    else if (TEAM_ONLY) await measureTeam(browser, server);
    else if (COHORT_ONLY) await measureAll(browser, server);
    else {
      if (!PHONE_ONLY) {
        await measureAll(browser, server);
        await measurePsychometrics(browser, server);
      }
      await measurePhone(browser, server);
    }

    const name = await machine(browser);
    const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...[['measurement', 'median', 'runs', 'target', ''], ...rows].map((r) => r[i].length)));
    const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
    const out = [
      `kaohe benchmark — ${name}${QUICK ? ' (quick)' : ''}`,
      line(['measurement', 'median', 'runs', 'target', '']),
      `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
      ...rows.map(line),
    ].join('\n');
    console.log(out);
    await mkdir(join(ROOT, 'bench/results'), { recursive: true });
    await writeFile(join(ROOT, 'bench/results/latest.txt'), `${out}\n`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
