// The page's own words in 简体中文 (default) and English. Content from banks, rubrics and
// names is shown as given; only this chrome is translated.

const STRINGS = {
  appTitle: ['考核 · 客服能力测评与发展', 'kaohe · customer-service assessment'],
  skip: ['跳到主要内容', 'Skip to main content'],
  navHome: ['首页', 'Home'],
  navExam: ['参加考试', 'Take an exam'],
  navTrainer: ['培训师', 'Trainer'],
  navRubric: ['实操评分', 'Practical scoring'],
  navTeam: ['能力看板', 'Competency dashboard'],
  navPlans: ['提升计划', 'Development plans'],
  navAnalysis: ['试题分析', 'Item analysis'],
  navBackup: ['备份与恢复', 'Backup'],
  navImport: ['题库导入导出', 'Import banks'],
  navExport: ['结果导出', 'Export results'],
  navSealed: ['密封考试', 'Sealed exams'],
  navPeople: ['人员名册', 'People'],
  navDimensions: ['能力维度', 'Dimensions'],
  navExams: ['组卷与考试', 'Exams'],
  navData: ['数据管理', 'Data'],
  demoWorkspace: ['演示数据', 'Demo data'],
  demoWorkspaceNote: ['：当前为演示工作区，这里的记录与正式数据分开保存，可一键删除。', ': this is the demo workspace; its records are kept apart from the real ones and can be removed in one click.'],
  memoryOnly: ['本次作答只保存在内存中：关闭或刷新页面前请先交卷。', 'Answers are kept in memory only: submit before closing or reloading the page.'],
  language: ['语言', 'Language'],
  switchTo: ['English', '中文'],
  loading: ['正在加载…', 'Loading…'],
  offlineReady: ['已可离线使用', 'Ready to work offline'],
  homeIntro: ['在浏览器中完成理论考试、实操评分、能力评估与提升计划，数据仅保存在本机。',
    'Theory exams, practical scoring, competency evaluation and development plans in the browser; data stays on this device.'],
  candidateName: ['姓名', 'Name'],
  candidateId: ['工号', 'Employee ID'],
  chooseExam: ['选择考试', 'Choose an exam'],
  start: ['开始考试', 'Start the exam'],
  resume: ['继续考试', 'Resume'],
  unfinished: ['未完成的考试', 'Unfinished attempts'],
  required: ['必填', 'required'],
  timeLeft: ['剩余时间', 'Time left'],
  minutesLeft: ['剩余 {n} 分钟', '{n} minutes left'],
  timeUp: ['时间到，已自动交卷', 'Time is up: the exam was submitted'],
  section: ['部分', 'Section'],
  question: ['第 {n} 题', 'Question {n}'],
  points: ['{n} 分', '{n} pt'],
  prevSection: ['上一部分', 'Previous section'],
  nextSection: ['下一部分', 'Next section'],
  submit: ['交卷', 'Submit'],
  confirmNext: ['进入下一部分后，本部分不能再返回修改。确认继续？', 'Once you move on, this section cannot be changed. Continue?'],
  sectionTimeLeft: ['本部分剩余时间', 'Time left in this section'],
  sectionTimeUp: ['本部分时间到，已进入下一部分', 'Time is up for this section: moved to the next one'],
  sectionOf: ['第 {a} / {b} 部分', 'Section {a} of {b}'],
  confirmSubmit: ['确认交卷？还有 {n} 题未作答。', 'Submit now? {n} questions are unanswered.'],
  confirm: ['确认', 'Confirm'],
  cancel: ['取消', 'Cancel'],
  saved: ['已保存', 'Saved'],
  answered: ['已答 {a} / {b}', '{a} of {b} answered'],
  trueLabel: ['正确', 'True'],
  falseLabel: ['错误', 'False'],
  blank: ['第 {n} 空', 'Blank {n}'],
  numberAnswer: ['数值答案', 'Numeric answer'],
  order: ['顺序', 'Order'],
  moveUp: ['上移', 'Move up'],
  moveDown: ['下移', 'Move down'],
  choose: ['请选择', 'Choose'],
  yourAnswer: ['你的答案', 'Your answer'],
  correctAnswer: ['参考答案', 'Correct answer'],
  explanation: ['解析', 'Explanation'],
  resultTitle: ['考试结果', 'Result'],
  passed: ['合格', 'Passed'],
  failed: ['不合格', 'Not passed'],
  provisional: ['（含待批改题目，成绩为暂定）', '(provisional: some answers await grading)'],
  total: ['总分', 'Total'],
  percent: ['得分率', 'Percent'],
  passMark: ['合格线', 'Pass mark'],
  minPercent: ['最低要求', 'Minimum'],
  timeUsed: ['用时', 'Time used'],
  status_correct: ['正确', 'correct'],
  status_partial: ['部分正确', 'partly correct'],
  status_wrong: ['错误', 'wrong'],
  status_unanswered: ['未作答', 'unanswered'],
  status_pending: ['待批改', 'awaiting grading'],
  backHome: ['返回首页', 'Back to home'],
  trainerTitle: ['考试记录', 'Attempts and results'],
  noAttempts: ['暂无考试记录。', 'No attempts yet.'],
  candidate: ['考生', 'Candidate'],
  exam: ['考试', 'Exam'],
  started: ['开始时间', 'Started'],
  submittedAt: ['交卷时间', 'Submitted'],
  score: ['得分', 'Score'],
  state: ['状态', 'Status'],
  inProgress: ['进行中', 'in progress'],
  submitted: ['已交卷', 'submitted'],
  gradingQueue: ['待批改简答题', 'Short answers to grade'],
  noPending: ['没有待批改的题目。', 'Nothing to grade.'],
  provisionalScore: ['系统暂评 {n} 分（关键词：{k}）', 'Provisional {n} (keywords: {k})'],
  grade: ['评分', 'Points'],
  comment: ['评语', 'Comment'],
  saveGrade: ['确认评分', 'Save grade'],
  graded: ['已评分并重新计算成绩', 'Graded and re-scored'],
  practice: ['练习（即时反馈）', 'Practice (immediate feedback)'],
  errorTitle: ['出错了', 'Something went wrong'],
  reload: ['重新加载', 'Reload'],
  exportCsv: ['导出 CSV', 'Export CSV'],
};

let locale = 'zh-CN';

export function setUiLocale(next) {
  locale = next === 'en' ? 'en' : 'zh-CN';
  document.documentElement.lang = locale;
}

export function uiLocale() {
  return locale;
}

/** The string for `key` in the current language, with `{name}` placeholders filled in. */
export function t(key, params = {}) {
  const pair = STRINGS[key];
  let text = pair ? pair[locale === 'en' ? 1 : 0] : key;
  for (const [name, value] of Object.entries(params)) text = text.replaceAll(`{${name}}`, String(value));
  return text;
}

/** Picks the current language from a `{ zh, en }` text produced by the module. */
export function pick(text) {
  if (!text || typeof text !== 'object') return text ?? '';
  return locale === 'en' ? text.en : text.zh;
}

/** Formats seconds as m:ss or h:mm:ss. */
export function clock(totalSeconds) {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

export function formatTime(ms) {
  if (!ms) return '—';
  return new Date(ms).toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
}
