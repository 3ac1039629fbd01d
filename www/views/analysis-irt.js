// The analysis view's IRT tab: item response theory on the same submitted attempts as the item
// statistics. The trainer picks a model and starts the estimate; it runs in the page's worker
// (2PL on thousands of candidates takes seconds) with a progress bar and a cancel button, then
// shows each question's answer-probability curve, the test information, the item table with fit
// in plain words and the raw score → ability table. Charts are SVG built node by node (no markup
// strings) with a text alternative; numbers are rounded once, here, at display.
import { h, replace, announce, techDetails } from '../dom.js';
import { uiLocale } from '../i18n.js';
import { calibrateIrtCohort } from '../kaohe/index.js';
import { runJob, progressPanel } from '../work.js';
import { selectAttempts, concatPacked } from './analysis.js';

const STRINGS = {
  tabClassic: ['题目统计', 'Item statistics'],
  tabIrt: ['难度与区分度（IRT）', 'Difficulty and discrimination (IRT)'],
  tabsLabel: ['分析方式', 'Kind of analysis'],
  intro: ['用项目反应理论（IRT）从考生的对错中估计每道题的难度和区分度，画出不同能力的考生答对每道题的概率。题目参数不取决于这批考生整体强弱，可在批次之间比较，也是平行试卷和自适应考试的基础。',
    'Item response theory estimates each question\'s difficulty and discrimination from right and wrong answers and draws how likely candidates of each ability are to answer it. The estimates do not depend on how strong this group is, so they compare across groups; parallel papers and adaptive exams are built on them.'],
  model: ['模型', 'Model'],
  modelTwoPl: ['难度 + 区分度（两参数模型）', 'Difficulty and discrimination (2PL)'],
  modelRasch: ['只估难度（Rasch 模型，区分度统一）', 'Difficulty only (Rasch, equal discrimination)'],
  start: ['开始估计', 'Estimate'],
  working: ['正在估计题目参数…', 'Estimating question parameters…'],
  progress: ['已完成 {p}%', '{p}% done'],
  cancelled: ['已取消估计。', 'Estimate cancelled.'],
  noAttempts: ['这场考试还没有已交卷的作答，无法估计。', 'This exam has no submitted attempts to estimate from.'],
  notYet: ['选择模型后点击“开始估计”。计算在后台进行，页面不会卡住。', 'Choose a model and press "Estimate". It runs in the background; the page stays usable.'],
  tooFew: ['只有 {n} 名考生。IRT 一般需要 200 名以上（只估难度时 100 名以上）结果才稳定，下面的数字仅供参考。',
    'Only {n} candidates. IRT usually needs 200 or more (100 for difficulty only) to be stable; treat the figures below as indicative.'],
  summary: ['基于 {c} 名考生、{k} 道题估计（{m}）。', 'Estimated from {c} candidates and {k} questions ({m}).'],
  notConverged: ['估计没有收敛，结果不可靠：数据可能太少。', 'The estimate did not converge; the figures are unreliable (probably too little data).'],
  fullMarks: ['只有得满分才算答对（IRT 按对、错计算）。', 'Only full marks count as correct (IRT works with right and wrong).'],
  asWrong: ['未作答的题目计为答错。', 'Unanswered questions count as wrong.'],
  asMissing: ['未作答的题目不计入（视为没有考这道题）。', 'Unanswered questions are left out (as if not asked).'],
  skipped: ['{n} 道题因人人答对或无人答对而无法估计，未画出。', '{n} questions cannot be estimated (everyone or no one answered them correctly) and are not drawn.'],
  iccTitle: ['每道题的答对概率（题目特征曲线）', 'Chance of a correct answer per question (item characteristic curves)'],
  iccHelp: ['横轴是考生能力：0 是平均水平，+1、−1 约为高于、低于平均一个标准差。曲线越靠右，题目越难；中段越陡，越能分出能力高低。',
    'Across: the candidate\'s ability, 0 is average and ±1 about one standard deviation above or below. A curve further right is a harder question; a steeper middle separates stronger from weaker candidates better.'],
  infoTitle: ['试卷信息量（测得多准）', 'Test information (how precisely the exam measures)'],
  infoHelp: ['曲线越高，试卷在这一能力段测得越准；测量误差约为 1 ÷ √信息量。彩色细线是选中的题目。',
    'The higher the curve, the more precisely the exam measures at that ability; the measurement error is about 1 ÷ √information. The thin coloured line is the highlighted question.'],
  highlight: ['突出显示', 'Highlight'],
  axisAbility: ['能力（0 = 平均）', 'Ability (0 = average)'],
  axisP: ['答对概率', 'Chance correct'],
  axisInfo: ['信息量', 'Information'],
  iccDesc: ['{k} 条曲线。选中的是{q}：难度 {b}，区分度 {a}。', '{k} curves. Highlighted: {q}, difficulty {b}, discrimination {a}.'],
  infoDesc: ['试卷信息量在能力 {t} 处最高，为 {i}（测量误差约 {se}）。', 'Test information peaks at ability {t} with {i} (measurement error about {se}).'],
  itemsTitle: ['题目参数与拟合', 'Question parameters and fit'],
  itemsHelp: ['难度：答对概率为一半时所需的能力，越大越难（0 为平均）。区分度：曲线中段的陡度，0.8 以上较好，低于 0.4 说明这道题分不出高低。拟合：接近 1 表示作答规律与模型一致；高于 1.3 说明作答规律异常（可能靠猜或题意不清），低于 0.7 说明过于可预测。括号内是标准误。',
    'Difficulty: the ability at which the chance of a correct answer is one half; higher is harder (0 is average). Discrimination: the steepness of the curve; 0.8 or more is good, below 0.4 the question hardly separates stronger from weaker candidates. Fit: near 1 means answers follow the model; above 1.3 the answers are erratic (guessing, unclear wording), below 0.7 too predictable. Standard errors in brackets.'],
  colQuestion: ['题目', 'Question'],
  colDifficulty: ['难度', 'Difficulty'],
  colDiscrimination: ['区分度', 'Discrimination'],
  colCorrect: ['答对 / 作答', 'Correct / asked'],
  colFit: ['拟合（加权 / 未加权）', 'Fit (weighted / unweighted)'],
  colVerdict: ['解读', 'What it means'],
  question: ['第 {n} 题', 'Q{n}'],
  easy: ['偏易', 'easy'], medium: ['适中', 'medium'], hard: ['偏难', 'hard'],
  lowDisc: ['区分度低，建议修改', 'low discrimination: revise'],
  noisy: ['作答规律异常，建议复查题目', 'erratic answers: review the question'],
  tooPredictable: ['过于可预测', 'too predictable'],
  fine: ['正常', 'fine'],
  unstable: ['答题人数太少，估计不稳定', 'too few answers: the estimate is unstable'],
  allCorrect: ['人人答对，无法估计', 'everyone correct: cannot be estimated'],
  allWrong: ['无人答对，无法估计', 'no one correct: cannot be estimated'],
  undefinedValue: ['无法估计', 'cannot be estimated'],
  scoreTitle: ['原始分与能力对照表', 'Raw score to ability'],
  scoreHelp: ['答对题数对应的能力估计，可用来把分数换成能在批次之间比较的能力。零分和满分没有有限的最大似然估计，请看右侧的贝叶斯估计。',
    'The ability that goes with each number of correct answers, so scores can be compared across groups. Zero and full scores have no finite maximum-likelihood estimate; use the Bayesian estimate on the right.'],
  colRaw: ['答对题数', 'Correct answers'],
  colTheta: ['能力估计', 'Ability'],
  colSe: ['测量误差', 'Measurement error'],
  colEap: ['能力（贝叶斯估计）', 'Ability (Bayesian)'],
  showScoreTable: ['展开对照表（{n} 行）', 'Show the table ({n} rows)'],
  twoPl: ['两参数模型', '2PL'],
  rasch: ['Rasch 模型', 'Rasch'],
};

