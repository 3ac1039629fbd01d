// A rater's scorecard form: every criterion with its scale as labelled radio buttons, N/A where
// the rubric allows it, and a comment. `onChange(criterionId, patch)` is called on every change.
import { h } from '../../dom.js';
import { rt } from './common.js';

function badges(criterion) {
  const list = [];
  if (criterion.critical) list.push(h('span', { class: 'pill bad' }, rt(`critical_${criterion.critical.scope}`)));
  if (criterion.bonusPoints != null) list.push(h('span', { class: 'pill good' }, rt('bonus', { n: criterion.bonusPoints })));
  if (criterion.na === 'exclude') list.push(h('span', { class: 'pill' }, rt('naExclude')));
  if (criterion.na === 'zero') list.push(h('span', { class: 'pill' }, rt('naZero')));
  return list;
}

/** The choices of a scale, lowest first: [value, label]. */
function choices(scale) {
  switch (scale.type) {
    case 'yesNo': return [[1, rt('yes')], [0, rt('no')]];
    case 'points': return Array.from({ length: scale.max + 1 }, (_, i) => [i, rt('pointsN', { n: i })]);
    case 'levels': return scale.anchors.map((anchor, i) => [i + 1, `${rt('level', { n: i + 1 })} · ${anchor}`]);
    default: return [];
  }
}

function criterionField(criterion, rating, onChange) {
  const name = `c-${criterion.id}`;
  const current = rating?.na ? 'na' : (typeof rating?.value === 'number' ? String(rating.value) : '');
  const radio = (value, label) => h('label', { class: 'choice' },
    h('input', {
      type: 'radio', name, value, checked: current === value,
      onchange: () => onChange(criterion.id, value === 'na' ? { na: true, value: undefined } : { na: false, value: Number(value) }),
    }),
    h('span', {}, label));
  const commentId = `comment-${criterion.id}`;
  return h('fieldset', { class: 'item criterion', dataset: { criterionId: criterion.id, scale: criterion.scale.type } },
    h('legend', {}, criterion.title, ' ', ...badges(criterion)),
    criterion.description ? h('p', { class: 'muted' }, criterion.description) : null,
    h('div', { class: `scale scale-${criterion.scale.type}` },
      choices(criterion.scale).map(([value, label]) => radio(String(value), label)),
      criterion.na && criterion.na !== 'notAllowed' ? radio('na', rt('na')) : null),
    h('label', { for: commentId, class: 'comment-label' }, rt('comment')),
    h('input', {
      type: 'text', id: commentId, class: 'comment', value: rating?.comment ?? '',
      'aria-label': rt('commentFor', { c: criterion.title }),
      oninput: (event) => onChange(criterion.id, { comment: event.target.value }),
    }));
}

/** The form, section by section. */
export function scorecardForm(rubric, ratings, onChange) {
  return h('form', { id: 'scorecard-form', onsubmit: (e) => e.preventDefault() },
    rubric.sections.map((section) => h('section', { class: 'card rubric-section', dataset: { sectionId: section.id } },
      h('h3', {}, `${section.title}（${rt('weight', { n: section.weight })}）`),
      section.criteria.map((c) => criterionField(c, ratings[c.id], onChange)))));
}

/** Sets a criterion's radio buttons to `rating` (after applying a suggestion). */
export function showRating(form, criterionId, rating) {
  const value = rating?.na ? 'na' : String(rating?.value ?? '');
  for (const input of form.querySelectorAll(`input[name="c-${CSS.escape(criterionId)}"]`)) {
    input.checked = input.value === value;
  }
}
