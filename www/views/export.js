// Results out (#/export): every submitted attempt as one CSV (UTF-8 with BOM) and as xAPI 1.0.3
// statements, downloaded or sent to the LRS the trainer configures. Sending goes through the
// queue in IndexedDB (kaohe/lrs.js), which survives going offline and retries with backoff.
import { loadInterop } from '../kaohe/interop.js';
import { getConfig, saveConfig, enqueue, counts, flush, resumeQueue } from '../kaohe/lrs.js';
import { h, replace, download, announce, techDetails } from '../dom.js';
import { uiLocale } from '../i18n.js';

const S = {
  title: ['导出考试结果', 'Export results'],
  attempts: ['已交卷的考试：{n} 份。', 'Submitted attempts: {n}.'],
  csv: ['下载结果 CSV', 'Download results CSV'],
  json: ['下载 xAPI 语句（JSON）', 'Download xAPI statements (JSON)'],
  built: ['已生成 {n} 条 xAPI 语句。', '{n} xAPI statements built.'],
  lrsTitle: ['发送到学习记录库（LRS）', 'Send to a Learning Record Store (LRS)'],
  lrsIntro: ['地址、用户名和密码仅保存在本浏览器中，只发送给该 LRS。', 'The endpoint, username and password stay in this browser and go only to that LRS.'],
  endpoint: ['LRS 地址（如 https://lrs.example.com/xAPI）', 'LRS endpoint (e.g. https://lrs.example.com/xAPI)'],
  username: ['用户名', 'Username'],
  password: ['密码', 'Password'],
  homePage: ['工号所属系统的网址（可选）', 'Home page of the system that issues employee ids (optional)'],
  save: ['保存设置', 'Save settings'],
  saved: ['设置已保存。', 'Settings saved.'],
  send: ['发送全部语句', 'Send all statements'],
  retry: ['立即重试', 'Retry now'],
  counts: ['已发送 {sent} · 待发送 {pending} · 失败 {failed}', 'Sent {sent} · pending {pending} · failed {failed}'],
  queued: ['已加入发送队列：{n} 条新语句。', 'Queued {n} new statements.'],
  needConfig: ['请先填写并保存 LRS 地址。', 'Fill in and save the LRS endpoint first.'],
  offline: ['当前离线，语句保留在队列中，联网后自动发送。', 'Offline: statements stay queued and go out when the network is back.'],
  toImport: ['导入与导出题库', 'Import and export banks'],
};
const s = (key, params = {}) => {
  let text = S[key][uiLocale() === 'en' ? 1 : 0];
  for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
};

function errorBlock(error) {
  return h('div', { class: 'error-box', role: 'alert' },
    h('p', {}, error?.message ?? String(error)),
    techDetails(error));
}

/** Every submitted attempt with its result, oldest first. */
async function submittedRecords(store) {
  const [attempts, results] = await Promise.all([store.getAll('attempts'), store.getAll('results')]);
  const byId = new Map(results.map((r) => [r.attemptId, r]));
  return attempts
    .filter((a) => a.status === 'submitted' && byId.has(a.attemptId))
    .sort((a, b) => (a.submittedAt ?? 0) - (b.submittedAt ?? 0))
    .map((attempt) => ({ attempt, result: byId.get(attempt.attemptId).result }));
}

/** The statements of every submitted attempt, in attempt order. */
export async function allStatements(store, interop, options) {
  const records = await submittedRecords(store);
  const banks = new Map();
  const out = [];
  for (const record of records) {
    if (!banks.has(record.attempt.bankId)) banks.set(record.attempt.bankId, await store.get('banks', record.attempt.bankId));
    out.push(...interop.xapiStatements({ ...record, bank: banks.get(record.attempt.bankId), options }));
  }
  return out;
}

