// 能力维度 (#/dimensions): the competency model in use is the one list of dimensions that bank
// items, exam draws, rubric sections and plans refer to. A trainer adds their own (企业文化,
// 规章制度), renames a label (nothing stored changes: records keep the id) or retires one (kept
// so history stays readable; no longer offered to new items). Each change is validated by the
// module and saved in one transaction.
import { validateModel } from '../kaohe/index.js';
import { h, replace, announce } from '../dom.js';
import { pick } from '../i18n.js';
import { strings, errorBox, field } from './cycle-common.js';
import { activeModel, workingModel, defaultModel } from '../model-data.js';

const s = strings({
  title: ['能力维度', 'Competency dimensions'],
  intro: ['这里的维度就是整个系统使用的维度：题库中的题目、组卷抽题、实操评分表和提升计划都引用它们。修改名称不会改变已保存的记录；停用的维度保留在历史记录中，但不再用于新题目。',
    'These dimensions are the ones the whole workspace uses: bank items, exam draws, rubric sections and plans refer to them. Renaming changes nothing stored; a retired dimension stays in history but is no longer offered to new items.'],
  model: ['当前能力模型：{m}（版本 {v}）', 'Model in use: {m} (version {v})'],
  noModel: ['目前使用默认的八个维度。添加、改名或停用任何一个后，即保存为本单位的能力模型。', 'You are using the default eight dimensions. Add, rename or retire one and they become your own model.'],
  name: ['名称', 'Name'], id: ['标识', 'Id'], group: ['类别', 'Group'], state: ['状态', 'State'], actions: ['操作', 'Actions'],
  knowledge: ['知识', 'Knowledge'], skill: ['技能', 'Skill'], attitude: ['态度', 'Attitude'],
  inUse: ['使用中', 'In use'], retired: ['已停用', 'Retired'],
  rename: ['改名', 'Rename'], retire: ['停用', 'Retire'], restore: ['恢复', 'Restore'],
  add: ['添加维度', 'Add a dimension'], nameZh: ['中文名称', 'Chinese name'], nameEn: ['英文名称（可选）', 'English name (optional)'],
  idHint: ['只用小写英文字母、数字和下划线，以字母开头；留空则自动生成。题库文件的“维度”列可以填写名称或标识。保存后不能修改。', 'Lower-case letters, digits and underscores, e.g. corporate_culture; left empty, one is made up. A bank file\'s dimension column takes the name or the id. It cannot change later.'],
  idMore: ['自定义标识（可选，供导入文件使用）', 'Custom id (optional, for import files)'],
  save: ['添加', 'Add'], added: ['已添加维度“{n}”：题库导入和组卷现在可以使用它。', 'Added “{n}”: bank imports and exam set-up can use it now.'],
  renamed: ['已改名为“{n}”。', 'Renamed to “{n}”.'], retiredNote: ['已停用“{n}”。', 'Retired “{n}”.'], restored: ['已恢复“{n}”。', 'Restored “{n}”.'],
  newName: ['“{n}”的新名称', 'New name for “{n}”'],
  needName: ['请填写中文名称。', 'Please give the Chinese name.'],
  badId: ['标识只能包含小写英文字母、数字和下划线，并以字母开头。', 'An id holds lower-case letters, digits and underscores, starting with a letter.'],
  takenId: ['标识“{id}”已被“{n}”使用。', 'The id “{id}” is used by “{n}”.'],
  takenName: ['已有名为“{n}”的维度。', 'A dimension named “{n}” exists.'],
});

/** Validates the edited model with the module and stores it (one transaction). */
async function saveModel(store, model) {
  const next = { ...model, version: bumpVersion(model.version) };
  validateModel(next);
  await store.put('models', next);
  return next;
}

function bumpVersion(version) {
  const text = String(version ?? '1');
  const m = text.match(/^(.*?)(\d+)$/);
  return m ? `${m[1]}${Number(m[2]) + 1}` : `${text}.1`;
}

