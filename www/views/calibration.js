// #/calibration: how well the raters agree over the stored scorecards (per criterion and on the
// totals), each rater's bias, the flagged disagreements; then each candidate's assessment result
// (theory from the stored exam result + practical from the panel) and the cohort's figures.
import { calibrateRaters } from '../kaohe/lite.js';
import { h, replace, announce } from '../dom.js';
import { pick } from '../i18n.js';
import {
  rt, fmt, raterLabel, performanceLabel, loadRubric, loadRoster, completeScorecards, allCriteria, cardKey, PERFORMANCES, errorBox,
} from './rubric/common.js';
import { compositeSection } from './rubric/composite.js';
import { calibrationScores } from './calibration-score.js';
import { sessionsPanel, loadSessions, blindPerformances } from './calibration-sessions.js';
import { kappaSection } from './calibration-kappa.js';

export { calibrationScores };

const STATS = [
  ['alphaInterval', (a) => a.alphaInterval],
  ['alphaOrdinal', (a) => a.alphaOrdinal],
  ['icc21', (a) => a.icc.icc2_1],
  ['icc2k', (a) => a.icc.icc2_k],
  ['icc31', (a) => a.icc.icc3_1],
  ['exact', (a) => a.pairwise.exactPercent],
  ['adjacent', (a) => a.pairwise.adjacentPercent],
];

function statCells(agreement) {
  return STATS.map(([key, get]) => {
    const s = get(agreement);
    return h('td', { class: 'num', dataset: { stat: key, value: s.value ?? '' }, title: s.note ? pick(s.note) : false },
      fmt(s.value, key === 'exact' || key === 'adjacent' ? 1 : 3));
  });
}

/** Only performances scored by at least two raters enter the rating set. */
export function ratingSet(rubric, cards, referenceRaterId) {
  const byPerformance = new Map();
  for (const c of cards) byPerformance.set(c.performanceId, (byPerformance.get(c.performanceId) ?? 0) + 1);
  const scorecards = cards.filter((c) => byPerformance.get(c.performanceId) >= 2);
  const set = { schemaVersion: 1, rubricId: rubric.id, scorecards };
  if (referenceRaterId && scorecards.some((c) => c.raterId === referenceRaterId)) set.referenceRaterId = referenceRaterId;
  return set;
}

function calibrationScoreTable(scores, referenceRaterId) {
  if (!referenceRaterId || scores.length === 0) return null;
  return h('section', { class: 'card', 'aria-labelledby': 'calibration-scores-title' },
    h('h3', { id: 'calibration-scores-title' }, rt('calibrationScore')),
    h('p', { class: 'muted small' }, rt('calibrationScoreHelp', { expert: raterLabel(referenceRaterId) })),
    h('table', { id: 'calibration-scores' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, rt('rater')), h('th', { scope: 'col', class: 'num' }, rt('calibrationScore')),
        h('th', { scope: 'col', class: 'num' }, rt('matchedOf')))),
      h('tbody', {}, scores.map((r) => h('tr', { dataset: { raterId: r.raterId, value: r.percent ?? '' } },
        h('th', { scope: 'row' }, raterLabel(r.raterId)),
        h('td', { class: `num ${r.percent !== null && r.percent < 80 ? 'bad' : 'good'}` }, r.percent === null ? '—' : `${fmt(r.percent, 0)}%`),
        h('td', { class: 'num' }, `${r.matched} / ${r.compared}`))))));
}

function agreementTable(rubric, report) {
  const titles = new Map(allCriteria(rubric).map((c) => [c.id, c.title]));
  return h('table', { id: 'agreement-table' },
    h('caption', {}, rt('agreementCaption')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, rt('criterion')),
      STATS.map(([key]) => h('th', { scope: 'col', class: 'num' }, rt(key))))),
    h('tbody', {},
      h('tr', { id: 'agreement-overall', class: 'overall' }, h('th', { scope: 'row' }, rt('overall')), statCells(report.overall)),
      report.criteria.map((c) => h('tr', { dataset: { criterionId: c.criterionId } },
        h('th', { scope: 'row' }, titles.get(c.criterionId) ?? c.criterionId), statCells(c.agreement)))));
}

