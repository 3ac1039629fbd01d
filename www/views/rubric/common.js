// Shared by the practical-assessment views: their own UI strings, the sample performances and
// raters, loading the rubric, and the scorecard records kept in IndexedDB (`scorecards`).
import { validateRubric } from '../../kaohe/lite.js';
import { h, techDetails } from '../../dom.js';
import { uiLocale } from '../../i18n.js';
import { parseJsonFile } from '../../files.js';
import { modelDimensions } from '../../model-data.js';

const STRINGS = {
  rubricTitle: ['实操评分', 'Practical scoring'],
  calibrationTitle: ['评分校准与考核结果', 'Calibration and assessment results'],
  toCalibration: ['查看评分校准与考核结果', 'Calibration and assessment results'],
  toRubric: ['返回实操评分', 'Back to practical scoring'],
  performance: ['考核场次', 'Performance'],
  rater: ['评分人', 'Rater'],
  scorecard: ['评分表', 'Scorecard'],
  weight: ['权重 {n}', 'weight {n}'],
  critical_section: ['否决项（本部分）', 'critical (section)'],
  critical_assessment: ['否决项（整体）', 'critical (whole assessment)'],
  bonus: ['加分项 +{n}', 'bonus +{n}'],
  na: ['不适用', 'N/A'],
  naExclude: ['可选不适用（不计入）', 'N/A allowed (left out)'],
  naZero: ['可选不适用（记 0 分）', 'N/A allowed (counts as 0)'],
  yes: ['是', 'Yes'],
  no: ['否', 'No'],
  pointsN: ['{n} 分', '{n} pt'],
  level: ['{n} 级', 'Level {n}'],
  comment: ['评语', 'Comment'],
  commentFor: ['“{c}”的评语', 'Comment on “{c}”'],
  saved: ['已自动保存', 'Saved automatically'],
  liveScore: ['实时得分', 'Live score'],
  progress: ['已评 {a} / {b} 项', '{a} of {b} criteria rated'],
  unrated: ['尚未评分：{list}', 'Not rated yet: {list}'],
  section: ['部分', 'Section'],
  score: ['得分', 'Score'],
  total: ['总分', 'Total'],
  baseTotal: ['加权得分', 'Weighted'],
  bonusPoints: ['加分', 'Bonus'],
  passMark: ['合格线', 'Pass mark'],
  passed: ['合格', 'Passed'],
  failed: ['不合格', 'Not passed'],
  sectionFailed: ['否决', 'failed'],
  sectionNa: ['不适用', 'N/A'],
  reasons: ['说明', 'Reasons'],
  transcript: ['通话记录', 'Transcript'],
  sampleTranscript: ['示例通话记录', 'Sample transcript'],
  loadSample: ['载入', 'Load'],
  transcriptText: ['通话记录文本（可粘贴；每行“[时间] 客服/客户：内容”，或 JSON）', 'Transcript text (paste; one “[time] Agent/Customer: text” per line, or JSON)'],
  analyze: ['分析通话', 'Analyse'],
  indicators: ['通话指标', 'Indicators'],
  indicator: ['指标', 'Indicator'],
  value: ['实际', 'Value'],
  target: ['目标', 'Target'],
  result: ['结果', 'Result'],
  met: ['达标', 'met'],
  notMet: ['未达标', 'not met'],
  unknown: ['无法判断', 'unknown'],
  positive: ['积极用语', 'Positive phrases'],
  forbidden: ['禁用语', 'Forbidden phrases'],
  firstSolution: ['首次提出解决方案', 'First solution offered'],
  speechRate: ['客服语速', 'Agent speech rate'],
  talkRatio: ['客服/客户说话比', 'Agent/customer talk ratio'],
  interruptions: ['打断客户', 'Interruptions'],
  atLeast: ['至少 {n} 次', 'at least {n}'],
  times: ['{n} 次', '{n}'],
  none: ['0 次', 'none'],
  withinSeconds: ['≤ {n} 秒', '≤ {n} s'],
  seconds: ['{n} 秒', '{n} s'],
  cpm: ['{n} 字/分钟', '{n} chars/min'],
  band: ['{a}–{b} 字/分钟', '{a}–{b} chars/min'],
  steps: ['{a} / {b} 步', '{a} of {b} steps'],
  allSteps: ['全部覆盖且顺序正确', 'all, in order'],
  outOfOrder: ['（顺序不对）', ' (out of order)'],
  agent: ['客服', 'Agent'],
  customer: ['客户', 'Customer'],
  lines: ['通话内容（高亮为匹配到的用语）', 'The call (matched phrases highlighted)'],
  suggestions: ['评分建议', 'Suggested scores'],
  suggestionFor: ['采纳“{c}”的建议：{v}', 'Accept the suggestion for “{c}”: {v}'],
  applySuggestions: ['应用勾选的建议', 'Apply the ticked suggestions'],
  applied: ['已应用 {n} 条建议', '{n} suggestions applied'],
  noSuggestion: ['无法给出建议', 'no suggestion'],
  noTranscript: ['请先载入或粘贴通话记录。', 'Load or paste a transcript first.'],
  calibration: ['评分校准', 'Rater calibration'],
  sectionProgress: ['已评 {a} / {b}', '{a} of {b} scored'],
  calibrationScore: ['校准得分', 'Calibration score'],
  calibrationScoreHelp: ['与专家（{expert}）打分完全相同的评分项所占比例，按双方都评过的场次计算；80% 以上为达标。', 'The share of criteria scored exactly as the expert ({expert}) did, over the performances both scored; 80% or more meets the bar.'],
  matchedOf: ['相同项 / 比较项', 'Matched / compared'],
  commentPlaceholder: ['评语（可选）', 'Comment (optional)'],
  shortcutHint: ['快捷键：选中某一项后按数字键直接打分（N 为不适用），光标自动跳到下一项；点部分标题可折叠。', 'Shortcuts: on a criterion, press a number to score it (N: not applicable) and move to the next; fold a section by its title.'],
  importSamples: ['导入示例评分集（5 场 × 4 位评分人；不覆盖已有评分表）', 'Import the sample rating set (5 performances × 4 raters; existing scorecards are kept)'],
  imported: ['已导入 {n} 份评分表', '{n} scorecards imported'],
  reference: ['专家参考评分人', 'Expert reference rater'],
  noReference: ['（无）', '(none)'],
  ratingSetInfo: ['{c} 份完整评分表，{p} 个考核场次，{r} 位评分人', '{c} complete scorecards, {p} performances, {r} raters'],
  notEnough: ['需要至少两位评分人对同一场次完成评分，才能计算一致性。', 'At least two raters must complete scorecards of the same performance to compute agreement.'],
  overall: ['总分', 'Overall (totals)'],
  criterion: ['评分项', 'Criterion'],
  alphaInterval: ['评分一致性（按分值）', 'Agreement on scores (α interval)'],
  alphaOrdinal: ['评分一致性（按高低顺序）', 'Agreement on order (α ordinal)'],
  icc21: ['单个评分人可靠度', 'One rater’s reliability (ICC 2,1)'],
  icc2k: ['评分组平均分可靠度', 'Panel average’s reliability (ICC 2,k)'],
  icc31: ['排序一致度（不计宽严）', 'Consistency ignoring leniency (ICC 3,1)'],
  exact: ['打分完全相同 %', 'Exact match %'],
  adjacent: ['相差不超过一档 %', 'Within one point %'],
  agreementCaption: ['评分人之间的一致程度', 'How far the raters agree'],
  agreementHelp: ['前五列为 0–1 的系数，越接近 1 越一致：0.8 以上为好，0.67–0.8 可接受，低于 0.67 需要组织校准。后两列为打分相同或相差一档的比例。（技术名称：Krippendorff α、组内相关系数 ICC。）',
    'The first five columns run 0–1, higher is better: 0.8+ good, 0.67–0.8 acceptable, below 0.67 calibrate. The last two are the share of identical and within-one-point scores. (Krippendorff’s α, intraclass correlation ICC.)'],
  bias: ['评分人偏差（评分人均分 − 对照均分，总分口径）', 'Rater bias (rater mean − comparison mean, on totals)'],
  vsPanel: ['相对评分组', 'vs panel'],
  criterionBias: ['各评分项的评分人偏差（评分人均分 − 评分组均分；▲ 偏高、▼ 偏低，相差 {t} 分及以上）',
    'Rater bias per criterion (rater mean − panel mean; ▲ high, ▼ low at {t} points or more)'],
  vsReference: ['相对专家', 'vs expert'],
  flagged: ['分歧较大的评分项', 'Flagged disagreements'],
  noFlags: ['没有分歧超出设定范围的评分项。', 'No criterion exceeds the set spread.'],
  spread: ['极差', 'Spread'],
  mixedNa: ['部分评分人选了不适用', 'some raters chose N/A'],
  composite: ['考核结果（理论 40% + 实操 60%）', 'Assessment result (theory 40% + practical 60%)'],
  candidate: ['工号', 'Employee ID'],
  theory: ['理论', 'Theory'],
  practical: ['实操', 'Practical'],
  grade: ['等级', 'Grade'],
  noTheory: ['无理论考试成绩', 'no exam result'],
  provisional: ['暂定', 'provisional'],
  cohort: ['整体情况', 'Cohort'],
  passRate: ['合格率 {r}%（目标 ≥ {t}%）', 'Pass rate {r}% (target ≥ {t}%)'],
  meets: ['达到目标', 'meets the target'],
  misses: ['未达目标', 'below the target'],
  cohortStats: ['{n} 人；平均 {m}，中位数 {d}，最低 {lo}，最高 {hi}', '{n} candidates; mean {m}, median {d}, min {lo}, max {hi}'],
  distribution: ['分数分布', 'Score distribution'],
  setup: ['评分细则与考核场次', 'Rubric, role plays and raters'],
  activeRubric: ['使用的评分细则', 'Rubric in use'],
  importRubric: ['导入评分细则（JSON）', 'Import a rubric (JSON)'],
  exportRubric: ['导出当前评分细则', 'Export the rubric in use'],
  rubricImported: ['已导入并启用评分细则“{t}”', 'Imported and switched to the rubric “{t}”'],
  rubricHint: ['格式见 README 的“评分细则格式”；可先导出示例细则再修改。导入前会完整校验，出错时不保存。',
    'The format is in the README (rubric format); export the sample and edit it. The file is validated in full first; nothing is saved if it has an error.'],
  addPerformance: ['添加考核场次', 'Add a role play'],
  candidateId: ['考生工号', 'Candidate employee id'],
  candidateName: ['考生姓名', 'Candidate name'],
  scenario: ['情景', 'Scenario'],
  add: ['添加', 'Add'],
  addRater: ['添加评分人', 'Add a rater'],
  ratersFromRoster: ['评分人从人员名册中选择（按工号），同一人的评分、考试和计划因此能对上。新评分人请先在人员名册中添加。', 'Raters are chosen from the roster (by employee id), so one person’s scorecards, exams and plans meet. Add a new rater to the roster first.'],
  ratersNoRoster: ['人员名册还是空的：目前只能以示例评分人身份评分。请先在人员名册中添加质检、培训师或组长。', 'The roster is empty: for now only the sample raters can score. Add your QA staff, trainers or team leads to the roster first.'],
  toRoster: ['前往人员名册', 'Open the roster'],
  raterGroupRoster: ['人员名册', 'Roster'],
  raterGroupSample: ['示例评分组', 'Sample rating panel'],
  raterGroupEarlier: ['早期添加的评分人', 'Raters added earlier'],
  raterRemembered: ['本设备记住了评分人：{r}。', 'This device scores as {r}.'],
  raterId: ['评分人编号（如 qa-wang）', 'Rater id (e.g. qa-wang)'],
  raterName: ['评分人姓名与角色', 'Rater name and role'],
  raterIdInvalid: ['评分人编号只能包含英文字母、数字和 - _ .', 'A rater id may hold only letters, digits and - _ .'],
  added: ['已添加“{n}”', 'Added “{n}”'],
  duplicateId: ['编号“{id}”已存在', 'The id “{id}” already exists'],
  required: ['请填写“{f}”', 'Please fill in “{f}”'],
  noCandidates: ['还没有同时具备理论和实操成绩的考生。', 'No candidate has both a theory and a practical score yet.'],
};

