// Import files (banks, rosters) are parsed by the interop module in the worker: a 2,000-item
// xlsx takes long enough to freeze the page. A progress bar with a cancel button shows when the
// parse takes longer than a glance; where no worker can start, the page parses it itself.
import { h, replace } from './dom.js';
import { uiLocale } from './i18n.js';
import { runJob, progressPanel } from './work.js';
import { loadInterop } from './kaohe/interop.js';

/** The interop functions a worker job may call: parsers only, none writes anything. */
export const PARSERS = ['importBank', 'importRoster'];

/**
 * `interop[fn](bytes, options)` in the worker. `slot` (optional) receives the progress panel
 * after 150 ms and is emptied at the end. Rejects with `{ name: 'AbortError' }` when cancelled.
 */
export async function parseFile(fn, bytes, options, { slot } = {}) {
  if (!PARSERS.includes(fn)) throw new Error(fn);
  if (typeof Worker === 'undefined') return (await loadInterop({ locale: uiLocale() }))[fn](bytes, options);
  const en = uiLocale() === 'en';
  const panel = progressPanel(en ? 'Reading the file…' : '正在读取文件…');
  const shown = slot ? setTimeout(() => replace(slot, h('p', { class: 'muted' }, en ? 'Reading the file…' : '正在读取文件…'), panel.node), 150) : null;
  try {
    // Ending the worker is the cancel: a parse is one call into the module and writes nothing.
    return await runJob('parse', { fn, bytes, options, locale: uiLocale() }, { onProgress: (done, total) => panel.update(done, total, ''), signal: panel.signal, endWorker: true });
  } finally {
    clearTimeout(shown);
    if (slot) replace(slot);
  }
}
