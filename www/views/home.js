// Home: a candidate starts or resumes an exam; links lead trainers to their views.
import { Exam } from '../kaohe/candidate.js';
import { h, replace } from '../dom.js';
import { t, formatTime, uiLocale, colon, paren } from '../i18n.js';
import { listExams, checkCandidate } from '../data.js';
import { readInChunks } from '../pager.js';

function randomSeed() {
  const buffer = new Uint32Array(1);
  crypto.getRandomValues(buffer);
  return buffer[0];
}

/**
 * Assembles a paper from a fresh seed with `ExamClass` (the candidate module's `Exam`, or
 * `SealedExam` for a sealed package) and stores the new attempt before it is shown, with
 * `fields` (practice, sealed…) on the record. Every way of starting an exam goes through here,
 * so every attempt record has the same header.
 */
export async function beginAttempt(store, ExamClass, { bank, blueprint }, candidate, fields) {
  const exam = new ExamClass(bank, blueprint);
  try {
    const seed = randomSeed();
    const paper = exam.assemble(seed);
    const now = Date.now();
    const limit = blueprint.timeLimitSeconds ?? null;
    return await store.startAttempt({
      attemptId: crypto.randomUUID(),
      bankId: bank.id,
      blueprintId: blueprint.id,
      examTitle: blueprint.title,
      ...fields,
      candidate,
      seed,
      paper,
      startedAt: now,
      deadlineAt: limit ? now + limit * 1000 : null,
    }, { bank, blueprint });
  } finally {
    exam.free();
  }
}

/** Starts an attempt on a stored exam (see `beginAttempt`). */
export function startAttempt(store, { bank, blueprint, practice }, candidate) {
  return beginAttempt(store, Exam, { bank, blueprint }, candidate, { examId: blueprint.id, practice });
}

/** How many items a blueprint's paper has: its fixed items plus every draw. */
export function itemCount(blueprint) {
  return (blueprint.sections ?? []).reduce((n, s) => n + (s.fixed?.length ?? 0)
    + (s.draw ?? []).reduce((m, d) => m + (d.count ?? 0), 0), 0);
}

const minutes = (seconds) => Math.round(seconds / 60);

/** The start page's facts and rules for one exam, read before the clock starts. */
function examBrief(exam, meta, used) {
  const { blueprint, practice } = exam;
  const timed = blueprint.sections?.some((s) => s.timeLimitSeconds);
  // The exam's set-up record (`exam.exam`, where exams are set up) or its meta record.
  const maxAttempts = exam.exam?.attemptsAllowed ?? meta?.maxAttempts ?? null;
  const leaveLimit = exam.exam?.leaveLimit ?? meta?.leaveLimit ?? null;
  const mins = (blueprint.sections ?? []).filter((s) => s.minPercent !== null && s.minPercent !== undefined);
  const sep = uiLocale() === 'en' ? ', ' : '、';
  const facts = [
    [String(itemCount(blueprint)), t('factItems')],
    [blueprint.timeLimitSeconds ? t('factMinutes', { n: minutes(blueprint.timeLimitSeconds) }) : t('factUntimed'), t('factTime')],
    [`${blueprint.passMarkPercent}%`, t('passMark')],
    [maxAttempts ? String(Math.max(0, maxAttempts - used)) : t('factUnlimited'), t('factAttemptsLeft')],
  ];
  const rules = [
    t('ruleClock'),
    t('ruleSaved'),
    t('ruleSheet'),
    timed ? t('ruleSections', { list: blueprint.sections.map((s) => `${s.title}${s.timeLimitSeconds ? t('factMinutesShort', { n: minutes(s.timeLimitSeconds) }) : ''}`).join(sep) }) : null,
    mins.length ? t('ruleMinimums', { list: mins.map((s) => `${s.title} ${s.minPercent}%`).join(sep) }) : null,
    practice ? t('rulePractice') : null,
    leaveLimit ? t('ruleLeaveLimit', { n: leaveLimit }) : t('ruleLeave'),
  ].filter(Boolean);
  return {
    blocked: Boolean(maxAttempts) && used >= maxAttempts,
    node: h('div', { id: 'exam-brief', 'aria-live': 'polite' },
      h('ul', { class: 'exam-facts' }, facts.map(([value, label]) => h('li', {}, h('span', { class: 'value' }, value), h('span', { class: 'label' }, label)))),
      h('h3', {}, t('rulesTitle')),
      h('ul', { class: 'rules' }, rules.map((r) => h('li', {}, r))),
      used ? h('p', { class: 'muted' }, t('attemptsUsed', { n: used })) : null),
  };
}

