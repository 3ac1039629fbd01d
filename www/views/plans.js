// #/plans/<personId>: development plans (个人业务能力提升计划). Generate a plan from the person's
// evaluation, show it in the printable 个人业务能力提升计划表 layout, edit goals and measures,
// export CSV / .ics / JSON, record check-ins; team sessions and a pointer to the Kirkpatrick
// report of the training programmes.
import {
  generatePlan, generatePlans, planEvaluation, nextCyclePlan, editGoal, recordCheckIn, validatePlan, planCsv, planIcs, planJson,
} from '../kaohe/index.js';
import { h, replace, download, announce, techDetails } from '../dom.js';
import { pick, uiLocale } from '../i18n.js';
import { installTeamSample, loadTeamData, latestDate, evaluateTeam } from '../team-data.js';
import { selection } from './team.js';

const S = {
  title: ['提升计划', 'Development plans'],
  sheet: ['个人业务能力提升计划表', 'Individual development plan'],
  person: ['人员', 'Person'],
  start: ['计划开始日期', 'Plan start date'],
  generate: ['生成计划', 'Generate a plan'],
  generated: ['计划已生成并保存', 'The plan was generated and saved'],
  nextCycle: ['进入下一周期', 'Start the next cycle'],
  nextCycleHint: ['按最新评估生成下一周期的计划，从上一周期结束后的周一开始；上一周期未达成的目标列入提示。',
    'Generates the next cycle from the latest evaluation, starting the Monday after the current cycle ends; goals the current cycle did not meet are listed in its notes.'],
  nextCycleMade: ['第 {n} 周期计划已生成并保存', 'The plan for cycle {n} was generated and saved'],
  cycleN: ['第 {n} 周期', 'cycle {n}'],
  none: ['尚未为此人生成计划。', 'No plan for this person yet.'],
  basic: ['基本信息', 'Basic information'],
  name: ['姓名', 'Name'], id: ['工号', 'Employee id'], role: ['岗位', 'Role'], group: ['组别', 'Group'],
  hireDate: ['入职日期', 'Hire date'], evalDate: ['评估日期', 'Evaluation date'], period: ['计划周期', 'Plan period'],
  summary: ['计划概要', 'Summary'],
  focus: ['提升维度与目标', 'Focus dimensions and goals'],
  dimension: ['维度', 'Dimension'], current: ['当前水平（自评 / 主管评 / 综合）', 'Current level (self / supervisor / overall)'],
  smart: ['SMART 目标', 'SMART goal'], measures: ['提升措施', 'Measures'], resources: ['资源', 'Resources'],
  owner: ['负责人', 'Owner'], deadline: ['截止日期', 'Deadline'], reason: ['原因', 'Why'],
  phases: ['阶段安排', 'Phases'], phase: ['阶段', 'Phase'], weeks: ['周次', 'Weeks'], dates: ['日期', 'Dates'],
  activities: ['内容', 'Activities'], outputs: ['产出', 'Outputs'],
  checkpoints: ['检查点', 'Checkpoints'],
  warnings: ['提示', 'Notes'],
  edit: ['调整目标与措施', 'Edit goals and measures'],
  goalTarget: ['目标值：{g}', 'Target: {g}'], goalDeadline: ['截止日期：{g}', 'Deadline: {g}'],
  measureText: ['措施：{m}', 'Measure: {m}'],
  saveEdits: ['保存修改', 'Save changes'], saved: ['已保存', 'Saved'],
  print: ['打印', 'Print'], exportCsv: ['导出 CSV', 'Export CSV'], exportIcs: ['导出日历 (.ics)', 'Export calendar (.ics)'], exportJson: ['导出 JSON', 'Export JSON'],
  checkIn: ['记录周例会（签到）', 'Record a check-in'], checkDate: ['日期', 'Date'], value: ['{g} 当前值', '{g}: current value'],
  comment: ['主管点评', 'Comment'], record: ['记录', 'Record'], recorded: ['签到已记录', 'Check-in recorded'],
  progress: ['达成情况', 'Attainment'], attainment: ['达成度', 'Attainment'], status: ['状态', 'Status'],
  onTrack: ['正常', 'On track'], atRisk: ['有风险', 'At risk'], behind: ['落后', 'Behind'],
  goal: ['目标', 'Goal'], baseline: ['基线', 'Baseline'], target: ['目标值', 'Target'], now: ['当前', 'Current'],
  history: ['签到记录', 'Check-ins'],
  sessions: ['团队共性短板 → 集体培训', 'Team weaknesses → group sessions'],
  participants: ['参加人员', 'Participants'], suggested: ['建议日期', 'Suggested dates'],
  noSessions: ['没有 3 人以上共有的提升维度。', 'No focus dimension is shared by 3 or more people.'],
  kirkpatrick: ['培训效果评估（柯氏四级）', 'Training effectiveness (Kirkpatrick)'],
  kirkpatrickNone: ['还没有培训项目。为一次集体培训建立项目后，反应、学习、行为和结果四级都由已保存的问卷、考试、实操评分和 KPI 计算。', 'No training programme yet. Set one up for a team session and its reaction, learning, behaviour and results figures come from the stored surveys, exams, scorecards and KPIs.'],
  kirkpatrickSome: ['已有 {n} 个培训项目，四级结果由已保存的记录计算。', '{n} training programmes, each reported from the stored records.'],
  kirkpatrickGo: ['前往“培训效果”', 'Open Training effectiveness'],
  level: ['层级', 'Level'], met: ['达标', 'Met'], yes: ['是', 'Yes'], no: ['否', 'No'],
  failed: ['操作未完成（未保存任何内容）', 'The action did not complete (nothing was saved)'],
};
const s = (key, params = {}) => {
  let text = S[key][uiLocale() === 'en' ? 1 : 0];
  for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
};
const OWNERS = { employee: ['员工', 'Employee'], mentor: ['导师', 'Mentor'], supervisor: ['主管', 'Supervisor'], hr: ['HR', 'HR'] };
const owner = (o) => (OWNERS[o] ? OWNERS[o][uiLocale() === 'en' ? 1 : 0] : o);
const fmt = (x, digits = 1) => (x === null || x === undefined ? '—' : Number(x).toFixed(digits));
// Shares arrive exact from the core and are rounded once, here, to one decimal as the core's
// sentences print them (15 of 19 → 78.9%).
const pct = (x) => (x === null || x === undefined ? '—' : `${Math.round(x * 1000) / 10}%`);

