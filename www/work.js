// Heavy work off the page's thread: `runJob` sends a job to the worker (worker.js) and returns
// its result; `progressPanel` is the progress bar and cancel button that go with it.
import { h } from './dom.js';
import { t } from './i18n.js';

let worker = null;
let nextId = 1;
const jobs = new Map();

function ensureWorker() {
  if (worker) return worker;
  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  worker.addEventListener('message', (event) => {
    const { id, progress, result, error } = event.data ?? {};
    const job = jobs.get(id);
    if (!job) return;
    if (progress) { job.onProgress?.(progress.done, progress.total); return; }
    jobs.delete(id);
    if (error) job.reject(Object.assign(new Error(error.message), error));
    else job.resolve(result);
  });
  worker.addEventListener('error', (event) => {
    // A worker that cannot start (an old browser): every job fails with the reason.
    for (const [id, job] of jobs) { jobs.delete(id); job.reject(new Error(event.message || 'worker')); }
    worker = null;
  });
  return worker;
}

/**
 * Runs `task` with `args` in the worker. `onProgress(done, total)` is called as it goes; an
 * aborted `signal` cancels the job, which then rejects with `{ name: 'AbortError' }`.
 */
export function runJob(task, args, { onProgress, signal, endWorker = false } = {}) {
  const id = nextId;
  nextId += 1;
  return new Promise((resolve, reject) => {
    jobs.set(id, { resolve, reject, onProgress });
    ensureWorker().postMessage({ id, task, args });
    signal?.addEventListener('abort', () => {
      if (!endWorker) { worker?.postMessage({ cancel: id }); return; }
      // Ending the worker aborts its open transaction: nothing of the job is written.
      worker?.terminate();
      worker = null;
      for (const [other, job] of jobs) {
        jobs.delete(other);
        job.reject(Object.assign(new Error('cancelled'), { name: 'AbortError' }));
      }
    }, { once: true });
  });
}

/**
 * A progress bar with a cancel button for one job: `panel.node` to show, `panel.signal` for
 * `runJob`, `panel.update(done, total)` from `onProgress`.
 */
export function progressPanel(label) {
  const controller = new AbortController();
  const bar = h('progress', { max: '1', value: '0', 'aria-label': label });
  const text = h('span', { class: 'muted small' });
  const cancel = h('button', { type: 'button', class: 'cancel-job', onclick: () => { controller.abort(); cancel.disabled = true; } }, t('cancel'));
  return {
    node: h('div', { class: 'job-progress', role: 'group', 'aria-label': label }, bar, ' ', text, ' ', cancel),
    signal: controller.signal,
    /** Cancels the job, as the button does (a newer job replacing this one). */
    cancel: () => controller.abort(),
    update(done, total, words) {
      bar.max = total;
      bar.value = done;
      text.textContent = words ?? `${done} / ${total}`;
    },
  };
}
