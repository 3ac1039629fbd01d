// #/team: the competency dashboard. A supervisor picks a person or the whole team and reads the
// radar (person vs role target vs team mean), the gaps with their explanations, strengths,
// blind spots, and the team's weaknesses, heatmap and group comparison. KPI files are imported
// here; ratings are entered here.
import { importKpiCsv } from '../kaohe/index.js';
import { h, replace, svgNode, announce, techDetails } from '../dom.js';
import { pick, uiLocale } from '../i18n.js';
import { installTeamSample, loadTeamData, latestDate, evaluateTeam, storeKpiImport } from '../team-data.js';
import { setupSection, ratingsForm } from './team-setup.js';

const S = {
  title: ['团队能力看板', 'Team competency dashboard'],
  intro: ['依据考试、实操评分、KPI 与自评/主管评，评估每位坐席在能力模型上的水平与差距。', 'Levels and gaps on the competency model from exams, rubric scores, KPIs and self and supervisor ratings.'],
  date: ['评估日期', 'Evaluation date'],
  subject: ['查看对象', 'Show'],
  wholeTeam: ['整个团队', 'The whole team'],
  evidenceNote: ['证据 {n} 条，其中 {r} 条来自已保存的考试/实操成绩；{p} 人。', '{n} evidence records, {r} of them from stored exam and rubric results; {p} people.'],
  radar: ['能力雷达图', 'Competency radar'],
  dimensions: ['各维度水平与依据', 'Levels and how they were computed'],
  dimension: ['维度', 'Dimension'],
  level: ['水平', 'Level'],
  target: ['目标', 'Target'],
  gap: ['差距', 'Gap'],
  confidence: ['可信度', 'Confidence'],
  how: ['计算依据', 'How'],
  insufficient: ['证据不足', 'Not enough evidence'],
  gaps: ['差距（按优先级）', 'Gaps (by priority)'],
  noGaps: ['各维度均达到岗位目标。', 'Every dimension meets the role target.'],
  strengths: ['优势', 'Strengths'],
  none: ['无', 'None'],
  blindSpots: ['盲点（自评高于主管评或证据 1 级以上）', 'Blind spots (self rating a level or more above the supervisor or the evidence)'],
  blindSpot: ['{d}：自评 {s}，主管评 {v}，证据 {e}', '{d}: self {s}, supervisor {v}, evidence {e}'],
  makePlan: ['为此人生成提升计划', 'Make a development plan'],
  weaknesses: ['团队共性短板', 'Team weaknesses'],
  summary: ['各维度团队概况', 'The team per dimension'],
  mean: ['均值', 'Mean'],
  belowShare: ['低于阈值', 'Below threshold'],
  finding: ['结论', 'Finding'],
  heatmap: ['人员 × 维度热力图', 'People × dimensions heatmap'],
  distribution: ['水平分布', 'Level distribution'],
  groups: ['分组对比（售前 / 售后 / VIP）', 'Groups compared (pre-sale / after-sale / VIP)'],
  group: ['分组', 'Group'],
  headcount: ['人数', 'People'],
  kpiTitle: ['导入 KPI（CSV）', 'Import KPIs (CSV)'],
  kpiHelp: ['列：工号、周期、客户满意度、首次解决率、平均处理时长、投诉率、问题解决率、质检得分（中英文表头均可）。', 'Columns: agent id, period, CSAT, FCR, AHT, complaint rate, resolution rate, QA score (Chinese or English headers).'],
  kpiFile: ['KPI 文件', 'KPI file'],
  kpiDone: ['已导入 {f}：{r} 行，{n} 条 KPI 证据。', 'Imported {f}: {r} rows, {n} KPI records.'],
  kpiIgnored: ['未识别的列：{c}', 'Columns not used: {c}'],
  kpiFailed: ['KPI 文件未导入（未保存任何内容）', 'The KPI file was not imported (nothing was saved)'],
  selfRating: ['自评', 'Self rating'],
  supervisorRating: ['主管评', 'Supervisor rating'],
  save: ['保存', 'Save'],
  noModel: ['尚无能力模型与人员数据。', 'No competency model or people yet.'],
};
const s = (key, params = {}) => {
  let text = S[key][uiLocale() === 'en' ? 1 : 0];
  for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
};

