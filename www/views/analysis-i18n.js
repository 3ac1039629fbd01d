// The item-analysis view's own words (zh-CN default, en), kept here so the shared i18n.js table
// does not grow with every view.
import { uiLocale } from '../i18n.js';

const STRINGS = {
  title: ['试题分析', 'Item analysis'],
  intro: ['选择一场考试，统计已交卷的作答：每道题的通过率、区分度与干扰项，以及整卷的信度与分数分布。',
    'Pick an exam to analyse its submitted attempts: per question the facility, discrimination and distractors; for the exam its reliability and score distribution.'],
  exam: ['考试', 'Exam'],
  attempts: ['计入的作答', 'Attempts counted'],
  attemptsFirst: ['每位考生的首次作答', 'First attempt per candidate'],
  attemptsLast: ['每位考生的最后一次作答', 'Last attempt per candidate'],
  attemptsAll: ['全部作答', 'Every attempt'],
  missing: ['未作答的题目', 'Unanswered questions'],
  missingAuto: ['自动（抽题卷不计入，固定卷计为错误）', 'Automatic (left out when papers differ, wrong otherwise)'],
  missingWrong: ['计为错误', 'Count as wrong'],
  missingExclude: ['不计入该题统计', 'Leave out of that question'],
  demoTitle: ['演示数据', 'Demo data'],
  demoCount: ['考生人数', 'Candidates'],
  demoButton: ['生成演示数据', 'Generate demo data'],
  demoWorking: ['正在生成…', 'Generating…'],
  demoDone: ['已为“{exam}”生成 {n} 份已交卷的作答。', 'Stored {n} submitted attempts for "{exam}".'],
  demoHint: ['通过真实的组卷、评分与打包接口生成，并在一个事务中写入本机存储。',
    'Made through the real assembly, scoring and packing API and written to local storage in one transaction.'],
  noExams: ['还没有可分析的考试。', 'No exam to analyse yet.'],
  noAttempts: ['这场考试还没有已交卷的作答。可以先生成演示数据。', 'This exam has no submitted attempts yet. Generate demo data to try the view.'],
  summary: ['{a} 份作答，{c} 名考生，{k} 道题；计算用时 {ms} 毫秒。', '{a} attempts, {c} candidates, {k} questions; computed in {ms} ms.'],
  examStats: ['整卷统计', 'Exam statistics'],
  n: ['人数', 'Candidates'],
  maxTotal: ['满分', 'Maximum'],
  perPaper: ['（各试卷）', '(per paper)'],
  mean: ['平均分', 'Mean'],
  median: ['中位数', 'Median'],
  sd: ['标准差', 'Standard deviation'],
  skewness: ['偏度', 'Skewness'],
  kurtosis: ['峰度', 'Kurtosis'],
  alpha: ['Cronbach α（信度）', "Cronbach's alpha"],
  alphaDrawn: ['本考试随机抽题，每位考生的试卷不同：α 系数和测量标准误按全部题目计算，未抽到的题目按“未作答”的处理方式计入，因此会低估信度，仅供参考；比较信度请用固定试卷的考试。',
    "This exam draws its items, so candidates' papers differ: alpha and the SEM are computed over every item, with items not on a paper treated as the missing-answer setting says, so they understate reliability. Read them as a rough guide; compare reliability on fixed-paper exams."],
  sem: ['测量标准误', 'Standard error of measurement'],
  groupSize: ['高分组 / 低分组人数', 'Upper / lower group size'],
  histogram: ['分数分布', 'Score distribution'],
  histogramDesc: ['各得分率区间的人数：{bins}', 'Candidates per percent band: {bins}'],
  percentAxis: ['得分率（%）', 'Percent of maximum'],
  countAxis: ['人数', 'Candidates'],
  items: ['逐题统计', 'Questions'],
  itemsHint: ['点击列标题按钮排序；展开一行查看各选项的选择情况。', 'Sort with the column buttons; expand a row to see how each option was chosen.'],
  question: ['题目', 'Question'],
  responses: ['作答人数', 'Responses'],
  facility: ['通过率', 'Facility'],
  itemSd: ['标准差', 'SD'],
  discrimination: ['区分度', 'Discrimination'],
  upperLower: ['上下组指数', 'Upper–lower index'],
  efficiency: ['区分效率', 'Discriminative efficiency'],
  alphaIfDeleted: ['删除后 α', 'Alpha if deleted'],
  flags: ['提示', 'Flags'],
  sortedAsc: ['已按“{col}”升序排列', 'Sorted by {col}, ascending'],
  sortedDesc: ['已按“{col}”降序排列', 'Sorted by {col}, descending'],
  expand: ['选项分析：{id}', 'Options of {id}'],
  option: ['选项', 'Option'],
  optionText: ['内容', 'Text'],
  key: ['答案', 'Key'],
  chosen: ['选择人数', 'Chosen'],
  share: ['占比', 'Share'],
  upper: ['高分组', 'Upper group'],
  lower: ['低分组', 'Lower group'],
  meanRest: ['其余题平均分', 'Mean rest score'],
  correlation: ['与其余题得分相关', 'Correlation with rest'],
  noOptions: ['非选择题，没有选项分析。', 'Not a choice question: no option analysis.'],
  flagged: ['{n} 道题需要关注', '{n} questions to review'],
  noFlags: ['没有需要关注的题目。', 'No question needs review.'],
  exportCsv: ['导出 CSV', 'Export CSV'],
  print: ['打印', 'Print'],
  trueText: ['正确', 'True'],
  falseText: ['错误', 'False'],
  yes: ['是', 'yes'],
  reason_noCandidates: ['无作答', 'no attempts'],
  reason_tooFewCandidates: ['人数过少', 'too few candidates'],
  reason_noResponses: ['无人作答', 'nobody answered'],
  reason_zeroVariance: ['分数无差异', 'scores do not vary'],
  reason_tooFewItems: ['题目过少', 'too few questions'],
  reason_notFinite: ['无法计算', 'not computable'],
  undefined: ['无定义：{reason}', 'undefined: {reason}'],
};

/** The view's string for `key`, `{name}` placeholders filled in. */
export function tr(key, params = {}) {
  const pair = STRINGS[key];
  let text = pair ? pair[uiLocale() === 'en' ? 1 : 0] : key;
  for (const [name, value] of Object.entries(params)) text = text.replaceAll(`{${name}}`, String(value));
  return text;
}

/** A statistic `{ value, reason }` as text: the number, or "—" with the reason. */
export function stat(s, digits = 2) {
  if (s && typeof s.value === 'number') return s.value.toFixed(digits);
  return `— (${tr(`reason_${s?.reason ?? 'notFinite'}`)})`;
}
