// The live score of one scorecard: progress while criteria are unrated, then per section and in
// total, pass or fail, and the reasons the module gives.
import { scoreScorecard } from '../../kaohe/lite.js';
import { h, replace } from '../../dom.js';
import { pick } from '../../i18n.js';
import { rt, fmt, allCriteria, hasMark, toScorecard, errorBox } from './common.js';

export function renderLiveScore(box, rubric, record) {
  const criteria = allCriteria(rubric);
  const rated = criteria.filter((c) => hasMark(record.ratings[c.id]));
  const head = h('h3', { id: 'live-score-title' }, rt('liveScore'));
  const progress = h('p', { id: 'score-progress' }, rt('progress', { a: rated.length, b: criteria.length }));
  if (rated.length < criteria.length) {
    const missing = criteria.filter((c) => !hasMark(record.ratings[c.id])).map((c) => c.title);
    replace(box, head, progress, h('p', { class: 'muted' }, rt('unrated', { list: missing.slice(0, 5).join('；') + (missing.length > 5 ? '…' : '') })));
    return null;
  }
  let result;
  try {
    result = scoreScorecard({ rubric, scorecard: toScorecard(record) });
  } catch (error) {
    replace(box, head, progress, errorBox(error));
    return null;
  }
  const titles = new Map(rubric.sections.map((s) => [s.id, s.title]));
  replace(box, head, progress,
    h('p', { id: 'score-verdict', class: result.passed ? 'good' : 'bad', dataset: { total: result.total, passed: result.passed } },
      `${rt('total')} ${fmt(result.total)} · ${result.passed ? rt('passed') : rt('failed')}（${rt('passMark')} ${fmt(result.passMark)}）`),
    h('table', { id: 'section-scores' },
      h('caption', { class: 'visually-hidden' }, rt('liveScore')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, rt('section')), h('th', { scope: 'col', class: 'num' }, rt('score')))),
      h('tbody', {},
        result.sections.map((s) => h('tr', { dataset: { sectionId: s.sectionId } },
          h('th', { scope: 'row' }, `${titles.get(s.sectionId)}（${fmt(s.effectiveWeight)}）`),
          h('td', { class: `num ${s.failed ? 'bad' : ''}` },
            s.score === null ? rt('sectionNa') : fmt(s.score), s.failed ? ` ${rt('sectionFailed')}` : ''))),
        h('tr', {}, h('th', { scope: 'row' }, rt('baseTotal')), h('td', { class: 'num' }, fmt(result.baseTotal))),
        result.bonus ? h('tr', {}, h('th', { scope: 'row' }, rt('bonusPoints')), h('td', { class: 'num' }, `+${fmt(result.bonus)}`)) : null)),
    result.reasons.length
      ? h('div', {}, h('h4', {}, rt('reasons')), h('ul', { id: 'score-reasons' }, result.reasons.map((r) => h('li', { dataset: { kind: r.kind } }, pick(r.message)))))
      : null);
  return result;
}
