// #/programme: training programmes (培训项目) and their Kirkpatrick report computed from what is
// stored: L1 from the reaction survey taken on the page (#/survey/<programmeId>), L2 from the
// programme's exam results, L3 from the behaviour indicators of role plays after training, L4
// from the KPIs before and after. Each figure shows its target, whether it is met and the
// records it came from; the report prints on A4 and exports CSV (the core's formula-safe writer).
import { programmeReport, programmeCsv, validateRubric, scoreScorecard } from '../kaohe/index.js';
import { h, replace, download, announce } from '../dom.js';
import { uiLocale } from '../i18n.js';
import { toScorecard } from './rubric/common.js';
import { activeModel, kpiNameList } from '../team-data.js';

const S = {
  title: ['培训项目与培训效果（柯氏四级）', 'Training programmes and their effect (Kirkpatrick)'],
  intro: ['为一次培训建立项目：学员、起止日期、所属考试和要改善的 KPI。学员在本页填写反应层问卷；四级结果全部由已保存的记录计算。',
    'Set up a programme: the people, its dates, its exams and the KPIs it should move. Trainees answer the reaction survey on this page; all four levels are computed from stored records.'],
  newProgramme: ['新建培训项目', 'New programme'],
  name: ['项目名称', 'Name'], start: ['开始日期', 'Start'], end: ['结束日期', 'End'],
  people: ['学员', 'People enrolled'], exams: ['所属考试', 'Its exams'], kpis: ['要改善的 KPI', 'KPIs to move'],
  anonymous: ['匿名问卷', 'Anonymous survey'], save: ['保存项目', 'Save programme'],
  none: ['还没有培训项目。', 'No programme yet.'],
  survey: ['填写反应层问卷', 'Answer the reaction survey'], responses: ['已收问卷 {n} 份', '{n} survey responses'],
  level: ['层级', 'Level'], value: ['结果', 'Result'], target: ['目标', 'Target'], met: ['是否达成', 'Met'],
  sources: ['来源记录', 'Source records'], yes: ['达成', 'Met'], no: ['未达成', 'Not met'], noData: ['无数据', 'No data'],
  print: ['打印（A4）', 'Print (A4)'], csv: ['导出 CSV', 'Export CSV'],
  needName: ['请填写项目名称、起止日期并至少选择一名学员。', 'Give a name and dates, and choose at least one person.'],
  noPeople: ['人员名册中还没有人员：请先在“人员名册”中添加或导入学员。', 'The roster is empty: add or import people on the People page first.'],
  saved: ['已保存培训项目“{n}”。', 'Saved the programme “{n}”.'],
  failed: ['培训效果无法计算', 'The report could not be computed'],
  enrolled: ['学员 {n} 人', '{n} enrolled'], anon: ['匿名', 'anonymous'],
  allTeams: ['全部班组', 'All teams'], findPerson: ['按姓名或工号查找', 'Find by name or ID'],
  chooseShown: ['全选下列人员', 'Choose everyone listed'], clearPeople: ['清除选择', 'Clear'],
  chosenCount: ['已选 {n} 人', '{n} chosen'], teamFilter: ['班组', 'Team'],
};
const s = (key, params = {}) => S[key][uiLocale() === 'en' ? 1 : 0].replace(/\{(\w+)\}/g, (_, k) => String(params[k] ?? ''));

/** The reaction survey every programme starts with: five rating-scale and two free-text questions. */
export const DEFAULT_QUESTIONS = [
  { id: 'q1', kind: 'likert', text: { zh: '培训内容对我的工作有用', en: 'The content is useful for my work' } },
  { id: 'q2', kind: 'likert', text: { zh: '讲师讲解清楚', en: 'The trainer explained clearly' } },
  { id: 'q3', kind: 'likert', text: { zh: '案例贴近真实来电', en: 'The cases are close to real calls' } },
  { id: 'q4', kind: 'likert', text: { zh: '练习时间充足', en: 'There was enough practice time' } },
  { id: 'q5', kind: 'likert', text: { zh: '总体满意度', en: 'Overall satisfaction' } },
  { id: 'q6', kind: 'text', text: { zh: '收获最大的内容', en: 'What helped most' } },
  { id: 'q7', kind: 'text', text: { zh: '改进建议', en: 'Suggestions' } },
];

