// The page's worker: heavy jobs run here, on the same full wasm module as the trainer views, so
// the page never freezes. One job at a time per message id; progress is posted as it goes, and
// a job can be cancelled: between steps (demo), or by ending the worker (backup, restore), which
// aborts its open transaction. Either way nothing is written: each job writes in one transaction.
//
// page → worker: { id, task, args }, { cancel: id }; `args.db` names the page's database, so a
// job writes to the workspace the page has open.
// worker → page: { id, progress: { done, total } }, { id, result }, { id, error: { name, message, code, path } }
import { init, openStore, exportBackup, restoreBackup, Exam, validateBank, calibrateIrtCohort, parallelBlueprints, previewKpiCsv, setLocale } from './kaohe/index.js';
import { generateDemoAttempts, demoRoster } from './views/analysis-demo.js';
import { analyseCohort } from './views/analysis-cohort.js';
import { loadInterop } from './kaohe/interop.js';

/** The interop parsers a job may call (as import-job.js's PARSERS; that module needs a DOM). */
const PARSERS = ['importBank', 'importRoster'];

const cancelled = new Set();

/** The page's database (`name`: the workspace the page has open), opened once per name. */
const stores = new Map();
function store(locale, name = 'kaohe') {
  if (!stores.has(name)) stores.set(name, openStore({ locale, name }));
  return stores.get(name);
}

const TASKS = {
  /** IRT calibration of one exam's packed attempts (the analysis view's IRT tab); writes nothing. */
  async irt({ bytes, offsets, locale, ...params }, job) {
    if (locale) setLocale(locale === 'en' ? 'en' : 'zh-CN');
    return calibrateIrtCohort(params, bytes, offsets, (done, total) => job.onProgress(done, total));
  },
  /** Parallel papers (平行试卷) assembled from a calibrated bank (the adaptive view); writes nothing. */
  async parallel({ locale, ...params }, job) {
    if (locale) setLocale(locale === 'en' ? 'en' : 'zh-CN');
    job.onProgress(0, 1);
    const out = parallelBlueprints(params);
    job.onProgress(1, 1);
    return out;
  },
  /** Demo candidates for one exam, written into this device's store. */
  async demo({ bank, blueprint, count, seed, locale, db, roster = false }, job) {
    // `roster`: the generated candidates also become the demo workspace's people.
    let people = 0;
    const extra = roster ? (attempts) => { const out = demoRoster(attempts); people = out.people.length; return out; } : null;
    const written = await generateDemoAttempts(await store(locale, db), { bank, blueprint }, count, seed, job, extra);
    return roster ? { attempts: written, people } : written;
  },
  /** A backup file of every store (the page offers it as a download). */
  async exportBackup({ locale, db }, job) {
    job.onProgress(0, 2);
    const { text, counts, filename } = await exportBackup(await store(locale, db));
    job.onProgress(2, 2);
    // A Blob crosses to the page by reference: no copy of a 20 MB string on the page's thread.
    return { blob: new Blob([text], { type: 'application/json' }), counts, filename };
  },
  /** Restores a backup file (a File): checked first, then written in one transaction. */
  async restoreBackup({ file, locale, db }, job) {
    job.onProgress(0, 2);
    const text = await file.text();
    job.onProgress(1, 2);
    const out = await restoreBackup(await store(locale, db), text, { locale });
    job.onProgress(2, 2);
    return out;
  },
  /** An import file parsed by the interop module (`fn`: one of PARSERS); writes nothing. */
  async parse({ fn, bytes, options, locale }, job) {
    if (!PARSERS.includes(fn)) throw Object.assign(new Error(String(fn)), { code: 'UNKNOWN_TASK' });
    job.onProgress(0, 1);
    const interop = await loadInterop({ locale });
    const out = interop[fn](bytes, options);
    // A bank is also checked by the engine here (as the page would before storing it; for a
    // 2,000-question bank that takes a second): `checked` tells the page it is done.
    if (fn === 'importBank' && out?.bank) {
      validateBank(out.bank);
      out.checked = true;
    }
    job.onProgress(1, 1);
    return out;
  },
  /**
   * A KPI file previewed against the model (the team view's import): a year of a 2,000-agent
   * centre's monthly KPIs is some 200,000 cells, long enough to freeze the page; writes nothing.
   */
  async kpiPreview({ text, model, headers, locale }, job) {
    setLocale(locale === 'en' ? 'en' : 'zh-CN');
    job.onProgress(0, 1);
    const out = previewKpiCsv({ text, model, headers });
    job.onProgress(1, 1);
    return out;
  },
  /** Item analysis of one exam's packed attempts (the analysis view); writes nothing. */
  async analysis({ bank, blueprint, bytes, offsets, options }, job) {
    return analyseCohort(Exam, { bank, blueprint }, bytes, offsets, options, job);
  },
};

self.addEventListener('message', async (event) => {
  const { id, task, args, cancel } = event.data ?? {};
  if (cancel !== undefined) {
    cancelled.add(cancel);
    return;
  }
  const job = {
    onProgress: (done, total) => self.postMessage({ id, progress: { done, total } }),
    isCancelled: () => cancelled.has(id),
  };
  try {
    await init();
    const run = TASKS[task];
    if (!run) throw Object.assign(new Error(task), { code: 'UNKNOWN_TASK' });
    const result = await run(args, job);
    self.postMessage({ id, result });
  } catch (error) {
    self.postMessage({ id, error: { name: error?.name, message: error?.message ?? String(error), code: error?.code, path: error?.path } });
  } finally {
    cancelled.delete(id);
  }
});
