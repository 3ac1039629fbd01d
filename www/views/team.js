// #/team: the competency dashboard. A supervisor picks a person or the whole team and reads the
// radar (person vs role target vs team mean), the gaps with their explanations, strengths,
// blind spots, and the team's weaknesses, heatmap and group comparison. KPI files are imported
// here; ratings are entered here.
import { previewKpiCsv, textFromBytes } from '../kaohe/index.js';
import { h, replace, svgNode, announce, techDetails } from '../dom.js';
import { runJob, progressPanel } from '../work.js';
import { pick, uiLocale } from '../i18n.js';
import { installTeamSample, loadTeamData, latestDate, evaluateTeam, storeKpiImport, kpiNameList } from '../team-data.js';
import { setupSection, ratingsForm } from './team-setup.js';
import { trendSection } from './team-trend.js';
import { notesSection } from './team-notes.js';

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
  noEvidence: ['证据不足：还没有可评定等级的维度，请先录入考试、实操评分、KPI 或评价。', 'Not enough evidence: no dimension has a level yet; record exams, role plays, KPIs or ratings first.'],
  strengths: ['优势', 'Strengths'],
  none: ['无', 'None'],
  blindSpots: ['盲点（自评高于主管评或证据 1 级以上）', 'Blind spots (self rating a level or more above the supervisor or the evidence)'],
  blindSpot: ['{d}：自评 {s}，主管评 {v}，证据 {e}', '{d}: self {s}, supervisor {v}, evidence {e}'],
  makePlan: ['为此人生成提升计划', 'Make a development plan'],
  weaknesses: ['团队共性短板', 'Team weaknesses'],
  summary: ['各维度团队概况', 'The team per dimension'],
  mean: ['平均等级', 'Mean level'],
  belowTargetShare: ['未达岗位目标', 'Below role target'],
  heatmap: ['人员 × 维度热力图', 'People × dimensions heatmap'],
  distribution: ['水平分布', 'Level distribution'],
  groups: ['分组对比（售前 / 售后 / VIP）', 'Groups compared (pre-sale / after-sale / VIP)'],
  group: ['分组', 'Group'],
  headcount: ['人数', 'People'],
  kpiTitle: ['导入 KPI（CSV）', 'Import KPIs (CSV)'],
  kpiHelp: ['列：工号、周期（日、周、月或季度），以及能力模型中的任意 KPI：客户满意度（1–5 分）、满意率（%）、首次解决率、平均处理时长、平均响应时长、投诉率、投诉处理满意度、表扬率、问题解决率、服务质量评分……中英文表头均可，先预览再导入。', 'Columns: agent id, period (day, week, month or quarter) and any KPI of the model: CSAT (1–5), satisfaction rate (%), FCR, AHT, response time, complaint rate, complaint satisfaction, praise rate, resolution rate, QA score… Chinese or English headers; previewed before anything is stored.'],
  kpiFile: ['KPI 文件', 'KPI file'],
  kpiDone: ['已导入 {f}：{r} 行，{n} 条 KPI 证据。', 'Imported {f}: {r} rows, {n} KPI records.'],
  kpiIgnored: ['未识别的列：{c}', 'Columns not used: {c}'],
  kpiFailed: ['KPI 文件未导入（未保存任何内容）', 'The KPI file was not imported (nothing was saved)'],
  kpiReading: ['正在读取 KPI 文件…', 'Reading the KPI file…'],
  kpiAgent: ['工号', 'Employee ID'],
  kpiPeriod: ['周期（日、周、月或季度）', 'Period (day, week, month or quarter)'],
  kpiColumn: ['文件中的列', 'Column in the file'],
  kpiMeans: ['对应', 'Read as'],
  kpiUnused: ['不导入', 'Not imported'],
  kpiNoProblems: ['没有发现问题。', 'No problems found.'],
  kpiConfirm: ['确认导入（{n} 条 KPI 记录）', 'Import ({n} KPI records)'],
  kpiConfirmSkipping: ['跳过有问题的行，导入其余 {n} 条记录', 'Skip the rows with problems and import the other {n} records'],
  kpiCancel: ['取消', 'Cancel'],
  kpiPreview: ['导入预览：{f}（尚未保存）', 'Preview: {f} (nothing saved yet)'],
  kpiSummary: ['{r} 行数据，{n} 条 KPI 记录；周期：{p}', '{r} data rows, {n} KPI records; periods: {p}'],
  kpiAliasHeader: ['列名', 'Column title'],
  kpiAliasField: ['对应指标', 'Means'],
  kpiAliasAdd: ['加入表头对照并重新预览', 'Add to the header dictionary and preview again'],
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
// Shares arrive exact from the core and are rounded once, here, to one decimal as the core's
// sentences print them (15 of 19 → 78.9%).
const pct = (x) => (x === null || x === undefined ? '—' : `${Math.round(x * 1000) / 10}%`);

