// 人员名册 (#/people): the one list of people every record refers to by 工号. Search, filters,
// sorting and paging; add, edit, deactivate and delete (saying what stays); import from .xlsx or
// CSV through the interop module, with a preview and problems by cell before anything is stored.
import { rosterProblems } from '../kaohe/lite.js';
import { parseFile } from '../import-job.js';
import { h, replace, download, announce } from '../dom.js';
import { pick } from '../i18n.js';
import { strings, errorBox, confirmInline, listView, field } from './cycle-common.js';
import { activeModel, modelRoles, roleName } from '../model-data.js';

const s = strings({
  title: ['人员名册', 'People'],
  intro: ['考试、实操评分、评价、KPI 和提升计划都按工号对应到这里的人员。', 'Exams, practical scores, ratings, KPIs and plans all refer to the people here by employee id.'],
  count: ['共 {n} 人，在职 {a} 人', '{n} people, {a} active'],
  id: ['工号', 'Employee id'], name: ['姓名', 'Name'], role: ['岗位', 'Role'], group: ['业务线', 'Line'],
  team: ['班组', 'Team'], hireDate: ['入职日期', 'Hire date'], supervisor: ['直属主管', 'Supervisor'],
  mentor: ['师傅', 'Mentor'], status: ['状态', 'Status'], active: ['在职', 'Active'], inactive: ['已停用', 'Inactive'],
  actions: ['操作', 'Actions'], edit: ['编辑', 'Edit'], deactivate: ['停用', 'Deactivate'], activate: ['恢复', 'Reactivate'],
  remove: ['删除', 'Delete'], add: ['添加人员', 'Add a person'], save: ['保存', 'Save'], editing: ['编辑 {n}', 'Edit {n}'],
  saved: ['已保存 {n}（{id}）', 'Saved {n} ({id})'], none: ['（无）', '(none)'],
  duplicate: ['工号“{id}”已存在：每个工号只能对应一个人', 'Employee id “{id}” already exists: one id per person'],
  required: ['请填写“{f}”', 'Please fill in “{f}”'],
  importTitle: ['导入人员名册（.xlsx 或 .csv）', 'Import a roster (.xlsx or .csv)'],
  importHint: ['第一行（或前 10 行中的一行）为表头：工号、姓名、岗位、业务线、班组、入职日期、直属主管、师傅、状态；其他列会作为附加信息保留。', 'A header row (within the first ten) naming 工号, 姓名, 岗位, 业务线, 班组, 入职日期, 直属主管, 师傅, 状态; other columns are kept as extra fields.'],
  file: ['名册文件', 'Roster file'], check: ['检查文件', 'Check the file'], template: ['下载 CSV 模板', 'Download a CSV template'],
  noFile: ['请先选择文件。', 'Choose a file first.'],
  problems: ['发现 {n} 处问题，尚未导入任何人员。', '{n} problems found; nobody has been imported.'],
  where: ['位置', 'Where'], what: ['问题', 'Problem'],
  preview: ['预览：{n} 人，其中 {u} 人将更新已有记录。确认后才会保存。', 'Preview: {n} people, {u} of them update existing records. Nothing is saved until you confirm.'],
  confirmImport: ['确认导入 {n} 人', 'Import {n} people'],
  imported: ['已导入 {n} 人。', 'Imported {n} people.'],
  skip: ['跳过有问题的行，导入其余人员', 'Skip the rows with problems and import the others'],
  cancelForm: ['取消', 'Cancel'],
  empty: ['名册还是空的：先导入名册文件（下方），或逐个添加人员。', 'The roster is empty: import a roster file (below) or add people one by one.'],
  removeTitle: ['删除 {n}（{id}）？', 'Delete {n} ({id})?'],
  removeGoes: ['名册中的这条人员记录', 'this person’s roster record'],
  removeStays: ['其 {a} 份考试作答、{p} 份提升计划、{e} 条能力证据保留，显示为“未匹配”的工号；需要时可重新添加同一工号。', 'Their {a} attempts, {p} plans and {e} evidence records stay, shown under an unmatched employee id; adding the same id again joins them.'],
  removeHint: ['只想让此人不再参加考试时，请用“停用”：记录和历史都保留。', 'To stop someone taking exams, deactivate instead: the record and history stay.'],
  removed: ['已删除 {n}。', 'Deleted {n}.'],
  deactivated: ['已停用 {n}：不能再参加考试，历史记录保留。', 'Deactivated {n}: no more exams; history stays.'],
  activated: ['已恢复 {n}。', 'Reactivated {n}.'],
});

