// Home: a candidate starts or resumes an exam; links lead trainers to their views.
import { Exam } from '../kaohe/candidate.js';
import { h, replace } from '../dom.js';
import { t, formatTime, uiLocale } from '../i18n.js';
import { listExams, checkCandidate } from '../data.js';

function randomSeed() {
  const buffer = new Uint32Array(1);
  crypto.getRandomValues(buffer);
  return buffer[0];
}

/** Starts an attempt: assemble the paper from a fresh seed and store it before showing it. */
export async function startAttempt(store, { bank, blueprint, practice }, candidate) {
  const exam = new Exam(bank, blueprint);
  try {
    const seed = randomSeed();
    const paper = exam.assemble(seed);
    const now = Date.now();
    const limit = blueprint.timeLimitSeconds ?? null;
    const attempt = await store.startAttempt({
      attemptId: crypto.randomUUID(),
      bankId: bank.id,
      blueprintId: blueprint.id,
      examTitle: blueprint.title,
      examId: blueprint.id,
      practice,
      candidate,
      seed,
      paper,
      startedAt: now,
      deadlineAt: limit ? now + limit * 1000 : null,
    });
    return attempt;
  } finally {
    exam.free();
  }
}

export async function render(main, { store, navigate }) {
  const exams = await listExams(store);
  const attempts = (await store.getAll('attempts')).filter((a) => a.status === 'inProgress');

  const name = h('input', { type: 'text', id: 'cand-name', autocomplete: 'name', required: true });
  const id = h('input', { type: 'text', id: 'cand-id', autocomplete: 'off', required: true });
  const select = h('select', { id: 'exam-choice' }, exams.map((exam, i) => h('option', { value: String(i) },
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
        problem.textContent = `${t('candidateName')} / ${t('candidateId')}: ${t('required')}`;
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
      const attempt = await startAttempt(store, exam, checked.candidate);
      navigate(`#/exam/${attempt.attemptId}`);
    },
  },
  h('h2', { id: 'start-title' }, t('navExam')),
  h('label', { for: 'cand-name' }, t('candidateName')), name,
  h('label', { for: 'cand-id' }, t('candidateId')), id,
  h('label', { for: 'exam-choice' }, t('chooseExam')), select,
  problem,
  h('p', {}, h('button', { type: 'submit', class: 'primary' }, t('start'))));

  const resume = attempts.length === 0 ? null : h('section', { class: 'card', 'aria-labelledby': 'resume-title' },
    h('h2', { id: 'resume-title' }, t('unfinished')),
    h('ul', {}, attempts.map((a) => h('li', {},
      h('a', { href: `#/exam/${a.attemptId}` }, `${t('resume')}: ${a.examTitle} · ${a.candidate.name} (${a.candidate.id}) · ${formatTime(a.startedAt)}`)))));

  replace(main,
    h('p', { class: 'muted' }, t('homeIntro')),
    resume,
    form);
}
