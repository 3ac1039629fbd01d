// The calibration view's κ matrix: for one criterion, Cohen's κ of every pair of raters (on the
// rubric's ordinal levels, so quadratic weights by default: two levels apart is a worse
// disagreement than one), each rater's mean κ with the others, and Fleiss' κ of the whole panel.
// The numbers come from `calibrateRaters` (checked against scikit-learn and statsmodels); this
// file only lays them out in plain words.
import { h, replace } from '../dom.js';
import { uiLocale } from '../i18n.js';
import { raterLabel, allCriteria } from './rubric/common.js';

const STRINGS = {
  title: ['评分员两两一致性（κ 矩阵）', 'Rater-by-rater agreement (κ matrix)'],
  help: ['κ（Kappa）衡量扣除碰巧一致之后评分员之间的一致程度：1 为完全一致，0 相当于随便打分，低于 0 比随便打分还差。0.8 以上很好，0.6–0.8 较好，0.4–0.6 一般，低于 0.4 需要校准。',
    'κ (kappa) is agreement beyond chance: 1 is perfect, 0 is no better than random scoring, below 0 worse than random. 0.8 and above is very good, 0.6–0.8 good, 0.4–0.6 moderate, below 0.4 needs calibration.'],
  criterion: ['评分项', 'Criterion'],
  weights: ['计算方式', 'Weighting'],
  quadratic: ['二次加权（推荐：等级评分，相差越远扣得越多）', 'Quadratic (recommended for ordered levels: the further apart, the worse)'],
  linear: ['线性加权（相差一级扣一份）', 'Linear (each level apart counts the same)'],
  unweighted: ['不加权（只算完全一致）', 'Unweighted (only exact agreement counts)'],
  whyQuadratic: ['评分是有顺序的等级，相差一级与相差三级不是一回事，所以默认使用二次加权 κ（与组内相关系数 ICC 接近）。',
    'Scores are ordered levels and being one level apart is not the same as three, so quadratic weights are the default (close to the ICC).'],
  rater: ['评分员', 'Rater'],
  mean: ['与他人平均', 'Mean with others'],
  pairCell: ['{a} 与 {b}：κ = {k}，{band}，共同评了 {n} 段', '{a} and {b}: κ = {k}, {band}, {n} performances in common'],
  fleiss: ['全体评分员（Fleiss κ，只算完全一致）：{k}，{band}。', 'The whole panel (Fleiss κ, exact agreement only): {k}, {band}.'],
  fleissUnits: ['基于 {u} 段全部评分员都评过的录音{d}。', 'From {u} performances every rater scored{d}.'],
  fleissDropped: ['；{n} 段因有人未评而未计入', '; {n} left out because a rater had not scored them'],
  undefinedK: ['无法计算', 'not defined'],
  veryGood: ['很好', 'very good'], good: ['较好', 'good'], moderate: ['一般', 'moderate'], poor: ['需要校准', 'needs calibration'],
  noKappa: ['这个评分项没有可计算 κ 的数据。', 'No data to compute κ for this criterion.'],
  fewUnits: ['每对评分员只共同评了 {n} 段录音：κ 会大起大落（一段不同就能从 1 变到 0），请当作提示而非定论；共同评分 10 段以上才较可靠。',
    'Each pair of raters scored only {n} performances in common: κ swings widely (one disagreement can take it from 1 to 0); read it as a hint, not a verdict. 10 or more in common is more reliable.'],
  lowest: ['与他人一致性最低的是{r}（平均 κ = {k}），可优先安排校准。', 'Lowest agreement with the others: {r} (mean κ = {k}); calibrate with them first.'],
};

function kt(key, params = {}) {
  const pair = STRINGS[key];
  const text = pair ? pair[uiLocale() === 'en' ? 1 : 0] : key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(params[name] ?? ''));
}

const num = (s) => (s && typeof s.value === 'number' ? s.value : null);
const show = (v) => (v === null ? '—' : v.toFixed(2).replace(/^-/, '−'));

/** Landis & Koch style bands, merged to four words a trainer can act on. */
export function band(k) {
  if (k === null) return { word: kt('undefinedK'), tone: 'muted' };
  if (k >= 0.8) return { word: kt('veryGood'), tone: 'good' };
  if (k >= 0.6) return { word: kt('good'), tone: 'good' };
  if (k >= 0.4) return { word: kt('moderate'), tone: 'warn' };
  return { word: kt('poor'), tone: 'bad' };
}

const state = { criterionId: null, weights: 'quadratic' };