/** The person a form holds: trimmed text, empty optional fields left out. */
function personFrom(form, previous = {}) {
  const v = (name) => form.querySelector(`#person-${name}`).value.trim();
  const person = { ...previous, id: v('id'), name: v('name'), role: v('role'), group: v('group') };
  for (const [key, value] of [['team', v('team')], ['hireDate', v('hireDate')], ['supervisorId', v('supervisorId')], ['mentorId', v('mentorId')]]) {
    if (value) person[key] = value; else delete person[key];
  }
  if (person.active === undefined) person.active = true;
  person.fields = person.fields ?? {};
  return person;
}

function personForm({ people, roles, person, onSave, onCancel }) {
  const input = (name, value = '', attrs = {}) => h('input', { type: 'text', value, autocomplete: 'off', ...attrs });
  const options = (list, selected) => [h('option', { value: '' }, s('none')),
    list.map((p) => h('option', { value: p.id, selected: p.id === selected }, `${p.name}（${p.id}）`))];
  const others = people.filter((p) => p.id !== person?.id);
  const problem = h('div', { id: 'person-problem' });
  const form = h('form', {
    class: 'card', id: 'person-form',
    onsubmit: async (event) => {
      event.preventDefault();
      const next = personFrom(form, person ?? {});
      for (const [key, label] of [['id', s('id')], ['name', s('name')]]) {
        if (!next[key]) { replace(problem, errorBox({ message: s('required', { f: label }) })); form.querySelector(`#person-${key}`).focus(); return; }
      }
      if (!person && people.some((p) => p.id === next.id)) { replace(problem, errorBox({ message: s('duplicate', { id: next.id }), code: 'DUPLICATE_ID', path: 'id' })); return; }
      // The whole roster with this change, checked by the module (references, duplicates).
      const all = [...people.filter((p) => p.id !== next.id), next];
      const problems = rosterProblems(all.map(({ id, name, role, group, hireDate, fields, team, supervisorId, mentorId, active }) => ({ id, name, role, group, hireDate, fields, team, supervisorId, mentorId, active })));
      if (problems.length) { replace(problem, errorBox({ message: pick(problems[0].message), code: problems[0].code, path: problems[0].path })); return; }
      await onSave(next);
    },
  },
  h('h3', {}, person ? s('editing', { n: person.name }) : s('add')),
  h('div', { class: 'row' },
    field('person-id', s('id'), input('id', person?.id ?? '', { readOnly: Boolean(person), required: true })),
    field('person-name', s('name'), input('name', person?.name ?? '', { required: true })),
    field('person-role', s('role'), h('select', {}, roles.map((r) => h('option', { value: r.id, selected: r.id === (person?.role ?? 'frontline') }, r.name)))),
    field('person-group', s('group'), input('group', person?.group ?? '')),
    field('person-team', s('team'), input('team', person?.team ?? '')),
    field('person-hireDate', s('hireDate'), h('input', { type: 'date', value: person?.hireDate ?? '' })),
    field('person-supervisorId', s('supervisor'), h('select', {}, options(others, person?.supervisorId))),
    field('person-mentorId', s('mentor'), h('select', {}, options(others, person?.mentorId)))),
  problem,
  h('p', { class: 'row' }, h('button', { type: 'submit', class: 'primary', id: 'person-save' }, s('save')),
    onCancel ? h('button', { type: 'button', onclick: onCancel }, s('cancelForm')) : null));
  return form;
}