function errorBox(error) {
  return h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, s('failed')),
    h('p', {}, error?.message ?? String(error)),
    techDetails(error));
}

/** The Monday on or after `date` (YYYY-MM-DD), a natural plan start. */
function nextMonday(date) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7 || 7));
  return d.toISOString().slice(0, 10);
}

function planSheet(plan, person, roleName) {
  const measuresOf = (dim) => plan.measures.filter((m) => m.measure.dimensionId === dim);
  const goalsOf = (dim) => plan.goals.filter((g) => g.dimensionId === dim);
  return h('article', { class: 'card plan-sheet', id: 'plan-sheet', 'aria-labelledby': 'plan-title' },
    h('h2', { id: 'plan-title' }, s('sheet')),
    h('h3', {}, s('basic')),
    h('table', { class: 'basic' }, h('tbody', {},
      h('tr', {}, h('th', { scope: 'row' }, s('name')), h('td', {}, plan.name), h('th', { scope: 'row' }, s('id')), h('td', {}, plan.personId)),
      h('tr', {}, h('th', { scope: 'row' }, s('role')), h('td', {}, roleName || plan.role), h('th', { scope: 'row' }, s('group')), h('td', {}, plan.group ?? '—')),
      h('tr', {}, h('th', { scope: 'row' }, s('hireDate')), h('td', {}, person?.hireDate ?? '—'), h('th', { scope: 'row' }, s('evalDate')), h('td', {}, plan.evaluationDate)),
      h('tr', {}, h('th', { scope: 'row' }, s('period')), h('td', { colspan: '3', id: 'plan-period' }, `${plan.startDate} — ${plan.endDate}（${s('cycleN', { n: plan.cycle })}）`)))),
    h('p', { id: 'plan-summary' }, pick(plan.summary)),
    plan.warnings.length ? h('div', {}, h('h3', {}, s('warnings')), h('ul', {}, plan.warnings.map((w) => h('li', { class: 'warn' }, pick(w.message))))) : null,
    h('h3', {}, s('focus')),
    h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': s('focus') }, h('table', { id: 'focus-table' },
      h('thead', {}, h('tr', {}, ['dimension', 'current', 'smart', 'measures', 'resources', 'owner', 'deadline'].map((k) => h('th', { scope: 'col' }, s(k))))),
      h('tbody', {}, plan.focus.map((f) => {
        const measures = measuresOf(f.dimensionId);
        return h('tr', {},
          h('th', { scope: 'row' }, pick(f.name), h('div', { class: 'muted small' }, pick(f.reason))),
          h('td', {}, `${fmt(f.selfRating, 0)} / ${fmt(f.supervisorRating, 0)} / ${fmt(f.level, 2)}`),
          h('td', {}, h('ul', {}, goalsOf(f.dimensionId).map((g) => h('li', { dataset: { goal: g.id } }, pick(g.text))))),
          h('td', {}, h('ul', {}, measures.map((m) => h('li', {}, pick(m.measure.action))))),
          h('td', {}, [...new Set(measures.flatMap((m) => m.measure.resources.map(pick)))].join('、')),
          h('td', {}, [...new Set(measures.map((m) => owner(m.measure.owner)))].join('、')),
          h('td', {}, goalsOf(f.dimensionId).map((g) => g.deadline).sort().at(-1) ?? '—'));
      })))),
    h('h3', {}, s('phases')),
    h('table', { id: 'phase-table' },
      h('thead', {}, h('tr', {}, ['phase', 'weeks', 'dates', 'owner', 'activities', 'outputs'].map((k) => h('th', { scope: 'col' }, s(k))))),
      h('tbody', {}, plan.phases.map((p) => h('tr', {},
        h('th', { scope: 'row' }, pick(p.name)),
        h('td', {}, p.firstWeek === p.lastWeek ? `${p.firstWeek}` : `${p.firstWeek}–${p.lastWeek}`),
        h('td', {}, `${p.startDate} — ${p.endDate}`),
        h('td', {}, p.owners.map(owner).join('、')),
        h('td', {}, pick(p.activities)),
        h('td', {}, p.outputs.map(pick).join('、')))))),
    h('h3', {}, s('checkpoints')),
    h('ul', { class: 'columns' }, plan.checkpoints.map((c) => h('li', {}, `${c.date} · ${pick(c.title)}`))));
}

