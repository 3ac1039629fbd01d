// 结果概览 (#/results/<examId>): one exam's results at a glance: candidates, pass rate, the
// score distribution, per-section and per-dimension means, by team, and the candidate list with
// links to each attempt. The CSV export holds exactly the tables shown (module's CSV writer).
import { tableCsv, resultsOverview } from '../kaohe/index.js';
import { h, replace, download, svgNode } from '../dom.js';
import { formatTime, uiLocale } from '../i18n.js';
import { strings, listView, fmt } from './cycle-common.js';
import { modelDimensions } from '../model-data.js';
import { installTeamSample } from '../team-data.js';

const s = strings({
  title: ['结果概览：{t}', 'Results: {t}'],
  back: ['返回考试列表', 'Back to the exams'],
  noExam: ['找不到这场考试。', 'This exam was not found.'],
  none: ['这场考试还没有已评分的作答。', 'This exam has no scored attempts yet.'],
  candidates: ['考生', 'Candidates'], attempts: ['作答', 'Attempts'], passRate: ['通过率', 'Pass rate'], mean: ['平均得分率', 'Mean score'],
  passMark: ['及格线', 'Pass mark'],
  distribution: ['得分分布', 'Score distribution'], band: ['得分段', 'Band'], people: ['人数', 'People'],
  sections: ['各部分平均得分率', 'Mean score by section'], section: ['部分', 'Section'],
  dimensions: ['各能力维度平均得分率', 'Mean score by dimension'], dimension: ['能力维度', 'Dimension'],
  teams: ['按班组', 'By team'], team: ['班组', 'Team'], noTeam: ['（未分组）', '(no team)'],
  list: ['考生名单', 'Candidates'], candidate: ['考生', 'Candidate'], score: ['得分率', 'Score'], state: ['结果', 'Result'],
  submitted: ['交卷时间', 'Submitted'], open: ['查看作答', 'Open'], passed: ['合格', 'Passed'], failed: ['不合格', 'Failed'],
  unmatched: ['未匹配', 'Unmatched'],
  csv: ['导出 CSV（即本页所示内容）', 'Export CSV (what this page shows)'],
  latest: ['每人按最近一次作答统计。', 'Each person counts once, by their latest attempt.'],
  figures: ['查看得分分布数据表', 'Show the distribution table'],
  bandText: ['{b} 分：{n} 人', '{b}: {n}'], teamText: ['{t}：{n} 人，通过率 {rate}', '{t}: {n}, pass rate {rate}'],
});

const sep = () => (uiLocale() === 'en' ? '; ' : '；');

