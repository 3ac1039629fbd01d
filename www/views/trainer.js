// The trainer's view: every stored attempt and result, and the queue of short answers to grade.
// Grading re-scores the attempt through the module and replaces the stored result.
import { Exam, AttemptVerifier, csvText } from '../kaohe/lite.js';
import { h, replace, download, techDetails } from '../dom.js';
import { t, formatTime, uiLocale } from '../i18n.js';
import { leaveCount } from './exam.js';
import { pager, readInChunks } from '../pager.js';
import { strings } from './cycle-common.js';

/**
 * The trainer's filters, sort orders and pages, kept across a re-render (after grading a card
 * the queue stays where it was, with the same filters).
 */
const state = { exam: '', team: '', since: '', status: '', query: '', sort: 'newest', queueSort: 'oldest', pages: { attempts: 0, queue: 0 } };
const ATTEMPTS_PAGE = 25;
const QUEUE_PAGE = 20;

const s = strings({
  filters: ['筛选', 'Filter'],
  exam: ['考试', 'Exam'], team: ['班组', 'Team'], since: ['时间', 'Date'], status: ['状态', 'Status'],
  query: ['搜索姓名或工号', 'Search by name or ID'],
  examAll: ['全部考试', 'All exams'], teamAll: ['全部班组', 'All teams'], noTeam: ['不在名册中', 'Not on the roster'],
  sinceAll: ['全部时间', 'Any date'], since1: ['今天', 'Today'], since7: ['近 7 天', 'Last 7 days'], since30: ['近 30 天', 'Last 30 days'], since90: ['近 90 天', 'Last 90 days'],
  statusAll: ['全部状态', 'Any status'], statusRunning: ['作答中', 'In progress'], statusPending: ['待批改', 'To grade'],
  statusPassed: ['合格', 'Passed'], statusFailed: ['不合格', 'Failed'], statusLeaves: ['离开页面 3 次以上', 'Left the page 3+ times'],
  sort: ['排序', 'Sort'], newest: ['开始时间：最新在前', 'Newest first'], oldest: ['开始时间：最早在前', 'Oldest first'],
  name: ['按姓名', 'By name'], high: ['得分：从高到低', 'Score: high to low'], low: ['得分：从低到高', 'Score: low to high'],
  queueSort: ['批改顺序', 'Order'], queueOldest: ['最早交卷的先批', 'Oldest submission first'], queueNewest: ['最新交卷的先批', 'Newest submission first'],
  clear: ['清除筛选', 'Clear filters'],
  adaptiveElsewhere: ['另有 {n} 份自适应考试的作答，在“自适应考试”页核对：', '{n} adaptive exam attempts more are checked on the Adaptive exams page:'],
  adaptiveLink: ['去核对', 'Check them'],
  toQueue: ['去批改（{n} 道）', 'Grade ({n})'],
  shown: ['符合条件：{n} / {all} 份作答，{q} 道待批改简答题', 'Matching: {n} of {all} attempts, {q} short answers to grade'],
  noMatch: ['没有符合筛选条件的作答。', 'No attempt matches the filters.'],
  noMatchQueue: ['没有符合筛选条件的待批改简答题。', 'No short answer to grade matches the filters.'],
  checking: ['正在核对记录…', 'Checking the records…'],
});

/** Lets the page breathe between steps of a long job (a check of 25 records, say). */
const pause = () => new Promise((resolve) => { setTimeout(resolve, 0); });
const DAY = 86_400_000;

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

/** `attempt`'s state for the status filter. */
function stateOf({ attempt, record }) {
  if (!record) return attempt.status === 'submitted' ? 'sealed' : 'inProgress';
  if (record.result.final === false) return 'pending';
  return record.result.passed ? 'passed' : 'failed';
}

/** The rows that pass every filter but `status` (which only the attempts list uses). */
function matches(row, now) {
  if (state.exam && row.attempt.blueprintId !== state.exam) return false;
  // `__none`: the people not on the roster (their team is unknown).
  if (state.team === '__none' ? row.team !== null : state.team && row.team !== state.team) return false;
  if (state.since && (row.attempt.startedAt ?? 0) < now - Number(state.since) * DAY) return false;
  if (state.query) {
    const who = `${row.attempt.candidate?.name ?? ''} ${row.attempt.candidate?.id ?? ''}`.toLowerCase();
    if (!who.includes(state.query.toLowerCase())) return false;
  }
  return true;
}