async function importPanel(store, people, roles, rerender) {
  const fileInput = h('input', { type: 'file', id: 'roster-file', accept: '.xlsx,.csv' });
  const report = h('div', { id: 'roster-report', 'aria-live': 'polite' });
  async function check(acceptPartial) {
    const file = fileInput.files?.[0];
    if (!file) { replace(report, h('p', { class: 'bad', role: 'alert' }, s('noFile'))); return; }
    try {
      const format = file.name.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
      const out = await parseFile('importRoster', new Uint8Array(await file.arrayBuffer()), { format, roles, acceptPartial, existingIds: people.map((p) => p.id) }, { slot: report });
      const table = out.problems.length === 0 ? null : h('table', { id: 'roster-problems' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, s('where')), h('th', { scope: 'col' }, s('what')))),
        h('tbody', {}, out.problems.map((p) => h('tr', {}, h('td', { class: 'where' }, p.path || '—'), h('td', {}, pick(p.message))))));
      if (!out.people) {
        replace(report, h('p', { class: 'bad', role: 'alert', id: 'roster-summary' }, s('problems', { n: out.problems.length })), table,
          h('p', {}, h('button', { type: 'button', id: 'roster-skip', onclick: () => check(true) }, s('skip'))));
        return;
      }
      const confirm = h('button', { type: 'button', class: 'primary', id: 'roster-confirm', onclick: async () => {
        const byId = new Map(people.map((p) => [p.id, p]));
        await store.transaction('people', 'readwrite', async (st) => {
          for (const person of out.people) st.people.put({ ...(byId.get(person.id) ?? {}), ...person });
        });
        announce(s('imported', { n: out.count }));
        await rerender(s('imported', { n: out.count }));
      } }, s('confirmImport', { n: out.count }));
      replace(report, h('p', { class: 'good', id: 'roster-summary', role: 'status' }, s('preview', { n: out.count, u: out.updated.length })), table,
        h('div', { class: 'table-wrap' }, h('table', { id: 'roster-preview' },
          h('thead', {}, h('tr', {}, [s('id'), s('name'), s('role'), s('group'), s('team'), s('hireDate'), s('supervisor'), s('mentor'), s('status')].map((l) => h('th', { scope: 'col' }, l)))),
          h('tbody', {}, out.people.slice(0, 50).map((p) => h('tr', {}, h('td', {}, p.id), h('td', {}, p.name), h('td', {}, roles.find((r) => r.id === p.role)?.name ?? p.role),
            h('td', {}, p.group), h('td', {}, p.team ?? ''), h('td', {}, p.hireDate ?? ''), h('td', {}, p.supervisorId ?? ''), h('td', {}, p.mentorId ?? ''),
            h('td', {}, p.active === false ? s('inactive') : s('active'))))))),
        h('p', {}, confirm));
    } catch (error) {
      replace(report, errorBox(error));
    }
  }
  const template = () => download('人员名册模板.csv', '\uFEFF工号,姓名,岗位,业务线,班组,入职日期,直属主管,师傅,状态\r\nE1001,李娜,一线客服,售后,售后一组,2024-03-11,E1007,E1003,在职\r\n', 'text/csv;charset=utf-8');
  return h('section', { class: 'card', 'aria-labelledby': 'roster-import-title' },
    h('h3', { id: 'roster-import-title' }, s('importTitle')),
    h('p', { class: 'muted small' }, s('importHint')),
    h('div', { class: 'field' }, h('label', { for: 'roster-file' }, s('file')), fileInput),
    h('p', { class: 'row' }, h('button', { type: 'button', class: 'primary', id: 'roster-check', onclick: () => check(false) }, s('check')),
      h('button', { type: 'button', onclick: template }, s('template'))),
    report);
}

