// Each candidate's assessment result: theory = the latest stored exam result of the same employee
// id (the `results` store the exam view writes), practical = the panel score of the stored
// scorecards (the expert reference left out when others rated); then the cohort's pass rate.
import { assessCandidate, compositeCohort, scorePanel, scoreScorecard } from '../../kaohe/lite.js';
import { h } from '../../dom.js';
import { pick } from '../../i18n.js';
import { rt, fmt, loadRoster, errorBox } from './common.js';

/** The practical ScoreResult of one performance. */
function practicalScore(rubric, cards, referenceRaterId) {
  const panel = cards.filter((c) => c.raterId !== referenceRaterId);
  const used = panel.length ? panel : cards;
  return used.length === 1
    ? scoreScorecard({ rubric, scorecard: used[0] })
    : scorePanel({ rubric, scorecards: used }).score;
}

/** The latest exam result (with a percent) of `candidateId`. */
function latestResult(results, candidateId) {
  return results
    .filter((r) => r.candidate?.id === candidateId && r.result?.percent != null)
    .sort((a, b) => (b.submittedAt ?? 0) - (a.submittedAt ?? 0))[0];
}

function cohortBlock(rows) {
  const scored = rows.filter((r) => r.result);
  if (!scored.length) return h('p', { id: 'cohort-summary', class: 'muted' }, rt('noCandidates'));
  const scores = new Float64Array(scored.length * 2);
  const knockOuts = new Uint8Array(scored.length * 2);
  scored.forEach((r, i) => {
    scores[2 * i] = r.theory.result.percent;
    scores[2 * i + 1] = r.practical.total;
    knockOuts[2 * i + 1] = r.practical.criticalFailure ? 1 : 0;
  });
  const cohort = compositeCohort(undefined, scores, knockOuts);
  let summary;
  try {
    summary = cohort.summary();
  } finally {
    cohort.free();
  }
  return h('div', { id: 'cohort-summary', dataset: { passRate: summary.passRate, meetsTarget: summary.meetsTarget } },
    h('h4', {}, rt('cohort')),
    h('p', { class: summary.meetsTarget ? 'good' : 'bad' },
      rt('passRate', { r: fmt(summary.passRate), t: fmt(summary.targetPassRate) }), ' · ',
      summary.meetsTarget ? rt('meets') : rt('misses')),
    h('p', {}, rt('cohortStats', { n: summary.count, m: fmt(summary.mean), d: fmt(summary.median), lo: fmt(summary.min), hi: fmt(summary.max) })),
    h('p', {}, summary.grades.map((g) => `${pick(g.grade.label)} ${g.count}`).join(' · ')),
    h('table', { id: 'distribution' },
      h('caption', {}, rt('distribution')),
      h('thead', {}, h('tr', {}, summary.histogram.map((b) => h('th', { scope: 'col', class: 'num' }, `${fmt(b.from)}–${fmt(b.to)}`)))),
      h('tbody', {}, h('tr', {}, summary.histogram.map((b) => h('td', { class: 'num' }, String(b.count)))))));
}

export async function compositeSection(store, rubric, cards, referenceRaterId) {
  const { performances } = await loadRoster(store);
  const candidateOf = (performanceId) =>
    performances.find((p) => p.id === performanceId)?.candidateId ?? performanceId.split('-')[0];
  const results = await store.getAll('results');
  const byPerformance = new Map();
  for (const c of cards) byPerformance.set(c.performanceId, [...(byPerformance.get(c.performanceId) ?? []), c]);
  const rows = [];
  for (const [performanceId, group] of [...byPerformance].sort(([a], [b]) => a.localeCompare(b))) {
    const candidateId = candidateOf(performanceId);
    const row = { candidateId, performanceId };
    try {
      row.practical = practicalScore(rubric, group, referenceRaterId);
      row.theory = latestResult(results, candidateId);
      if (row.theory) row.result = assessCandidate({ candidateId, theory: row.theory.result, practical: row.practical });
    } catch (error) {
      row.error = error;
    }
    rows.push(row);
  }

  const head = ['candidate', 'theory', 'practical', 'total', 'grade', 'result'];
  return h('section', { class: 'card', id: 'composite', 'aria-labelledby': 'composite-title' },
    h('h3', { id: 'composite-title' }, rt('composite')),
    h('table', { id: 'composite-table' },
      h('caption', { class: 'visually-hidden' }, rt('composite')),
      h('thead', {}, h('tr', {}, head.map((k) => h('th', { scope: 'col' }, rt(k))))),
      h('tbody', {}, rows.map((r) => h('tr', { dataset: { candidateId: r.candidateId, total: r.result?.total ?? '', passed: r.result?.passed ?? '' } },
        h('th', { scope: 'row' }, r.candidateId),
        h('td', { class: 'num' }, r.theory ? `${fmt(r.theory.result.percent)}${r.theory.result.final === false ? `（${rt('provisional')}）` : ''}` : rt('noTheory')),
        h('td', { class: 'num' }, r.practical ? `${fmt(r.practical.total)}${r.practical.criticalFailure ? ` ${rt('critical_assessment')}` : ''}` : '—'),
        h('td', { class: 'num' }, r.result ? fmt(r.result.total) : '—'),
        h('td', {}, r.result ? pick(r.result.grade.label) : '—'),
        h('td', {}, r.error ? errorBox(r.error) : r.result
          ? [h('span', { class: `pill ${r.result.passed ? 'good' : 'bad'}` }, r.result.passed ? rt('passed') : rt('failed')),
            r.result.reasons.length ? h('ul', {}, r.result.reasons.map((x) => h('li', {}, pick(x.message)))) : null]
          : '—'))))),
    cohortBlock(rows));
}
