// #/rubric/<performance>/<rater>: a rater scores a role play on the sample rubric. Every change
// is written to IndexedDB (`scorecards`, one transaction per change), so a reload keeps it; the
// live score and the transcript panel sit beside the form.
import { h, replace, announce } from '../dom.js';
import {
  rt, both, PERFORMANCES, RATERS, performanceLabel, loadRubric, cardKey, isComplete, errorBox,
} from './rubric/common.js';
import { scorecardForm, showRating } from './rubric/form.js';
import { renderLiveScore } from './rubric/live-score.js';
import { transcriptPanel } from './rubric/transcript.js';

export async function render(main, { store, navigate }, performanceId, raterId) {
  const rubric = await loadRubric(store);
  const performance = PERFORMANCES.find((p) => p.id === performanceId) ?? PERFORMANCES[0];
  const rater = RATERS.find((r) => r.id === raterId) ?? RATERS[0];
  const key = cardKey(rubric.id, performance.id, rater.id);
  const record = (await store.get('scorecards', key)) ?? {
    id: key, rubricId: rubric.id, rubricVersion: rubric.version, performanceId: performance.id,
    candidateId: performance.candidateId, raterId: rater.id, ratings: {}, complete: false,
  };

  const status = h('p', { id: 'save-status', class: 'muted', role: 'status' });
  const problem = h('div', { id: 'save-problem' });
  const live = h('section', { class: 'card live-score', id: 'live-score', 'aria-live': 'polite', 'aria-labelledby': 'live-score-title' });

  async function save() {
    record.complete = isComplete(rubric, record.ratings);
    record.updatedAt = Date.now();
    try {
      await store.put('scorecards', structuredClone(record));
      status.textContent = rt('saved');
      replace(problem);
    } catch (error) {
      replace(problem, errorBox(error));
    }
  }

  async function change(criterionId, patch) {
    const rating = { ...(record.ratings[criterionId] ?? {}), ...patch };
    if (rating.value === undefined) delete rating.value;
    if (!rating.na) delete rating.na;
    record.ratings[criterionId] = rating;
    renderLiveScore(live, rubric, record);
    await save();
  }

  const form = scorecardForm(rubric, record.ratings, change);

  async function apply(chosen) {
    for (const { criterionId, value } of chosen) {
      record.ratings[criterionId] = { ...(record.ratings[criterionId] ?? {}), value };
      delete record.ratings[criterionId].na;
      showRating(form, criterionId, record.ratings[criterionId]);
    }
    renderLiveScore(live, rubric, record);
    await save();
  }

  const pick = (id, label, options, value, onchange) => [
    h('label', { for: id }, label),
    h('select', { id, onchange }, options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))),
  ];
  const perfSelect = pick('pick-performance', rt('performance'), PERFORMANCES.map((p) => [p.id, performanceLabel(p)]), performance.id,
    (e) => navigate(`#/rubric/${encodeURIComponent(e.target.value)}/${encodeURIComponent(rater.id)}`));
  const raterSelect = pick('pick-rater', rt('rater'), RATERS.map((r) => [r.id, both(r.name)]), rater.id,
    (e) => navigate(`#/rubric/${encodeURIComponent(performance.id)}/${encodeURIComponent(e.target.value)}`));

  replace(main,
    h('h2', {}, `${rt('rubricTitle')} · ${rubric.title}`),
    rubric.description ? h('p', { class: 'muted' }, rubric.description) : null,
    h('div', { class: 'card row', id: 'scorecard-picker' }, ...perfSelect, ...raterSelect),
    h('p', {}, h('a', { href: '#/calibration', id: 'to-calibration' }, rt('toCalibration'))),
    h('div', { class: 'rubric-layout' },
      h('div', { class: 'rubric-main' },
        h('h3', { class: 'visually-hidden' }, rt('scorecard')),
        form, status, problem),
      h('div', { class: 'rubric-side' },
        live,
        transcriptPanel(rubric, {
          initial: record.transcript,
          sampleId: performance.transcript,
          onAnalyzed: async (text) => {
            if (record.transcript === text) return;
            record.transcript = text;
            await save();
          },
          onApply: apply,
        }))));
  renderLiveScore(live, rubric, record);
  announce(`${performanceLabel(performance)} · ${both(rater.name)}`);
}