/** The dashboard's selection survives re-renders (language switch, imports). */
export const selection = { personId: '', date: '' };

function errorBox(title, error) {
  return h('div', { class: 'error-box', role: 'alert', id: 'team-error' },
    h('strong', {}, title), h('p', {}, error?.message ?? String(error)),
    techDetails(error));
}

const KIND = { exam: ['考试', 'exam'], rubric: ['实操', 'role play'], kpi: ['KPI', 'KPI'], selfRating: ['自评', 'self rating'], supervisorRating: ['主管评/观察', 'supervisor / observation'] };

/**
 * The stored records behind one dimension's level: for each source the model read, the
 * person's records of that kind and key inside the recency window, each naming its record
 * (attempt, role play, KPI file and period, rating or observation).
 */
function sourceRecords(records, model, dimension, personId, asOf) {
  const dim = model.dimensions.find((d) => d.id === dimension.dimensionId);
  const days = dim?.evidence?.recencyDays ?? model.recencyDays ?? 92;
  const from = new Date(Date.parse(asOf) - days * 86400000).toISOString().slice(0, 10);
  const used = new Set(dimension.sources.map((src) => `${src.kind}|${src.key}`));
  const mine = records.filter((r) => r.personId === personId && used.has(`${r.kind}|${r.key}`) && r.date <= asOf && r.date >= from);
  if (mine.length === 0) return null;
  mine.sort((a, b) => (a.date < b.date ? -1 : 1));
  return h('ul', { class: 'source-records', dataset: { dimension: dimension.dimensionId } },
    mine.map((r) => {
      const source = sourceLabel(r.sourceId);
      return h('li', { dataset: { sourceId: r.sourceId ?? '' } },
        `${(KIND[r.kind] ?? [r.kind, r.kind])[uiLocale() === 'en' ? 1 : 0]} · ${keyLabel(model, r)} · ${r.date} · ${fmt(r.value)}${source ? ` · ${source}` : ''}`);
    }));
}

/**
 * What a record measures, in the model's words: a KPI's name, or the dimension's name for exam,
 * role-play and rating records (their key is a dimension id, never shown as such).
 */
function keyLabel(model, record) {
  if (record.kind === 'kpi') {
    return kpiNames(model)[record.key] || record.key;
  }
  return pick(model.dimensions.find((d) => d.id === record.key)?.name) || record.key;
}

/** Where a record came from, when that is readable: a KPI file's period or a file name. */
function sourceLabel(sourceId) {
  if (typeof sourceId !== 'string') return '';
  if (sourceId.startsWith('kpi:')) return sourceId.slice(4);
  return /\.[a-z]{2,4}$/i.test(sourceId) ? sourceId : '';
}

function personSection(team, view, model, personId, store, rerender, records = [], data = null) {
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
    h('td', { class: 'explain-cell' }, pick(d.explanation), sourceRecords(records, model, d, personId, selection.date))));
  // A person with no level anywhere has unknown gaps, not none: say so instead of "meets every target".
  const noLevel = person.dimensions.every((d) => d.status !== 'ok');
  const gaps = noLevel ? h('p', { id: 'gap-list' }, s('noEvidence'))
    : person.gaps.length === 0 ? h('p', {}, s('noGaps')) : h('ol', { id: 'gap-list' },
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
    ratingsForm(store, model, { id: person.personId, name: person.name }, rerender),
    data ? notesSection(store, data, { id: person.personId, name: person.name }, rerender) : null);
}

/** The header of the threshold share: "低于 60 分" for a score threshold, "低于 3 级" for a level. */
function thresholdLabel(threshold) {
  const en = uiLocale() === 'en';
  if (threshold?.level != null) return en ? `Below level ${threshold.level}` : `低于 ${threshold.level} 级`;
  const score = threshold?.score ?? 60;
  return en ? `Scoring below ${score}` : `得分低于 ${score} 分`;
}

