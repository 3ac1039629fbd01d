// The competency dashboard's setup: the model in use (import a trainer's own, validated in full
// by the module; export the one in use), people beyond the sample team, and self / supervisor
// ratings per dimension. Each change is one IndexedDB transaction, then the dashboard re-renders.
import { validateModel } from '../kaohe/index.js';
import { h, replace, announce, download, techDetails } from '../dom.js';
import { pick, uiLocale } from '../i18n.js';
import { evidenceId, ACTIVE_MODEL } from '../team-data.js';
import { parseJsonFile } from '../files.js';

const S = {
  setup: ['能力模型与人员', 'Model and people'],
  activeModel: ['使用的能力模型', 'Model in use'],
  importModel: ['导入能力模型（JSON）', 'Import a competency model (JSON)'],
  exportModel: ['导出当前模型', 'Export the model in use'],
  modelHint: ['格式见 README 的“能力模型格式”；可先导出示例模型再修改。导入前会完整校验，出错时不保存。',
    'The format is in the README (competency model); export the sample and edit it. The file is validated in full first; nothing is saved if it has an error.'],
  modelImported: ['已导入并启用能力模型“{t}”', 'Imported and switched to the model “{t}”'],
  addPerson: ['添加人员', 'Add a person'],
  id: ['工号', 'Employee id'], name: ['姓名', 'Name'], role: ['岗位', 'Role'], group: ['组别', 'Group'],
  hireDate: ['入职日期', 'Hire date'], add: ['添加', 'Add'],
  personAdded: ['已添加 {n}（{id}）', 'Added {n} ({id})'],
  duplicate: ['工号“{id}”已存在', 'The employee id “{id}” already exists'],
  required: ['请填写“{f}”', 'Please fill in “{f}”'],
  ratings: ['录入自评 / 主管评', 'Enter self or supervisor ratings'],
  person: ['人员', 'Person'], kind: ['评价类型', 'Rating'], selfRating: ['自评', 'Self rating'],
  supervisorRating: ['主管评', 'Supervisor rating'], date: ['评价日期', 'Date'],
  notRated: ['未评', 'not rated'], save: ['保存评价', 'Save ratings'],
  ratingsSaved: ['已保存 {n} 的{k}：{c} 个维度', 'Saved {n}’s {k}: {c} dimensions'],
  noRatings: ['请至少为一个维度选择等级', 'Choose a level for at least one dimension'],
};
const s = (key, params = {}) => {
  let text = S[key][uiLocale() === 'en' ? 1 : 0];
  for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
};

const fail = (code, message, path = '') => Object.assign(new Error(message), { code, path });

/** An error as the forms show it: the message, then code and path in a muted line. */
const errorBox = (error) => h('div', { class: 'error-box', role: 'alert' },
  h('p', {}, error?.message ?? String(error)),
  techDetails(error));

/** Validates a model file with the module and stores it as the active model, in one transaction. */
export async function importModel(store, text) {
  const model = validateModel(parseJsonFile(text));
  await store.transaction(['models', 'meta'], 'readwrite', (st) => {
    st.models.put(model);
    st.meta.put({ key: ACTIVE_MODEL, value: model.id });
  });
  return model;
}

/** Adds a person; an employee id already stored is refused and nothing is written. */
export async function addPerson(store, person) {
  if (await store.get('people', person.id)) throw fail('DUPLICATE_ID', s('duplicate', { id: person.id }), 'id');
  await store.put('people', person);
  return person;
}

/**
 * Stores one rating per chosen dimension as evidence (`selfRating` / `supervisorRating`, the
 * dimension id as key), in one transaction. Evidence ids are person|kind|key|date|source, so
 * entering the same day again replaces the earlier rating instead of adding a second one.
 */
export async function saveRatings(store, { personId, kind, date, values }) {
  const records = Object.entries(values).map(([key, value]) => ({
    personId, kind, key, value, date, sourceId: `page-${kind}`,
  }));
  await store.transaction('evidence', 'readwrite', (st) => {
    for (const record of records) st.evidence.put({ id: evidenceId(record), ...record });
  });
  return records.length;
}

let open = false;
let message = '';