/** The string for `key` in the current language, with `{name}` placeholders filled in. */
export function rt(key, params = {}) {
  const pair = STRINGS[key];
  let text = pair ? pair[uiLocale() === 'en' ? 1 : 0] : key;
  for (const [name, value] of Object.entries(params)) text = text.replaceAll(`{${name}}`, String(value));
  return text;
}

/** The role plays of the sample rating set (www/samples/ratings.json), each with its transcript. */
export const PERFORMANCES = [
  { id: 'E1001-late-delivery', candidateId: 'E1001', candidateName: '李娜', transcript: 'late-delivery', title: ['快递延误投诉', 'Late delivery complaint'] },
  { id: 'E1004-angry-customer', candidateId: 'E1004', candidateName: '刘洋', transcript: 'angry-customer', title: ['情绪激动的客户', 'An angry customer'] },
  { id: 'E1008-product-enquiry', candidateId: 'E1008', candidateName: '黄丽', transcript: 'product-enquiry', title: ['产品咨询', 'Product enquiry'] },
  { id: 'E1016-late-delivery', candidateId: 'E1016', candidateName: '郭芳', transcript: 'late-delivery', title: ['快递延误投诉', 'Late delivery complaint'] },
  { id: 'E1018-angry-customer', candidateId: 'E1018', candidateName: '高雪', transcript: 'angry-customer', title: ['情绪激动的客户', 'An angry customer'] },
];

