// Backup and restore: export every store to one file, restore it here or in another browser.
// Restore validates the whole file first and writes in one transaction, so a bad file changes
// nothing; the error says what is wrong, with its code and path.
import { exportBackup, restoreBackup } from '../kaohe/backup.js';
import { STORES } from '../kaohe/storage.js';
import { runJob, progressPanel } from '../work.js';
import { h, replace, download, announce, techDetails } from '../dom.js';
import { uiLocale } from '../i18n.js';

const STRINGS = {
  title: ['备份与恢复', 'Backup and restore'],
  intro: ['把本机保存的全部数据（题库、考试记录、成绩、评分表、能力模型、计划等）导出为一个文件，可在另一台电脑或浏览器中恢复。LRS 账号信息不会导出。',
    'Export everything stored on this device (banks, attempts, results, rubrics, models, plans…) to one file and restore it in another browser. LRS credentials are never exported.'],
  exportTitle: ['导出备份', 'Export a backup'],
  exportButton: ['导出备份文件', 'Export the backup file'],
  exported: ['已导出 {n} 条记录。', 'Exported {n} records.'],
  restoreTitle: ['从备份恢复', 'Restore from a backup'],
  restoreHint: ['恢复会用备份内容替换本机现有数据；文件有任何问题都不会改动现有数据。',
    'Restoring replaces the data on this device with the backup; a file with any problem changes nothing.'],
  file: ['备份文件（.json）', 'Backup file (.json)'],
  restoreButton: ['恢复', 'Restore'],
  noFile: ['请先选择备份文件。', 'Choose a backup file first.'],
  restored: ['已恢复 {n} 条记录。', 'Restored {n} records.'],
  migrated: ['（已从旧版本 {v} 升级）', '(migrated from version {v})'],
  failed: ['恢复失败，现有数据未改动', 'Restore failed; nothing was changed'],
  store: ['数据表', 'Store'],
  records: ['记录数', 'Records'],
  counts: ['各表记录数', 'Records per store'],
  working: ['正在处理备份', 'Working on the backup'],
  stepRead: ['正在读取…', 'Reading…'],
  stepCheck: ['正在校验并写入…', 'Checking and writing…'],
  stepDone: ['完成', 'Done'],
  cancelled: ['已取消，现有数据未改动。', 'Cancelled: nothing was changed.'],
};

const s = (key, params = {}) => {
  let text = STRINGS[key][uiLocale() === 'en' ? 1 : 0];
  for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
};

const STORE_NAMES = {
  banks: ['题库', 'Banks'], blueprints: ['试卷蓝图', 'Blueprints'], attempts: ['考试记录', 'Attempts'],
  results: ['成绩', 'Results'], rubrics: ['评分细则', 'Rubrics'], scorecards: ['评分表', 'Scorecards'],
  models: ['能力模型', 'Models'], people: ['人员', 'People'], evidence: ['能力证据', 'Evidence'],
  kpis: ['KPI', 'KPIs'], plans: ['提升计划', 'Plans'], checkins: ['跟进记录', 'Check-ins'], meta: ['设置', 'Settings'],
};

const total = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);

function countsTable(id, counts) {
  return h('table', { id, class: 'counts' },
    h('caption', {}, s('counts')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, s('store')), h('th', { scope: 'col', class: 'num' }, s('records')))),
    h('tbody', {}, Object.keys(STORES).map((name) => h('tr', { dataset: { store: name } },
      h('th', { scope: 'row' }, STORE_NAMES[name]?.[uiLocale() === 'en' ? 1 : 0] ?? name),
      h('td', { class: 'num' }, String(counts[name] ?? 0))))));
}

function errorBox(error) {
  return h('div', { class: 'error-box', role: 'alert', id: 'restore-error', dataset: { code: error?.code ?? '' } },
    h('p', {}, h('strong', {}, s('failed'))),
    h('p', {}, error?.message ?? String(error)),
    techDetails(error));
}

/**
 * Runs a backup job in the worker with a progress bar and a cancel button shown in `out`; where
 * there is no worker (or the store is in memory), `fallback()` runs it on the page.
 */
async function inWorker(store, task, args, out, fallback) {
  // The in-memory store (no IndexedDB) lives in the page: the worker could not see it.
  if (typeof Worker === 'undefined' || store.persistent === false) return fallback();
  const panel = progressPanel(s('working'));
  replace(out, panel.node);
  const steps = [s('stepRead'), s('stepCheck'), s('stepDone')];
  panel.update(0, 2, steps[0]);
  try {
    return await runJob(task, args, { onProgress: (done, all) => panel.update(done, all, steps[done]), signal: panel.signal, endWorker: true });
  } finally {
    panel.node.remove();
  }
}

export async function render(main, { store }) {
  const exportOut = h('div', { id: 'export-out', 'aria-live': 'polite' });
  const restoreOut = h('div', { id: 'restore-out' });
  const fileInput = h('input', { type: 'file', id: 'backup-file', accept: '.json,application/json' });
  let busy = false;

  const doExport = async () => {
    try {
      const { text, blob, counts, filename } = await inWorker(store, 'exportBackup', { locale: uiLocale(), db: store.name }, exportOut, () => exportBackup(store));
      download(filename, blob ?? text, 'application/json');
      replace(exportOut, h('p', { class: 'good', role: 'status' }, s('exported', { n: total(counts) })), countsTable('export-counts', counts));
    } catch (error) {
      replace(exportOut, error.name === 'AbortError' ? h('p', { role: 'status' }, s('cancelled')) : errorBox(error));
    }
  };

  const doRestore = async (event) => {
    event.preventDefault();
    if (busy) return;
    const file = fileInput.files?.[0];
    if (!file) {
      replace(restoreOut, h('p', { class: 'bad', role: 'alert' }, s('noFile')));
      fileInput.focus();
      return;
    }
    busy = true;
    try {
      const { counts, migratedFrom } = await inWorker(store, 'restoreBackup', { file, locale: uiLocale(), db: store.name }, restoreOut,
        async () => restoreBackup(store, await file.text(), { locale: uiLocale() }));
      const message = `${s('restored', { n: total(counts) })}${migratedFrom !== null ? s('migrated', { v: migratedFrom }) : ''}`;
      replace(restoreOut, h('p', { class: 'good', role: 'status', id: 'restore-done' }, message), countsTable('restore-counts', counts));
      announce(message);
    } catch (error) {
      replace(restoreOut, error.name === 'AbortError' ? h('p', { role: 'status', id: 'restore-cancelled' }, s('cancelled')) : errorBox(error));
    } finally {
      busy = false;
    }
  };

  replace(main,
    h('h2', {}, s('title')),
    h('p', { class: 'muted' }, s('intro')),
    h('section', { class: 'card', 'aria-labelledby': 'export-title' },
      h('h3', { id: 'export-title' }, s('exportTitle')),
      h('p', {}, h('button', { type: 'button', class: 'primary', id: 'export-backup', onclick: doExport }, s('exportButton'))),
      exportOut),
    h('form', { class: 'card', 'aria-labelledby': 'restore-title', onsubmit: doRestore },
      h('h3', { id: 'restore-title' }, s('restoreTitle')),
      h('p', { class: 'muted', id: 'restore-hint' }, s('restoreHint')),
      h('label', { for: 'backup-file' }, s('file')),
      fileInput,
      h('p', {}, h('button', { type: 'submit', class: 'primary', id: 'restore-backup', 'aria-describedby': 'restore-hint' }, s('restoreButton'))),
      restoreOut));
}
