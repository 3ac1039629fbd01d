// #/rubric/<performance>/<rater>: a rater scores a role play on the sample rubric. Every change
// is written to IndexedDB (`scorecards`, one transaction per change), so a reload keeps it; the
// live score and the transcript panel sit beside the form.
import { h, replace, announce, download } from '../dom.js';
import {
  rt, both, performanceLabel, loadRubrics, loadRoster, setActiveRubric, importRubric, addPerformance,
  cardKey, isComplete, errorBox, rememberedRater, rememberRater,
} from './rubric/common.js';
import { scorecardForm, showRating } from './rubric/form.js';
import { renderLiveScore } from './rubric/live-score.js';
import { transcriptPanel } from './rubric/transcript.js';

/**
 * The trainer's own setup: which rubric is in use (import a file, export the one in use), and
 * the role plays and raters beyond the samples. Each change is one transaction, then a re-render.
 */
let setupOpen = false;
let setupMessage = '';

function setupPanel(store, { rubrics, rubric, rerender }) {
  const status = h('p', { id: 'setup-status', role: 'status' }, setupMessage);
  setupMessage = '';
  const fail = (error) => replace(status, errorBox(error));
  const done = async (message) => { setupMessage = message; announce(message); await rerender(); };
  const field = (id, label, attrs = {}) => {
    const input = h('input', { id, type: 'text', autocomplete: 'off', ...attrs });
    return { input, node: h('div', {}, h('label', { for: id }, label), input) };
  };
  const need = (...fields) => {
    const empty = fields.find(([input]) => !input.value.trim());
    if (empty) throw Object.assign(new Error(rt('required', { f: empty[1] })), { code: 'MISSING_FIELD', path: empty[0].id });
  };
  const rubricSelect = h('select', {
    id: 'active-rubric',
    onchange: async (e) => {
      try { await setActiveRubric(store, e.target.value); await done(rt('activeRubric')); } catch (error) { fail(error); }
    },
  }, rubrics.map((r) => h('option', { value: r.id, selected: r.id === rubric.id }, `${r.title}（${r.id} v${r.version}）`)));
  const file = h('input', {
    type: 'file', id: 'rubric-file', accept: '.json,application/json',
    onchange: async (e) => {
      const [chosen] = e.target.files;
      if (!chosen) return;
      try {
        const imported = await importRubric(store, await chosen.text());
        await done(rt('rubricImported', { t: imported.title }));
      } catch (error) {
        fail(error);
      }
    },
  });
  const candidateId = field('new-candidate-id', rt('candidateId'));
  const candidateName = field('new-candidate-name', rt('candidateName'));
  const scenario = field('new-scenario', rt('scenario'));
  const submit = (work) => async (event) => {
    event.preventDefault();
    replace(status);
    try { await work(); } catch (error) { fail(error); }
  };
  return h('details', { class: 'card no-print', id: 'rubric-setup', open: setupOpen, ontoggle: (e) => { setupOpen = e.target.open; } },
    h('summary', {}, rt('setup')),
    h('div', { class: 'row' },
      h('label', { for: 'active-rubric' }, rt('activeRubric')), rubricSelect,
      h('button', {
        type: 'button', id: 'export-rubric',
        onclick: () => download(`${rubric.id}-v${rubric.version}.json`, JSON.stringify(rubric, null, 2), 'application/json'),
      }, rt('exportRubric'))),
    h('div', {}, h('label', { for: 'rubric-file' }, rt('importRubric')), file,
      h('p', { class: 'muted small' }, rt('rubricHint'))),
    h('form', {
      id: 'add-performance', class: 'row',
      onsubmit: submit(async () => {
        need([candidateId.input, rt('candidateId')], [candidateName.input, rt('candidateName')], [scenario.input, rt('scenario')]);
        const added = await addPerformance(store, {
          candidateId: candidateId.input.value.trim(), candidateName: candidateName.input.value.trim(), scenario: scenario.input.value.trim(),
        });
        await done(rt('added', { n: performanceLabel(added) }));
      }),
    }, h('strong', {}, rt('addPerformance')), candidateId.node, candidateName.node, scenario.node,
    h('button', { type: 'submit', id: 'add-performance-submit' }, rt('add'))),
    // Raters are people of the roster, never typed in here: one 工号 for everything a person does.
    h('p', { id: 'raters-from-roster' }, rt('ratersFromRoster'), ' ', h('a', { href: '#/people' }, rt('toRoster'))),
    status);
}

