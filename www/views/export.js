// Results out (#/export): every submitted attempt as one CSV (UTF-8 with BOM) and as xAPI 1.0.3
// statements, downloaded or sent to the LRS the trainer configures. Sending goes through the
// queue in IndexedDB (kaohe/lrs.js), which survives going offline and retries with backoff.
import { loadInterop } from '../kaohe/interop.js';
import { getConfig, saveConfig, enqueue, counts, flush, resumeQueue, pending } from '../kaohe/lrs.js';
import { h, replace, download, announce, techDetails } from '../dom.js';
import { uiLocale } from '../i18n.js';

const S = {
  title: ['导出考试结果', 'Export results'],
  attempts: ['已交卷的考试：{n} 份。', 'Submitted attempts: {n}.'],
  scorecards: ['已完成的实操评分表：{n} 份（随 xAPI 语句一并导出和发送）。', 'Completed practical scorecards: {n} (exported and sent with the xAPI statements).'],
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
  pendingTitle: ['未发送的语句（{n}）', 'Statements not sent yet ({n})'],
  pendingMore: ['另有 {n} 条未列出。', '{n} more not listed.'],
  failedState: ['失败，需点“立即重试”', 'failed: use Retry now'],
  nextTry: ['第 {tries} 次未成功，{at} 自动重试', 'tried {tries} times; next try at {at}'],
  waiting: ['等待发送', 'waiting to be sent'],
  autoNote: ['联网后或 LRS 恢复后，队列会自动发送，无需停留在本页。', 'The queue sends on its own once the network or the LRS is back; you need not stay on this page.'],
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

/** A date `YYYY-MM-DD` at `hh:mm` in the browser's time zone, as an xAPI timestamp. */
function localStamp(date, time) {
  const offset = -new Date(`${date}T${time}:00`).getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${date}T${time}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * A stored development plan as the xAPI profile's plan record (docs/imports.md): goals as
 * `registered`, each check-in's progress as `progressed`. Timestamps come from the plan's own
 * dates, so the statements are the same however often they are built.
 */
export function planRecord(plan, options) {
  const base = (options.activityBase ?? 'https://kaohe.example/exams').replace(/\/exams\/?$/, '').replace(/\/+$/, '');
  const goals = plan.goals ?? [];
  const attainment = (goal, value) => {
    const span = goal.target - goal.baseline;
    return span === 0 ? (value === goal.target ? 1 : 0) : Math.max(0, (value - goal.baseline) / span);
  };
  return {
    schemaVersion: 1,
    plan: { id: `${base}/plans/${encodeURIComponent(plan.planId)}`, name: `${plan.name}的发展计划（第 ${plan.cycle ?? 1} 轮）` },
    actor: { name: plan.name, account: { homePage: options.accountHomePage || 'https://kaohe.example/staff', name: plan.personId } },
    createdAt: localStamp(plan.startDate, '09:00'),
    goals: goals.map((g) => ({ id: g.id, text: g.text?.zh ?? g.id, dimensionId: g.dimensionId, baseline: g.baseline, target: g.target, deadline: g.deadline })),
    checkIns: (plan.checkIns ?? []).map((c, i) => ({
      id: `${i + 1}-${c.date}`,
      at: localStamp(c.date, '18:00'),
      progress: (c.progress ?? []).filter((p) => goals.some((g) => g.id === p.goalId)).map((p) => {
        const goal = goals.find((g) => g.id === p.goalId);
        return { goalId: p.goalId, value: p.value, attainment: attainment(goal, p.value) };
      }),
    })),
  };
}

/** The highest value of a rubric criterion's scale (`yesNo` 1, `points` its max, `levels` N). */
function scaleMax(scale) {
  if (scale?.type === 'points') return scale.max;
  if (scale?.type === 'levels') return scale.anchors?.length ?? 1;
  return 1;
}

/** A time in milliseconds as an xAPI timestamp in the browser's time zone. */
function stampOf(ms) {
  const d = new Date(ms);
  const pad = (n) => String(n).padStart(2, '0');
  return localStamp(`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, `${pad(d.getHours())}:${pad(d.getMinutes())}`);
}

/**
 * A complete stored scorecard as the xAPI profile's scorecard record (docs/imports.md): the
 * person assessed, the rater as instructor, every criterion with its rating and the rubric's
 * score (0–100) from `scored` (the module's `scoreScorecard`). Names come from the roster when
 * the person is on it, else from the role play as it was entered.
 */
export function scorecardRecord({ record, rubric, scored, performance, rater, people, options }) {
  const base = (options.activityBase ?? 'https://kaohe.example/exams').replace(/\/exams\/?$/, '').replace(/\/+$/, '');
  const homePage = options.accountHomePage || 'https://kaohe.example/staff';
  const person = people.get(record.candidateId);
  const raterPerson = people.get(record.raterId);
  const title = (t) => (Array.isArray(t) ? t[0] : t);
  return {
    schemaVersion: 1,
    scorecardId: record.id,
    actor: { name: person?.name ?? performance?.candidateName ?? record.candidateId, account: { homePage, name: record.candidateId } },
    rater: { name: raterPerson?.name ?? title(rater?.name) ?? record.raterId, account: { homePage, name: record.raterId } },
    rubric: { id: `${base}/rubrics/${encodeURIComponent(rubric.id)}`, name: rubric.title },
    ...(performance?.title ? { performance: title(performance.title) } : {}),
    criteria: rubric.sections.flatMap((section) => section.criteria.map((c) => {
      const rating = record.ratings?.[c.id];
      return { id: c.id, name: c.title, ...(typeof rating?.value === 'number' && !rating.na ? { score: rating.value } : {}), max: scaleMax(c.scale) };
    })),
    score: { raw: scored.total, min: 0, max: 100 },
    passed: scored.passed,
    scoredAt: stampOf(record.updatedAt ?? 0),
  };
}

/** The xAPI statements of every complete scorecard of every stored rubric. */
async function scorecardStatements(store, interop, options) {
  const [{ loadRubrics, loadRoster, isComplete, toScorecard }, kaohe] = await Promise.all([
    import('./rubric/common.js'), import('../kaohe/lite.js'),
  ]);
  await kaohe.init();
  const [{ rubrics }, roster, records, people] = await Promise.all([
    loadRubrics(store), loadRoster(store), store.getAll('scorecards'), store.getAll('people'),
  ]);
  const byPerson = new Map(people.map((p) => [p.id, p]));
  const out = [];
  for (const record of records.sort((a, b) => a.id.localeCompare(b.id))) {
    const rubric = rubrics.find((r) => r.id === record.rubricId);
    if (!rubric || !isComplete(rubric, record.ratings ?? {})) continue;
    const scored = kaohe.scoreScorecard({ rubric, scorecard: toScorecard(record) });
    const performance = roster.performances?.find((p) => p.id === record.performanceId);
    const rater = roster.raters?.find((r) => r.id === record.raterId);
    out.push(...interop.xapiRecordStatements({
      scorecard: scorecardRecord({ record, rubric, scored, performance, rater, people: byPerson, options }),
    }));
  }
  return out;
}

/**
 * The statements of every submitted attempt, in attempt order, then of every stored plan, then
 * of every complete practical scorecard.
 */
export async function allStatements(store, interop, options) {
  const records = await submittedRecords(store);
  const banks = new Map();
  const out = [];
  for (const record of records) {
    if (!banks.has(record.attempt.bankId)) banks.set(record.attempt.bankId, await store.get('banks', record.attempt.bankId));
    out.push(...interop.xapiStatements({ ...record, bank: banks.get(record.attempt.bankId), options }));
  }
  // The latest saved version of each plan (a plan is saved again at every check-in).
  const latest = new Map();
  for (const record of await store.getAll('plans')) {
    const prev = latest.get(record.id);
    if (record.plan && (!prev || (record.savedAt ?? 0) >= (prev.savedAt ?? 0))) latest.set(record.id, record);
  }
  for (const record of latest.values()) {
    out.push(...interop.xapiRecordStatements({ plan: planRecord(record.plan, options) }));
  }
  out.push(...await scorecardStatements(store, interop, options));
  return out;
}

export async function render(main, { store }) {
  const interop = await loadInterop({ locale: uiLocale() });
  const records = await submittedRecords(store);
  const scorecards = (await store.getAll('scorecards')).filter((c) => c.complete).length;
  const config = (await getConfig(store)) ?? { endpoint: '', username: '', password: '', accountHomePage: '' };
  const note = h('div', { id: 'export-status', 'aria-live': 'polite' });
  const show = (text, cls = 'good') => { replace(note, h('p', { class: cls }, text)); announce(text); };
  const options = () => (config.accountHomePage ? { accountHomePage: config.accountHomePage } : {});

  const countLine = h('p', { id: 'lrs-counts', role: 'status' });
  const pendingBox = h('details', { id: 'lrs-pending' });
  const time = (ms) => new Date(ms).toLocaleTimeString(uiLocale() === 'en' ? 'en' : 'zh-CN', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  async function showPending() {
    const list = await pending(store).catch(() => []);
    pendingBox.hidden = list.length === 0;
    const shown = list.slice(0, 50);
    replace(pendingBox,
      h('summary', {}, s('pendingTitle', { n: list.length })),
      h('p', { class: 'muted' }, s('autoNote')),
      h('ol', {}, shown.map((p) => h('li', { dataset: { state: p.state } },
        `${p.verb} · ${p.object} — `,
        p.state === 'failed' ? s('failedState') : p.tries > 0 ? s('nextTry', { tries: p.tries, at: time(p.nextAt) }) : s('waiting'),
        p.lastError ? h('span', { class: 'muted' }, `（${p.lastError}）`) : null))),
      list.length > shown.length ? h('p', { class: 'muted' }, s('pendingMore', { n: list.length - shown.length })) : null);
  }
  const showCounts = (c) => {
    countLine.textContent = s('counts', c);
    Object.assign(countLine.dataset, { sent: c.sent, pending: c.pending, failed: c.failed });
    showPending();
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
  countLine,
  pendingBox);

  replace(main,
    h('h2', { id: 'export-title' }, s('title')),
    h('section', { class: 'card', 'aria-labelledby': 'export-title' },
      h('p', { id: 'export-count' }, s('attempts', { n: records.length })),
      scorecards ? h('p', { id: 'export-scorecards' }, s('scorecards', { n: scorecards })) : null,
      h('p', {},
        h('button', {
          type: 'button', id: 'export-results-csv', disabled: records.length === 0,
          onclick: async () => {
            try {
              const banks = await store.getAll('banks');
              const local = { ...options(), utcOffsetMinutes: -new Date().getTimezoneOffset() };
              download('考试结果.csv', interop.resultsCsv({ records, banks, options: local }), 'text/csv;charset=utf-8');
            } catch (error) {
              replace(note, errorBlock(error));
            }
          },
        }, s('csv')), ' ',
        h('button', {
          type: 'button', id: 'export-xapi-json', disabled: records.length === 0 && scorecards === 0,
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
