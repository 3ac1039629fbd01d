// The trainer's view: every stored attempt and result, and the queue of short answers to grade.
// Grading re-scores the attempt through the module and replaces the stored result.
import { Exam, AttemptVerifier, csvText } from '../kaohe/lite.js';
import { h, replace, download, techDetails } from '../dom.js';
import { t, formatTime, uiLocale } from '../i18n.js';
import { leaveCount } from './exam.js';
import { pager, readInChunks } from '../pager.js';

/** The pages shown, kept across a re-render (after grading a card the queue stays put). */
const pages = { attempts: 0, queue: 0 };

/** The verifiers of the last render, freed when the next one builds its own. */
let lastVerifiers = null;

// Every attempt is checked on every render against its event log and against the exam (the
// module's AttemptVerifier): the chain, the header (candidate, seed, paper, deadline), one
// submit in time, the result bound to the log and re-scored from the logged answers, the paper
// rebuilt from the seed (a sealed exam's from its package, never from the candidate's file).
// What fails is listed in words.
const LOG = {
  column: ['完整性', 'Integrity'],
  intact: ['记录完整', 'record intact'],
  tampered: ['记录被改动', 'record edited'],
  sealed: ['待解封评分', 'awaiting unlock'],
  disputed: ['存疑', 'in doubt'],
};
const L = (key) => (uiLocale() === 'en' ? LOG[key][1] : LOG[key][0]);

/** Each problem code of the verifier, in plain words. */
const PROBLEMS = {
  HASH_MISMATCH: ['作答日志中的事件被改动', 'an event in the log was altered'],
  HEAD_MISMATCH: ['记录与作答日志的结尾不符', 'the record does not match the end of the log'],
  ANSWER_MISMATCH: ['答案与作答日志不符', 'an answer differs from the log'],
  TIME_MISMATCH: ['开始或交卷时间被改动', 'the start or submit time was changed'],
  NO_LOG: ['没有作答日志', 'there is no event log'],
  START_MISSING: ['作答日志缺少开考记录', 'the log has no start'],
  NO_HEADER: ['旧版记录：无法核对考生、试卷和截止时间', 'older record: candidate, paper and deadline cannot be checked'],
  CANDIDATE_MISMATCH: ['考生姓名或工号被改动', 'the candidate\'s name or id was changed'],
  HEADER_MISMATCH: ['作答编号被改动', 'the attempt id was changed'],
  EXAM_MISMATCH: ['考试或题库被改动', 'the exam or bank was changed'],
  SEED_MISMATCH: ['试卷编号（种子）被改动', 'the paper\'s seed was changed'],
  DEADLINE_MISMATCH: ['截止时间被改动', 'the deadline was changed'],
  DEADLINE_NOT_EXAM: ['截止时间与考试时限不符', 'the deadline does not match the time limit'],
  PAPER_MISMATCH: ['试卷被改动', 'the paper was changed'],
  PAPER_NOT_REBUILT: ['试卷与按考试重新组出的不同', 'the paper differs from the one the exam builds'],
  EXAM_CHANGED: ['开考后题库或组卷方案被修改过', 'the bank or blueprint was edited after the start'],
  MULTIPLE_SUBMITS: ['交卷不止一次', 'submitted more than once'],
  ANSWER_AFTER_SUBMIT: ['交卷后仍有作答', 'answers after submitting'],
  LATE_SUBMIT: ['超过截止时间交卷', 'submitted after the deadline'],
  LATE_ANSWER: ['截止时间后仍有作答', 'answers after the deadline'],
  STATUS_MISMATCH: ['已交卷的考试被重新打开', 'a submitted attempt was reopened'],
  RESULT_MISSING: ['成绩记录被删除', 'the result was deleted'],
  RESULT_HASH_MISMATCH: ['成绩与作答日志不符', 'the result does not match the log'],
  SCORE_MISMATCH: ['成绩与按答案重新评分的结果不同', 'the score differs from re-scoring the answers'],
  PACKED_MISMATCH: ['题目分析用的答案数据被改动', 'the answers kept for item analysis were changed'],
  CHECK_FAILED: ['无法核对该记录', 'the record could not be checked'],
};
const P = (code) => (PROBLEMS[code] ?? PROBLEMS.CHECK_FAILED)[uiLocale() === 'en' ? 1 : 0];

