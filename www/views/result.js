// A candidate's result: the total against the pass mark, each section, and every item with the
// correct answer and its explanation.
import { Exam } from '../kaohe/candidate.js';
import { h, replace } from '../dom.js';
import { t, pick, clock, uiLocale } from '../i18n.js';

const fmt = (n) => (n === null || n === undefined ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(1));

export async function render(main, { store }, attemptId) {
  const [attempt, record] = await Promise.all([store.get('attempts', attemptId), store.get('results', attemptId)]);
  if (attempt?.sealed && !record) {
    // A sealed exam: no key here, so no score until the trainer unlocks it.
    replace(main, h('h2', { id: 'result-title' }, `${t('resultTitle')} · ${attempt.examTitle}`),
      h('p', { class: 'card', id: 'sealed-submitted' }, uiLocale() === 'en'
        ? 'Submitted. This is a sealed exam: the trainer scores it after unlocking the answer key.'
        : '已交卷。本考试为密封考试，成绩由培训师解封答案后评定。'),
      h('p', {}, h('a', { href: '#/home', class: 'button' }, t('backHome'))));
    main.focus();
    return;
  }
  if (!attempt || !record) {
    replace(main, h('p', {}, t('noAttempts')), h('a', { href: '#/home' }, t('backHome')));
    return;
  }
  const result = record.result;
  // The exam's release setting: what the candidate may see, and whether it is released yet.
  const setup = await store.get('exams', attempt.examId ?? attempt.blueprintId);
  const release = setup?.release ?? { content: 'review', timing: 'immediately' };
  if (release.timing === 'afterRelease' && !setup?.releasedAt) {
    replace(main, h('h2', { id: 'result-title' }, `${t('resultTitle')} · ${attempt.examTitle}`),
      h('p', { class: 'card', id: 'result-pending' }, uiLocale() === 'en'
        ? 'Submitted. Results are published once the trainer releases them.'
        : '已交卷。成绩将在培训师公布后显示。'),
      h('p', {}, h('a', { href: '#/home', class: 'button' }, t('backHome'))));
    main.focus();
    return;
  }
  const showSections = release.content !== 'score';
  const showReview = release.content === 'review';
  let review = { items: [] };
  if (showReview) {
    const [bank, blueprint] = await Promise.all([store.get('banks', attempt.bankId), store.get('blueprints', attempt.blueprintId)]);
    const exam = new Exam(bank, blueprint);
    try {
      const responses = Object.fromEntries(Object.entries(attempt.responses ?? {}).map(([id, r]) => [id, r.value]));
      review = exam.review({ paper: attempt.paper, responses, grades: record.grades ?? {} });
    } finally {
      exam.free();
    }
  }

  replace(main,
    h('h2', { id: 'result-title' }, `${t('resultTitle')} · ${attempt.examTitle}`),
    h('div', { class: 'card', id: 'result-summary' },
      h('p', { class: result.passed ? 'good' : 'bad', id: 'result-verdict' },
        result.passed ? t('passed') : t('failed'), result.final === false ? ` ${t('provisional')}` : ''),
      h('p', {}, `${t('total')}：${fmt(result.points)} / ${fmt(result.maxPoints)}　${t('percent')}：${fmt(result.percent)}%　${t('passMark')}：${fmt(result.passMarkPercent)}%`),
      result.timeUsedSeconds != null ? h('p', { class: 'muted' }, `${t('timeUsed')}：${clock(result.timeUsedSeconds)}`) : null,
      !showSections ? null : h('table', { id: 'result-sections' },
        h('caption', { class: 'visually-hidden' }, t('section')),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('section')), h('th', { scope: 'col', class: 'num' }, t('score')),
          h('th', { scope: 'col', class: 'num' }, t('percent')), h('th', { scope: 'col', class: 'num' }, t('minPercent')), h('th', { scope: 'col' }, t('state')))),
        h('tbody', {}, result.sections.map((s) => h('tr', {},
          h('th', { scope: 'row' }, s.title),
          h('td', { class: 'num' }, `${fmt(s.points)} / ${fmt(s.maxPoints)}`),
          h('td', { class: 'num' }, `${fmt(s.percent)}%`),
          h('td', { class: 'num' }, s.minPercent == null ? '—' : `${fmt(s.minPercent)}%`),
          h('td', { class: s.passed === false ? 'bad' : '' }, s.passed === false ? t('failed') : t('passed'))))))),
    !showReview ? null : h('section', { 'aria-labelledby': 'review-title', id: 'result-review' },
      h('h2', { id: 'review-title' }, t('explanation')),
      review.items.map((item, i) => h('div', { class: 'card', dataset: { itemId: item.itemId, status: item.status } },
        h('p', {}, h('strong', {}, `${t('question', { n: i + 1 })}　`), item.stem),
        h('p', {}, h('span', { class: `pill ${item.status === 'correct' ? 'good' : item.status === 'pending' ? 'warn' : 'bad'}` }, t(`status_${item.status}`)),
          `　${fmt(item.points)} / ${fmt(item.maxPoints)}`),
        h('p', {}, `${t('yourAnswer')}：${pick(item.yourAnswer) || '—'}`),
        h('p', {}, `${t('correctAnswer')}：${pick(item.correctAnswer)}`),
        item.explanation ? h('p', { class: 'explain' }, `${t('explanation')}：${item.explanation}`) : null))),
    h('p', {}, h('a', { href: '#/home', class: 'button' }, t('backHome'))));
  main.focus();
}