function matrix(report, criterion) {
  const kappa = criterion.agreement.kappa;
  if (!kappa) return h('p', { class: 'muted' }, kt('noKappa'));
  const raters = report.raterIds;
  const lookup = new Map();
  for (const pair of kappa.pairs) {
    lookup.set(`${pair.raterA}|${pair.raterB}`, pair);
    lookup.set(`${pair.raterB}|${pair.raterA}`, pair);
  }
  const means = raters.map((_, i) => {
    const values = raters.map((__, j) => (i === j ? null : num(lookup.get(`${i}|${j}`)?.[state.weights]))).filter((v) => v !== null);
    return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
  });
  const cell = (i, j) => {
    if (i === j) return h('td', { class: 'num muted', 'aria-label': '—' }, '—');
    const pair = lookup.get(`${i}|${j}`);
    const statistic = pair?.[state.weights];
    const k = num(statistic);
    const b = band(k);
    const title = kt('pairCell', { a: raterLabel(raters[i]), b: raterLabel(raters[j]), k: show(k), band: b.word, n: pair?.units ?? 0 });
    return h('td', { class: `num kappa-cell ${b.tone}`, title, dataset: { value: k ?? '' } }, show(k));
  };
  const defined = means.map((m, i) => [m, i]).filter(([m]) => m !== null);
  const lowest = defined.length > 2 ? defined.reduce((a, b) => (b[0] < a[0] ? b : a)) : null;
  const fleissK = num(kappa.fleiss.kappa);
  const fewest = Math.min(...kappa.pairs.map((p) => p.units));
  const fb = band(fleissK);
  return h('div', {},
    h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'kappa-caption' },
      // On a phone every table scrolls by itself (styles.css): focusable so keys can scroll it.
      h('table', { id: 'kappa-matrix', class: 'no-reflow kappa-matrix', tabindex: '0' },
        h('caption', { id: 'kappa-caption' }, `${kt('title')} · ${kt(state.weights).replace(/（.*$|\s\(.*$/, '')}`),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, kt('rater')),
          raters.map((r) => h('th', { scope: 'col', class: 'num' }, raterLabel(r))),
          h('th', { scope: 'col', class: 'num' }, kt('mean')))),
        h('tbody', {}, raters.map((r, i) => h('tr', { dataset: { raterId: r } },
          h('th', { scope: 'row' }, raterLabel(r)),
          raters.map((_, j) => cell(i, j)),
          h('td', { class: `num ${band(means[i]).tone}`, dataset: { stat: 'mean', value: means[i] ?? '' } }, show(means[i]))))))),
    fewest < 10 ? h('p', { id: 'kappa-few', class: 'warn', role: 'note' }, kt('fewUnits', { n: fewest })) : null,
    lowest && lowest[0] < 0.6 ? h('p', { id: 'kappa-lowest', class: 'warn' }, kt('lowest', { r: raterLabel(raters[lowest[1]]), k: show(lowest[0]) })) : null,
    h('p', { id: 'kappa-fleiss', dataset: { value: fleissK ?? '' } },
      kt('fleiss', { k: show(fleissK), band: fb.word }), uiLocale() === 'en' ? ' ' : '',
      kt('fleissUnits', { u: kappa.fleiss.unitsUsed, d: kappa.fleiss.unitsDropped ? kt('fleissDropped', { n: kappa.fleiss.unitsDropped }) : '' })));
}

/** The κ section for the calibration report (`report` from `calibrateRaters`), or null. */
export function kappaSection(rubric, report) {
  const criteria = report.criteria.filter((c) => c.agreement.kappa);
  if (criteria.length === 0) return null;
  const titles = new Map(allCriteria(rubric).map((c) => [c.id, c.title]));
  if (!criteria.some((c) => c.criterionId === state.criterionId)) state.criterionId = criteria[0].criterionId;
  const holder = h('div', { id: 'kappa-body' });
  const draw = () => replace(holder, matrix(report, criteria.find((c) => c.criterionId === state.criterionId)));
  const criterionSelect = h('select', {
    id: 'kappa-criterion',
    onchange: (e) => { state.criterionId = e.target.value; draw(); },
  }, criteria.map((c) => h('option', { value: c.criterionId, selected: c.criterionId === state.criterionId }, titles.get(c.criterionId) ?? '')));
  const weightSelect = h('select', {
    id: 'kappa-weights',
    onchange: (e) => { state.weights = e.target.value; draw(); },
  }, ['quadratic', 'linear', 'unweighted'].map((w) => h('option', { value: w, selected: w === state.weights }, kt(w))));
  draw();
  return h('section', { id: 'kappa-section', 'aria-labelledby': 'kappa-title' },
    h('h3', { id: 'kappa-title' }, kt('title')),
    h('p', { class: 'explain small' }, kt('help')),
    h('div', { class: 'row kappa-controls' },
      h('div', { class: 'field' }, h('label', { for: 'kappa-criterion' }, kt('criterion')), criterionSelect),
      h('div', { class: 'field' }, h('label', { for: 'kappa-weights' }, kt('weights')), weightSelect)),
    h('p', { class: 'muted small', id: 'kappa-why' }, kt('whyQuadratic')),
    holder);
}