function progressPanel(plan) {
  const status = (st) => s(st === 'onTrack' ? 'onTrack' : st === 'atRisk' ? 'atRisk' : 'behind');
  return h('section', { class: 'card', 'aria-labelledby': 'progress-title', id: 'progress' },
    h('h2', { id: 'progress-title' }, s('progress')),
    h('p', { id: 'overall' }, `${s('attainment')}：${pct(plan.progress.overallAttainment)} · ${s('status')}：${status(plan.progress.status)}`),
    h('table', {}, h('thead', {}, h('tr', {}, ['goal', 'baseline', 'target', 'now', 'attainment', 'status'].map((k) => h('th', { scope: 'col' }, s(k))))),
      h('tbody', {}, plan.goals.map((g) => h('tr', {}, h('td', {}, pick(g.text)), h('td', { class: 'num' }, String(g.baseline)),
        h('td', { class: 'num' }, String(g.target)), h('td', { class: 'num' }, String(g.current)),
        h('td', { class: 'num' }, pct(g.attainment)), h('td', {}, status(g.status)))))),
    plan.checkIns.length ? h('div', {}, h('h3', {}, s('history')),
      h('ul', {}, plan.checkIns.map((c) => h('li', {}, `${c.date}：${c.comment || '—'}`)))) : null);
}

function editForm(plan, save, problem) {
  const goalInputs = plan.goals.map((g, i) => ({
    goal: g,
    target: h('input', { type: 'number', id: `goal-target-${i}`, step: 'any', value: String(g.target) }),
    deadline: h('input', { type: 'date', id: `goal-deadline-${i}`, value: g.deadline }),
  }));
  const measureInputs = plan.measures.map((m, i) => ({
    index: i,
    input: h('input', { type: 'text', id: `measure-${i}`, value: pick(m.measure.action) }),
  }));
  return h('form', {
    class: 'card no-print', 'aria-labelledby': 'edit-title', id: 'edit-form',
    onsubmit: async (event) => {
      event.preventDefault();
      replace(problem);
      try {
        let next = plan;
        for (const { goal, target, deadline } of goalInputs) {
          const edit = { goalId: goal.id };
          if (Number(target.value) !== goal.target) edit.target = Number(target.value);
          if (deadline.value && deadline.value !== goal.deadline) edit.deadline = deadline.value;
          if (edit.target !== undefined || edit.deadline) next = editGoal({ plan: next, edit });
        }
        next = structuredClone(next);
        const lang = uiLocale() === 'en' ? 'en' : 'zh';
        for (const { index, input } of measureInputs) {
          const text = input.value.trim();
          if (text) next.measures[index].measure.action[lang] = text;
        }
        await save(validatePlan(next), s('saved'));
      } catch (error) {
        replace(problem, errorBox(error));
      }
    },
  }, h('h2', { id: 'edit-title' }, s('edit')),
  goalInputs.map(({ goal, target, deadline }, i) => h('div', { class: 'row' },
    h('div', {}, h('label', { for: `goal-target-${i}` }, s('goalTarget', { g: pick(goal.metric.name) })), target),
    h('div', {}, h('label', { for: `goal-deadline-${i}` }, s('goalDeadline', { g: pick(goal.metric.name) })), deadline))),
  measureInputs.map(({ index, input }) => h('div', {},
    h('label', { for: `measure-${index}` }, s('measureText', { m: pick(plan.measures[index].measure.action) })), input)),
  h('p', {}, h('button', { type: 'submit', class: 'primary', id: 'save-edits' }, s('saveEdits'))));
}