function statusMatches(row) {
  switch (state.status) {
    case '': return true;
    case 'leaves': return leaveCount(row.attempt) >= 3;
    default: return row.state === state.status;
  }
}

const SORTS = {
  newest: (a, b) => (b.attempt.startedAt ?? 0) - (a.attempt.startedAt ?? 0),
  oldest: (a, b) => (a.attempt.startedAt ?? 0) - (b.attempt.startedAt ?? 0),
  name: (a, b) => (a.attempt.candidate?.name ?? '').localeCompare(b.attempt.candidate?.name ?? '', 'zh-CN') || SORTS.newest(a, b),
  high: (a, b) => (b.record?.result.percent ?? -1) - (a.record?.result.percent ?? -1) || SORTS.newest(a, b),
  low: (a, b) => (a.record?.result.percent ?? 101) - (b.record?.result.percent ?? 101) || SORTS.newest(a, b),
};

/** A labelled select bound to `state[key]`; `onchange` redraws the lists. */
function filterSelect(key, label, options, onchange) {
  const id = `filter-${key}`;
  const select = h('select', { id, onchange: () => { state[key] = select.value; onchange(); } },
    options.map(([value, text]) => h('option', { value, selected: value === state[key] }, text)));
  return h('div', { class: 'field' }, h('label', { for: id }, label), select);
}

/**
 * `#/trainer`, or `#/trainer/<focus>` from the desk: `queue` opens on the grading queue,
 * `running` and `leaves` on the attempts in progress or that left the page 3+ times.
 */
