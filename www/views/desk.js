// #/desk: the trainer's home. It answers "what do I do next?": short answers waiting to be
// graded, the latest formal exam's pass rate, candidates who left the exam page often, raters
// whose scores drift from the panel, plan goals due this week; each with a count and a link.
// Everything is read from what is stored on this device; nothing here writes.
// It imports nothing but what app.js has loaded already (the raters' line loads the trainer's
// module itself): on a phone's network each import is a round trip before the desk can draw.
import { h, replace } from '../dom.js';
import { uiLocale } from '../i18n.js';
import { leaveCount, readInChunks } from '../data.js';

const S = {
  title: ['培训师工作台', 'Trainer desk'],
  intro: ['需要你处理的事项和最近的考核情况，点击任一项查看详情。', 'What needs doing and how recent assessments went; open any line for the detail.'],
  grade: ['份简答待批改', 'Short answers to grade'],
  gradeWhy: ['批改后成绩自动重新计算', 'Results are re-scored as you grade'],
  gradeNone: ['没有待批改的简答', 'Nothing to grade'],
  passRate: ['通过率', 'Pass rate'],
  passWhy: ['{exam}：{n} 人交卷，{p} 人合格', '{exam}: {n} submitted, {p} passed'],
  running: ['场考试正在进行', 'Exams in progress'],
  runningWhy: ['考生尚未交卷', 'Not yet submitted'],
  leaves: ['份作答离开页面 3 次以上', 'Attempts that left the page 3+ times'],
  leavesWhy: ['在考试记录中查看每份作答的离开次数', 'see each attempt’s count in the records'],
  raters: ['名评分员偏差较大', 'Raters drifting from the panel'],
  ratersWhy: ['总分与评分小组平均相差 5 分以上，建议校准', 'totals 5+ points from the panel mean: calibrate'],
  ratersNone: ['评分员之间一致', 'Raters agree'],
  plans: ['份提升计划本周到期', 'Plans with a goal due this week'],
  plansWhy: ['7 天内有目标到期，请安排复盘', 'a goal is due within 7 days: plan the review'],
  behind: ['份提升计划进度落后', 'Plans behind schedule'],
  behindWhy: ['有目标的完成度明显落后于时间进度，建议安排辅导', 'A goal trails its schedule: plan some coaching'],
  emptyTitle: ['从这里开始', 'Start here'],
  emptyText: ['本机还没有考试记录。按这个顺序开始：', 'No attempts on this device yet. Start in this order:'],
  emptyRoster: ['导入或添加人员名册（工号、班组、岗位）', 'import or add your roster (employee ids, teams, roles)'],
  emptyImport: ['导入你们的题库（Excel 或 CSV）', 'import your own item bank (Excel or CSV)'],
  emptySetup: ['组卷并发布考试：题量、时限、及格线、考后可见内容', 'set up and publish an exam: items, time, pass mark, what candidates see afterwards'],
  emptyExam: ['请考生在首页参加考试', 'have candidates take it on the home page'],
  emptyDemo: ['想先看看报表？在单独的演示工作区生成演示数据（不影响正式记录）', 'Want to see the reports first? Generate demo data in a separate demo workspace (the real records are untouched)'],
  shortcuts: ['常用操作', 'Shortcuts'],
  records: ['全部考试记录', 'All attempts'],
  exams: ['组卷与考试', 'Exams'],
  people: ['人员名册', 'Roster'],
  analysis: ['试题分析', 'Item analysis'],
  scoring: ['实操评分', 'Practical scoring'],
  team: ['能力看板', 'Competency dashboard'],
  backup: ['备份数据', 'Back up'],
};
const s = (key, params = {}) => {
  let text = S[key][uiLocale() === 'en' ? 1 : 0];
  for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
};

const DAY = 86400000;

function todo({ count, what, why, href, tone, id }) {
  return h('li', { class: tone, id, dataset: { count: String(count) } },
    h('a', { href }, h('span', { class: 'count' }, count), h('span', { class: 'what' }, what), h('span', { class: 'why' }, why)));
}

/** Raters whose mean total is 5 points or more from the panel's, from the stored scorecards. */
async function driftingRaters(store, trainerModule) {
  try {
    // The route is lazy (www/app.js): the lite module may still be loading.
    const { calibrateRaters } = await trainerModule();
    const { loadRubric, completeScorecards } = await import('./rubric/common.js');
    const { ratingSet } = await import('./calibration.js');
    const rubric = await loadRubric(store);
    const cards = await completeScorecards(store, rubric);
    const set = ratingSet(rubric, cards);
    if (set.scorecards.length < 2) return null;
    const report = calibrateRaters({ rubric, ratingSet: set });
    return report.overall.bias.filter((b) => b.vsPanel != null && Math.abs(b.vsPanel) >= 5).length;
  } catch {
    return null;
  }
}

