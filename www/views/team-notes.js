// 表扬 / 投诉 and observation notes for one rostered person, on the person view: add, edit and
// delete, each dated. They are evidence like everything stored: `evidenceFromRecords` counts
// 表扬 / 投诉 per month into the praiseCount / complaintCount KPIs and reads an observation
// with a level as a supervisor's rating on its dimension, so the level's explanation above
// cites them. Each write is one transaction on the `feedback` or `observations` store.
import { h, replace, announce } from '../dom.js';
import { pick, uiLocale } from '../i18n.js';
import { errorBox, confirmInline } from './cycle-common.js';

const S = {
  title: ['表扬、投诉与观察记录', 'Praise, complaints and observation notes'],
  help: ['表扬和投诉按月计入“表扬次数 / 投诉次数”；带等级的观察记录计为该维度的主管评价。', 'Praise and complaints count per month as praise / complaint counts; an observation with a level counts as a supervisor rating of its dimension.'],
  kind: ['类型', 'Kind'], praise: ['表扬', 'Praise'], complaint: ['投诉', 'Complaint'], observation: ['观察记录', 'Observation'],
  date: ['日期', 'Date'], dimension: ['能力维度', 'Dimension'], level: ['观察到的等级', 'Level observed'],
  noLevel: ['不评等级（仅备注）', 'No level (note only)'], note: ['说明', 'Note'],
  notePlaceholder: ['例如：客户来电表扬耐心细致；或 2026-11-20 抽听录音，投诉处理六步法完整。', 'e.g. a customer called to praise her patience; or the six complaint steps were all there in the call of 20 Nov.'],
  add: ['保存记录', 'Save'], update: ['保存修改', 'Save changes'], cancelEdit: ['取消修改', 'Cancel editing'],
  edit: ['编辑', 'Edit'], remove: ['删除', 'Delete'], none: ['还没有记录。', 'No records yet.'],
  saved: ['已保存{k}（{d}）', 'Saved the {k} ({d})'], deleted: ['已删除{k}（{d}）', 'Deleted the {k} ({d})'],
  needDate: ['请填写日期。', 'Please enter the date.'], needDimension: ['观察记录请选择能力维度。', 'Choose the dimension observed.'],
  needNote: ['没有等级的观察记录请写说明。', 'An observation without a level needs a note.'],
  confirmDelete: ['删除这条{k}（{d}）？', 'Delete this {k} ({d})?'],
  goes: ['这条记录，以及它在能力评估中的作用', 'This record, and what it adds to the levels'],
  stays: ['其他记录不受影响', 'Other records stay'],
  what: ['内容', 'What'], actions: ['操作', 'Actions'],
};
const s = (key, params = {}) => {
  let text = S[key][uiLocale() === 'en' ? 1 : 0];
  for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
};
const fail = (code, message, path) => Object.assign(new Error(message), { code, path });

/** What the form is editing (a record and its store), kept across re-renders. */
let editing = null;
let message = '';

const newId = (prefix) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * Saves a 表扬 / 投诉 (`kind` praise | complaint) or an observation for `personId`; `id` replaces
 * that record (an edit may move it between the two stores: one transaction deletes and puts).
 * Returns the stored record.
 */
export async function saveNote(store, { id, from, personId, kind, date, dimensionId, level, note }) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date ?? '')) throw fail('INVALID_DATE', s('needDate'), 'date');
  const observation = kind === 'observation';
  if (observation && !dimensionId) throw fail('MISSING_FIELD', s('needDimension'), 'dimensionId');
  if (observation && level == null && !note?.trim()) throw fail('MISSING_FIELD', s('needNote'), 'note');
  const target = observation ? 'observations' : 'feedback';
  const record = observation
    ? { id: id ?? newId('obs'), personId, date, dimensionId, level: level ?? null, note: note?.trim() ?? '' }
    : { id: id ?? newId('fb'), personId, date, kind, note: note?.trim() ?? '' };
  await store.transaction(['feedback', 'observations'], 'readwrite', (st) => {
    if (id && from && from !== target) st[from].delete(id);
    st[target].put(record);
  });
  return record;
}

/** The person's notes, newest first: [{ store, record }]. */
export function personNotes(feedback, observations, personId) {
  return [
    ...feedback.filter((r) => r.personId === personId).map((record) => ({ store: 'feedback', record })),
    ...observations.filter((r) => r.personId === personId).map((record) => ({ store: 'observations', record })),
  ].sort((a, b) => (a.record.date === b.record.date ? a.record.id.localeCompare(b.record.id) : a.record.date < b.record.date ? 1 : -1));
}