export async function render(main, context) {
  const { store } = context;
  const model = await activeModel(store);
  const status = h('p', { role: 'status', id: 'dimensions-status' });
  const problem = h('div', { id: 'dimension-problem' });
  const rerender = async (message) => { await render(main, context); document.getElementById('dimensions-status').textContent = message; announce(message); };

  const edit = async (change, message) => {
    try {
      const working = await workingModel(store);
      change(working);
      const saved = await saveModel(store, working);
      await rerender(message(saved));
    } catch (error) {
      replace(problem, errorBox(error));
    }
  };

  const nameZh = h('input', { type: 'text', autocomplete: 'off', required: true });
  const nameEn = h('input', { type: 'text', autocomplete: 'off' });
  const idInput = h('input', { type: 'text', autocomplete: 'off', pattern: '[a-z][a-z0-9_]*' });
  const groupSelect = h('select', {}, ['knowledge', 'skill', 'attitude'].map((g) => h('option', { value: g, selected: g === 'attitude' }, s(g))));
  // Before the first edit nothing is stored: show the default eight, which the first edit copies.
  const dims = (model ?? await defaultModel().catch(() => null))?.dimensions ?? [];
  const form = h('form', {
    class: 'card', id: 'dimension-form',
    onsubmit: async (event) => {
      event.preventDefault();
      replace(problem);
      const zh = nameZh.value.trim();
      if (!zh) { replace(problem, errorBox({ message: s('needName') })); nameZh.focus(); return; }
      let id = idInput.value.trim();
      if (id && !/^[a-z][a-z0-9_]*$/.test(id)) { replace(problem, errorBox({ message: s('badId'), code: 'INVALID_VALUE', path: 'id' })); idInput.focus(); return; }
      const working = await workingModel(store);
      if (!id) id = `dim_${Date.now().toString(36)}`;
      const taken = working.dimensions.find((d) => d.id === id);
      if (taken) { replace(problem, errorBox({ message: s('takenId', { id, n: pick(taken.name) }), code: 'DUPLICATE_ID', path: 'id' })); return; }
      if (working.dimensions.some((d) => d.name?.zh === zh)) { replace(problem, errorBox({ message: s('takenName', { n: zh }), code: 'DUPLICATE_ID', path: 'name' })); return; }
      await edit((m) => {
        m.dimensions.push({
          id, name: { zh, en: nameEn.value.trim() || zh }, group: groupSelect.value, stage: 'allStages', indicators: [],
          // Evidence a new dimension can have from day one: exams tagged with it and the
          // supervisor's rating; the trainer refines it in the model file if needed.
          evidence: { sources: [{ kind: 'exam', weight: 0.6 }, { kind: 'supervisorRating', weight: 0.4 }] },
        });
      }, () => s('added', { n: zh }));
    },
  },
  h('h3', {}, s('add')),
  h('div', { class: 'row' },
    field('dimension-name', s('nameZh'), nameZh),
    field('dimension-name-en', s('nameEn'), nameEn),
    field('dimension-group', s('group'), groupSelect)),
  h('details', { class: 'more' }, h('summary', {}, s('idMore')),
    field('dimension-id', s('id'), idInput, s('idHint'))),
  problem,
  h('p', {}, h('button', { type: 'submit', class: 'primary', id: 'dimension-add' }, s('save'))));

  const rows = dims.map((d) => h('tr', { dataset: { dimensionId: d.id, retired: String(Boolean(d.retired)) } },
    h('td', {}, pick(d.name)),
    h('td', {}, s(d.group)),
    h('td', {}, h('span', { class: `pill ${d.retired ? 'warn' : 'good'}` }, d.retired ? s('retired') : s('inUse'))),
    h('td', {}, h('span', { class: 'row' },
      h('button', { type: 'button', onclick: () => {
        const next = window.prompt(s('newName', { n: pick(d.name) }), d.name.zh);
        if (next && next.trim()) edit((m) => { const x = m.dimensions.find((y) => y.id === d.id); x.name = { ...x.name, zh: next.trim() }; }, () => s('renamed', { n: next.trim() }));
      } }, s('rename')),
      h('button', { type: 'button', dataset: { action: 'retire' }, onclick: () => edit((m) => {
        const x = m.dimensions.find((y) => y.id === d.id);
        if (x.retired) delete x.retired; else x.retired = true;
      }, () => s(d.retired ? 'restored' : 'retiredNote', { n: pick(d.name) })) }, d.retired ? s('restore') : s('retire'))))));

  replace(main,
    h('h2', {}, s('title')),
    h('p', { class: 'muted' }, s('intro')),
    h('p', { id: 'model-name' }, model ? s('model', { m: pick(model.name), v: model.version }) : s('noModel')),
    status,
    dims.length ? h('div', { class: 'table-wrap' }, h('table', { id: 'dimensions-table' },
      h('caption', { class: 'visually-hidden' }, s('title')),
      h('thead', {}, h('tr', {}, [s('name'), s('group'), s('state'), s('actions')].map((l) => h('th', { scope: 'col' }, l)))),
      h('tbody', {}, rows))) : null,
    form);
}