function checkInForm(plan, store, save, problem) {
  const today = new Date().toISOString().slice(0, 10);
  const date = h('input', { type: 'date', id: 'checkin-date', value: today < plan.startDate ? plan.startDate : today, required: true });
  const values = plan.goals.map((g, i) => ({ goal: g, input: h('input', { type: 'number', id: `checkin-${i}`, step: 'any', value: String(g.current) }) }));
  const comment = h('textarea', { id: 'checkin-comment' });
  return h('form', {
    class: 'card no-print', 'aria-labelledby': 'checkin-title', id: 'checkin-form',
    onsubmit: async (event) => {
      event.preventDefault();
      replace(problem);
      try {
        const checkIn = {
          date: date.value,
          progress: values.filter(({ goal, input }) => input.value !== '' && Number(input.value) !== goal.current)
            .map(({ goal, input }) => ({ goalId: goal.id, value: Number(input.value), evidence: '' })),
          comment: comment.value,
        };
        const next = recordCheckIn({ plan, checkIn });
        await save(next, s('recorded'), { id: `${plan.planId}|${checkIn.date}|${Date.now()}`, planId: plan.planId, personId: plan.personId, ...checkIn });
      } catch (error) {
        replace(problem, errorBox(error));
      }
    },
  }, h('h2', { id: 'checkin-title' }, s('checkIn')),
  h('label', { for: 'checkin-date' }, s('checkDate')), date,
  values.map(({ goal, input }, i) => h('div', {}, h('label', { for: `checkin-${i}` }, s('value', { g: pick(goal.text) })), input)),
  h('label', { for: 'checkin-comment' }, s('comment')), comment,
  h('p', {}, h('button', { type: 'submit', class: 'primary', id: 'record-checkin' }, s('record'))));
}

function sessionsPanel(sessions) {
  return h('section', { class: 'card', 'aria-labelledby': 'sessions-title', id: 'sessions' },
    h('h2', { id: 'sessions-title' }, s('sessions')),
    sessions.length === 0 ? h('p', {}, s('noSessions')) : h('table', {},
      h('thead', {}, h('tr', {}, ['dimension', 'participants', 'suggested', 'owner'].map((k) => h('th', { scope: 'col' }, s(k))))),
      h('tbody', {}, sessions.map((x) => h('tr', {},
        h('th', { scope: 'row' }, pick(x.topic), h('div', { class: 'muted small' }, pick(x.finding))),
        h('td', {}, x.participants.map((p) => p.name).join('、')),
        h('td', {}, x.suggestedDates.join('、')),
        h('td', {}, owner(x.owner)))))));
}

/**
 * Where training effectiveness lives now: the Kirkpatrick report is computed per training
 * programme from the stored records on #/programme, so the plan page points there (with how many
 * programmes exist) instead of showing a sample file.
 */
async function kirkpatrickPanel(store) {
  const programmes = await store.getAll('programmes').catch(() => []);
  return h('section', { class: 'card', 'aria-labelledby': 'kp-title', id: 'kirkpatrick' },
    h('h2', { id: 'kp-title' }, s('kirkpatrick')),
    h('p', {}, programmes.length ? s('kirkpatrickSome', { n: programmes.length }) : s('kirkpatrickNone'), ' ',
      h('a', { href: '#/programme', id: 'kirkpatrick-link' }, s('kirkpatrickGo'))));
}