/** The raters of the sample rating set; `expert-zhou` is the reference scoring. */
export const RATERS = [
  { id: 'qa-chen', name: ['陈晓（质检专员）', 'Chen Xiao (QA specialist)'] },
  { id: 'trainer-liu', name: ['刘敏（培训师）', 'Liu Min (trainer)'] },
  { id: 'tl-zhao', name: ['赵磊（组长）', 'Zhao Lei (team lead)'] },
  { id: 'expert-zhou', name: ['周宁（质检专家）', 'Zhou Ning (QA expert)'] },
];

export const TRANSCRIPTS = [
  { id: 'late-delivery', title: ['快递延误投诉', 'Late delivery complaint'] },
  { id: 'angry-customer', title: ['情绪激动的客户', 'An angry customer'] },
  { id: 'product-enquiry', title: ['产品咨询', 'Product enquiry'] },
];

export const both = (pair) => pair[uiLocale() === 'en' ? 1 : 0];
export const performanceLabel = (p) => `${p.candidateId}${p.candidateName ? ` ${p.candidateName}` : ''} · ${both(p.title)}`;
export const raterLabel = (id) => {
  const rater = rosterRaters.find((r) => r.id === id) ?? RATERS.find((r) => r.id === id) ?? addedRaters.find((r) => r.id === id);
  return rater ? both(rater.name) : id;
};

