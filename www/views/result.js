// A candidate's result: a verdict card first (passed or not, the score against the pass mark),
// then each section as a bar against its minimum, then, only where the exam's release setting
// allows it, every item with the correct answer and its explanation.
import { Exam } from '../kaohe/candidate.js';
import { h, replace } from '../dom.js';
import { t, pick, clock, uiLocale, colon, paren } from '../i18n.js';
import { takeNotice, leaveCount } from './exam.js';
import { releaseLevel } from './release.js';

export { releaseLevel };

/** A bar (CSP forbids style attributes, so widths are set through the CSSOM). */
function meter(label, percent, markPercent, tone) {
  const fill = h('span', { class: `fill${tone ? ` ${tone}` : ''}` });
  fill.style.width = `${Math.max(0, Math.min(100, percent ?? 0))}%`;
  const line = markPercent === null || markPercent === undefined ? null : h('span', { class: 'line' });
  if (line) line.style.left = `${Math.max(0, Math.min(100, markPercent))}%`;
  return h('div', { class: 'meter', role: 'img', 'aria-label': label }, fill, line);
}

const fmt = (n) => (n === null || n === undefined ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(1));

function verdictCard(result, notice) {
  const passed = result.passed;
  return h('section', { class: `card verdict ${passed ? 'pass' : 'fail'}`, id: 'result-summary', 'aria-labelledby': 'result-verdict' },
    h('div', { class: 'mark', 'aria-hidden': 'true' }, passed ? '✓' : '✗'),
    h('p', { class: `word ${passed ? 'good' : 'bad'}`, id: 'result-verdict' },
      passed ? t('passed') : t('failed'), result.final === false ? h('span', { class: 'small' }, ` ${t('provisional')}`) : ''),
    h('p', { class: 'figures' },
      h('span', {}, `${t('total')} `, h('strong', { id: 'result-points' }, `${fmt(result.points)} / ${fmt(result.maxPoints)}`)),
      h('span', {}, `${t('percent')} `, h('strong', {}, `${fmt(result.percent)}%`)),
      h('span', {}, `${t('passMark')} `, h('strong', {}, `${fmt(result.passMarkPercent)}%`))),
    h('div', { class: 'extra' },
      meter(t('meterLabel', { p: fmt(result.percent), m: fmt(result.passMarkPercent) }), result.percent, result.passMarkPercent, passed ? 'good' : 'bad'),
      result.timeUsedSeconds != null ? h('p', { class: 'muted' }, `${t('timeUsed')}${colon()}${clock(result.timeUsedSeconds)}`) : null,
      !passed && result.sections.some((s) => s.passed === false) && (result.percent ?? 0) >= (result.passMarkPercent ?? 0)
        ? h('p', { class: 'bad' }, t('failedBySection')) : null,
      notice));
}

function sectionBars(result) {
  return h('section', { class: 'card', 'aria-labelledby': 'sections-title', id: 'result-sections' },
    h('h2', { id: 'sections-title' }, t('bySection')),
    h('ul', { class: 'section-bars' }, result.sections.map((s) => {
      const hasMin = s.minPercent !== null && s.minPercent !== undefined;
      // A section without a minimum has nothing to pass: it shows its score and no verdict.
      const state = !hasMin ? null : s.passed === false
        ? h('span', { class: 'state bad' }, t('belowMin', { n: fmt(s.minPercent) }))
        : h('span', { class: 'state good' }, t('meetsMin', { n: fmt(s.minPercent) }));
      return h('li', { dataset: { state: !hasMin ? 'none' : s.passed === false ? 'below' : 'met' } },
        h('strong', {}, s.title),
        h('span', { class: 'num' }, `${fmt(s.points)} / ${fmt(s.maxPoints)}${paren(`${fmt(s.percent)}%`)}`),
        meter(hasMin ? t('meterLabelMin', { p: fmt(s.percent), m: fmt(s.minPercent) }) : t('meterLabelNoMin', { p: fmt(s.percent) }),
          s.percent, hasMin ? s.minPercent : null, hasMin ? (s.passed === false ? 'bad' : 'good') : ''),
        state);
    })));
}