function biasTable(report) {
  return h('table', { id: 'bias-table' },
    h('caption', {}, rt('bias')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, rt('rater')),
      h('th', { scope: 'col', class: 'num' }, rt('vsPanel')), h('th', { scope: 'col', class: 'num' }, rt('vsReference')))),
    h('tbody', {}, report.overall.bias.map((b) => h('tr', { dataset: { raterId: b.raterId } },
      h('th', { scope: 'row' }, raterLabel(b.raterId)),
      h('td', { class: 'num', dataset: { stat: 'vsPanel', value: b.vsPanel ?? '' } }, b.vsPanel == null ? '—' : `${b.vsPanel > 0 ? '+' : ''}${fmt(b.vsPanel, 2)}`),
      h('td', { class: 'num', dataset: { stat: 'vsReference', value: b.vsReference ?? '' } }, b.vsReference == null ? '—' : `${b.vsReference > 0 ? '+' : ''}${fmt(b.vsReference, 2)}`)))));
}

/** How far from the panel, in a criterion's points, a rater's mean is marked as high or low. */
const CRITERION_BIAS_MARK = 0.5;

/**
 * Raters × criteria: where a rater's leniency or severity sits, so calibration talks about the
 * criterion ("王芳 scores 情绪安抚 high"), not only the total.
 */
function criterionBiasTable(rubric, report) {
  const titles = new Map(allCriteria(rubric).map((c) => [c.id, c.title]));
  const raters = report.criteria[0]?.agreement.bias.map((b) => b.raterId) ?? [];
  const cell = (bias) => {
    const v = bias?.vsPanel;
    if (v == null) return h('td', { class: 'num', dataset: { value: '' } }, '—');
    const mark = v >= CRITERION_BIAS_MARK ? ' ▲' : v <= -CRITERION_BIAS_MARK ? ' ▼' : '';
    return h('td', { class: mark ? 'num warn' : 'num', dataset: { value: v, mark: mark.trim() } },
      `${v > 0 ? '+' : ''}${fmt(v, 2)}${mark}`);
  };
  return h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'criterion-bias-caption' },
    h('table', { id: 'criterion-bias-table' },
      h('caption', { id: 'criterion-bias-caption' }, rt('criterionBias', { t: CRITERION_BIAS_MARK })),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, rt('rater')),
        report.criteria.map((c) => h('th', { scope: 'col', class: 'num' }, titles.get(c.criterionId) ?? c.criterionId)))),
      h('tbody', {}, raters.map((raterId) => h('tr', { dataset: { raterId } },
        h('th', { scope: 'row' }, raterLabel(raterId)),
        report.criteria.map((c) => cell(c.agreement.bias.find((b) => b.raterId === raterId))))))));
}

function flaggedList(rubric, report, performanceName = (id) => id) {
  const titles = new Map(allCriteria(rubric).map((c) => [c.id, c.title]));
  const items = report.panels.flatMap((panel) => panel.criteria.filter((c) => c.flagged).map((c) => h('li', {
    dataset: { performanceId: panel.performanceId, criterionId: c.criterionId },
  },
  h('strong', {}, `${performanceName(panel.performanceId)} · ${titles.get(c.criterionId) ?? c.criterionId}`), '：',
  panel.raterIds.map((r, i) => `${raterLabel(r)} ${c.values[i] == null ? rt('na') : fmt(c.values[i])}`).join('，'),
  c.spread != null ? `；${rt('spread')} ${fmt(c.spread)}` : '',
  c.mixedNa ? `；${rt('mixedNa')}` : '')));
  return h('section', { 'aria-labelledby': 'flagged-title' },
    h('h3', { id: 'flagged-title' }, rt('flagged')),
    items.length ? h('ul', { id: 'flagged-list' }, items) : h('p', { id: 'flagged-list' }, rt('noFlags')));
}