export async function render(main, { store, trainerModule }) {
  const attempts = await readInChunks(store, 'attempts');
  const results = await readInChunks(store, 'results');
  const [plans, practiceMeta] = await Promise.all([store.getAll('plans'), store.getAll('meta')]);
  const practice = new Set(practiceMeta.filter((m) => m.practice).map((m) => m.key.replace(/^exam:/, '')));

  const pending = results.reduce((n, r) => n + (r.result?.items ?? []).filter((i) => i.status === 'pending').length, 0);
  const running = attempts.filter((a) => a.status === 'inProgress').length;
  const left = attempts.filter((a) => leaveCount(a) >= 3).length;

  // The formal exam most recently submitted, and its pass rate.
  const formal = results.filter((r) => !practice.has(r.blueprintId)).sort((a, b) => (b.submittedAt ?? 0) - (a.submittedAt ?? 0));
  let pass = null;
  if (formal.length) {
    const blueprintId = formal[0].blueprintId;
    const same = formal.filter((r) => r.blueprintId === blueprintId);
    const passed = same.filter((r) => r.result?.passed).length;
    const title = attempts.find((a) => a.blueprintId === blueprintId)?.examTitle ?? '';
    pass = { rate: Math.round((passed / same.length) * 100), n: same.length, passed, title };
  }

  const today = Date.now();
  const due = plans.filter((p) => (p.plan?.goals ?? []).some((g) => {
    const at = Date.parse(g.deadline);
    return Number.isFinite(at) && at >= today - DAY && at <= today + 7 * DAY && g.status !== 'achieved';
  })).length;
  const behind = plans.filter((p) => (p.plan?.goals ?? []).some((g) => g.status === 'behind')).length;
  // The raters' line needs the stored scorecards and a calibration: drawn when ready, so the
  // rest of the desk shows at once (on a phone's network that is seconds sooner).
  const drift = driftingRaters(store, trainerModule);

  const lines = [
    todo({ id: 'todo-grade', count: pending, what: pending ? s('grade') : s('gradeNone'), why: s('gradeWhy'), href: '#/trainer/queue', tone: pending ? 'attention' : 'done' }),
    pass ? todo({ id: 'todo-pass', count: `${pass.rate}%`, what: s('passRate'), why: s('passWhy', { exam: pass.title, n: pass.n, p: pass.passed }), href: '#/trainer', tone: '' }) : null,
    running ? todo({ id: 'todo-running', count: running, what: s('running'), why: s('runningWhy'), href: '#/trainer/running', tone: '' }) : null,
    left ? todo({ id: 'todo-leaves', count: left, what: s('leaves'), why: s('leavesWhy'), href: '#/trainer/leaves', tone: 'attention' }) : null,
    h('li', { id: 'todo-raters-slot', hidden: true }),
    due ? todo({ id: 'todo-plans', count: due, what: s('plans'), why: s('plansWhy'), href: '#/plans', tone: 'attention' }) : null,
    behind ? todo({ id: 'todo-behind', count: behind, what: s('behind'), why: s('behindWhy'), href: '#/plans', tone: 'attention' }) : null,
  ];

  const empty = attempts.length === 0 ? h('section', { class: 'card', id: 'desk-empty', 'aria-labelledby': 'desk-empty-title' },
    h('h3', { id: 'desk-empty-title' }, s('emptyTitle')),
    h('p', {}, s('emptyText')),
    h('ol', {},
      h('li', {}, h('a', { href: '#/people' }, s('emptyRoster'))),
      h('li', {}, h('a', { href: '#/import' }, s('emptyImport'))),
      h('li', {}, h('a', { href: '#/exams' }, s('emptySetup'))),
      h('li', {}, h('a', { href: '#/home' }, s('emptyExam')))),
    h('p', {}, h('a', { href: '#/data', id: 'desk-demo' }, s('emptyDemo')))) : null;

  replace(main,
    h('div', { class: 'page-head' }, h('h2', { id: 'desk-title' }, s('title'))),
    h('p', { class: 'muted' }, s('intro')),
    empty,
    h('ul', { class: 'todo', id: 'desk-todo', 'aria-labelledby': 'desk-title' }, lines),
    h('h3', {}, s('shortcuts')),
    h('p', { class: 'row' },
      h('a', { class: 'button', href: '#/trainer' }, s('records')),
      h('a', { class: 'button', href: '#/exams' }, s('exams')),
      h('a', { class: 'button', href: '#/people' }, s('people')),
      h('a', { class: 'button', href: '#/analysis' }, s('analysis')),
      h('a', { class: 'button', href: '#/rubric' }, s('scoring')),
      h('a', { class: 'button', href: '#/team' }, s('team')),
      h('a', { class: 'button', href: '#/backup' }, s('backup'))));
  const count = await drift;
  const slot = main.querySelector('#todo-raters-slot');
  if (count !== null && slot) {
    slot.replaceWith(todo({ id: 'todo-raters', count, what: count ? s('raters') : s('ratersNone'), why: s('ratersWhy'), href: '#/calibration', tone: count ? 'attention' : 'done' }));
  }
}