export async function render(main, context, focus = '') {
  const { store } = context;
  const [allAttempts, results, banks, blueprints, meta, people] = await Promise.all([readInChunks(store, 'attempts', 100), readInChunks(store, 'results', 100),
    store.getAll('banks'), store.getAll('blueprints'), store.getAll('meta'), store.getAll('people')]);
  // Adaptive attempts are checked and listed in #/adaptive (their own verification).
  const attempts = allAttempts.filter((a) => !a.adaptive);
  if (focus === 'running') Object.assign(state, { status: 'inProgress', pages: { ...state.pages, attempts: 0 } });
  if (focus === 'leaves') Object.assign(state, { status: 'leaves', pages: { ...state.pages, attempts: 0 } });
  const byId = new Map(results.map((r) => [r.attemptId, r]));
  const teamOf = new Map(people.map((p) => [p.id, p.team ?? '']));
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
  /** Checks `list` a few records per task (each check re-scores the attempt in the module). */
  const checkAll = async (list) => {
    await pause();
    let begun = performance.now();
    for (const { attempt } of list) {
      checkOf(attempt);
      if (performance.now() - begun > 15) { await pause(); begun = performance.now(); }
    }
  };
  // Each exam's verifier decodes its bank and blueprint: built one per task, before the checks.
  const firstOfExam = new Map(attempts.map((a) => [a.sealed ? `sealed:${a.sealedId}` : `${a.bankId}/${a.blueprintId}`, a]));
  for (const attempt of firstOfExam.values()) {
    await pause();
    check.of(attempt);
  }
  await pause();
  const rows = attempts.map((attempt) => {
    const record = byId.get(attempt.attemptId);
    const row = { attempt, record, team: teamOf.has(attempt.candidate?.id) ? teamOf.get(attempt.candidate.id) || '' : null };
    row.state = stateOf(row);
    return row;
  });

  // The queue: pending short answers across all submitted attempts.
  const queueAll = [];
  for (const row of rows) {
    if (!row.record) continue;
    for (const item of row.record.result.items) {
      if (item.status === 'pending') queueAll.push({ ...row, item });
    }
  }

  await pause();
  const tableOf = async (list, from, to) => {
    const shown = list.slice(from, to);
    await checkAll(shown);
    return h('table', { id: 'attempts-table' },
      h('caption', { class: 'visually-hidden' }, t('trainerTitle')),
      h('thead', {}, h('tr', {}, [t('candidate'), s('team'), t('exam'), t('started'), t('submittedAt'), t('score'), t('state'), L('column')]
        .map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, shown.map(({ attempt, record, team }) => h('tr', { dataset: { attemptId: attempt.attemptId } },
        h('td', {}, `${attempt.candidate.name}（${attempt.candidate.id}）`),
        h('td', { class: 'nowrap' }, team === null ? h('span', { class: 'muted', title: s('noTeam') }, '—') : team || '—'),
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
  };

  const bankCache = new Map();
  const stemOf = async (bankId, itemId) => {
    if (!bankCache.has(bankId)) bankCache.set(bankId, await store.get('banks', bankId));
    return bankCache.get(bankId)?.items.find((i) => i.id === itemId)?.stem ?? itemId;
  };
  const cardsOf = (queue, from, to) => Promise.all(queue.slice(from, to).map(async ({ attempt, record, item, team }, offset) => {
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
    h('p', {}, h('strong', {}, `${attempt.candidate.name}（${attempt.candidate.id}）`), team ? ` · ${team}` : '', ` · ${attempt.examTitle}`,
      record.submittedAt ? h('span', { class: 'muted' }, ` · ${formatTime(record.submittedAt)}`) : ''),
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

  // Everything below the filter bar is redrawn when a filter changes; the first draw waits for
  // its pages, later ones replace the slots as they finish (a newer draw wins).
  const figuresSlot = h('div', { id: 'attempt-figures-slot' });
  const countLine = h('p', { class: 'muted', id: 'filter-count', role: 'status' });
  const listSlot = h('div', { id: 'attempts-slot' });
  const queueSlot = h('div', { id: 'queue-slot' });
  const queueTitle = h('h2', { id: 'queue-title', tabindex: '-1' });
  // The queue sits below a page of attempts: one click takes a grader there.
  const toQueue = h('button', { type: 'button', id: 'to-queue', hidden: true, onclick: () => { queueTitle.scrollIntoView(); queueTitle.focus(); } });
  let shownRows = rows;
  let drawToken = 0;
  const draw = async () => {
    drawToken += 1;
    const token = drawToken;
    const now = Date.now();
    const base = rows.filter((row) => matches(row, now));
    const list = base.filter(statusMatches).sort(SORTS[state.sort] ?? SORTS.newest);
    const queue = queueAll.filter((row) => matches(row, now))
      .sort((a, b) => ((a.record.submittedAt ?? 0) - (b.record.submittedAt ?? 0)) * (state.queueSort === 'newest' ? -1 : 1));
    shownRows = list;
    const attemptsPager = pager({
      id: 'attempts-pages', total: list.length, size: ATTEMPTS_PAGE, label: t('trainerTitle'),
      draw: (from, to) => { if (token === drawToken) state.pages.attempts = Math.floor(from / ATTEMPTS_PAGE); return tableOf(list, from, to); },
    });
    const queuePager = pager({
      id: 'queue-pages', total: queue.length, size: QUEUE_PAGE, label: t('gradingQueue'),
      draw: (from, to) => { if (token === drawToken) state.pages.queue = Math.floor(from / QUEUE_PAGE); return cardsOf(queue, from, to); },
    });
    await Promise.all([list.length ? attemptsPager.show(state.pages.attempts) : null, queue.length ? queuePager.show(state.pages.queue) : null]);
    if (token !== drawToken) return;
    // Summary first: the figures of what the filters select, before the list.
    const submitted = list.filter(({ record }) => record);
    const passedCount = submitted.filter(({ record }) => record.result.passed).length;
    replace(figuresSlot, rows.length ? h('ul', { class: 'exam-facts', id: 'attempt-figures' }, [
      [String(list.length), t('figAttempts')],
      [String(submitted.length), t('figSubmitted')],
      [submitted.length ? `${Math.round((100 * passedCount) / submitted.length)}%` : '—', t('figPassRate')],
      [String(queue.length), t('gradingQueue')],
    ].map(([value, label]) => h('li', {}, h('span', { class: 'value' }, value), h('span', { class: 'label' }, label)))) : null);
    countLine.textContent = filtered() ? s('shown', { n: list.length, all: rows.length, q: queue.length }) : '';
    replace(listSlot, list.length ? attemptsPager.node : h('p', { class: 'muted', id: 'attempts-none' }, s('noMatch')));
    replace(queueTitle, t('gradingQueue'), queue.length ? h('span', { class: 'pill warn', id: 'queue-count' }, String(queue.length)) : null);
    toQueue.hidden = queue.length === 0;
    toQueue.textContent = s('toQueue', { n: queue.length });
    replace(queueSlot, queue.length ? [queueSortField, queuePager.node] : h('p', {}, queueAll.length ? s('noMatchQueue') : t('noPending')));
  };
  const filtered = () => Boolean(state.exam || state.team || state.since || state.status || state.query);
  const redraw = () => { state.pages = { attempts: 0, queue: 0 }; clear.hidden = !filtered(); draw(); };

  const exams = [...new Map(rows.map(({ attempt }) => [attempt.blueprintId, attempt.examTitle ?? attempt.blueprintId])).entries()]
    .sort((a, b) => a[1].localeCompare(b[1], 'zh-CN'));
  const teams = [...new Set(rows.map((r) => r.team).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const unrostered = rows.some((r) => r.team === null);
  let typing = null;
  const search = h('input', { type: 'search', id: 'filter-query', autocomplete: 'off', value: state.query,
    oninput: () => { clearTimeout(typing); typing = setTimeout(() => { state.query = search.value.trim(); redraw(); }, 200); } });
  const clear = h('button', { type: 'button', id: 'filter-clear', hidden: !filtered(), onclick: () => {
    Object.assign(state, { exam: '', team: '', since: '', status: '', query: '' });
    for (const el of filterForm.querySelectorAll('select[id^="filter-"]')) el.value = '';
    search.value = '';
    redraw();
  } }, s('clear'));
  const filterForm = h('form', { class: 'controls filters', id: 'trainer-filters', role: 'search', 'aria-label': s('filters'), onsubmit: (e) => e.preventDefault() },
    h('div', { class: 'field' }, h('label', { for: 'filter-query' }, s('query')), search),
    filterSelect('exam', s('exam'), [['', s('examAll')], ...exams], redraw),
    filterSelect('team', s('team'), [['', s('teamAll')], ...teams.map((x) => [x, x]), ...(unrostered ? [['__none', s('noTeam')]] : [])], redraw),
    filterSelect('since', s('since'), [['', s('sinceAll')], ['1', s('since1')], ['7', s('since7')], ['30', s('since30')], ['90', s('since90')]], redraw),
    filterSelect('status', s('status'), [['', s('statusAll')], ['inProgress', s('statusRunning')], ['pending', s('statusPending')], ['passed', s('statusPassed')], ['failed', s('statusFailed')], ['leaves', s('statusLeaves')]], redraw),
    h('div', { class: 'field filter-actions' }, clear));
  // On a phone the filters fold behind 筛选 (open once one is in use), so the list is in sight.
  const filterBar = h('details', { class: 'card filter-card disclosure', open: filtered() || globalThis.innerWidth >= 600 },
    h('summary', {}, s('filters')), filterForm);
  const sortField = filterSelect('sort', s('sort'), ['newest', 'oldest', 'name', 'high', 'low'].map((k) => [k, s(k)]), () => { state.pages.attempts = 0; draw(); });
  const queueSortField = h('div', { class: 'row' }, filterSelect('queueSort', s('queueSort'), [['oldest', s('queueOldest')], ['newest', s('queueNewest')]], () => { state.pages.queue = 0; draw(); }));
  replace(queueTitle, t('gradingQueue'));
  if (rows.length) await draw();
  // Adaptive attempts are not in this list (their check replays the adaptive test): say where.
  const adaptiveCount = allAttempts.length - attempts.length;
  const adaptiveNote = adaptiveCount ? h('p', { class: 'muted', id: 'adaptive-elsewhere' },
    s('adaptiveElsewhere', { n: adaptiveCount }), ' ', h('a', { href: '#/adaptive' }, s('adaptiveLink'))) : null;
  replace(main,
    h('h2', {}, t('trainerTitle')),
    figuresSlot,
    adaptiveNote,
    rows.length === 0 ? h('div', { class: 'card', id: 'attempts-empty' }, h('p', {}, t('noAttempts')),
      h('p', {}, t('noAttemptsNext'), ' ', h('a', { href: '#/home' }, t('navHome')), ' · ', h('a', { href: '#/data' }, t('demoLink'))))
      : [filterBar, countLine,
        h('div', { class: 'row list-tools' }, sortField, toQueue,
          h('button', { type: 'button', id: 'export-results', onclick: () => download('kaohe-results.csv', resultsCsv(shownRows), 'text/csv;charset=utf-8') }, t('exportCsv'))),
        listSlot],
    queueTitle,
    rows.length ? queueSlot : h('p', {}, t('noPending')));
  if (focus === 'queue') queueTitle.scrollIntoView();
}
