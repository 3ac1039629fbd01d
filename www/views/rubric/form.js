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
      type: 'text', id: commentId, class: 'comment', placeholder: rt('commentPlaceholder'), value: rating?.comment ?? '',
      'aria-label': rt('commentFor', { c: criterion.title }),
      oninput: (event) => onChange(criterion.id, { comment: event.target.value }),
    }));
}

const rated = (rating) => Boolean(rating?.na) || typeof rating?.value === 'number';

/**
 * Number keys score the focused criterion (its scale value; N = not applicable) and move to the
 * next one, as QA scorecards do; arrow keys keep moving within a criterion.
 */
function shortcut(event) {
  const set = event.target.closest?.('fieldset.criterion');
  if (!set || event.target.type !== 'radio' || event.ctrlKey || event.metaKey || event.altKey) return;
  const value = /^[0-9]$/.test(event.key) ? event.key : /^n$/i.test(event.key) ? 'na' : null;
  if (value === null) return;
  const input = set.querySelector(`input[type=radio][value="${value}"]`);
  if (!input) return;
  event.preventDefault();
  input.click();
  const all = [...event.currentTarget.querySelectorAll('fieldset.criterion')];
  const next = all[all.indexOf(set) + 1];
  if (next) {
    next.closest('details')?.setAttribute('open', '');
    (next.querySelector('input[type=radio]:checked') ?? next.querySelector('input[type=radio]'))?.focus();
  }
}

/**
 * The form, section by section; each section folds away (its summary shows how many of its
 * criteria are scored), so a long scorecard stays short.
 */
export function scorecardForm(rubric, ratings, onChange) {
  const counters = new Map();
  const count = (section) => {
    const done = section.criteria.filter((c) => rated(ratings[c.id])).length;
    const node = counters.get(section.id);
    node.textContent = rt('sectionProgress', { a: done, b: section.criteria.length });
    node.classList.toggle('good', done === section.criteria.length);
  };
  const change = (criterionId, patch) => {
    onChange(criterionId, patch); // updates `ratings` before its first await
    const section = rubric.sections.find((x) => x.criteria.some((c) => c.id === criterionId));
    if (section) count(section);
  };
  const form = h('form', { id: 'scorecard-form', onsubmit: (e) => e.preventDefault(), onkeydown: shortcut },
    h('p', { class: 'muted small', id: 'shortcut-hint' }, rt('shortcutHint')),
    rubric.sections.map((section) => {
      counters.set(section.id, h('span', { class: 'section-progress small' }));
      return h('details', { class: 'card rubric-section', open: true, dataset: { sectionId: section.id } },
        h('summary', {}, h('h3', {}, `${section.title}（${rt('weight', { n: section.weight })}）`), counters.get(section.id)),
        section.criteria.map((c) => criterionField(c, ratings[c.id], change)));
    }));
  form.refreshCounts = () => rubric.sections.forEach(count);
  form.refreshCounts();
  return form;
}

/** Sets a criterion's radio buttons to `rating` (after applying a suggestion). */
export function showRating(form, criterionId, rating) {
  const value = rating?.na ? 'na' : String(rating?.value ?? '');
  for (const input of form.querySelectorAll(`input[name="c-${CSS.escape(criterionId)}"]`)) {
    input.checked = input.value === value;
  }
}