const fmt = (x, digits = 2) => (x === null || x === undefined || Number.isNaN(x) ? '—' : Number(x).toFixed(digits));
const pct = (x) => (x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`);

/** The dashboard's selection survives re-renders (language switch, imports). */
export const selection = { personId: '', date: '' };

function errorBox(title, error) {
  return h('div', { class: 'error-box', role: 'alert', id: 'team-error' },
    h('strong', {}, title), h('p', {}, error?.message ?? String(error)),
    techDetails(error));
}

function personSection(team, view, model, personId, store, rerender) {
  const person = team.person(personId);
  const dims = new Map(model.dimensions.map((d) => [d.id, d]));
  const name = (id) => pick(dims.get(id)?.name) || id;
  const radar = h('figure', { class: 'chart', id: 'radar' },
    svgNode(team.radarSvg(personId, uiLocale())),
    h('figcaption', { class: 'muted' }, `${s('radar')} · ${person.name}`));
  const rows = person.dimensions.map((d) => h('tr', {},
    h('th', { scope: 'row' }, pick(d.name)),
    h('td', { class: 'num' }, d.status === 'ok' ? fmt(d.level) : s('insufficient')),
    h('td', { class: 'num' }, fmt(d.target, 1)),
    h('td', { class: 'num' }, d.gap !== null && d.gap > 0 ? fmt(d.gap) : '—'),
    h('td', { class: 'num' }, pct(d.confidence)),
    h('td', { class: 'explain-cell' }, pick(d.explanation))));
  const gaps = person.gaps.length === 0 ? h('p', {}, s('noGaps')) : h('ol', { id: 'gap-list' },
    person.gaps.map((g) => h('li', {}, `${name(g.dimensionId)}：${fmt(g.gap)}（×${fmt(g.importance, 1)}）`)));
  const blind = person.blindSpots.length === 0 ? h('p', {}, s('none')) : h('ul', {},
    person.blindSpots.map((b) => h('li', {}, s('blindSpot', { d: name(b.dimensionId), s: fmt(b.selfRating, 0), v: fmt(b.supervisorRating, 0), e: fmt(b.evidenceLevel) }))));
  return h('section', { class: 'card', 'aria-labelledby': 'person-title', id: 'person-view' },
    h('h2', { id: 'person-title' }, `${person.name}（${person.personId}）`),
    radar,
    h('h3', {}, s('gaps')), gaps,
    h('h3', {}, s('strengths')), h('p', {}, person.strengths.length ? person.strengths.map(name).join('、') : s('none')),
    h('h3', {}, s('blindSpots')), blind,
    h('h3', {}, s('dimensions')),
    h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': s('dimensions') }, h('table', { id: 'dimension-table' },
      h('thead', {}, h('tr', {}, ['dimension', 'level', 'target', 'gap', 'confidence', 'how'].map((k) => h('th', { scope: 'col' }, s(k))))),
      h('tbody', {}, rows))),
    h('p', {}, h('a', { class: 'button primary', href: `#/plans/${encodeURIComponent(personId)}` }, s('makePlan'))),
    ratingsForm(store, model, { id: person.personId, name: person.name }, rerender));
}

function teamSection(team, view, model) {
  const dimName = (id) => pick(model.dimensions.find((d) => d.id === id)?.name) || id;
  return h('section', { class: 'card', 'aria-labelledby': 'team-title', id: 'team-view' },
    h('h2', { id: 'team-title' }, s('weaknesses')),
    h('ol', { id: 'weakness-list' }, view.weaknesses.map((w) => h('li', {}, h('strong', {}, dimName(w.dimensionId)), ' — ', pick(w.sentence)))),
    h('h3', {}, s('summary')),
    h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': s('summary') }, h('table', {},
      h('thead', {}, h('tr', {}, ['dimension', 'mean', 'belowShare', 'finding'].map((k) => h('th', { scope: 'col' }, s(k))))),
      h('tbody', {}, view.dimensions.map((d) => h('tr', {},
        h('th', { scope: 'row' }, pick(d.name)), h('td', { class: 'num' }, fmt(d.mean)),
        h('td', { class: 'num' }, pct(d.belowShare)), h('td', {}, pick(d.sentence))))))),
    h('h3', {}, s('groups')),
    h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': s('groups') }, h('table', { id: 'group-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, s('group')), h('th', { scope: 'col' }, s('headcount')),
        view.heatmap.dimensionNames.map((n) => h('th', { scope: 'col', class: 'num' }, pick(n))))),
      h('tbody', {}, view.groups.map((g) => h('tr', {}, h('th', { scope: 'row' }, g.group || '—'), h('td', { class: 'num' }, String(g.headcount)),
        g.means.map((m) => h('td', { class: 'num' }, fmt(m)))))))),
    h('h3', {}, s('heatmap')),
    h('figure', { class: 'chart', id: 'heatmap' }, svgNode(team.heatmapSvg(uiLocale()))),
    h('h3', {}, s('distribution')),
    h('figure', { class: 'chart', id: 'distribution' }, svgNode(team.distributionSvg(uiLocale()))));
}