const day = (ms) => new Date(ms).toISOString().slice(0, 10);
const fmt = (x, pct) => (x === null || x === undefined ? '—' : pct ? `${Math.round(x * 1000) / 10}%` : `${Math.round(x * 100) / 100}`);

/** Everything a programme's report reads, gathered from the stores. */
export async function programmeRecords(store, programme) {
  const [responses, results, scorecards, rubrics, evidence] = await Promise.all([
    store.getAll('surveyResponses'), store.getAll('results'), store.getAll('scorecards'),
    store.getAll('rubrics'), store.getAll('evidence'),
  ]);
  const byRubric = new Map();
  for (const raw of rubrics) { try { const r = validateRubric(raw); byRubric.set(r.id, r); } catch { /* skipped */ } }
  const rolePlays = [];
  for (const card of scorecards) {
    const rubric = byRubric.get(card.rubricId);
    if (!card.complete || !rubric || !card.candidateId) continue;
    try {
      const result = scoreScorecard({ rubric, scorecard: toScorecard(card) });
      // A behaviour indicator (criterion) counts as observed when it is scored above 0.
      const rated = result.criteria.filter((c) => !c.notApplicable && c.value !== null);
      rolePlays.push({ id: card.id, personId: card.candidateId, rubricId: card.rubricId, date: day(card.updatedAt ?? Date.now()),
        observed: rated.filter((c) => c.value > 0).length, expected: rated.length });
    } catch { /* an unreadable scorecard is no evidence */ }
  }
  return {
    responses: responses.filter((r) => r.programmeId === programme.id).map(({ id, personId, answers }) => ({ id, personId: personId ?? null, answers })),
    exams: results.filter((r) => r.result && r.candidate?.id && typeof r.result.percent === 'number')
      .map((r) => ({ id: r.attemptId, personId: r.candidate.id, examId: r.blueprintId, date: day(r.submittedAt ?? Date.now()), percent: r.result.percent })),
    rolePlays,
    kpis: evidence.filter((r) => r.kind === 'kpi').map(({ id, ...record }) => record),
  };
}

/** KPI names by id (the module's one list, with the model's own KPIs), set by `render`. */
let kpiNamesById = {};
const kpiName = (id) => kpiNamesById[id] ?? id;

/**
 * The records behind a level, in words: the people (by name) and, for each, what counted (an
 * exam's percentage, a KPI's month). The core names records by their ids (an attempt id, a
 * person:month key), which mean nothing to a trainer reading the report.
 */
function sourceText(level, ids, records, names) {
  const who = (personId) => (personId ? names.get(personId) ?? personId : s('anon'));
  const byPerson = new Map();
  const add = (personId, detail) => {
    const key = who(personId);
    if (!byPerson.has(key)) byPerson.set(key, []);
    if (detail) byPerson.get(key).push(detail);
  };
  for (const id of ids) {
    if (level === 0) add(records.responses.find((r) => r.id === id)?.personId);
    else if (level === 1) {
      const exam = records.exams.find((e) => e.id === id);
      add(exam?.personId, exam ? `${Math.round(exam.percent * 10) / 10}%` : '');
    } else if (level === 2) add(records.rolePlays.find((r) => r.id === id)?.personId);
    else {
      // `person:source` or `person:date`; the month or day at its end says which record.
      const cut = id.indexOf(':');
      const when = id.match(/(\d{4}-\d{2}(?:-\d{2})?)$/)?.[1];
      add(cut > 0 ? id.slice(0, cut) : null, when ?? '');
    }
  }
  return [...byPerson].map(([name, details]) => (details.length ? `${name}（${details.join('、')}）` : name)).join('、');
}

