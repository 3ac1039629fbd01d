// 变化趋势 on the team dashboard: per person or per 班组, levels as of each month's (or
// quarter's) end, KPI means within each period and the share below target per dimension, as
// small multiples. The series and the charts are the core's (`competencyTrend`), computed from
// the same evidence set the dashboard evaluates; a table under each chart gives the figures.
import { competencyTrend } from '../kaohe/index.js';
import { h, svgNode } from '../dom.js';
import { pick, uiLocale } from '../i18n.js';

const S = {
  title: ['变化趋势', 'Change over time'],
  period: ['周期', 'Periods'], month: ['按月（近 6 个月）', 'Monthly (last 6 months)'], quarter: ['按季度（近 4 个季度）', 'Quarterly (last 4 quarters)'],
  scope: ['范围', 'Scope'], whole: ['全队', 'Whole team'],
  levelsText: ['各维度等级（每期期末）', 'Level by dimension (at each period end)'],
  belowText: ['低于岗位目标的人数占比', 'Share below the role target'],
  kpiText: ['KPI（每期平均）', 'KPIs (period means)'],
  figures: ['查看数据表', 'Show the figures'],
  dimension: ['维度', 'Dimension'], kpi: ['KPI', 'KPI'],
  failed: ['无法计算变化趋势：{m}', 'The change over time could not be computed: {m}'],
};
const s = (key, params = {}) => {
  let text = S[key][uiLocale() === 'en' ? 1 : 0];
  for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
};

/** What the trend shows; kept across re-renders of the dashboard. */
export const trendSelection = { period: 'month', group: '' };

const num = (v, digits = 2) => (v == null ? '—' : String(Math.round(v * 10 ** digits) / 10 ** digits));
const share = (v) => (v == null ? '—' : `${Math.round(v * 1000) / 10}%`);

function figuresTable(id, head, periods, rows, format) {
  return h('details', { class: 'trend-figures' }, h('summary', {}, s('figures')),
    h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': s('figures') }, h('table', { id },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, head), periods.map((p) => h('th', { scope: 'col', class: 'num' }, p.label)))),
      h('tbody', {}, rows.map(([label, values]) => h('tr', {}, h('th', { scope: 'row' }, label),
        values.map((v) => h('td', { class: 'num' }, format(v)))))))));
}

/**
 * The trend section for a person (`personId`) or, without one, for the chosen 班组 or the whole
 * team. `data` is the dashboard's `loadTeamData` result; `date` its evaluation day.
 */
export function trendSection(data, date, personId, rerender) {
  let report;
  const scope = personId ? { personId } : (trendSelection.group ? { group: trendSelection.group } : {});
  try {
    report = competencyTrend({
      model: data.model,
      team: { schemaVersion: 1, people: data.people, evidence: data.evidence, skipUnknownDimensions: true },
      options: { date, period: trendSelection.period },
      scope,
      locale: uiLocale(),
    });
  } catch (error) {
    return h('section', { class: 'card', id: personId ? 'person-trend' : 'team-trend' }, h('h3', {}, s('title')),
      h('p', { role: 'alert' }, s('failed', { m: error.message })));
  }
  const { trend, charts } = report;
  const id = personId ? 'person-trend' : 'team-trend';
  const period = h('select', { id: `${id}-period`, onchange: () => { trendSelection.period = period.value; rerender(); } },
    ['month', 'quarter'].map((p) => h('option', { value: p, selected: p === trendSelection.period }, s(p))));
  const controls = [h('div', {}, h('label', { for: `${id}-period` }, s('period')), period)];
  if (!personId) {
    const group = h('select', { id: `${id}-group`, onchange: () => { trendSelection.group = group.value; rerender(); } },
      h('option', { value: '' }, s('whole')),
      trend.groups.map((g) => h('option', { value: g.group, selected: g.group === trendSelection.group }, g.group || '—')));
    controls.push(h('div', {}, h('label', { for: `${id}-group` }, s('scope')), group));
  }
  const series = personId ? trend.people.find((p) => p.personId === personId)
    : trend.groups.find((g) => g.group === trendSelection.group) ?? trend.all;
  const dimName = (i) => pick(trend.dimensions[i]?.name) || trend.dimensions[i]?.key;
  const kpiName = (i) => pick(trend.kpis[i]?.name) || trend.kpis[i]?.key;
  return h('section', { class: 'card trend', id, 'aria-labelledby': `${id}-title` },
    h('h3', { id: `${id}-title` }, s('title')),
    h('div', { class: 'row no-print' }, controls),
    h('figure', { class: 'chart', id: `${id}-levels` }, svgNode(charts.levelsSvg),
      h('figcaption', { class: 'muted small' }, s('levelsText'))),
    figuresTable(`${id}-levels-table`, s('dimension'), trend.periods, series.levels.map((x, i) => [dimName(i), x.values]), (v) => num(v)),
    charts.belowTargetSvg ? [
      h('figure', { class: 'chart', id: `${id}-below` }, svgNode(charts.belowTargetSvg),
        h('figcaption', { class: 'muted small' }, s('belowText'))),
      figuresTable(`${id}-below-table`, s('dimension'), trend.periods, series.belowTarget.map((x, i) => [dimName(i), x.values]), share),
    ] : null,
    charts.kpisSvg ? [
      h('figure', { class: 'chart', id: `${id}-kpis` }, svgNode(charts.kpisSvg),
        h('figcaption', { class: 'muted small' }, s('kpiText'))),
      figuresTable(`${id}-kpis-table`, s('kpi'), trend.periods, series.kpis.map((x, i) => [kpiName(i), x.values]), (v) => num(v)),
    ] : null);
}