function teamSection(team, view, model) {
  const dimName = (id) => pick(model.dimensions.find((d) => d.id === id)?.name) || id;
  return h('section', { class: 'card', 'aria-labelledby': 'team-title', id: 'team-view' },
    h('h2', { id: 'team-title' }, s('weaknesses')),
    h('ol', { id: 'weakness-list' }, view.weaknesses.map((w) => h('li', {}, h('strong', {}, dimName(w.dimensionId)), ' — ', pick(w.sentence)))),
    h('h3', {}, s('summary')),
    h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': s('summary') }, h('table', {},
      // Two "below" shares side by side, each named by its own yardstick: the role's target level
      // (what the weakness list above ranks by) and the team's score threshold.
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, s('dimension')), h('th', { scope: 'col', class: 'num' }, s('mean')),
        h('th', { scope: 'col', class: 'num' }, s('belowTargetShare')), h('th', { scope: 'col', class: 'num' }, thresholdLabel(view.threshold)))),
      h('tbody', {}, view.dimensions.map((d) => h('tr', {},
        h('th', { scope: 'row' }, pick(d.name)), h('td', { class: 'num' }, fmt(d.mean)),
        h('td', { class: 'num' }, pct(d.belowTargetShare)), h('td', { class: 'num' }, pct(d.belowShare))))))),
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

/** `meta` key of the trainer's KPI header dictionary (column title → field). */
const KPI_HEADERS = 'kpi:headers';

/**
 * A chosen file's text through the module's shared byte → text decoder: UTF-8, UTF-16 with a
 * mark, or GBK/GB18030 (Excel's plain "CSV (逗号分隔)" on Chinese Windows), detected.
 */
async function fileText(file) {
  return textFromBytes(new Uint8Array(await file.arrayBuffer())).text;
}

/**
 * `previewKpiCsv` in the worker, with a progress bar and a cancel button in `slot` when it takes
 * longer than a glance; on the page itself where no worker can start. Rejects with
 * `{ name: 'AbortError' }` when cancelled.
 */
async function previewKpi(args, slot) {
  if (typeof Worker === 'undefined') return previewKpiCsv(args);
  const panel = progressPanel(s('kpiReading'));
  const shown = setTimeout(() => replace(slot, h('p', { class: 'muted' }, s('kpiReading')), panel.node), 150);
  try {
    // Ending the worker is the cancel: a preview is one call into the module and writes nothing.
    return await runJob('kpiPreview', { ...args, locale: uiLocale() }, { onProgress: (done, total) => panel.update(done, total, ''), signal: panel.signal, endWorker: true });
  } finally {
    clearTimeout(shown);
    replace(slot);
  }
}

/**
 * KPI import in two steps: the file is previewed (how each column was understood, the periods,
 * every row / column problem) and stored only when the trainer confirms. Unknown column titles
 * can be added to the header dictionary (kept in `meta`), which re-previews the file.
 */
