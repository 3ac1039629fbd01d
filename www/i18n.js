// The page's own words in 简体中文 (default) and English. Content from banks, rubrics and
// names is shown as given; only this chrome is translated.

const STRINGS = {
  appTitle: ['考核 · 客服能力测评与发展', 'kaohe · customer-service assessment'],
  skip: ['跳到主要内容', 'Skip to main content'],
  navHome: ['首页', 'Home'],
  navExam: ['参加考试', 'Take an exam'],
  navDesk: ['工作台', 'Desk'],
  navTrainer: ['考试记录', 'Attempts'],
  navGroupExams: ['考试', 'Exams'],
  navGroupPeople: ['人员与能力', 'People & competency'],
  navGroupDevelop: ['培养与评估', 'Development'],
  navGroupData: ['数据', 'Data'],
  navRubric: ['实操评分', 'Practical scoring'],
  navTeam: ['能力看板', 'Competency dashboard'],
  navPlans: ['提升计划', 'Development plans'],
  navProgramme: ['培训效果', 'Training effect'],
  navQuarterly: ['季度报告', 'Quarterly report'],
  navAnalysis: ['试题分析', 'Item analysis'],
  navBackup: ['备份与恢复', 'Backup'],
  navImport: ['题库导入导出', 'Import banks'],
  navExport: ['结果导出', 'Export results'],
  navSealed: ['密封考试', 'Sealed exams'],
  navAdaptive: ['自适应考试', 'Adaptive exams'],
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
  menu: ['菜单', 'Menu'],
  offlineReady: ['已可离线使用', 'Ready to work offline'],
  homeIntro: ['在浏览器中完成理论考试、实操评分、能力评估与提升计划，数据仅保存在本机。',
    'Theory exams, practical scoring, competency evaluation and development plans in the browser; data stays on this device.'],
  candidateName: ['姓名', 'Name'],
  candidateId: ['工号', 'Employee ID'],
  chooseExam: ['选择考试', 'Choose an exam'],
  start: ['开始考试', 'Start the exam'],
  resume: ['继续考试', 'Resume'],
  unfinished: ['未完成的考试', 'Unfinished attempts'],
  factItems: ['题目数', 'Questions'],
  factTime: ['考试时长', 'Time allowed'],
  factMinutes: ['{n} 分钟', '{n} min'],
  factMinutesShort: ['（{n} 分钟）', ' ({n} min)'],
  factUntimed: ['不限时', 'Untimed'],
  factUnlimited: ['不限', 'Unlimited'],
  factAttemptsLeft: ['剩余次数', 'Attempts left'],
  rulesTitle: ['考试须知', 'Before you start'],
  ruleClock: ['点击“开始考试”后开始计时，时间到系统自动交卷。', 'The clock starts when you press “Start the exam”; when time is up the exam is submitted.'],
  ruleSaved: ['每题作答后自动保存，刷新页面或断网不会丢失答案。', 'Each answer is saved as you give it; a reload or a lost connection keeps it.'],
  ruleSheet: ['可用答题卡跳到任意题目，没把握的题可以先“标记”，交卷前再检查。', 'Use the answer sheet to jump between questions; flag the ones to check before submitting.'],
  ruleSections: ['分部分计时，进入下一部分后不能返回：{list}。', 'Sections are timed one after another and cannot be reopened: {list}.'],
  ruleMinimums: ['以下部分有最低得分要求：{list}。', 'These sections have a minimum score: {list}.'],
  rulePractice: ['练习模式：作答后立即显示答案和解析，显示后本题不能再修改。', 'Practice: the key and explanation show after each answer, and the answer is then final.'],
  ruleLeave: ['离开考试页面（切换标签页或窗口）会被记录，培训师可以看到次数。', 'Leaving the exam page (another tab or window) is recorded and shown to the trainer.'],
  ruleLeaveLimit: ['离开考试页面会被记录，离开满 {n} 次系统将自动交卷。', 'Leaving the exam page is recorded; after {n} times the exam is submitted automatically.'],
  attemptsUsed: ['你已参加本考试 {n} 次。', 'You have taken this exam {n} times.'],
  noAttemptsLeft: ['你的考试次数已用完，如需重考请联系培训师。', 'You have no attempts left; ask your trainer for a retake.'],
  clockStartsNote: ['点击后开始计时', 'the clock starts on click'],
  trainerDeskLink: ['培训师工作台 →', 'Trainer desk →'],
  required: ['必填', 'required'],
  timeLeft: ['剩余时间', 'Time left'],
  minutesLeft: ['剩余 {n} 分钟，请注意时间。', '{n} minutes left.'],
  timeUp: ['考试时间到，系统已自动交卷。', 'Time is up: the exam was submitted automatically.'],
  section: ['部分', 'Section'],
  question: ['第 {n} 题', 'Question {n}'],
  points: ['{n} 分', '{n} pt'],
  prevSection: ['上一部分', 'Previous section'],
  nextSection: ['下一部分', 'Next section'],
  submit: ['交卷', 'Submit'],
  confirmNext: ['进入下一部分后，本部分不能再返回修改。确认继续？', 'Once you move on, this section cannot be changed. Continue?'],
  sectionTimeLeft: ['本部分剩余时间', 'Time left in this section'],
  sectionTimeUp: ['本部分时间到，已自动进入下一部分。', 'Time is up for this section: you were moved to the next one.'],
  sectionOf: ['第 {a} / {b} 部分', 'Section {a} of {b}'],
  confirmSubmit: ['确认交卷？还有 {n} 题未作答。', 'Submit now? {n} questions are unanswered.'],
  confirm: ['确认', 'Confirm'],
  submitTitle: ['确认交卷', 'Submit the exam'],
  submitFinal: ['交卷后不能再修改答案。', 'Once submitted, answers cannot be changed.'],
  allAnswered: ['全部 {n} 题均已作答。', 'All {n} questions are answered.'],
  someOpen: ['已答 {a} / {b} 题，还有 {n} 题未作答：第 {list} 题。', '{a} of {b} answered; {n} still open: question {list}.'],
  flaggedList: ['你标记了 {n} 题待检查：第 {list} 题。', 'You flagged {n} for review: question {list}.'],
  answerSheet: ['答题卡', 'Answer sheet'],
  close: ['关闭', 'Close'],
  closeNotice: ['关闭提示', 'Dismiss notice'],
  sheetAnswered: ['已答', 'answered'],
  sheetUnanswered: ['未答', 'unanswered'],
  sheetFlagged: ['已标记', 'flagged'],
  flag: ['标记', 'Flag'],
  checkAnswer: ['核对答案', 'Check answer'],
  practiceLocked: ['答案已公布，本题不能再修改。', 'The key is shown: this answer can no longer be changed.'],
  dragToOrder: ['拖动调整顺序', 'Drag to reorder'],
  orderHint: ['按住 ⠿ 拖动，或用 ↑ ↓ 按钮调整顺序。', 'Drag by ⠿, or use the ↑ ↓ buttons.'],
  leftPage: ['已离开考试页面 {n} 次。', 'You have left the exam page {n} times.'],
  leavesLeft: ['你离开了考试页面，已记录。再离开 {n} 次将自动交卷。', 'You left the exam page; it is recorded. {n} more times and the exam is submitted.'],
  leaveRecorded: ['你离开了考试页面，已记录，培训师可以看到次数。', 'You left the exam page; it is recorded and the trainer sees the count.'],
  leaveLimitReached: ['已离开考试页面 {n} 次，达到本考试的上限，系统已自动交卷。', 'You left the exam page {n} times, the limit for this exam: it was submitted automatically.'],
  nowInSection: ['已进入第 {a} / {b} 部分：{title}', 'Now in section {a} of {b}: {title}'],
  cancel: ['取消', 'Cancel'],
  leavesShort: ['离开页面 {n} 次', 'left page {n}×'],
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
  bySection: ['各部分得分', 'By section'],
  belowMin: ['未达到本部分最低要求 {n}%', 'Below this section’s minimum of {n}%'],
  meetsMin: ['达到本部分最低要求 {n}%', 'Meets this section’s minimum of {n}%'],
  failedBySection: ['总分已达合格线，但有部分未达到最低要求。', 'The total reaches the pass mark, but a section is below its minimum.'],
  meterLabel: ['得分率 {p}%，合格线 {m}%', '{p}% scored; pass mark {m}%'],
  meterLabelMin: ['得分率 {p}%，最低要求 {m}%', '{p}% scored; minimum {m}%'],
  meterLabelNoMin: ['得分率 {p}%', '{p}% scored'],
  reviewTitle: ['逐题解析', 'Question review'],
  resultPending: ['已交卷。成绩将在培训师公布后显示。', 'Submitted. Results are shown once the trainer releases them.'],
  releaseScoreOnly: ['本考试只公布成绩，答案与解析不对考生开放。', 'This exam shows the score only; answers and explanations are not released.'],
  releaseSections: ['本考试公布成绩和各部分得分，答案与解析不对考生开放。', 'This exam shows the score and sections; answers and explanations are not released.'],
  status_correct: ['正确', 'correct'],
  status_partial: ['部分正确', 'partly correct'],
  status_wrong: ['错误', 'wrong'],
  status_unanswered: ['未作答', 'unanswered'],
  status_pending: ['待批改', 'awaiting grading'],
  backHome: ['返回首页', 'Back to home'],
  trainerTitle: ['考试记录', 'Attempts and results'],
  noAttempts: ['暂无考试记录。', 'No attempts yet.'],
  noAttemptsNext: ['请考生在首页参加考试，或先生成演示数据看看报表：', 'Have a candidate take an exam on the home page, or generate demo data to see the reports:'],
  demoLink: ['生成演示数据', 'Generate demo data'],
  figAttempts: ['考试记录', 'Attempts'],
  figSubmitted: ['已交卷', 'Submitted'],
  figPassRate: ['合格率', 'Pass rate'],
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

/** The label separator of the current language: "：" in Chinese, ": " in English. */
export function colon() {
  return locale === 'en' ? ': ' : '：';
}

/** `text` in brackets of the current language: （…） in Chinese, (…) in English. */
export function paren(text) {
  return locale === 'en' ? ` (${text})` : `（${text}）`;
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