const RATER_KEY = 'kaoheRater';

/** The rater this device scores as (its 工号, or a sample rater's id), or null. */
export function rememberedRater() {
  try { return globalThis.localStorage?.getItem(RATER_KEY) ?? null; } catch { return null; }
}

/** Remembers the rater chosen on this device, so the next scorecard opens as them. */
export function rememberRater(id) {
  try { globalThis.localStorage?.setItem(RATER_KEY, id); } catch { /* not remembered */ }
}

/** Numbers as shown: up to `digits` decimals, `—` for missing. */
export function fmt(n, digits = 1) {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  return Number.isInteger(n) ? String(n) : n.toFixed(digits);
}

const RUBRIC_ID = 'yunfan-call-roleplay';
const ACTIVE_RUBRIC = 'rubric:active';
const ROSTER = { performances: 'rubric:performances', raters: 'rubric:raters' };

/**
 * Raters added as free text by earlier versions, kept only so their scorecards stay named; new
 * raters come from the roster.
 */
let addedRaters = [];
/** The roster's active people as raters (id = 工号), so `raterLabel` can name them anywhere. */
let rosterRaters = [];

/** Leads, QA and trainers first: the people who usually score role plays. */
const RATER_ROLE_ORDER = (role) => (role === 'frontline' || role === 'newHire' ? 1 : 0);