/** The section on the person view. `data`: the dashboard's loadTeamData result. */
export function notesSection(store, data, person, rerender) {
  const model = data.model;
  const dimName = (id) => pick(model.dimensions.find((d) => d.id === id)?.name) || id;
  const levelName = (l) => { const x = model.levels?.find((v) => v.level === l); return x ? `${l} · ${pick(x.name)}` : String(l); };
  const notes = personNotes(data.feedback ?? [], data.observations ?? [], person.id);
  const status = h('div', { id: 'notes-status', role: 'status' }, message ? h('p', { class: 'good' }, message) : null);
  message = '';
  const confirmSlot = h('div', { id: 'notes-confirm' });
  const current = editing && editing.record.personId === person.id ? editing : null;
  const rec = current?.record;

  const kindOf = (n) => (n.store === 'observations' ? 'observation' : n.record.kind);
  const kind = h('select', { id: 'note-kind', onchange: () => toggle() },
    ['praise', 'complaint', 'observation'].map((k) => h('option', { value: k, selected: current ? kindOf(current) === k : k === 'praise' }, s(k))));
  const date = h('input', { type: 'date', id: 'note-date', required: true, value: rec?.date ?? new Date().toISOString().slice(0, 10) });
  const dimension = h('select', { id: 'note-dimension' },
    model.dimensions.filter((d) => !d.retired || d.id === rec?.dimensionId).map((d) => h('option', { value: d.id, selected: d.id === rec?.dimensionId }, pick(d.name))));
  const level = h('select', { id: 'note-level' }, h('option', { value: '' }, s('noLevel')),
    (model.levels ?? []).map((l) => h('option', { value: String(l.level), selected: rec?.level === l.level }, levelName(l.level))));
  const note = h('textarea', { id: 'note-text', rows: 2, placeholder: s('notePlaceholder') });
  note.value = rec?.note ?? '';
  const observationFields = h('div', { class: 'row', id: 'note-observation-fields' },
    h('div', {}, h('label', { for: 'note-dimension' }, s('dimension')), dimension),
    h('div', {}, h('label', { for: 'note-level' }, s('level')), level));
  const toggle = () => { observationFields.hidden = kind.value !== 'observation'; };
  toggle();

  const describe = (n) => (n.store === 'observations'
    ? `${dimName(n.record.dimensionId)}${n.record.level != null ? ` · ${levelName(n.record.level)}` : ''}${n.record.note ? `：${n.record.note}` : ''}`
    : n.record.note || '—');
  const rows = notes.map((n) => h('tr', { dataset: { noteId: n.record.id } },
    h('td', {}, n.record.date),
    h('td', {}, h('span', { class: `pill ${kindOf(n) === 'complaint' ? 'bad' : kindOf(n) === 'praise' ? 'good' : ''}` }, s(kindOf(n)))),
    h('td', {}, describe(n)),
    h('td', { class: 'actions' },
      h('button', { type: 'button', class: 'note-edit', onclick: () => { editing = n; rerender(); } }, s('edit')),
      h('button', { type: 'button', class: 'note-delete danger', onclick: async () => {
        const label = { k: s(kindOf(n)), d: n.record.date };
        if (!await confirmInline(confirmSlot, { title: s('confirmDelete', label), goes: [s('goes')], stays: [s('stays')], confirmLabel: s('remove') })) return;
        try {
          await store.delete(n.store, n.record.id);
          if (editing?.record.id === n.record.id) editing = null;
          message = s('deleted', label);
          announce(message);
          await rerender();
        } catch (error) { replace(status, errorBox(error)); }
      } }, s('remove')))));

  return h('section', { class: 'no-print', id: 'person-notes', 'aria-labelledby': 'notes-title' },
    h('h3', { id: 'notes-title' }, s('title')),
    h('p', { class: 'muted small' }, s('help')),
    notes.length === 0 ? h('p', { id: 'notes-empty' }, s('none')) : h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': s('title') },
      h('table', { id: 'notes-table' },
        h('thead', {}, h('tr', {}, [s('date'), s('kind'), s('what'), s('actions')].map((l) => h('th', { scope: 'col' }, l)))),
        h('tbody', {}, rows))),
    confirmSlot,
    h('form', {
      id: 'note-form',
      onsubmit: async (event) => {
        event.preventDefault();
        replace(status);
        try {
          const saved = await saveNote(store, {
            id: rec?.id, from: current?.store, personId: person.id, kind: kind.value, date: date.value,
            dimensionId: dimension.value, level: level.value ? Number(level.value) : null, note: note.value,
          });
          editing = null;
          message = s('saved', { k: s(kind.value), d: saved.date });
          announce(message);
          await rerender();
        } catch (error) { replace(status, errorBox(error)); }
      },
    },
    h('div', { class: 'row' },
      h('div', {}, h('label', { for: 'note-kind' }, s('kind')), kind),
      h('div', {}, h('label', { for: 'note-date' }, s('date')), date)),
    observationFields,
    h('div', {}, h('label', { for: 'note-text' }, s('note')), note),
    h('p', { class: 'row' }, h('button', { type: 'submit', id: 'save-note', class: 'primary' }, current ? s('update') : s('add')),
      current ? h('button', { type: 'button', id: 'cancel-note-edit', onclick: () => { editing = null; rerender(); } }, s('cancelEdit')) : null)),
    status);
}
