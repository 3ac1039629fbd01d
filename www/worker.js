// The page's worker: heavy jobs run here, on the same full wasm module as the trainer views, so
// the page never freezes. One job at a time per message id; progress is posted as it goes, and
// a job can be cancelled between steps (nothing is written by a cancelled job: each job writes
// in one transaction at its end).
//
// page → worker: { id, task, args }, { cancel: id }
// worker → page: { id, progress: { done, total } }, { id, result }, { id, error: { name, message, code, path } }
import { init, openStore } from './kaohe/index.js';
import { generateDemoAttempts } from './views/analysis-demo.js';

const cancelled = new Set();
let storePromise = null;

const TASKS = {
  /** Demo candidates for one exam, written into this device's store. */
  async demo({ bank, blueprint, count, seed, locale }, job) {
    storePromise ??= openStore({ locale });
    const store = await storePromise;
    return generateDemoAttempts(store, { bank, blueprint }, count, seed, job);
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