export async function render(main, { store }, examId) {
  // The sample team is the sample exams' roster: its 班组 are the ones shown here.
  await installTeamSample(store);
  const [exam, results, attempts, people, dimensions] = await Promise.all([
    store.get('exams', examId ?? ''), store.getAll('results'), store.getAll('attempts'), store.getAll('people'), modelDimensions(store, { includeRetired: true }),
  ]);
  if (!exam) { replace(main, h('p', {}, s('noExam')), h('a', { href: '#/exams' }, s('back'))); return; }
  const person = new Map(people.map((p) => [p.id, p]));
  const attemptsById = new Map(attempts.map((a) => [a.attemptId, a]));
  const mine = results.filter((r) => r.result && (attemptsById.get(r.attemptId)?.examId ?? r.blueprintId) === exam.id);
  const header = [h('p', {}, h('a', { href: '#/exams' }, s('back'))), h('h2', { id: 'results-title' }, s('title', { t: exam.title }))];
  if (mine.length === 0) { replace(main, ...header, h('p', { id: 'results-empty' }, s('none'))); return; }

  // The arithmetic (latest attempt per person, rates, bins, means, teams) is the core's.
  const passMark = exam.blueprint?.passMarkPercent ?? 85;
  const { overview, histogramSvg, teamsSvg } = resultsOverview({
    results: mine.map((r) => ({
      attemptId: r.attemptId, candidateId: r.candidate?.id ?? '', team: person.get(r.candidate?.id)?.team ?? '',
      submittedAt: r.submittedAt ?? 0, percent: r.result.percent ?? 0, passed: Boolean(r.result.passed),
      sections: (r.result.sections ?? []).map((sec) => ({ key: sec.title, percent: sec.percent ?? undefined })),
      dimensions: (r.result.dimensions ?? []).map((d) => ({ key: d.key, percent: d.percent ?? undefined })),
    })),
    passMark, noTeam: s('noTeam'), locale: uiLocale(),
  });
  const byAttempt = new Map(mine.map((r) => [r.attemptId, r]));
  const rows = overview.counted.map((id) => {
    const r = byAttempt.get(id);
    const p = person.get(r.candidate?.id);
    return { r, id: r.candidate?.id ?? '', name: p?.name ?? r.candidate?.name ?? '', team: p?.team ?? '', matched: Boolean(p), percent: r.result.percent ?? 0, passed: Boolean(r.result.passed) };
  });
  const pct = (v) => (v == null ? '—' : `${fmt(v)}%`);
  const dimName = new Map(dimensions.map((d) => [d.id, d.name]));
  const teamName = (t) => t || s('noTeam');

  const summary = [
    [s('candidates'), String(overview.candidates)],
    [s('passRate'), pct(overview.passRate)],
    [s('mean'), pct(overview.meanPercent)],
    [s('passMark'), pct(passMark)],
  ];
  const bandRows = overview.histogram.map((b, i, all) => [`${fmt(b.fromPercent)}–${i === all.length - 1 ? fmt(b.toPercent) : fmt(b.toPercent - 1)}`, String(b.count)]);
  const sectionRows = overview.sections.map((x) => [x.key, pct(x.meanPercent)]);
  const dimensionRows = overview.dimensions.map((x) => [dimName.get(x.key) ?? x.key, pct(x.meanPercent)]);
  const teamRows = overview.teams.map((t) => [teamName(t.team), String(t.candidates), pct(t.passRate), pct(t.meanPercent)]);
  const teams = overview.teams.map((t) => teamName(t.team));
  // A heading above each table rather than a <caption>, which the phone layout's card reflow squeezes.
  const table = (id, caption, head, body) => h('div', { class: 'table-wrap' }, h('h3', { id: `${id}-title` }, caption), h('table', { id, 'aria-labelledby': `${id}-title` },
    h('thead', {}, h('tr', {}, head.map((l) => h('th', { scope: 'col' }, l)))),
    h('tbody', {}, body.map((r) => h('tr', {}, r.map((c, i) => h(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row' } : { class: 'num' }, c)))))));

  const list = listView({
    id: 'results-list', caption: s('list'), rows, pageSize: 25, search: (x) => `${x.id} ${x.name}`,
    initialSort: { col: 2, dir: -1 },
    filters: [{ id: 'team', label: s('team'), options: teams.map((t) => [t, t]), test: (x, v) => (x.team || s('noTeam')) === v },
      { id: 'state', label: s('state'), options: [['passed', s('passed')], ['failed', s('failed')]], test: (x, v) => x.passed === (v === 'passed') }],
    columns: [
      { label: s('candidate'), value: (x) => x.id, cell: (x) => [`${x.name}（${x.id}）`, x.matched ? null : h('span', { class: 'pill warn' }, s('unmatched'))] },
      { label: s('team'), value: (x) => x.team, cell: (x) => x.team },
      { label: s('score'), num: true, value: (x) => x.percent, cell: (x) => `${fmt(x.percent)}%` },
      { label: s('state'), value: (x) => Number(x.passed), cell: (x) => h('span', { class: `pill ${x.passed ? 'good' : 'bad'}` }, x.passed ? s('passed') : s('failed')) },
      { label: s('submitted'), value: (x) => x.r.submittedAt ?? 0, cell: (x) => formatTime(x.r.submittedAt) },
      { label: '', cell: (x) => h('a', { href: `#/result/${encodeURIComponent(x.r.attemptId)}` }, s('open')) },
    ],
  });

  const exportCsv = () => {
    const shown = list.visible();
    const out = [
      [s('title', { t: exam.title })], ...summary, [],
      [s('distribution')], [s('band'), s('people')], ...bandRows, [],
      [s('sections')], [s('section'), s('mean')], ...sectionRows, [],
      [s('dimensions')], [s('dimension'), s('mean')], ...dimensionRows, [],
      [s('teams')], [s('team'), s('candidates'), s('passRate'), s('mean')], ...teamRows, [],
      [s('list')], [s('candidate'), s('team'), s('score'), s('state'), s('submitted')],
      ...shown.map((x) => [`${x.name}（${x.id}）`, x.team, `${fmt(x.percent)}%`, x.passed ? s('passed') : s('failed'), formatTime(x.r.submittedAt)]),
    ];
    download(`${exam.title}-结果概览.csv`, tableCsv(out), 'text/csv;charset=utf-8');
  };

  replace(main, ...header,
    h('div', { class: 'row', id: 'results-summary' }, summary.map(([label, value]) => h('div', { class: 'card' }, h('p', { class: 'muted small' }, label), h('p', { class: 'big' }, h('strong', {}, value))))),
    h('p', { class: 'muted small' }, s('latest')),
    h('div', { class: 'chart-pair' },
      h('figure', { class: 'chart', id: 'results-histogram' }, svgNode(histogramSvg),
        h('figcaption', { class: 'muted small' }, bandRows.filter(([, n]) => n !== '0').map(([b, n]) => s('bandText', { b, n })).join(sep()))),
      h('figure', { class: 'chart', id: 'results-team-chart' }, svgNode(teamsSvg),
        h('figcaption', { class: 'muted small' }, teamRows.map(([t, n, rate]) => s('teamText', { t, n, rate })).join(sep())))),
    h('details', { class: 'chart-figures' }, h('summary', {}, s('figures')), table('results-distribution', s('distribution'), [s('band'), s('people')], bandRows)),
    table('results-sections', s('sections'), [s('section'), s('mean')], sectionRows),
    table('results-dimensions', s('dimensions'), [s('dimension'), s('mean')], dimensionRows),
    table('results-teams', s('teams'), [s('team'), s('candidates'), s('passRate'), s('mean')], teamRows),
    h('h3', {}, s('list')),
    list.node,
    h('p', {}, h('button', { type: 'button', id: 'results-csv', onclick: exportCsv }, s('csv'))));
}