export async function render(main, { store, navigate, rerender }, performanceId, raterId) {
  const { rubrics, active: rubric } = await loadRubrics(store);
  const roster = await loadRoster(store);
  const performance = roster.performances.find((p) => p.id === performanceId) ?? roster.performances[0];
  // The rater: the one in the address, else the one this device scores as, else the first
  // rostered person. A rater chosen in the address is remembered for this device.
  const rater = roster.raters.find((r) => r.id === raterId)
    ?? roster.raters.find((r) => r.id === rememberedRater()) ?? roster.raters[0];
  rememberRater(rater.id);
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
    updateBar();
    await save();
  }

  const form = scorecardForm(rubric, record.ratings, change);
  // On a narrow screen the live score sits below the form: a bar at the bottom keeps the total
  // in sight (the live region above already speaks it, so the bar is for the eyes only).
  const bar = h('div', { class: 'score-bar', id: 'score-bar', 'aria-hidden': 'true' });
  const updateBar = () => {
    bar.textContent = [live.querySelector('#score-progress')?.textContent, live.querySelector('#score-verdict')?.textContent]
      .filter(Boolean).join(' · ');
  };

  async function apply(chosen) {
    for (const { criterionId, value } of chosen) {
      record.ratings[criterionId] = { ...(record.ratings[criterionId] ?? {}), value };
      delete record.ratings[criterionId].na;
      showRating(form, criterionId, record.ratings[criterionId]);
    }
    renderLiveScore(live, rubric, record);
    form.refreshCounts?.();
    updateBar();
    await save();
  }

  const pick = (id, label, options, value, onchange) => [
    h('label', { for: id }, label),
    h('select', { id, onchange }, options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))),
  ];
  const perfSelect = pick('pick-performance', rt('performance'), roster.performances.map((p) => [p.id, performanceLabel(p)]), performance.id,
    (e) => navigate(`#/rubric/${encodeURIComponent(e.target.value)}/${encodeURIComponent(rater.id)}`));
  // Grouped by where the rater comes from: the roster first, then the sample panel.
  const groups = [['roster', rt('raterGroupRoster')], ['sample', rt('raterGroupSample')], ['earlier', rt('raterGroupEarlier')]];
  const raterSelect = [
    h('label', { for: 'pick-rater' }, rt('rater')),
    h('select', { id: 'pick-rater', onchange: (e) => navigate(`#/rubric/${encodeURIComponent(performance.id)}/${encodeURIComponent(e.target.value)}`) },
      groups.map(([source, label]) => {
        const list = roster.raters.filter((r) => r.source === source);
        return list.length ? h('optgroup', { label }, list.map((r) => h('option', { value: r.id, selected: r.id === rater.id }, both(r.name)))) : null;
      })),
  ];
  const noRoster = !roster.raters.some((r) => r.source === 'roster');

  replace(main,
    h('h2', {}, `${rt('rubricTitle')} · ${rubric.title}`),
    rubric.description ? h('p', { class: 'muted' }, rubric.description) : null,
    setupPanel(store, { rubrics, rubric, rerender }),
    h('div', { class: 'card controls', id: 'scorecard-picker' }, h('div', { class: 'field' }, ...perfSelect), h('div', { class: 'field' }, ...raterSelect),
      noRoster ? h('p', { class: 'muted small full-row', id: 'rater-roster-hint' }, rt('ratersNoRoster'), ' ', h('a', { href: '#/people' }, rt('toRoster'))) : null),
    h('p', {}, h('a', { href: '#/calibration', id: 'to-calibration' }, rt('toCalibration'))),
    h('div', { class: 'rubric-layout' },
      h('div', { class: 'rubric-main' },
        h('h3', { class: 'visually-hidden' }, rt('scorecard')),
        form, status, problem, bar),
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
  updateBar();
  announce(`${performanceLabel(performance)} · ${both(rater.name)}`);
}