export async function render(main, context, personId) {
  const { store } = context;
  const [people, attempts, plans, evidence, model, roles] = await Promise.all([
    store.getAll('people'), store.getAll('attempts'), store.getAll('plans'), store.getAll('evidence'), activeModel(store), modelRoles(store),
  ]);
  const status = h('p', { role: 'status', id: 'people-status' });
  const formSlot = h('div', { id: 'person-form-slot' });
  const confirmSlot = h('div', { id: 'people-confirm' });
  const rerender = async (message) => { await render(main, context); if (message) document.getElementById('people-status').textContent = message; };

  const save = async (person) => {
    await store.put('people', person);
    await rerender(s('saved', { n: person.name, id: person.id }));
  };
  const showForm = (person) => {
    replace(formSlot, personForm({ people, roles, person, onSave: save, onCancel: () => replace(formSlot) }));
    formSlot.querySelector('input:not([readonly]), select')?.focus();
  };
  const setActive = async (person, active) => {
    await store.put('people', { ...person, active });
    await rerender(s(active ? 'activated' : 'deactivated', { n: person.name }));
  };
  const remove = async (person) => {
    const a = attempts.filter((x) => x.candidate?.id === person.id).length;
    const p = plans.filter((x) => x.personId === person.id).length;
    const e = evidence.filter((x) => x.personId === person.id).length;
    const ok = await confirmInline(confirmSlot, { title: s('removeTitle', { n: person.name, id: person.id }), goes: [s('removeGoes')], stays: [s('removeStays', { a, p, e }), s('removeHint')], confirmLabel: s('remove') });
    if (!ok) return;
    await store.delete('people', person.id);
    await rerender(s('removed', { n: person.name }));
  };

  const names = new Map(people.map((p) => [p.id, p.name]));
  const who = (id) => (id ? `${names.get(id) ?? '?'}（${id}）` : '');
  const distinct = (key) => [...new Set(people.map((p) => p[key]).filter(Boolean))].sort().map((v) => [v, v]);
  const list = listView({
    id: 'people-table', caption: s('title'), rows: people, pageSize: 25,
    search: (p) => `${p.id} ${p.name}`,
    initialSort: { col: 0, dir: 1 },
    rowAttrs: (p) => ({ dataset: { personId: p.id, active: String(p.active !== false) } }),
    filters: [
      { id: 'team', label: s('team'), options: distinct('team'), test: (p, v) => p.team === v },
      { id: 'group', label: s('group'), options: distinct('group'), test: (p, v) => p.group === v },
      { id: 'role', label: s('role'), options: roles.map((r) => [r.id, r.name]), test: (p, v) => p.role === v },
      { id: 'active', label: s('status'), options: [['yes', s('active')], ['no', s('inactive')]], test: (p, v) => (p.active !== false) === (v === 'yes') },
    ],
    columns: [
      { label: s('id'), value: (p) => p.id, cell: (p) => p.id },
      { label: s('name'), value: (p) => p.name, cell: (p) => p.name },
      { label: s('role'), value: (p) => p.role, cell: (p) => roles.find((r) => r.id === p.role)?.name ?? roleName(model, p.role) },
      { label: s('group'), value: (p) => p.group ?? '', cell: (p) => p.group ?? '' },
      { label: s('team'), value: (p) => p.team ?? '', cell: (p) => p.team ?? '' },
      { label: s('hireDate'), value: (p) => p.hireDate ?? '', cell: (p) => p.hireDate ?? '' },
      { label: s('supervisor'), value: (p) => p.supervisorId ?? '', cell: (p) => who(p.supervisorId) },
      { label: s('mentor'), value: (p) => p.mentorId ?? '', cell: (p) => who(p.mentorId) },
      { label: s('status'), value: (p) => (p.active === false ? 1 : 0), cell: (p) => h('span', { class: `pill ${p.active === false ? 'warn' : 'good'}` }, p.active === false ? s('inactive') : s('active')) },
      { label: s('actions'), cell: (p) => h('span', { class: 'row' },
        h('button', { type: 'button', 'aria-label': `${s('edit')} ${p.name}`, onclick: () => showForm(p) }, s('edit')),
        h('button', { type: 'button', 'aria-label': `${p.active === false ? s('activate') : s('deactivate')} ${p.name}`, dataset: { action: 'toggle' }, onclick: () => setActive(p, p.active === false) }, p.active === false ? s('activate') : s('deactivate')),
        h('button', { type: 'button', 'aria-label': `${s('remove')} ${p.name}`, dataset: { action: 'remove' }, onclick: () => remove(p) }, s('remove'))) },
    ],
  });

  replace(main,
    h('h2', {}, s('title')),
    h('p', { class: 'muted' }, s('intro')),
    h('p', { id: 'people-count' }, s('count', { n: people.length, a: people.filter((p) => p.active !== false).length })),
    status,
    h('p', {}, h('button', { type: 'button', class: 'primary', id: 'person-add', onclick: () => showForm(null) }, s('add'))),
    formSlot,
    confirmSlot,
    people.length ? list.node : h('p', { class: 'card', id: 'people-empty' }, s('empty')),
    await importPanel(store, people, roles, rerender));
  if (personId) {
    const person = people.find((p) => p.id === personId);
    if (person) showForm(person);
  }
}