function tr(key, params = {}) {
  const pair = STRINGS[key];
  const text = pair ? pair[uiLocale() === 'en' ? 1 : 0] : key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ''));
}

const value = (estimate) => (estimate && typeof estimate.value === 'number' ? estimate.value : null);
const fixed = (x, digits = 2) => (x === null ? '—' : x.toFixed(digits).replace(/^-/, '−'));

function withSe(estimate, se) {
  const v = value(estimate);
  if (v === null) return reasonText(estimate);
  const s = value(se);
  return s === null ? fixed(v) : `${fixed(v)}${uiLocale() === 'en' ? ` (±${fixed(s)})` : `（±${fixed(s)}）`}`;
}

function reasonText(estimate) {
  if (estimate?.reason === 'allCorrect') return tr('allCorrect');
  if (estimate?.reason === 'allWrong') return tr('allWrong');
  return tr('undefinedValue');
}

/** Plain words for one item row: difficulty band, then the worst of discrimination and fit. */
export function verdict(row, model) {
  const b = value(row.difficulty);
  if (b === null) return { text: reasonText(row.difficulty), tone: 'warn' };
  const band = b < -1 ? tr('easy') : b > 1 ? tr('hard') : tr('medium');
  const a = value(row.discrimination);
  const infit = value(row.infit);
  const outfit = value(row.outfit);
  const worst = Math.max(infit ?? 1, outfit ?? 1);
  const least = Math.min(infit ?? 1, outfit ?? 1);
  const sep = uiLocale() === 'en' ? '; ' : '；';
  const seA = value(row.seDiscrimination);
  const seB = value(row.seDifficulty);
  if ((seB !== null && seB > 1) || (model === 'twoPl' && seA !== null && seA > 1)) return { text: `${band}${sep}${tr('unstable')}`, tone: 'warn' };
  if (model === 'twoPl' && a !== null && a < 0.4) return { text: `${band}${sep}${tr('lowDisc')}`, tone: 'bad' };
  if (worst > 1.3) return { text: `${band}${sep}${tr('noisy')}`, tone: 'bad' };
  if (least < 0.7) return { text: `${band}${sep}${tr('tooPredictable')}`, tone: 'warn' };
  return { text: `${band}${sep}${tr('fine')}`, tone: 'good' };
}

