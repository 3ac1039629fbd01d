// 季度报告 (#/quarterly): one 班组's quarter on one A4 report, read from the same evidence set the
// dashboard, the person view and the plans evaluate (`loadTeamData`): levels at the quarter's
// end against the quarter before, the share below the role target, KPI quarter means, 表扬 /
// 投诉 and the evidence gathered, and each person's dimensions below target. The series are the
// core's (`competencyTrend`, quarters); the CSV holds exactly the tables shown.
import { competencyTrend, tableCsv } from '../kaohe/index.js';
import { h, replace, svgNode, download } from '../dom.js';
import { pick, uiLocale } from '../i18n.js';
import { installTeamSample, loadTeamData, latestDate } from '../team-data.js';
import { errorBox } from './cycle-common.js';

const S = {
  title: ['季度报告', 'Quarterly report'],
  heading: ['{g} {q}报告', '{g}: quarterly report, {q}'],
  intro: ['依据已保存的考试、实操评分、KPI、评价、表扬/投诉与观察记录，与能力看板和提升计划使用同一套证据。', 'From the stored exams, role plays, KPIs, ratings, praise / complaints and observation notes: the same evidence as the dashboard and the plans.'],
  team: ['班组', 'Team'], whole: ['全队', 'Whole team'], quarter: ['季度', 'Quarter'],
  print: ['打印（A4）', 'Print (A4)'], csv: ['导出 CSV（即本页所示内容）', 'Export CSV (what this page shows)'],
  summary: ['概况', 'Summary'], headcount: ['人数', 'People'],
  exams: ['考试成绩', 'Exam results'], rolePlays: ['实操评分', 'Role plays'], kpiRows: ['KPI 记录', 'KPI records'],
  ratings: ['评价与观察', 'Ratings and observations'], praise: ['表扬', 'Praise'], complaints: ['投诉', 'Complaints'],
  dimensions: ['各维度等级（季末）', 'Levels by dimension (at quarter end)'], dimension: ['维度', 'Dimension'],
  levelNow: ['本季平均等级', 'Mean level'], levelBefore: ['上季平均等级', 'Previous quarter'], change: ['变化', 'Change'],
  belowNow: ['低于目标占比', 'Below target'], belowBefore: ['上季低于目标占比', 'Below target, previous quarter'],
  kpis: ['KPI（季度平均）', 'KPIs (quarter means)'], kpi: ['KPI', 'KPI'], kpiNow: ['本季平均', 'This quarter'], kpiBefore: ['上季平均', 'Previous quarter'],
  direction: ['趋势', 'Direction'], better: ['改善', 'better'], worse: ['变差', 'worse'], same: ['持平', 'unchanged'],
  people: ['人员', 'People'], person: ['人员', 'Person'], below: ['低于岗位目标的维度', 'Dimensions below the role target'],
  noLevel: ['证据不足', 'Not enough evidence'], noneBelow: ['无', 'None'],
  trend: ['近四个季度', 'The last four quarters'],
  empty: ['还没有人员或能力模型：请先在“人员名册”和“能力看板”中准备数据。', 'No people or model yet: set up the roster and the competency dashboard first.'],
};
const s = (key, params = {}) => {
  let text = S[key][uiLocale() === 'en' ? 1 : 0];
  for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
};

/** What the report shows; kept across re-renders. */
const chosen = { group: '', quarter: '' };

// Two decimals always, so a column of levels or changes lines up and reads alike (3.50, -0.70,
// 0.00), rounded as the dashboard rounds.
const round2 = (v) => Math.round(v * 100) / 100;
const two = (v) => (v == null ? '—' : round2(v).toFixed(2));
const share = (v) => (v == null ? '—' : `${Math.round(v * 1000) / 10}%`);
const delta = (now, before) => {
  if (now == null || before == null) return '—';
  // From the shown values, so the column adds up as the reader checks it.
  const d = round2(round2(now) - round2(before));
  return `${d > 0 ? '+' : ''}${(d === 0 ? 0 : d).toFixed(2)}`;
};

/** `2026-Q4` as 2026年第四季度 / 2026 Q4. */
function quarterName(label) {
  const [y, q] = label.split('-Q');
  return uiLocale() === 'en' ? `${y} Q${q}` : `${y}年第${'一二三四'[Number(q) - 1]}季度`;
}