function reportSection(programme, computed, records, names) {
  const levelNames = [['反应层', 'Reaction'], ['学习层', 'Learning'], ['行为层', 'Behaviour'], ['结果层', 'Results']];
  const pct = [false, true, true, true];
  const rows = computed.report.levels.map((level, i) => h('tr', { dataset: { level: i + 1, value: level.value ?? '' } },
    h('th', { scope: 'row' }, `L${i + 1} ${levelNames[i][uiLocale() === 'en' ? 1 : 0]}`),
    h('td', { class: 'num' }, fmt(level.value, pct[i])),
    h('td', { class: 'num' }, fmt(level.target, pct[i])),
    h('td', {}, level.met === null ? s('noData') : h('span', { class: `pill ${level.met ? 'good' : 'bad'}` }, level.met ? s('yes') : s('no'))),
    h('td', { class: 'sources' }, sourceText(i, computed.sources[i] ?? [], records, names) || '—',
      level.kpis?.length ? h('ul', {}, level.kpis.map((k) => h('li', {}, `${kpiName(k.kpiId)}：${fmt(k.before)} → ${fmt(k.after)}（${fmt(k.change, true)}）`))) : null)));
  return h('div', { class: 'kirkpatrick-report' },
    h('table', { class: 'data', id: `report-${programme.id}` },
      h('thead', {}, h('tr', {}, ['level', 'value', 'target', 'met', 'sources'].map((k) => h('th', { scope: 'col' }, s(k))))),
      h('tbody', {}, rows)),
    h('div', { class: 'row no-print' },
      h('button', { type: 'button', onclick: () => window.print() }, s('print')),
      h('button', { type: 'button', class: 'programme-csv',
        onclick: () => download(`${programme.name}-kirkpatrick.csv`, programmeCsv({ report: computed, name: programme.name }), 'text/csv') }, s('csv'))));
}