export async function render(main, { store }, attemptId) {
  const [attempt, record] = await Promise.all([store.get('attempts', attemptId), store.get('results', attemptId)]);
  window.scrollTo(0, 0);
  const pending = takeNotice(attemptId);
  const notice = pending ? h('p', { class: 'notice warn', id: 'result-notice', role: 'status' }, pending) : null;
  if (attempt?.sealed && !record) {
    // A sealed exam: no key here, so no score until the trainer unlocks it.
    replace(main, h('h2', { id: 'result-title' }, `${t('resultTitle')} · ${attempt.examTitle}`),
      notice,
      h('p', { class: 'card', id: 'sealed-submitted' }, uiLocale() === 'en'
        ? 'Submitted. This is a sealed exam: the trainer scores it after unlocking the answer key.'
        : '已交卷。本考试为密封考试，成绩由培训师解封答案后评定。'),
      h('p', {}, h('a', { href: '#/home', class: 'button' }, t('backHome'))));
    main.focus({ preventScroll: true });
    return;
  }
  if (!attempt || !record) {
    replace(main, h('p', {}, t('noAttempts')), h('a', { href: '#/home' }, t('backHome')));
    return;
  }
  const result = record.result;
  // The exam's release setting: from its set-up (the `exams` store, where there is one) or meta.
  const [setup, examMeta] = await Promise.all([
    store.get('exams', attempt.examId ?? attempt.blueprintId).catch(() => null),
    store.get('meta', `exam:${attempt.blueprintId}`).catch(() => null),
  ]);
  const level = releaseLevel(attempt, record, setup, examMeta);
  if (level === 'none') {
    replace(main, h('h2', { id: 'result-title' }, `${t('resultTitle')} · ${attempt.examTitle}`),
      notice,
      h('p', { class: 'card', id: 'result-pending' }, t('resultPending')),
      h('p', {}, h('a', { href: '#/home', class: 'button' }, t('backHome'))));
    main.focus({ preventScroll: true });
    return;
  }
  let review = null;
  if (level === 'full') {
    const [bank, blueprint] = await Promise.all([store.get('banks', attempt.bankId), store.get('blueprints', attempt.blueprintId)]);
    const exam = new Exam(bank, blueprint);
    try {
      const responses = Object.fromEntries(Object.entries(attempt.responses ?? {}).map(([id, r]) => [id, r.value]));
      review = exam.review({ paper: attempt.paper, responses, grades: record.grades ?? {} });
    } finally {
      exam.free();
    }
  }
  const leaves = leaveCount(attempt);

  replace(main,
    h('h2', { id: 'result-title' }, `${t('resultTitle')} · ${attempt.examTitle}`),
    h('p', { class: 'muted' }, `${attempt.candidate.name}${paren(attempt.candidate.id)}`,
      leaves ? ` · ${t('leftPage', { n: leaves })}` : ''),
    verdictCard(result, notice),
    level === 'score' ? null : sectionBars(result),
    review ? h('section', { 'aria-labelledby': 'review-title', id: 'result-review' },
      h('h2', { id: 'review-title' }, t('reviewTitle')),
      review.items.map((item, i) => h('div', { class: 'card review-item', dataset: { itemId: item.itemId, status: item.status } },
        h('p', {}, h('strong', {}, `${t('question', { n: i + 1 })}　`), item.stem),
        h('p', {}, h('span', { class: `pill ${item.status === 'correct' ? 'good' : item.status === 'pending' ? 'warn' : 'bad'}` }, t(`status_${item.status}`)),
          `　${fmt(item.points)} / ${fmt(item.maxPoints)}`),
        h('p', {}, `${t('yourAnswer')}${colon()}${pick(item.yourAnswer) || '—'}`),
        h('p', {}, `${t('correctAnswer')}${colon()}${pick(item.correctAnswer)}`),
        item.explanation ? h('p', { class: 'explain' }, `${t('explanation')}${colon()}${item.explanation}`) : null)))
      : h('p', { class: 'muted', id: 'review-withheld' }, level === 'score' ? t('releaseScoreOnly') : t('releaseSections')),
    h('p', {}, h('a', { href: '#/home', class: 'button' }, t('backHome'))));
  main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}
