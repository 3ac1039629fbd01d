// The trainer's view: every stored attempt and result, and the queue of short answers to grade.
// Grading re-scores the attempt through the module and replaces the stored result.
import { Exam, verifyAttemptLog, csvText } from '../kaohe/index.js';
import { h, replace, download, techDetails } from '../dom.js';
import { t, formatTime, uiLocale } from '../i18n.js';
import { leaveCount } from './exam.js';
import { pager, readInChunks } from '../pager.js';

/** The pages shown, kept across a re-render (after grading a card the queue stays put). */
const pages = { attempts: 0, queue: 0 };

// The attempt's event log is checked on every render: a record edited after the fact (answers,
// times, events) gets a visible badge.
const LOG = {
  column: ['作答日志', 'Event log'],
  intact: ['日志完整', 'log intact'],
  tampered: ['记录被改动', 'record edited'],
  sealed: ['待解封评分', 'awaiting unlock'],
};
const L = (key) => (uiLocale() === 'en' ? LOG[key][1] : LOG[key][0]);

function logBadge(attempt, record) {
  let check;
  try {
    const { events, chainHead, responses, startedAt, submittedAt } = attempt;
    check = verifyAttemptLog({ events, chainHead, responses, startedAt, submittedAt, resultChainHead: record ? (record.chainHead ?? '') : null });
  } catch (error) {
    check = { intact: false, problems: [{ code: error.code ?? 'INVALID', path: error.path ?? '' }] };
  }
  if (check.intact) return h('span', { class: 'pill good', dataset: { log: 'intact' } }, L('intact'));
  const detail = check.problems.map((p) => `${p.code} ${p.path}`).join('; ');
  return h('span', {},
    h('span', { class: 'pill bad', dataset: { log: 'tampered' } }, `⚠ ${L('tampered')}`),
    h('details', { class: 'tech' }, h('summary', {}, uiLocale() === 'en' ? 'Technical details' : '技术详情'), detail));
}

const fmt = (n) => (n === null || n === undefined ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(1));

function resultsCsv(rows) {
  const header = [t('candidateId'), t('candidateName'), t('exam'), t('submittedAt'), t('score'), t('percent'), t('state')];
  const lines = [header, ...rows.map(({ attempt, record }) => [
    attempt.candidate.id, attempt.candidate.name, attempt.examTitle, formatTime(record?.submittedAt),
    record ? `${fmt(record.result.points)}/${fmt(record.result.maxPoints)}` : '',
    record ? fmt(record.result.percent) : '',
    record ? (record.result.passed ? t('passed') : t('failed')) : t('inProgress'),
  ])];
  // Through the module's one CSV writer: a candidate named `=HYPERLINK(…)` stays text.
  return csvText({ rows: lines.map((line) => line.map((v) => (v === null || v === undefined ? '' : String(v)))) });
}

async function grade(store, attempt, record, itemId, points, comment) {
  const [bank, blueprint] = await Promise.all([store.get('banks', attempt.bankId), store.get('blueprints', attempt.blueprintId)]);
  const exam = new Exam(bank, blueprint);
  try {
    const grades = { ...(record.grades ?? {}), [itemId]: { points, comment, grader: 'trainer' } };
    const responses = Object.fromEntries(Object.entries(attempt.responses ?? {}).map(([id, r]) => [id, r.value]));
    const result = exam.score({ paper: attempt.paper, responses, grades, timeUsedSeconds: record.result.timeUsedSeconds });
    return store.updateResult(attempt.attemptId, result, grades);
  } finally {
    exam.free();
  }
}