/** The setup panel (collapsed unless the trainer opened it). */
export function setupSection(store, data, rerender) {
  const { models, model } = data;
  const status = h('div', { id: 'team-setup-status', role: 'status' }, message ? h('p', { class: 'good' }, message) : null);
  message = '';
  const done = async (text) => { message = text; announce(text); await rerender(); };
  const show = (error) => replace(status, errorBox(error));
  const guarded = (work) => async (event) => {
    event?.preventDefault?.();
    replace(status);
    try { await work(event); } catch (error) { show(error); }
  };
  const input = (id, label, attrs = {}) => {
    const el = h('input', { id, type: 'text', autocomplete: 'off', ...attrs });
    return { el, label, node: h('div', {}, h('label', { for: id }, label), el) };
  };
  const need = (...fields) => {
    const empty = fields.find((f) => !f.el.value.trim());
    if (empty) throw fail('MISSING_FIELD', s('required', { f: empty.label }), empty.el.id);
  };

  const modelSelect = h('select', {
    id: 'active-model',
    onchange: guarded(async (e) => {
      await store.put('meta', { key: ACTIVE_MODEL, value: e.target.value });
      await rerender();
    }),
  }, models.map((m) => h('option', { value: m.id, selected: m.id === model.id }, `${pick(m.name)}（${m.id} v${m.version}）`)));
  const modelFile = h('input', {
    type: 'file', id: 'model-file', accept: '.json,application/json',
    onchange: guarded(async (e) => {
      const [file] = e.target.files;
      if (!file) return;
      const imported = await importModel(store, await file.text());
      await done(s('modelImported', { t: pick(imported.name) }));
    }),
  });

  const id = input('new-person-id', s('id'));
  const name = input('new-person-name', s('name'));
  const group = input('new-person-group', s('group'));
  const hire = input('new-person-hire', s('hireDate'), { type: 'date' });
  const role = h('select', { id: 'new-person-role' }, model.roles.map((r) => h('option', { value: r.id }, pick(r.name))));

  return h('details', { class: 'card no-print', id: 'team-setup', open, ontoggle: (e) => { open = e.target.open; } },
    h('summary', {}, s('setup')),
    h('div', { class: 'row' },
      h('label', { for: 'active-model' }, s('activeModel')), modelSelect,
      h('button', {
        type: 'button', id: 'export-model',
        onclick: () => download(`${model.id}-v${model.version}.json`, JSON.stringify(model, null, 2), 'application/json'),
      }, s('exportModel'))),
    h('div', {}, h('label', { for: 'model-file' }, s('importModel')), modelFile, h('p', { class: 'muted small' }, s('modelHint'))),
    h('form', {
      id: 'add-person', class: 'row',
      onsubmit: guarded(async () => {
        need(id, name, group);
        const person = { id: id.el.value.trim(), name: name.el.value.trim(), role: role.value, group: group.el.value.trim() };
        if (hire.el.value) person.hireDate = hire.el.value;
        await addPerson(store, person);
        await done(s('personAdded', { n: person.name, id: person.id }));
      }),
    }, h('strong', {}, s('addPerson')), id.node, name.node,
    h('div', {}, h('label', { for: 'new-person-role' }, s('role')), role), group.node, hire.node,
    h('button', { type: 'submit', id: 'add-person-submit' }, s('add'))),
    status);
}

let ratingsMessage = '';

/**
 * Self or supervisor ratings for one person, every dimension on one form (levels from the model),
 * on a chosen date: one transaction, then the evaluation re-renders with them.
 */
export function ratingsForm(store, model, person, rerender) {
  const status = h('div', { id: 'ratings-status', role: 'status' }, ratingsMessage ? h('p', { class: 'good' }, ratingsMessage) : null);
  ratingsMessage = '';
  const show = (error) => replace(status, errorBox(error));
  const kind = h('select', { id: 'rating-kind' },
    h('option', { value: 'supervisorRating' }, s('supervisorRating')), h('option', { value: 'selfRating' }, s('selfRating')));
  const ratingDate = h('input', { type: 'date', id: 'rating-date', value: new Date().toISOString().slice(0, 10), required: true });
  const dimensionInputs = model.dimensions.map((d) => ({
    dimension: d,
    select: h('select', { id: `rating-${d.id}` }, h('option', { value: '' }, s('notRated')),
      model.levels.map((l) => h('option', { value: String(l.level) }, `${l.level} · ${pick(l.name)}`))),
  }));
  return h('form', {
    id: 'enter-ratings', class: 'no-print', 'aria-labelledby': 'ratings-title',
    onsubmit: async (event) => {
      event.preventDefault();
      replace(status);
      try {
        const values = Object.fromEntries(dimensionInputs.filter(({ select }) => select.value)
          .map(({ dimension, select }) => [dimension.id, Number(select.value)]));
        if (Object.keys(values).length === 0) throw fail('MISSING_FIELD', s('noRatings'), 'ratings');
        if (!ratingDate.value) throw fail('MISSING_FIELD', s('required', { f: s('date') }), 'rating-date');
        const count = await saveRatings(store, { personId: person.id, kind: kind.value, date: ratingDate.value, values });
        ratingsMessage = s('ratingsSaved', { n: person.name, k: s(kind.value), c: count });
        announce(ratingsMessage);
        await rerender();
      } catch (error) {
        show(error);
      }
    },
  }, h('h3', { id: 'ratings-title' }, s('ratings')),
  h('div', { class: 'row' },
    h('div', {}, h('label', { for: 'rating-kind' }, s('kind')), kind),
    h('div', {}, h('label', { for: 'rating-date' }, s('date')), ratingDate)),
  h('div', { class: 'row' }, dimensionInputs.map(({ dimension, select }) => h('div', {},
    h('label', { for: select.id }, pick(dimension.name)), select))),
  h('p', {}, h('button', { type: 'submit', id: 'save-ratings' }, s('save'))),
  status);
}