export async function render(main, { store, navigate }) {
  const exams = await listExams(store);
  const allAttempts = await readInChunks(store, 'attempts');
  const attempts = allAttempts.filter((a) => a.status === 'inProgress');
  const metas = new Map((await store.getAll('meta')).map((m) => [m.key, m]));

  const name = h('input', { type: 'text', id: 'cand-name', autocomplete: 'name', required: true });
  const id = h('input', { type: 'text', id: 'cand-id', autocomplete: 'off', required: true, onchange: () => showBrief() });
  const brief = h('div', {});
  const startButton = h('button', { type: 'submit', class: 'primary' }, t('start'));
  const showBrief = () => {
    const exam = exams[Number(select.value)];
    if (!exam) { replace(brief); return; }
    const who = id.value.trim();
    const used = who ? allAttempts.filter((a) => a.blueprintId === exam.blueprint.id && a.candidate?.id === who && a.status !== 'inProgress').length : 0;
    const { node, blocked } = examBrief(exam, metas.get(`exam:${exam.blueprint.id}`), used);
    replace(brief, node, blocked ? h('p', { class: 'bad' }, t('noAttemptsLeft')) : null);
    startButton.disabled = blocked;
  };
  const select = h('select', { id: 'exam-choice', onchange: () => showBrief() }, exams.map((exam, i) => h('option', { value: String(i) },
    `${exam.blueprint.title}${exam.practice ? ` · ${t('practice')}` : ''}`)));
  const problem = h('p', { class: 'bad', role: 'alert', id: 'start-problem' });

  const form = h('form', {
    class: 'card',
    'aria-labelledby': 'start-title',
    onsubmit: async (event) => {
      event.preventDefault();
      problem.textContent = '';
      const candidate = { name: name.value.trim(), id: id.value.trim() };
      if (!candidate.name || !candidate.id) {
        problem.textContent = `${t('candidateName')} / ${t('candidateId')}${colon()}${t('required')}`;
        (candidate.name ? id : name).focus();
        return;
      }
      const exam = exams[Number(select.value)];
      // The roster and the exam's settings: an unknown 工号 is refused or recorded as unmatched.
      const checked = await checkCandidate(store, exam.exam, candidate, uiLocale());
      if (!checked.ok) {
        problem.textContent = checked.message;
        problem.dataset.code = checked.code;
        id.focus();
        return;
      }
      let attempt;
      try {
        attempt = await startAttempt(store, exam, checked.candidate);
      } catch (error) {
        // Storage full or blocked: nothing was stored; say why, and the same button retries.
        problem.textContent = error?.message ?? String(error);
        return;
      }
      navigate(`#/exam/${attempt.attemptId}`);
    },
  },
  h('h2', { id: 'start-title' }, t('navExam')),
  h('label', { for: 'cand-name' }, t('candidateName')), name,
  h('label', { for: 'cand-id' }, t('candidateId')), id,
  h('label', { for: 'exam-choice' }, t('chooseExam')), select,
  brief,
  problem,
  h('p', {}, startButton, ' ', h('span', { class: 'muted small' }, t('clockStartsNote'))));
  showBrief();

  const resume = attempts.length === 0 ? null : h('section', { class: 'card', 'aria-labelledby': 'resume-title' },
    h('h2', { id: 'resume-title' }, t('unfinished')),
    h('ul', {}, attempts.map((a) => h('li', {},
      h('a', { href: `#/exam/${a.attemptId}` }, `${t('resume')}${colon()}${a.examTitle} · ${a.candidate.name}${paren(a.candidate.id)} · ${formatTime(a.startedAt)}`)))));

  replace(main,
    h('div', { class: 'page-head' }, h('p', { class: 'muted' }, t('homeIntro')),
      h('a', { href: '#/desk', class: 'small' }, t('trainerDeskLink'))),
    resume,
    form);
}