async function importSamples(store, rubric) {
  const response = await fetch('samples/ratings.json');
  if (!response.ok) throw new Error(`samples/ratings.json: HTTP ${response.status}`);
  const set = await response.json();
  const now = Date.now();
  const records = set.scorecards.map((card) => ({
    id: cardKey(rubric.id, card.performanceId, card.raterId),
    rubricId: card.rubricId, rubricVersion: rubric.version, performanceId: card.performanceId,
    candidateId: PERFORMANCES.find((p) => p.id === card.performanceId)?.candidateId ?? card.performanceId.split('-')[0],
    raterId: card.raterId, ratings: card.ratings, complete: true, updatedAt: now, sample: true,
  }));
  // One transaction; a rater's own scorecard of the same performance is never overwritten.
  return store.transaction('scorecards', 'readwrite', async (s) => {
    const keys = await new Promise((resolve, reject) => {
      const request = s.scorecards.getAllKeys();
      request.onsuccess = () => resolve(new Set(request.result));
      request.onerror = () => reject(request.error);
    });
    const fresh = records.filter((r) => !keys.has(r.id));
    for (const record of fresh) s.scorecards.put(record);
    return fresh.length;
  });
}

export async function render(main, context, referenceArg) {
  const { store, rerender } = context;
  const rubric = await loadRubric(store);
  const roster = await loadRoster(store);
  const allCards = await completeScorecards(store, rubric);
  // Role plays of a session not yet revealed stay out of the report: scoring there is blind.
  const sessions = await loadSessions(store);
  const blind = blindPerformances(sessions);
  const cards = allCards.filter((c) => !blind.has(c.performanceId));
  const raters = [...new Set(cards.map((c) => c.raterId))].sort();
  const reference = referenceArg === undefined ? (raters.includes('expert-zhou') ? 'expert-zhou' : '') : referenceArg === '-' ? '' : referenceArg;
  const set = ratingSet(rubric, cards, reference);
  const performances = new Set(set.scorecards.map((c) => c.performanceId));

  const note = h('p', { role: 'status', id: 'import-status' });
  const refSelect = h('select', {
    id: 'reference-rater',
    onchange: (e) => context.navigate(`#/calibration/${encodeURIComponent(e.target.value || '-')}`),
  }, h('option', { value: '' }, rt('noReference')),
  [...new Set([...raters, ...roster.raters.map((r) => r.id)])].map((id) => h('option', { value: id, selected: id === reference }, raterLabel(id))));

  let body;
  let report = null;
  if (new Set(set.scorecards.map((c) => c.raterId).filter((r) => r !== set.referenceRaterId)).size < 2) {
    body = h('p', { id: 'calibration-empty', class: 'warn' }, rt('notEnough'));
  } else {
    try {
      report = calibrateRaters({ rubric, ratingSet: set });
      body = h('div', { id: 'calibration-report' }, calibrationScoreTable(calibrationScores(cards, set.referenceRaterId), set.referenceRaterId),
        h('p', { class: 'explain small', id: 'agreement-help' }, rt('agreementHelp')), agreementTable(rubric, report), biasTable(report), h('div', { class: 'table-scroll' }, criterionBiasTable(rubric, report)),
        kappaSection(rubric, report),
        flaggedList(rubric, report, (id) => { const p = roster.performances.find((x) => x.id === id); return p ? performanceLabel(p) : id; }));
    } catch (error) {
      body = errorBox(error);
    }
  }

  replace(main,
    h('h2', {}, rt('calibrationTitle')),
    h('p', {}, h('a', { href: '#/rubric' }, rt('toRubric'))),
    // The QA workflow first: sessions (blind scoring, reveal, drift), then the full report.
    await sessionsPanel(store, { cards: allCards, roster, rerender }),
    h('section', { class: 'card', 'aria-labelledby': 'calibration-title' },
      h('h3', { id: 'calibration-title' }, rt('calibration')),
      h('div', { class: 'row' },
        h('label', { for: 'reference-rater' }, rt('reference')), refSelect,
        h('button', {
          type: 'button', id: 'import-samples',
          onclick: async () => {
            try {
              const n = await importSamples(store, rubric);
              announce(rt('imported', { n }));
              rerender();
            } catch (error) {
              replace(note, errorBox(error));
            }
          },
        }, rt('importSamples'))),
      note,
      h('p', { id: 'rating-set-info', class: 'muted' }, rt('ratingSetInfo', { c: set.scorecards.length, p: performances.size, r: new Set(set.scorecards.map((c) => c.raterId)).size })),
      body),
    await compositeSection(store, rubric, cards, set.referenceRaterId));
}
