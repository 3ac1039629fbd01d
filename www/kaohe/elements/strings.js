// The custom elements' own words, in 简体中文 (default) and English, chosen by the element's
// `lang` attribute. Kept here so the package does not depend on the page's i18n.js; the page
// takes the exam words it shares with the elements from here, so both say the same.
export const STRINGS = {
  loading: ['正在加载…', 'Loading…'],
  question: ['第 {n} 题', 'Question {n}'],
  points: ['{n} 分', '{n} pt'],
  trueLabel: ['正确', 'True'],
  falseLabel: ['错误', 'False'],
  blank: ['第 {n} 空', 'Blank {n}'],
  numberAnswer: ['数值答案', 'Numeric answer'],
  moveUp: ['上移', 'Move up'],
  moveDown: ['下移', 'Move down'],
  choose: ['请选择', 'Choose'],
  yourAnswer: ['你的答案', 'Your answer'],
  submit: ['交卷', 'Submit'],
  answered: ['已答 {a} / {b}', '{a} of {b} answered'],
  saved: ['已保存', 'Saved'],
  timeLeft: ['剩余时间', 'Time left'],
  passed: ['合格', 'Passed'],
  failed: ['不合格', 'Not passed'],
  provisional: ['（含待批改题目，成绩为暂定）', '(provisional: some answers await grading)'],
  total: ['总分', 'Total'],
  percent: ['得分率', 'Percent'],
  passMark: ['合格线', 'Pass mark'],
  section: ['部分', 'Section'],
  score: ['得分', 'Score'],
  errorTitle: ['出错了', 'Something went wrong'],
  missingAttr: ['缺少属性 “{name}”', 'Missing attribute "{name}"'],
  radarUnavailable: ['此版本的 kaohe 模块尚不支持雷达图（radarSvg 不可用）。', 'Radar charts are not available in this build of the kaohe module (radarSvg is missing).'],
  radarEmpty: ['请设置 data 属性，或 model-src 与 evaluation-src 属性。', 'Set the data property, or the model-src and evaluation-src attributes.'],
  radarLabel: ['能力雷达图', 'Competency radar'],
};

/** `t(lang)` returns a lookup for that language: `tr('question', { n: 3 })`. */
export function translator(lang) {
  const index = String(lang ?? '').toLowerCase().startsWith('en') ? 1 : 0;
  return (key, params = {}) => {
    let text = STRINGS[key]?.[index] ?? key;
    for (const [name, value] of Object.entries(params)) text = text.replaceAll(`{${name}}`, String(value));
    return text;
  };
}

/** Picks the language from a `{ zh, en }` text produced by the module. */
export function pickIn(lang, text) {
  if (!text || typeof text !== 'object') return text ?? '';
  return String(lang ?? '').toLowerCase().startsWith('en') ? text.en : text.zh;
}