function kpiSection(store, rerender, model) {
  const status = h('div', { id: 'kpi-status', 'aria-live': 'polite' });
  const preview = h('div', { id: 'kpi-preview' });
  let current = null; // { name, text }

  async function show() {
    if (!current) return;
    replace(status);
    const headers = (await store.get('meta', KPI_HEADERS))?.value ?? [];
    let result;
    try {
      result = await previewKpi({ text: current.text, model, headers }, status);
    } catch (error) {
      replace(preview);
      replace(status, error?.name === 'AbortError' ? null : errorBox(s('kpiFailed'), error));
      return;
    }
    const fields = new Map([['agentId', s('kpiAgent')], ['period', s('kpiPeriod')]]);
    for (const k of model?.kpis ?? []) fields.set(k.id, pick(k.name));
    const known = kpiNames(model);
    const label = (field) => fields.get(field) ?? known[field] ?? field;
    const mapping = h('table', { class: 'data', id: 'kpi-mapping' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, s('kpiColumn')), h('th', { scope: 'col' }, s('kpiMeans')))),
      h('tbody', {},
        result.import.columns.map((c) => h('tr', { dataset: { field: c.field } }, h('td', {}, c.header), h('td', {}, label(c.field)))),
        result.import.ignoredColumns.map((c) => h('tr', { class: 'muted', dataset: { field: '' } }, h('td', {}, c), h('td', {}, s('kpiUnused'))))));
    const problems = result.problems.length === 0 ? h('p', { class: 'good', id: 'kpi-problems' }, s('kpiNoProblems'))
      : h('ul', { id: 'kpi-problems', class: 'error-list' }, result.problems.map((p) => h('li', { dataset: { path: p.path } },
        pick(p.message))));
    const records = result.import.evidence.length;
    const confirm = h('button', { type: 'button', id: 'kpi-confirm', disabled: records === 0,
      onclick: async () => {
        try {
          const n = await storeKpiImport(store, current.name, result.import);
          const done = s('kpiDone', { f: current.name, r: result.import.rows, n });
          current = null;
          selection.date = '';
          announce(done);
          await rerender();
          const after = document.getElementById('kpi-status');
          if (after) replace(after, h('p', { class: 'good', role: 'status' }, done));
        } catch (error) {
          replace(status, errorBox(s('kpiFailed'), error));
        }
      } }, result.problems.length ? s('kpiConfirmSkipping', { n: records }) : s('kpiConfirm', { n: records }));
    const column = h('input', { id: 'kpi-alias-header', list: 'kpi-unused-columns' });
    const field = h('select', { id: 'kpi-alias-field' },
      [...fields.entries(), ...Object.entries(known).filter(([id]) => !fields.has(id))]
        .map(([id, name]) => h('option', { value: id }, name)));
    const alias = h('form', { class: 'row', id: 'kpi-alias', onsubmit: async (e) => {
      e.preventDefault();
      const header = column.value.trim();
      if (!header) return;
      const list = ((await store.get('meta', KPI_HEADERS))?.value ?? []).filter((a) => a.header !== header);
      list.push({ header, field: field.value });
      await store.put('meta', { key: KPI_HEADERS, value: list });
      await show();
    } },
    h('label', { for: 'kpi-alias-header' }, s('kpiAliasHeader')), column,
    h('datalist', { id: 'kpi-unused-columns' }, result.import.ignoredColumns.map((c) => h('option', { value: c }))),
    h('label', { for: 'kpi-alias-field' }, s('kpiAliasField')), field,
    h('button', { type: 'submit', id: 'kpi-alias-add' }, s('kpiAliasAdd')));
    replace(preview,
      h('h3', {}, s('kpiPreview', { f: current.name })),
      h('p', { class: 'muted', id: 'kpi-summary' }, s('kpiSummary', { r: result.import.rows, n: records, p: result.periods.join('、') || '—' })),
      mapping, problems, alias, h('div', { class: 'row' }, confirm,
        h('button', { type: 'button', id: 'kpi-cancel', onclick: () => { current = null; replace(preview); } }, s('kpiCancel'))));
  }

  const input = h('input', {
    type: 'file', id: 'kpi-file', accept: '.csv,text/csv', 'aria-describedby': 'kpi-help',
    onchange: async () => {
      const file = input.files?.[0];
      if (!file) return;
      current = { name: file.name, text: await fileText(file) };
      await show();
    },
  });
  return h('section', { class: 'card no-print', 'aria-labelledby': 'kpi-title' },
    h('h2', { id: 'kpi-title' }, s('kpiTitle')),
    h('p', { class: 'muted', id: 'kpi-help' }, s('kpiHelp')),
    h('label', { for: 'kpi-file' }, s('kpiFile')), input, status, preview);
}

/** The built-in KPIs' names, for the header dictionary's field list. */
/** KPI names by id, from the module's one list (see team-data.js); once per model and language. */
const kpiNameCache = new WeakMap();
function kpiNames(model) {
  const key = model ?? kpiNameCache;
  const cached = kpiNameCache.get(key);
  if (cached?.locale === uiLocale()) return cached.names;
  const names = Object.fromEntries(kpiNameList(model));
  kpiNameCache.set(key, { locale: uiLocale(), names });
  return names;
}

export async function render(main, context) {
  const { store } = context;
  const rerender = () => render(main, context);
  await installTeamSample(store);
  const data = await loadTeamData(store);
  if (!data.model || data.people.length === 0) {
    replace(main, h('h2', {}, s('title')), h('p', {}, s('noModel')),
      data.model ? setupSection(store, data, rerender) : null, kpiSection(store, rerender, data.model));
    return;
  }
  if (!selection.date) selection.date = latestDate(data.evidence);
  let evaluated;
  try {
    evaluated = evaluateTeam(data, selection.date);
  } catch (error) {
    replace(main, h('h2', {}, s('title')), errorBox(s('title'), error), kpiSection(store, rerender, data.model));
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
      selection.personId ? personSection(team, view, data.model, selection.personId, store, rerender, data.evidence, data) : null,
      selection.personId ? trendSection(data, selection.date, selection.personId, rerender) : null,
      teamSection(team, view, data.model),
      trendSection(data, selection.date, '', rerender),
      setupSection(store, data, rerender),
      kpiSection(store, rerender, data.model));
  } finally {
    team.free();
  }
}