/** One verifier per exam, built once per render. */
function verifiers(banks, blueprints, packages) {
  const cache = new Map();
  const build = (key, params) => {
    if (!cache.has(key)) {
      try {
        cache.set(key, new AttemptVerifier(params));
      } catch {
        cache.set(key, new AttemptVerifier(null));
      }
    }
    return cache.get(key);
  };
  return {
    of(attempt) {
      if (attempt.sealed) {
        const pkg = packages.get(attempt.sealedId);
        if (!pkg) return build('none', null);
        return build(`sealed:${attempt.sealedId}`, { publicBank: pkg.bank, blueprint: pkg.blueprint, bank: banks.get(pkg.bank.id) ?? null });
      }
      const bank = banks.get(attempt.bankId);
      const blueprint = blueprints.get(attempt.blueprintId);
      return bank && blueprint ? build(`open:${attempt.bankId}/${attempt.blueprintId}`, { bank, blueprint }) : build('none', null);
    },
    free() { for (const v of cache.values()) v.free(); },
  };
}

/** The verifier's verdict on one attempt: `{ intact, problems: [{ code, path }] }`. */
export function checkAttempt(verifier, attempt, record) {
  try {
    const plain = { ...attempt, packed: attempt.packed ? Array.from(attempt.packed) : null };
    const result = record ? { chainHead: record.chainHead ?? null, resultHash: record.resultHash ?? null, result: record.result ?? null, grades: record.grades ?? null } : null;
    return verifier.verify({ attempt: plain, result });
  } catch (error) {
    return { intact: false, problems: [{ code: 'CHECK_FAILED', path: error?.path ?? '' }] };
  }
}

function logBadge(check) {
  if (check.intact) return h('span', { class: 'pill good', dataset: { log: 'intact' } }, L('intact'));
  const words = [...new Set(check.problems.map((p) => P(p.code)))];
  return h('span', { dataset: { problems: check.problems.map((p) => p.code).join(' ') } },
    h('span', { class: 'pill bad', dataset: { log: 'tampered' } }, `⚠ ${L('tampered')}`),
    h('ul', { class: 'problems small' }, words.map((w) => h('li', {}, w))));
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
  const [attempts, results, banks, blueprints, meta] = await Promise.all([readInChunks(store, 'attempts'), readInChunks(store, 'results'),
    store.getAll('banks'), store.getAll('blueprints'), store.getAll('meta')]);
  const byId = new Map(results.map((r) => [r.attemptId, r]));
  const packages = new Map(meta.filter((m) => m.key.startsWith('sealed:')).map((m) => [m.key, m.package]));
  const check = verifiers(new Map(banks.map((b) => [b.id, b])), new Map(blueprints.map((b) => [b.id, b])), packages);
  // Checked lazily, row by row as pages are shown, so 2,000 attempts never block the page; the
  // verifiers live until the next render.
  lastVerifiers?.free();
  lastVerifiers = check;
  const checks = new Map();
  const checkOf = (a) => {
    if (!checks.has(a.attemptId)) checks.set(a.attemptId, checkAttempt(check.of(a), a, byId.get(a.attemptId)));
    return checks.get(a.attemptId);
  };
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
        ? h('a', { href: `#/result/${attempt.attemptId}`, class: record.result.passed && checkOf(attempt).intact ? 'good' : 'bad' },
          `${record.result.passed ? t('passed') : t('failed')}${record.result.final === false ? ` · ${t('status_pending')}` : ''}${checkOf(attempt).intact ? '' : ` · ${L('disputed')}`}`)
        : attempt.sealed && attempt.status === 'submitted' ? L('sealed') : t('inProgress')),
      h('td', {}, logBadge(checkOf(attempt)),
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