export async function render(main, context) {
  const { store } = context;
  const attempts = await readInChunks(store, 'attempts');
  const results = await readInChunks(store, 'results');
  const byId = new Map(results.map((r) => [r.attemptId, r]));
  const rows = attempts
    .map((attempt) => ({ attempt, record: byId.get(attempt.attemptId) }))
    .sort((a, b) => (b.attempt.startedAt ?? 0) - (a.attempt.startedAt ?? 0));

  // One page of rows at a time: the log check runs per shown row, not over 2,000 at once.
  const tableOf = (from, to) => h('table', { id: 'attempts-table' },
    h('caption', { class: 'visually-hidden' }, t('trainerTitle')),
    h('thead', {}, h('tr', {}, [t('candidate'), t('exam'), t('started'), t('submittedAt'), t('score'), t('state'), L('column')]
      .map((label) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, rows.slice(from, to).map(({ attempt, record }) => h('tr', { dataset: { attemptId: attempt.attemptId } },
      h('td', {}, `${attempt.candidate.name}（${attempt.candidate.id}）`),
      h('td', {}, attempt.examTitle),
      h('td', {}, formatTime(attempt.startedAt)),
      h('td', {}, formatTime(record?.submittedAt)),
      h('td', { class: 'num' }, record ? `${fmt(record.result.points)} / ${fmt(record.result.maxPoints)}（${fmt(record.result.percent)}%）` : '—'),
      h('td', {}, record
        ? h('a', { href: `#/result/${attempt.attemptId}`, class: record.result.passed ? 'good' : 'bad' },
          `${record.result.passed ? t('passed') : t('failed')}${record.result.final === false ? ` · ${t('status_pending')}` : ''}`)
        : attempt.sealed && attempt.status === 'submitted' ? L('sealed') : t('inProgress')),
      h('td', {}, logBadge(attempt, record),
        leaveCount(attempt) ? h('span', { class: `pill ${leaveCount(attempt) >= 3 ? 'bad' : 'warn'}`, dataset: { leaves: String(leaveCount(attempt)) } }, t('leavesShort', { n: leaveCount(attempt) })) : null)))));

  // The grading queue: pending short answers across all submitted attempts.
  const queue = [];
  for (const { attempt, record } of rows) {
    if (!record) continue;
    for (const item of record.result.items) {
      if (item.status === 'pending') queue.push({ attempt, record, item });
    }
  }
  const bankCache = new Map();
  const stemOf = async (bankId, itemId) => {
    if (!bankCache.has(bankId)) bankCache.set(bankId, await store.get('banks', bankId));
    return bankCache.get(bankId)?.items.find((i) => i.id === itemId)?.stem ?? itemId;
  };
  const cardsOf = (from, to) => Promise.all(queue.slice(from, to).map(async ({ attempt, record, item }, offset) => {
    const index = from + offset;
    const pointsId = `grade-${index}`;
    const commentId = `comment-${index}`;
    const note = h('p', { role: 'status', class: 'good' });
    const answer = attempt.responses?.[item.itemId]?.value ?? '';
    return h('form', {
      class: 'card grade-card', dataset: { attemptId: attempt.attemptId, itemId: item.itemId },
      onsubmit: async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const points = Number(form.querySelector(`#${pointsId}`).value);
        try {
          await grade(store, attempt, record, item.itemId, points, form.querySelector(`#${commentId}`).value);
          note.textContent = t('graded');
          context.rerender();
        } catch (error) {
          note.className = 'bad';
          note.textContent = error.message;
          note.after(techDetails(error) ?? '');
        }
      },
    },
    h('p', {}, h('strong', {}, `${attempt.candidate.name}（${attempt.candidate.id}）`), ` · ${attempt.examTitle}`),
    h('p', {}, await stemOf(attempt.bankId, item.itemId)),
    h('p', { class: 'explain' }, answer || '—'),
    h('p', { class: 'muted' }, t('provisionalScore', { n: fmt(item.points), k: (item.matchedKeywords ?? []).join('、') || '—' })),
    h('label', { for: pointsId }, `${t('grade')}（0–${fmt(item.maxPoints)}）`),
    h('input', { type: 'number', id: pointsId, min: '0', max: String(item.maxPoints), step: '0.5', value: String(item.points), required: true }),
    h('label', { for: commentId }, t('comment')),
    h('input', { type: 'text', id: commentId }),
    h('p', {}, h('button', { type: 'submit', class: 'primary' }, t('saveGrade'))),
    note);
  }));
  const attemptsPager = pager({
    id: 'attempts-pages', total: rows.length, size: 50, label: t('trainerTitle'),
    draw: (from, to) => { pages.attempts = Math.floor(from / 50); return tableOf(from, to); },
  });
  const queuePager = pager({
    id: 'queue-pages', total: queue.length, size: 20, label: t('gradingQueue'),
    draw: (from, to) => { pages.queue = Math.floor(from / 20); return cardsOf(from, to); },
  });
  await Promise.all([attemptsPager.show(pages.attempts), queuePager.show(pages.queue)]);

  // Summary first: the figures a trainer looks for before the list.
  const submitted = rows.filter(({ record }) => record);
  const passedCount = submitted.filter(({ record }) => record.result.passed).length;
  const figures = [
    [String(rows.length), t('figAttempts')],
    [String(submitted.length), t('figSubmitted')],
    [submitted.length ? `${Math.round((100 * passedCount) / submitted.length)}%` : '—', t('figPassRate')],
    [String(queue.length), t('gradingQueue')],
  ];
  replace(main,
    h('h2', {}, t('trainerTitle')),
    rows.length ? h('ul', { class: 'exam-facts', id: 'attempt-figures' }, figures.map(([value, label]) => h('li', {},
      h('span', { class: 'value' }, value), h('span', { class: 'label' }, label)))) : null,
    h('p', {}, h('button', { type: 'button', id: 'export-results', onclick: () => download('kaohe-results.csv', resultsCsv(rows), 'text/csv;charset=utf-8') }, t('exportCsv'))),
    rows.length === 0 ? h('div', { class: 'card', id: 'attempts-empty' }, h('p', {}, t('noAttempts')),
      h('p', {}, t('noAttemptsNext'), ' ', h('a', { href: '#/home' }, t('navHome')), ' · ', h('a', { href: '#/analysis' }, t('demoLink')))) : attemptsPager.node,
    h('h2', { id: 'queue-title' }, t('gradingQueue'), queue.length ? h('span', { class: 'pill warn', id: 'queue-count' }, String(queue.length)) : null),
    queue.length ? queuePager.node : h('p', {}, t('noPending')));
}