export async function render(main, { store }) {
  const interop = await loadInterop({ locale: uiLocale() });
  const records = await submittedRecords(store);
  const config = (await getConfig(store)) ?? { endpoint: '', username: '', password: '', accountHomePage: '' };
  const note = h('div', { id: 'export-status', 'aria-live': 'polite' });
  const show = (text, cls = 'good') => { replace(note, h('p', { class: cls }, text)); announce(text); };
  const options = () => (config.accountHomePage ? { accountHomePage: config.accountHomePage } : {});

  const countLine = h('p', { id: 'lrs-counts', role: 'status' });
  const showCounts = (c) => {
    countLine.textContent = s('counts', c);
    Object.assign(countLine.dataset, { sent: c.sent, pending: c.pending, failed: c.failed });
  };
  showCounts(await counts(store));

  const field = (id, label, value, type = 'text') => [
    h('label', { for: id }, label),
    h('input', { type, id, value, autocomplete: type === 'password' ? 'current-password' : 'off' }),
  ];

  const lrsForm = h('form', {
    class: 'card', id: 'lrs-form', 'aria-labelledby': 'lrs-title',
    onsubmit: async (event) => {
      event.preventDefault();
      const f = event.currentTarget;
      Object.assign(config, {
        endpoint: f.querySelector('#lrs-endpoint').value, username: f.querySelector('#lrs-username').value,
        password: f.querySelector('#lrs-password').value, accountHomePage: f.querySelector('#lrs-home').value,
      });
      try {
        await saveConfig(store, config);
        show(s('saved'));
      } catch (error) {
        replace(note, errorBlock(error));
      }
    },
  },
  h('h2', { id: 'lrs-title' }, s('lrsTitle')),
  h('p', { class: 'muted' }, s('lrsIntro')),
  field('lrs-endpoint', s('endpoint'), config.endpoint, 'url'),
  field('lrs-username', s('username'), config.username),
  field('lrs-password', s('password'), config.password, 'password'),
  field('lrs-home', s('homePage'), config.accountHomePage, 'url'),
  h('p', {}, h('button', { type: 'submit' }, s('save'))),
  h('p', {},
    h('button', {
      type: 'button', class: 'primary', id: 'lrs-send',
      onclick: async () => {
        try {
          if (!(await getConfig(store))?.endpoint) { show(s('needConfig'), 'bad'); return; }
          const statements = await allStatements(store, interop, options());
          const added = await enqueue(store, statements);
          show(navigator.onLine === false ? s('offline') : s('queued', { n: added }), navigator.onLine === false ? 'warn' : 'good');
          showCounts(await flush(store));
        } catch (error) {
          replace(note, errorBlock(error));
        }
      },
    }, s('send')), ' ',
    h('button', {
      type: 'button', id: 'lrs-retry',
      onclick: async () => {
        try { showCounts(await flush(store, { retryFailed: true })); } catch (error) { replace(note, errorBlock(error)); }
      },
    }, s('retry'))),
  countLine);

  replace(main,
    h('h2', { id: 'export-title' }, s('title')),
    h('section', { class: 'card', 'aria-labelledby': 'export-title' },
      h('p', { id: 'export-count' }, s('attempts', { n: records.length })),
      h('p', {},
        h('button', {
          type: 'button', id: 'export-results-csv', disabled: records.length === 0,
          onclick: async () => {
            try {
              const banks = await store.getAll('banks');
              download('考试结果.csv', interop.resultsCsv({ records, banks, options: options() }), 'text/csv;charset=utf-8');
            } catch (error) {
              replace(note, errorBlock(error));
            }
          },
        }, s('csv')), ' ',
        h('button', {
          type: 'button', id: 'export-xapi-json', disabled: records.length === 0,
          onclick: async () => {
            try {
              const statements = await allStatements(store, interop, options());
              download('xapi-statements.json', JSON.stringify(statements, null, 2), 'application/json');
              show(s('built', { n: statements.length }));
            } catch (error) {
              replace(note, errorBlock(error));
            }
          },
        }, s('json')))),
    lrsForm,
    note,
    h('p', {}, h('a', { href: '#/import' }, s('toImport'))));
  resumeQueue(store, showCounts).catch(() => {});
}