function kpiSection(store, rerender) {
  const status = h('div', { id: 'kpi-status', 'aria-live': 'polite' });
  const input = h('input', {
    type: 'file', id: 'kpi-file', accept: '.csv,text/csv', 'aria-describedby': 'kpi-help',
    onchange: async () => {
      const file = input.files?.[0];
      if (!file) return;
      replace(status);
      try {
        const imported = importKpiCsv(await file.text());
        const n = await storeKpiImport(store, file.name, imported);
        selection.date = '';
        announce(s('kpiDone', { f: file.name, r: imported.rows, n }));
        await rerender();
        const after = document.getElementById('kpi-status');
        if (after) {
          replace(after, h('p', { class: 'good', role: 'status' }, s('kpiDone', { f: file.name, r: imported.rows, n })),
            imported.ignoredColumns.length ? h('p', { class: 'muted' }, s('kpiIgnored', { c: imported.ignoredColumns.join('、') })) : null);
        }
      } catch (error) {
        replace(status, errorBox(s('kpiFailed'), error));
      }
    },
  });
  return h('section', { class: 'card no-print', 'aria-labelledby': 'kpi-title' },
    h('h2', { id: 'kpi-title' }, s('kpiTitle')),
    h('p', { class: 'muted', id: 'kpi-help' }, s('kpiHelp')),
    h('label', { for: 'kpi-file' }, s('kpiFile')), input, status);
}

export async function render(main, context) {
  const { store } = context;
  const rerender = () => render(main, context);
  await installTeamSample(store);
  const data = await loadTeamData(store);
  if (!data.model || data.people.length === 0) {
    replace(main, h('h2', {}, s('title')), h('p', {}, s('noModel')),
      data.model ? setupSection(store, data, rerender) : null, kpiSection(store, rerender));
    return;
  }
  if (!selection.date) selection.date = latestDate(data.evidence);
  let evaluated;
  try {
    evaluated = evaluateTeam(data, selection.date);
  } catch (error) {
    replace(main, h('h2', {}, s('title')), errorBox(s('title'), error), kpiSection(store, rerender));
    return;
  }
  const { team, view } = evaluated;
  try {
    const people = team.people();
    if (selection.personId && !people.some((p) => p.id === selection.personId)) selection.personId = '';
    const date = h('input', { type: 'date', id: 'eval-date', value: selection.date,
      onchange: () => { if (date.value) { selection.date = date.value; rerender(); } } });
    const subject = h('select', { id: 'subject',
      onchange: () => { selection.personId = subject.value; rerender(); } },
    h('option', { value: '' }, s('wholeTeam')),
    people.map((p) => h('option', { value: p.id, selected: p.id === selection.personId }, `${p.name}（${p.id} · ${p.group}）`)));
    replace(main,
      h('h2', {}, s('title')),
      h('p', { class: 'muted' }, s('intro')),
      h('div', { class: 'row no-print' },
        h('div', {}, h('label', { for: 'eval-date' }, s('date')), date),
        h('div', {}, h('label', { for: 'subject' }, s('subject')), subject)),
      h('p', { class: 'muted', id: 'evidence-note' }, s('evidenceNote', { n: data.evidence.length, r: data.fromResults.length, p: people.length })),
      selection.personId ? personSection(team, view, data.model, selection.personId, store, rerender) : null,
      teamSection(team, view, data.model),
      setupSection(store, data, rerender),
      kpiSection(store, rerender));
  } finally {
    team.free();
  }
}