/** The quarter containing `day` as `2026-Q4`, and its last day. */
function quarterOf(day) {
  const [y, m] = day.split('-').map(Number);
  const q = Math.floor((m - 1) / 3) + 1;
  const end = new Date(Date.UTC(y, q * 3, 0)).toISOString().slice(0, 10);
  return { label: `${y}-Q${q}`, end };
}
function previousQuarters(day, n) {
  const out = [];
  let { label, end } = quarterOf(day);
  for (let i = 0; i < n; i += 1) {
    out.push({ label, end });
    const [y, q] = label.split('-Q').map(Number);
    const prev = q === 1 ? `${y - 1}-11-15` : `${y}-${String((q - 1) * 3 - 1).padStart(2, '0')}-15`;
    ({ label, end } = quarterOf(prev));
  }
  return out;
}

export async function render(main, context) {
  const { store } = context;
  const rerender = () => render(main, context);
  await installTeamSample(store);
  const data = await loadTeamData(store);
  if (!data.model || data.people.length === 0) { replace(main, h('h2', {}, s('title')), h('p', {}, s('empty'))); return; }
  const quarters = previousQuarters(latestDate(data.evidence), 4);
  if (!quarters.some((q) => q.label === chosen.quarter)) chosen.quarter = quarters[0].label;
  const quarter = quarters.find((q) => q.label === chosen.quarter);
  let report;
  try {
    report = competencyTrend({
      model: data.model,
      team: { schemaVersion: 1, people: data.people, evidence: data.evidence, skipUnknownDimensions: true },
      options: { date: quarter.end, period: 'quarter', count: 4 },
      scope: chosen.group ? { group: chosen.group } : {},
      locale: uiLocale(),
    });
  } catch (error) {
    replace(main, h('h2', {}, s('title')), errorBox(error));
    return;
  }
  const { trend, charts } = report;
  if (!trend.groups.some((g) => g.group === chosen.group)) chosen.group = '';
  const series = trend.groups.find((g) => g.group === chosen.group) ?? trend.all;
  const now = trend.periods.length - 1;
  const before = now - 1;
  const { start, end } = trend.periods[now];
  const members = trend.people.filter((p) => !chosen.group || p.group === chosen.group);
  const ids = new Set(members.map((p) => p.personId));
  const inQuarter = (r) => ids.has(r.personId) && r.date >= start && r.date <= end;
  const records = data.evidence.filter(inQuarter);
  const count = (kind) => new Set(records.filter((r) => r.kind === kind).map((r) => `${r.personId}|${r.sourceId ?? r.date}`)).size;
  const feedback = (data.feedback ?? []).filter(inQuarter);
  const groupName = chosen.group || s('whole');

  const summaryRows = [
    [s('headcount'), String(members.length)],
    [s('exams'), String(count('exam'))],
    [s('rolePlays'), String(count('rubric'))],
    [s('kpiRows'), String(records.filter((r) => r.kind === 'kpi').length)],
    [s('ratings'), String(records.filter((r) => r.kind === 'selfRating' || r.kind === 'supervisorRating').length)],
    [s('praise'), String(feedback.filter((f) => f.kind === 'praise').length)],
    [s('complaints'), String(feedback.filter((f) => f.kind === 'complaint').length)],
  ];
  const dimRows = trend.dimensions.map((d, i) => [pick(d.name),
    two(series.levels[i].values[now]), two(series.levels[i].values[before]), delta(series.levels[i].values[now], series.levels[i].values[before]),
    share(series.belowTarget[i].values[now]), share(series.belowTarget[i].values[before])]);
  const kpiRows = trend.kpis.map((k, i) => {
    const a = series.kpis[i].values[now];
    const b = series.kpis[i].values[before];
    const dir = a == null || b == null ? '—' : a === b ? s('same') : (a > b) === k.higherIsBetter ? s('better') : s('worse');
    return [pick(k.name) + (pick(k.unit) ? `（${pick(k.unit)}）` : ''), two(a), two(b), delta(a, b), dir];
  });
  const dimName = (i) => pick(trend.dimensions[i].name);
  const personRows = members.map((p) => {
    const levels = p.levels.map((x) => x.values[now]);
    const below = levels.map((l, i) => (l != null && p.targets[i] != null && l < p.targets[i] ? dimName(i) : null)).filter(Boolean);
    const mine = feedback.filter((f) => f.personId === p.personId);
    return [`${p.name}（${p.personId}）`, levels.every((l) => l == null) ? s('noLevel') : (below.join('、') || s('noneBelow')),
      String(mine.filter((f) => f.kind === 'praise').length), String(mine.filter((f) => f.kind === 'complaint').length)];
  });
  const heads = {
    summary: [s('summary'), ''],
    dims: [s('dimension'), s('levelNow'), s('levelBefore'), s('change'), s('belowNow'), s('belowBefore')],
    kpis: [s('kpi'), s('kpiNow'), s('kpiBefore'), s('change'), s('direction')],
    people: [s('person'), s('below'), s('praise'), s('complaints')],
  };
  // A heading above each table rather than a <caption>: under 600 px tables reflow into cards
  // and a caption would be squeezed into a narrow column.
  const table = (id, caption, head, rows, text = []) => h('section', { 'aria-labelledby': `${id}-title` }, h('h3', { id: `${id}-title` }, caption),
    h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-labelledby': `${id}-title` }, h('table', { id },
      h('thead', {}, h('tr', {}, head.map((l, i) => h('th', { scope: 'col', class: i === 0 || text.includes(i) ? '' : 'num' }, l)))),
      h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c, i) => h(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row' } : { class: text.includes(i) ? '' : 'num' }, c))))))));
  const title = s('heading', { g: groupName, q: quarterName(quarter.label) });

  const exportCsv = () => download(`${groupName}-${quarter.label}-季度报告.csv`, tableCsv([
    [title], [],
    [s('summary')], ...summaryRows, [],
    [s('dimensions')], heads.dims, ...dimRows, [],
    [s('kpis')], heads.kpis, ...kpiRows, [],
    [s('people')], heads.people, ...personRows,
  ]), 'text/csv;charset=utf-8');

  const group = h('select', { id: 'quarterly-group', onchange: () => { chosen.group = group.value; rerender(); } },
    h('option', { value: '' }, s('whole')),
    trend.groups.map((g) => h('option', { value: g.group, selected: g.group === chosen.group }, g.group || '—')));
  const pickQuarter = h('select', { id: 'quarterly-quarter', onchange: () => { chosen.quarter = pickQuarter.value; rerender(); } },
    quarters.map((q) => h('option', { value: q.label, selected: q.label === chosen.quarter }, quarterName(q.label))));
  replace(main,
    h('div', { class: 'row no-print' },
      h('div', {}, h('label', { for: 'quarterly-group' }, s('team')), group),
      h('div', {}, h('label', { for: 'quarterly-quarter' }, s('quarter')), pickQuarter),
      h('p', {}, h('button', { type: 'button', id: 'quarterly-print', onclick: () => window.print() }, s('print')), ' ',
        h('button', { type: 'button', id: 'quarterly-csv', onclick: exportCsv }, s('csv')))),
    h('article', { class: 'quarterly-report', id: 'quarterly-report' },
      h('h2', { id: 'quarterly-title' }, title),
      h('p', { class: 'muted small' }, `${start} — ${end}。${s('intro')}`),
      h('div', { class: 'row', id: 'quarterly-summary' }, summaryRows.map(([label, value]) => h('div', { class: 'card' }, h('p', { class: 'muted small' }, label), h('p', { class: 'big' }, h('strong', {}, value))))),
      table('quarterly-dimensions', s('dimensions'), heads.dims, dimRows),
      kpiRows.length ? table('quarterly-kpis', s('kpis'), heads.kpis, kpiRows, [4]) : null,
      h('h3', {}, s('trend')),
      h('div', { class: 'chart-pair' },
        h('figure', { class: 'chart', id: 'quarterly-levels' }, svgNode(charts.levelsSvg)),
        charts.belowTargetSvg ? h('figure', { class: 'chart', id: 'quarterly-below' }, svgNode(charts.belowTargetSvg)) : null),
      table('quarterly-people', s('people'), heads.people, personRows, [1])));
}
