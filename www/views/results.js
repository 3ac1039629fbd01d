// 结果概览 (#/results/<examId>): one exam's results at a glance: candidates, pass rate, the
// score distribution, per-section and per-dimension means, by team, and the candidate list with
// links to each attempt. The CSV export holds exactly the tables shown (module's CSV writer).
import { tableCsv } from '../kaohe/lite.js';
import { h, replace, download } from '../dom.js';
import { formatTime } from '../i18n.js';
import { strings, listView, fmt } from './cycle-common.js';
import { modelDimensions } from '../model-data.js';

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
});

/** A bar of `percent` width; set through the CSSOM, which the page's CSP allows (no inline style). */
function bar(percent) {
  const node = h('span', { class: 'bar' });
  node.style.width = `${percent}%`;
  return node;
}

const mean = (values) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

export async function render(main, { store }, examId) {
  const [exam, results, attempts, people, dimensions] = await Promise.all([
    store.get('exams', examId), store.getAll('results'), store.getAll('attempts'), store.getAll('people'), modelDimensions(store, { includeRetired: true }),
  ]);
  if (!exam) { replace(main, h('p', {}, s('noExam')), h('a', { href: '#/exams' }, s('back'))); return; }
  const person = new Map(people.map((p) => [p.id, p]));
  const attemptsById = new Map(attempts.map((a) => [a.attemptId, a]));
  // The latest scored attempt per person.
  const latest = new Map();
  for (const r of results) {
    const a = attemptsById.get(r.attemptId);
    if (!r.result || (a?.examId ?? r.blueprintId) !== exam.id) continue;
    const id = r.candidate?.id ?? r.attemptId;
    if (!latest.has(id) || (latest.get(id).submittedAt ?? 0) < (r.submittedAt ?? 0)) latest.set(id, r);
  }
  const rows = [...latest.values()].map((r) => {
    const p = person.get(r.candidate?.id);
    return { r, id: r.candidate?.id ?? '', name: p?.name ?? r.candidate?.name ?? '', team: p?.team ?? '', matched: Boolean(p), percent: r.result.percent ?? 0, passed: r.result.passed };
  });
  const header = [h('p', {}, h('a', { href: '#/exams' }, s('back'))), h('h2', { id: 'results-title' }, s('title', { t: exam.title }))];
  if (rows.length === 0) { replace(main, ...header, h('p', { id: 'results-empty' }, s('none'))); return; }

  const passRate = (rows.filter((x) => x.passed).length / rows.length) * 100;
  const bands = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i === 9 ? 100 : i * 10 + 9, n: 0 }));
  for (const x of rows) bands[Math.min(9, Math.floor(x.percent / 10))].n += 1;
  const maxBand = Math.max(...bands.map((b) => b.n), 1);
  const sectionMeans = new Map();
  const dimensionMeans = new Map();
  for (const x of rows) {
    for (const sec of x.r.result.sections ?? []) if (sec.percent != null) (sectionMeans.get(sec.title) ?? sectionMeans.set(sec.title, []).get(sec.title)).push(sec.percent);
    for (const d of x.r.result.dimensions ?? []) if (d.percent != null) (dimensionMeans.get(d.key) ?? dimensionMeans.set(d.key, []).get(d.key)).push(d.percent);
  }
  const dimName = new Map(dimensions.map((d) => [d.id, d.name]));
  const teams = new Map();
  for (const x of rows) (teams.get(x.team || s('noTeam')) ?? teams.set(x.team || s('noTeam'), []).get(x.team || s('noTeam'))).push(x);

  const summary = [
    [s('candidates'), String(rows.length)],
    [s('passRate'), `${fmt(passRate)}%`],
    [s('mean'), `${fmt(mean(rows.map((x) => x.percent)))}%`],
    [s('passMark'), `${fmt(exam.blueprint?.passMarkPercent ?? 85)}%`],
  ];
  const bandRows = bands.map((b) => [`${b.from}–${b.to}`, String(b.n)]);
  const sectionRows = [...sectionMeans].map(([t, v]) => [t, `${fmt(mean(v))}%`]);
  const dimensionRows = [...dimensionMeans].map(([k, v]) => [dimName.get(k) ?? k, `${fmt(mean(v))}%`]);
  const teamRows = [...teams].sort(([a], [b]) => a.localeCompare(b)).map(([t, list]) => [t, String(list.length), `${fmt((list.filter((x) => x.passed).length / list.length) * 100)}%`, `${fmt(mean(list.map((x) => x.percent)))}%`]);
  const table = (id, caption, head, body) => h('div', { class: 'table-wrap' }, h('table', { id },
    h('caption', {}, caption), h('thead', {}, h('tr', {}, head.map((l) => h('th', { scope: 'col' }, l)))),
    h('tbody', {}, body.map((r) => h('tr', {}, r.map((c, i) => h(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row' } : { class: 'num' }, c)))))));

  const list = listView({
    id: 'results-list', caption: s('list'), rows, pageSize: 25, search: (x) => `${x.id} ${x.name}`,
    initialSort: { col: 2, dir: -1 },
    filters: [{ id: 'team', label: s('team'), options: [...teams.keys()].sort().map((t) => [t, t]), test: (x, v) => (x.team || s('noTeam')) === v },
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
    h('section', { class: 'card', 'aria-labelledby': 'dist-title' }, h('h3', { id: 'dist-title' }, s('distribution')),
      h('div', { class: 'bars', role: 'img', 'aria-label': bandRows.map(([b, n]) => `${b}：${n}`).join('；') },
        bands.map((b) => [h('span', { class: 'small' }, `${b.from}–${b.to}`), bar((b.n / maxBand) * 100), h('span', { class: 'small' }, String(b.n))]))),
    table('results-sections', s('sections'), [s('section'), s('mean')], sectionRows),
    table('results-dimensions', s('dimensions'), [s('dimension'), s('mean')], dimensionRows),
    table('results-teams', s('teams'), [s('team'), s('candidates'), s('passRate'), s('mean')], teamRows),
    h('h3', {}, s('list')),
    list.node,
    h('p', {}, h('button', { type: 'button', id: 'results-csv', onclick: exportCsv }, s('csv'))));
}