/** The sample rubric, refreshed from samples/ when online (a trainer's rubrics are never touched). */
async function refreshSampleRubric(store) {
  try {
    const response = await fetch('samples/rubric.json');
    if (response.ok) await store.put('rubrics', validateRubric(await response.json()));
  } catch (error) {
    if (error?.code) throw error;
  }
}

/**
 * Every stored rubric (the sample and the trainer's imports), validated, and the active one: the
 * trainer's choice (`meta` `rubric:active`), else the sample.
 */
export async function loadRubrics(store) {
  await refreshSampleRubric(store);
  const stored = await store.getAll('rubrics');
  const rubrics = [];
  for (const raw of stored) {
    try {
      rubrics.push(validateRubric(raw));
    } catch {
      // A stored rubric this build cannot read is left in the store, not offered.
    }
  }
  rubrics.sort((a, b) => (a.id === RUBRIC_ID ? -1 : b.id === RUBRIC_ID ? 1 : a.title.localeCompare(b.title)));
  if (rubrics.length === 0) throw new Error('samples/rubric.json');
  const chosen = (await store.get('meta', ACTIVE_RUBRIC))?.value;
  const active = rubrics.find((r) => r.id === chosen) ?? rubrics.find((r) => r.id === RUBRIC_ID) ?? rubrics[0];
  return { rubrics, active };
}

/** The active rubric (see `loadRubrics`). */
export async function loadRubric(store) {
  return (await loadRubrics(store)).active;
}

/** Makes `rubricId` the rubric the scoring and calibration pages use. */
export function setActiveRubric(store, rubricId) {
  return store.put('meta', { key: ACTIVE_RUBRIC, value: rubricId });
}

/**
 * Reads a rubric file (JSON, format v1), validates it with the module and stores it as the active
 * rubric, in one transaction. A bad file throws (the module's code and path, e.g.
 * `WEIGHTS_DO_NOT_SUM` at `rubric.sections`) and stores nothing.
 */
export async function importRubric(store, text) {
  const raw = parseJsonFile(text);
  // Sections name the dimensions of the model in use (a custom 企业文化 included); a file that
  // does not list its own gets the model's, and the module checks every section against them.
  if (raw && typeof raw === 'object' && !Array.isArray(raw) && raw.dimensions === undefined) raw.dimensions = await modelDimensions(store);
  const rubric = validateRubric(raw);
  await store.transaction(['rubrics', 'meta'], 'readwrite', (s) => {
    s.rubrics.put(rubric);
    s.meta.put({ key: ACTIVE_RUBRIC, value: rubric.id });
  });
  return rubric;
}

/**
 * The role plays and raters to choose from. Raters are the roster's active people (人员名册,
 * the `people` store: one 工号 everywhere), then the sample rating set's panel, then raters
 * typed in by earlier versions (`meta` `rubric:raters`, kept for their scorecards). Role plays:
 * the samples, then those the trainer added (`meta` `rubric:performances`).
 * `raters[i].source`: 'roster' | 'sample' | 'earlier'.
 */