export async function render(main, { store, rerender }) {
  const [programmes, people, results, responses, exams, evidence, model] = await Promise.all([
    store.getAll('programmes'), store.getAll('people'), store.getAll('results'), store.getAll('surveyResponses'),
    store.getAll('exams'), store.getAll('evidence'), activeModel(store),
  ]);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const kpiList = kpiNameList(model);
  kpiNamesById = Object.fromEntries(kpiList);
  // The KPIs a programme can show a change in are those with stored records; all of the
  // model's when none is stored yet (the file may come after the programme is set up).
  const measured = new Set(evidence.filter((r) => r.kind === 'kpi').map((r) => r.key));
  const kpiChoices = measured.size ? kpiList.filter(([id]) => measured.has(id)) : kpiList;
  // Every exam set up, and any other exam with stored results, named by its title (results refer
  // to an exam by its blueprint id, which is the exam's id).
  const titles = new Map(exams.map((e) => [e.id, e.title]));
  for (const r of results) if (r.blueprintId && !titles.has(r.blueprintId)) titles.set(r.blueprintId, r.examTitle ?? r.result?.title ?? r.blueprintId);
  const problem = h('div', { id: 'programme-problem' });
  const name = h('input', { type: 'text', id: 'programme-name', autocomplete: 'off' });
  const start = h('input', { id: 'programme-start', type: 'date' });
  const end = h('input', { id: 'programme-end', type: 'date' });
  const anonymous = h('input', { id: 'programme-anonymous', type: 'checkbox' });
  const checks = (cls, items) => h('div', { class: `checks ${cls}` }, items.map(([value, label]) =>
    h('label', {}, h('input', { type: 'checkbox', value }), ` ${label}`)));
  // People by team, with a finder: a real centre's roster is hundreds of names, and a programme
  // usually enrols one team or a few people from several. Those who have left are not offered.
  const current = people.filter((p) => p.active !== false);
  const peopleBox = checks('programme-people', current.map((p) => [p.id, `${p.name}（${p.id}）`]));
  const labels = [...peopleBox.querySelectorAll('label')];
  const chosenCount = h('span', { class: 'muted', id: 'programme-people-count', 'aria-live': 'polite' });
  const countChosen = () => { chosenCount.textContent = s('chosenCount', { n: peopleBox.querySelectorAll('input:checked').length }); };
  peopleBox.addEventListener('change', countChosen);
  const teams = [...new Set(current.map((p) => p.team).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const teamPick = h('select', { id: 'programme-team', 'aria-label': s('teamFilter') },
    h('option', { value: '' }, s('allTeams')), teams.map((t) => h('option', { value: t }, t)));
  const finder = h('input', { type: 'search', id: 'programme-find', autocomplete: 'off', placeholder: s('findPerson'), 'aria-label': s('findPerson') });
  const listed = () => labels.filter((l) => !l.hidden);
  const filterPeople = () => {
    const text = finder.value.trim().toLowerCase();
    current.forEach((p, i) => {
      labels[i].hidden = (teamPick.value && p.team !== teamPick.value)
        || (text && !`${p.name} ${p.id}`.toLowerCase().includes(text));
    });
  };
  teamPick.addEventListener('change', filterPeople);
  finder.addEventListener('input', filterPeople);
  const setChecked = (ls, on) => { for (const l of ls) l.querySelector('input').checked = on; countChosen(); };
  const peopleTools = h('div', { class: 'row programme-people-tools' }, teamPick, finder,
    h('button', { type: 'button', id: 'programme-choose-shown', onclick: () => setChecked(listed(), true) }, s('chooseShown')),
    h('button', { type: 'button', id: 'programme-clear-people', onclick: () => setChecked(labels, false) }, s('clearPeople')),
    chosenCount);
  countChosen();
  const examBox = checks('programme-exams', [...titles].map(([id, title]) => [id, title]));
  const kpiBox = checks('programme-kpis', kpiChoices);
  const chosen = (box) => [...box.querySelectorAll('input:checked')].map((i) => i.value);
  const form = h('form', { class: 'card no-print', id: 'programme-form', onsubmit: async (e) => {
    e.preventDefault();
    const record = {
      schemaVersion: 1, id: `programme-${Date.now().toString(36)}`, name: name.value.trim(), people: chosen(peopleBox),
      startDate: start.value, endDate: end.value, exams: chosen(examBox), rubrics: [], kpis: chosen(kpiBox), targets: {},
    };
    if (!record.name || !record.startDate || !record.endDate || record.people.length === 0) {
      replace(problem, h('p', { class: 'error-box', role: 'alert' }, s('needName')));
      return;
    }
    record.surveyId = `survey-${record.id}`;
    const survey = { id: record.surveyId, programmeId: record.id, anonymous: anonymous.checked, questions: DEFAULT_QUESTIONS };
    await store.transaction(['programmes', 'surveys'], 'readwrite', async (t) => {
      t.programmes.put(record);
      t.surveys.put(survey);
    });
    announce(s('saved', { n: record.name }));
    await rerender();
  } },
  h('h3', {}, s('newProgramme')),
  h('div', { class: 'row' },
    h('div', {}, h('label', { for: 'programme-name' }, s('name')), name),
    h('div', {}, h('label', { for: 'programme-start' }, s('start')), start),
    h('div', {}, h('label', { for: 'programme-end' }, s('end')), end)),
  h('fieldset', {}, h('legend', {}, s('people')), current.length ? [peopleTools, peopleBox] : h('p', { class: 'muted' }, h('a', { href: '#/people' }, s('noPeople')))),
  h('fieldset', {}, h('legend', {}, s('exams')), examBox),
  h('fieldset', {}, h('legend', {}, s('kpis')), kpiBox),
  h('label', {}, anonymous, ` ${s('anonymous')}`),
  h('button', { type: 'submit', id: 'programme-save' }, s('save')), problem);

  const cards = [];
  for (const programme of programmes) {
    let body;
    try {
      const records = await programmeRecords(store, programme);
      const computed = programmeReport({ programme, records });
      body = reportSection(programme, computed, records, names);
    } catch (error) {
      body = h('div', { class: 'error-box', role: 'alert' }, h('strong', {}, s('failed')), h('p', {}, error.message));
    }
    const n = responses.filter((r) => r.programmeId === programme.id).length;
    cards.push(h('section', { class: 'card programme', dataset: { programmeId: programme.id } },
      h('h3', {}, `${programme.name}（${programme.startDate} — ${programme.endDate}）`),
      h('p', { class: 'muted' }, `${s('enrolled', { n: programme.people.length })} · ${s('responses', { n })} · `,
        h('a', { href: `#/survey/${encodeURIComponent(programme.id)}`, class: 'survey-link no-print' }, s('survey'))),
      body));
  }
  replace(main, h('h2', {}, s('title')), h('p', { class: 'muted' }, s('intro')),
    cards.length ? cards : h('p', {}, s('none')), form);
}