export async function render(main, context, personParam = '') {
  const { store } = context;
  await installTeamSample(store);
  const data = await loadTeamData(store);
  if (!data.model || data.people.length === 0) { replace(main, h('h2', {}, s('title')), h('p', {}, s('none'))); return; }
  if (!selection.date) selection.date = latestDate(data.evidence);
  const personId = personParam || selection.personId || data.people[0].id;
  selection.personId = personId;
  const { team } = evaluateTeam(data, selection.date);
  let sessions = [];
  try {
    const cohort = generatePlans(team, { startDate: nextMonday(selection.date) });
    try { sessions = cohort.sessions({ minPeople: 3, sessionsPerTopic: 2 }); } finally { cohort.free(); }
    const person = data.people.find((p) => p.id === personId);
    // Read now: the team is freed when this render ends, before any click.
    // As a plan reads it: KPI sources carry the model's definitions, so goals on a KPI the
    // trainer's model adds are set in its unit and direction.
    const evaluation = planEvaluation({ model: data.model, evaluation: team.person(personId) });
    const plans = (await store.getAll('plans')).filter((p) => p.personId === personId)
      .sort((a, b) => (a.savedAt ?? 0) - (b.savedAt ?? 0));
    let plan = plans.at(-1)?.plan ?? null;

    const problem = h('div', { id: 'plan-problem' });
    const save = async (next, message, checkin) => {
      await store.transaction(checkin ? ['plans', 'checkins'] : ['plans'], 'readwrite', async (st) => {
        st.plans.put({ id: next.planId, personId: next.personId, savedAt: Date.now(), plan: next });
        if (checkin) st.checkins.put(checkin);
      });
      announce(message);
      await render(main, context, personId);
    };
    const choose = h('select', { id: 'plan-person', onchange: () => context.navigate(`#/plans/${encodeURIComponent(choose.value)}`) },
      data.people.map((p) => h('option', { value: p.id, selected: p.id === personId }, `${p.name}（${p.id}）`)));
    const start = h('input', { type: 'date', id: 'plan-start', value: plan?.startDate ?? nextMonday(selection.date) });
    const generate = h('button', { type: 'button', class: 'primary', id: 'generate-plan', onclick: async () => {
      replace(problem);
      try {
        const made = generatePlan({ schemaVersion: 1, evaluation, startDate: start.value });
        await save(made, s('generated'));
      } catch (error) {
        replace(problem, errorBox(error));
      }
    } }, s('generate'));
    // The next cycle starts the Monday after this one ends, from the evaluation on screen.
    const nextCycle = plan ? h('button', { type: 'button', id: 'next-cycle', 'aria-describedby': 'next-cycle-hint', onclick: async () => {
      replace(problem);
      try {
        const made = nextCyclePlan({ previous: plan, request: { schemaVersion: 1, evaluation, startDate: nextMonday(plan.endDate) } });
        await save(made, s('nextCycleMade', { n: made.cycle }));
      } catch (error) {
        replace(problem, errorBox(error));
      }
    } }, s('nextCycle')) : null;
    const stamp = () => `${new Date().toISOString().slice(0, 19)}Z`;
    const exports = plan ? h('div', { class: 'row no-print' },
      h('button', { type: 'button', id: 'print-plan', onclick: () => window.print() }, s('print')),
      h('button', { type: 'button', id: 'export-csv', onclick: () => download(`${plan.planId}.csv`, planCsv({ plan, locale: uiLocale() }), 'text/csv;charset=utf-8') }, s('exportCsv')),
      h('button', { type: 'button', id: 'export-ics', onclick: () => download(`${plan.planId}.ics`, planIcs({ plan, dtstamp: stamp(), locale: uiLocale() }), 'text/calendar;charset=utf-8') }, s('exportIcs')),
      h('button', { type: 'button', id: 'export-json', onclick: () => download(`${plan.planId}.json`, planJson(plan), 'application/json') }, s('exportJson'))) : null;
    replace(main,
      h('h2', { class: 'no-print' }, s('title')),
      h('div', { class: 'row no-print' },
        h('div', {}, h('label', { for: 'plan-person' }, s('person')), choose),
        h('div', {}, h('label', { for: 'plan-start' }, s('start')), start),
        h('div', {}, generate),
        nextCycle ? h('div', {}, nextCycle) : null),
      nextCycle ? h('p', { id: 'next-cycle-hint', class: 'muted small no-print' }, s('nextCycleHint')) : null,
      problem,
      plan ? [exports, planSheet(plan, person, pick(data.model.roles.find((r) => r.id === plan.role)?.name)), progressPanel(plan), editForm(plan, save, problem), checkInForm(plan, store, save, problem)]
        : h('p', { id: 'no-plan' }, s('none')),
      h('div', { class: 'no-print' }, sessionsPanel(sessions), await kirkpatrickPanel(store)));
  } finally {
    team.free();
  }
}