const NS = 'http://www.w3.org/2000/svg';
function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(NS, tag);
  for (const [key, v] of Object.entries(attrs)) el.setAttribute(key, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * A line chart over θ: `series` is [{ values, strong }]; faint lines first, strong on top.
 * `yMax` fixes the top of the axis; the title and description are the text alternative.
 */
export function curveChart({ id, theta, series, yMax, yLabel, title, description }) {
  // Narrow enough that the labels stay legible when a phone scales the chart to its width.
  const width = 440;
  const height = 260;
  const left = 48;
  const right = 12;
  const top = 14;
  const bottom = 44;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const t0 = theta[0];
  const t1 = theta[theta.length - 1];
  const x = (t) => left + ((t - t0) / (t1 - t0)) * plotW;
  const y = (v) => top + plotH - (Math.min(v, yMax) / yMax) * plotH;
  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'irt-chart', id,
    'aria-labelledby': `${id}-title ${id}-desc`,
  });
  root.append(svg('title', { id: `${id}-title` }, title), svg('desc', { id: `${id}-desc` }, description));
  const axis = svg('g', { stroke: '#4a4a4a', 'stroke-width': 1 });
  axis.append(
    svg('line', { x1: left, y1: top, x2: left, y2: top + plotH }),
    svg('line', { x1: left, y1: top + plotH, x2: left + plotW, y2: top + plotH }),
  );
  root.append(axis);
  const labels = svg('g', { 'font-size': 13, fill: '#1a1a1a' });
  for (const t of [-4, -3, -2, -1, 0, 1, 2, 3, 4].filter((v) => v >= t0 && v <= t1)) {
    labels.append(svg('text', { x: x(t), y: top + plotH + 16, 'text-anchor': 'middle' }, t < 0 ? `−${-t}` : String(t)));
    if (t === 0) root.append(svg('line', { x1: x(0), y1: top, x2: x(0), y2: top + plotH, stroke: '#c9ced6', 'stroke-dasharray': '4 4' }));
  }
  const ticks = [0, yMax / 2, yMax];
  for (const v of ticks) {
    const digits = yMax >= 10 ? 0 : 1;
    labels.append(svg('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end' }, v.toFixed(digits)));
  }
  labels.append(svg('text', { x: left + plotW / 2, y: height - 6, 'text-anchor': 'middle' }, tr('axisAbility')));
  labels.append(svg('text', { x: 12, y: top + plotH / 2, 'text-anchor': 'middle', transform: `rotate(-90 12 ${top + plotH / 2})` }, yLabel));
  root.append(labels);
  const path = (values) => values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(theta[i]).toFixed(1)},${y(v).toFixed(1)}`).join('');
  const ordered = [...series.filter((s) => !s.strong), ...series.filter((s) => s.strong)];
  for (const s of ordered) {
    if (!s.values?.length) continue;
    root.append(svg('path', {
      d: path(s.values), fill: 'none',
      stroke: s.color ?? (s.strong ? '#0b5cad' : '#9aa5b1'),
      'stroke-width': s.width ?? (s.strong ? 3 : 1),
      'stroke-opacity': s.strong ? 1 : 0.6,
      class: s.className ?? null,
    }));
  }
  return root;
}

/** The smallest 1, 2 or 5 × 10^k at or above `v` (at least 1), for an axis that reads well. */
export function niceCeiling(v) {
  if (!(v > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * power).find((c) => c >= v - 1e-9);
}

function questionLabel(index) {
  return tr('question', { n: index + 1 });
}

function stemOf(bankItems, id) {
  const stem = bankItems.get(id)?.stem ?? '';
  return stem.length > 24 ? `${stem.slice(0, 24)}…` : stem;
}

function charts(out, bankItems) {
  const { report, itemIds } = out;
  const drawable = report.items.filter((row) => report.itemCharacteristic[row.item]?.length);
  if (drawable.length === 0) return null;
  // Start on the most discriminating question among the stable estimates (SE of a below 0.5).
  const stable = drawable.filter((row) => (value(row.seDiscrimination) ?? 0) < 0.5);
  let chosen = (stable.length ? stable : drawable)
    .reduce((best, row) => ((value(row.discrimination) ?? 0) > (value(best.discrimination) ?? 0) ? row : best));
  const iccHolder = h('div', { class: 'irt-figure-body' });
  const infoHolder = h('div', { class: 'irt-figure-body' });
  const draw = () => {
    const peak = report.testInformation.reduce((best, v, i) => (v > best.v ? { v, i } : best), { v: 0, i: 0 });
    const chosenInfo = report.itemInformation[chosen.item] ?? [];
    const infoMax = niceCeiling(peak.v);
    replace(iccHolder, curveChart({
      id: 'irt-icc', theta: report.theta, yMax: 1, yLabel: tr('axisP'), title: tr('iccTitle'),
      description: tr('iccDesc', {
        k: drawable.length, q: questionLabel(chosen.item), b: fixed(value(chosen.difficulty)), a: fixed(value(chosen.discrimination)),
      }),
      series: drawable.map((row) => ({ values: report.itemCharacteristic[row.item], strong: row === chosen })),
    }));
    replace(infoHolder, curveChart({
      id: 'irt-information', theta: report.theta, yMax: infoMax, yLabel: tr('axisInfo'), title: tr('infoTitle'),
      description: tr('infoDesc', {
        t: fixed(report.theta[peak.i], 1), i: fixed(peak.v, 1), se: fixed(peak.v > 0 ? 1 / Math.sqrt(peak.v) : null),
      }),
      series: [
        { values: report.testInformation, strong: true, className: 'test-information' },
        { values: chosenInfo, strong: true, color: '#c2410c', width: 1.5, className: 'item-information' },
      ],
    }));
  };
  const picker = h('select', {
    id: 'irt-highlight',
    onchange: (event) => {
      chosen = drawable.find((row) => String(row.item) === event.target.value) ?? chosen;
      draw();
    },
  }, drawable.map((row) => h('option', { value: String(row.item), selected: row === chosen },
    `${questionLabel(row.item)}${stemOf(bankItems, itemIds[row.item]) ? ` ${stemOf(bankItems, itemIds[row.item])}` : ''}`)));
  draw();
  return h('div', { class: 'irt-charts' },
    h('div', { class: 'field irt-picker' }, h('label', { for: 'irt-highlight' }, tr('highlight')), picker),
    h('div', { class: 'irt-figures' },
      h('figure', { class: 'irt-figure', id: 'irt-icc-figure' }, iccHolder, h('figcaption', {}, h('strong', {}, tr('iccTitle')), h('br'), tr('iccHelp'))),
      h('figure', { class: 'irt-figure', id: 'irt-information-figure' }, infoHolder, h('figcaption', {}, h('strong', {}, tr('infoTitle')), h('br'), tr('infoHelp')))));
}

function itemTable(out, bankItems, model) {
  const { report, itemIds } = out;
  const slash = ' / ';
  // Labelled by the heading above it: a caption duplicates it and, as a phone reflows the
  // table into cards, shrinks to one character a line.
  return h('table', { id: 'irt-items', class: 'irt-items', 'aria-labelledby': 'irt-items-title' },
    h('thead', {}, h('tr', {}, ['colQuestion', 'colDifficulty', 'colDiscrimination', 'colCorrect', 'colFit', 'colVerdict']
      .map((key) => h('th', { scope: 'col' }, tr(key))))),
    h('tbody', {}, report.items.map((row) => {
      const v = verdict(row, model);
      const stem = stemOf(bankItems, itemIds[row.item]);
      return h('tr', { dataset: { item: String(row.item) } },
        h('th', { scope: 'row' }, questionLabel(row.item), stem ? h('span', { class: 'stem muted small' }, ` ${stem}`) : null),
        h('td', { class: 'num' }, withSe(row.difficulty, row.seDifficulty)),
        h('td', { class: 'num' }, model === 'rasch' ? (value(row.discrimination) === null ? '—' : '1') : withSe(row.discrimination, row.seDiscrimination)),
        h('td', { class: 'num' }, `${row.correct}${slash}${row.administered}`),
        h('td', { class: 'num' }, `${fixed(value(row.infit))}${slash}${fixed(value(row.outfit))}`),
        h('td', { class: v.tone }, v.text));
    })));
}

function scoreTable(report) {
  const rows = report.scoreTable;
  return h('details', { id: 'irt-score-details', open: rows.length <= 31 },
    h('summary', {}, tr('showScoreTable', { n: rows.length })),
    h('table', { id: 'irt-score-table', 'aria-labelledby': 'irt-score-title' },
      h('thead', {}, h('tr', {}, ['colRaw', 'colTheta', 'colSe', 'colEap'].map((key) => h('th', { scope: 'col' }, tr(key))))),
      h('tbody', {}, rows.map((row) => h('tr', {},
        h('th', { scope: 'row', class: 'num' }, String(row.score)),
        h('td', { class: 'num' }, value(row.theta) === null ? reasonText(row.theta) : fixed(value(row.theta))),
        h('td', { class: 'num' }, fixed(value(row.se))),
        h('td', { class: 'num' }, withSe(row.eap, row.eapSd)))))));
}

function results(out, bankItems, model) {
  const { report } = out;
  const skipped = report.items.filter((row) => value(row.difficulty) === null).length;
  const tooFew = out.candidates < (model === 'rasch' ? 100 : 200);
  return h('div', { id: 'irt-results' },
    h('p', { id: 'irt-summary' }, [tr('summary', {
      c: out.candidates, k: report.items.length, m: tr(model),
    }), tr('fullMarks'), out.unansweredAsWrong ? tr('asWrong') : tr('asMissing')].join(uiLocale() === 'en' ? ' ' : '')),
    tooFew ? h('p', { class: 'warn', id: 'irt-too-few', role: 'note' }, tr('tooFew', { n: out.candidates })) : null,
    report.converged ? null : h('p', { class: 'bad', role: 'note' }, tr('notConverged')),
    skipped ? h('p', { class: 'muted' }, tr('skipped', { n: skipped })) : null,
    charts(out, bankItems),
    h('h3', { id: 'irt-items-title' }, tr('itemsTitle')),
    h('p', { class: 'explain small' }, tr('itemsHelp')),
    h('div', { class: 'table-scroll' }, itemTable(out, bankItems, model)),
    h('h3', { id: 'irt-score-title' }, tr('scoreTitle')),
    h('p', { class: 'explain small' }, tr('scoreHelp')),
    h('div', { class: 'table-scroll' }, scoreTable(report)));
}

/**
 * The last estimate per exam, choice of attempts, unanswered rule and model, with the attempts
 * it was made from: switching tabs or language shows it again; new attempts make it stale.
 */
const cache = new Map();
let model = 'twoPl';

/** What identifies the attempts counted: their number and the newest. */
const signatureOf = (chosen) => `${chosen.length}|${chosen.map((r) => `${r.attemptId}@${r.submittedAt ?? 0}`).sort().at(-1) ?? ''}`;

async function irtPanel(panel, { store, entry, selection }) {
  const current = entry();
  if (!current) {
    replace(panel, h('p', {}, tr('noAttempts')));
    return;
  }
  const key = () => `${current.blueprint.id}|${selection.attempts}|${selection.missing}|${model}`;
  const chosen = selectAttempts(await store.getPackedAttempts(current.blueprint.id), selection.attempts);
  const signature = signatureOf(chosen);
  const body = h('div', { id: 'irt-body', 'aria-live': 'polite' });
  const status = h('p', { id: 'irt-status', role: 'status' });
  const bankItems = new Map(current.bank.items.map((item) => [item.id, item]));
  const modelSelect = h('select', {
    id: 'irt-model',
    onchange: (event) => {
      model = event.target.value;
      show();
    },
  }, [['twoPl', tr('modelTwoPl')], ['rasch', tr('modelRasch')]].map(([v, label]) => h('option', { value: v, selected: v === model }, label)));
  const start = h('button', { type: 'submit', id: 'irt-start', disabled: chosen.length === 0 }, tr('start'));
  function show() {
    const done = cache.get(key());
    if (chosen.length === 0) replace(body, h('p', { id: 'irt-empty' }, tr('noAttempts')));
    else replace(body, done?.signature === signature ? results(done.out, bankItems, model) : h('p', { class: 'muted' }, tr('notYet')));
  }
  async function estimate() {
    const { bytes, offsets } = concatPacked(chosen);
    const params = { bank: current.bank, blueprint: current.blueprint, model };
    if (selection.missing !== 'auto') params.missingAnswers = selection.missing;
    const runKey = key();
    const panelUi = progressPanel(tr('working'));
    status.textContent = tr('working');
    status.className = '';
    status.after(panelUi.node);
    start.disabled = true;
    const onProgress = (done, total) => panelUi.update(done, total, tr('progress', { p: Math.floor((100 * done) / Math.max(1, total)) }));
    try {
      // The calibration is one long call in the module: cancelling ends the worker (this job
      // writes nothing, so nothing is lost).
      const out = typeof Worker === 'undefined'
        ? calibrateIrtCohort(params, bytes, offsets, onProgress)
        : await runJob('irt', { ...params, bytes, offsets }, { onProgress, signal: panelUi.signal, endWorker: true });
      cache.set(runKey, { out, signature });
      status.textContent = '';
      if (runKey === key()) show();
      announce(tr('summary', { c: out.candidates, k: out.report.items.length, m: tr(runKey.endsWith('rasch') ? 'rasch' : 'twoPl') }));
    } catch (error) {
      if (error.name === 'AbortError') {
        status.textContent = tr('cancelled');
      } else {
        console.error(error);
        status.className = 'bad';
        replace(status, error.message ?? String(error), techDetails(error) ?? '');
      }
    } finally {
      panelUi.node.remove();
      start.disabled = false;
    }
  }
  replace(panel,
    h('p', { class: 'no-print' }, tr('intro')),
    h('form', {
      class: 'card controls no-print', id: 'irt-form',
      onsubmit: (event) => { event.preventDefault(); estimate(); },
    },
    h('div', { class: 'field' }, h('label', { for: 'irt-model' }, tr('model')), modelSelect),
    h('p', {}, start),
    status),
    body);
  show();
}

/**
 * Puts the item statistics (`classic`, the existing results section) and the IRT panel under
 * two tabs; returns the node to mount in its place. `context`: `{ store, entry, selection }`
 * where `entry()` is the chosen exam and `selection` the view's choices (attempts, missing).
 */
export function withIrtTab(classic, context) {
  const tabs = [
    { id: 'analysis-tab-classic', panel: 'analysis-panel-classic', label: tr('tabClassic') },
    { id: 'analysis-tab-irt', panel: 'analysis-panel-irt', label: tr('tabIrt') },
  ];
  const classicPanel = h('div', { id: tabs[0].panel, role: 'tabpanel', 'aria-labelledby': tabs[0].id }, classic);
  const irt = h('div', { id: tabs[1].panel, role: 'tabpanel', 'aria-labelledby': tabs[1].id, hidden: true });
  const panels = [classicPanel, irt];
  const buttons = tabs.map((tab, i) => h('button', {
    type: 'button', role: 'tab', id: tab.id, 'aria-controls': tab.panel, 'aria-selected': String(i === 0),
    tabindex: i === 0 ? '0' : '-1', class: 'view-tab',
    onclick: () => select(i),
    onkeydown: (event) => {
      if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
      const next = (i + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length;
      select(next);
      buttons[next].focus();
    },
  }, tab.label));
  // The item statistics re-render when the exam, the attempts counted or the data change: an
  // open IRT tab follows (and shows a stored estimate only if it matches the attempts).
  new MutationObserver(() => {
    if (!irt.hidden) irtPanel(irt, context);
  }).observe(classic, { childList: true });
  function select(index) {
    buttons.forEach((b, i) => {
      b.setAttribute('aria-selected', String(i === index));
      b.tabIndex = i === index ? 0 : -1;
    });
    panels.forEach((p, i) => { p.hidden = i !== index; });
    if (index === 1) irtPanel(irt, context);
  }
  return h('div', { class: 'view-tabs-wrap' },
    h('div', { role: 'tablist', class: 'view-tabs no-print', 'aria-label': tr('tabsLabel') }, buttons),
    ...panels);
}