export async function loadRoster(store) {
  const [performances, raters, people] = await Promise.all([
    store.get('meta', ROSTER.performances), store.get('meta', ROSTER.raters), store.getAll('people'),
  ]);
  rosterRaters = people
    .filter((p) => p.active !== false && p.id && p.name)
    .sort((a, b) => RATER_ROLE_ORDER(a.role) - RATER_ROLE_ORDER(b.role) || String(a.id).localeCompare(String(b.id)))
    .map((p) => ({ id: p.id, name: [`${p.name}（${p.id}）`, `${p.name} (${p.id})`], role: p.role, source: 'roster' }));
  const taken = new Set([...rosterRaters, ...RATERS].map((r) => r.id));
  addedRaters = (raters?.value ?? []).filter((r) => !taken.has(r.id)).map((r) => ({ ...r, source: 'earlier' }));
  return {
    performances: [...PERFORMANCES, ...(performances?.value ?? [])],
    raters: [...rosterRaters, ...RATERS.map((r) => ({ ...r, source: 'sample' })), ...addedRaters],
  };
}

/**
 * Appends `entry` to a roster list in one read-modify-write transaction (so an entry another tab
 * added meanwhile is kept). An id already there is refused before anything is written.
 */
async function addToRoster(store, list, entry) {
  const samples = list === 'raters' ? RATERS : PERFORMANCES;
  const taken = (current) => [...samples, ...current].some((e) => e.id === entry.id);
  if (taken((await store.get('meta', ROSTER[list]))?.value ?? [])) {
    throw Object.assign(new Error(rt('duplicateId', { id: entry.id })), { code: 'DUPLICATE_ID', path: 'id' });
  }
  return store.transaction('meta', 'readwrite', async (s) => {
    const current = await new Promise((resolve, reject) => {
      const request = s.meta.get(ROSTER[list]);
      request.onsuccess = () => resolve(request.result?.value ?? []);
      request.onerror = () => reject(request.error);
    });
    if (!taken(current)) s.meta.put({ key: ROSTER[list], value: [...current, entry] });
    return entry;
  });
}

/** A new role play to score: the candidate's employee id and name, and the scenario. */
export function addPerformance(store, { candidateId, candidateName, scenario }) {
  const id = `${candidateId}-${Date.now().toString(36)}`;
  return addToRoster(store, 'performances', {
    id, candidateId, candidateName, title: [scenario, scenario], added: true,
  });
}

/** Key of the scorecard record of one rater on one performance. */
export const cardKey = (rubricId, performanceId, raterId) => `${rubricId}|${performanceId}|${raterId}`;

/** True when every criterion of `rubric` has a value or N/A in `ratings`. */
export function isComplete(rubric, ratings) {
  return allCriteria(rubric).every((c) => hasMark(ratings[c.id]));
}

export const hasMark = (r) => Boolean(r && (r.na || typeof r.value === 'number'));

/** Every criterion with its section, in rubric order. */
export function allCriteria(rubric) {
  return rubric.sections.flatMap((s) => s.criteria.map((c) => ({ ...c, section: s })));
}

/** The scorecard (format v1) inside a stored record: only marked or commented ratings. */
export function toScorecard(record) {
  const ratings = {};
  for (const [id, r] of Object.entries(record.ratings ?? {})) {
    const rating = {};
    if (r.na) rating.na = true;
    else if (typeof r.value === 'number') rating.value = r.value;
    if (r.comment?.trim()) rating.comment = r.comment.trim();
    if (rating.na || 'value' in rating) ratings[id] = rating;
  }
  return {
    schemaVersion: 1, rubricId: record.rubricId, performanceId: record.performanceId, raterId: record.raterId, ratings,
  };
}

/** The stored complete scorecards of `rubric`, as scorecards. */
export async function completeScorecards(store, rubric) {
  const records = await store.getAll('scorecards');
  return records
    .filter((r) => r.rubricId === rubric.id && isComplete(rubric, r.ratings ?? {}))
    .sort((a, b) => a.id.localeCompare(b.id))
    .map(toScorecard);
}

/** An error as the page shows it: the message, then code and path behind 技术详情. */
export function errorBox(error) {
  return h('div', { class: 'error-box', role: 'alert' },
    h('p', {}, error?.message ?? String(error)),
    techDetails(error));
}
