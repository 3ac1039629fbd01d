// Shared by the trainer's cycle views (people, dimensions, exams, data, results): bilingual
// strings, the error box, an inline confirmation that says what else goes, and one list
// component (search, filters, sorting, paging) so 2,000 rows stay usable.
import { h, replace } from '../dom.js';
import { uiLocale, pick } from '../i18n.js';

/** `tr(S)` → a function `(key, params)` picking the page's language from a table of [zh, en]. */
export function strings(table) {
  return (key, params = {}) => {
    const entry = table[key] ?? COMMON[key];
    let text = entry ? entry[uiLocale() === 'en' ? 1 : 0] : key;
    for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, String(v));
    return text;
  };
}

const COMMON = {
  search: ['搜索', 'Search'],
  all: ['全部', 'All'],
  filterAll: ['{f}：全部', '{f}: all'],
  prev: ['上一页', 'Previous'],
  next: ['下一页', 'Next'],
  page: ['第 {p} / {n} 页，共 {c} 条', 'Page {p} of {n}, {c} rows'],
  none: ['没有符合条件的记录。', 'No records match.'],
  nothingYet: ['还没有记录。', 'Nothing here yet.'],
  count: ['共 {c} 条', '{c} rows'],
  confirm: ['确认', 'Confirm'],
  cancel: ['取消', 'Cancel'],
  details: ['技术详情', 'Technical details'],
  sortBy: ['按此列排序', 'Sort by this column'],
};
const c = strings({});

/**
 * An error as a trainer reads it: the message; the code and path only inside a "技术详情"
 * disclosure, so no code reaches a Chinese screen's visible text.
 */
export function errorBox(error, id) {
  return h('div', { class: 'error-box', role: 'alert', id },
    h('p', {}, typeof error?.message === 'object' ? pick(error.message) : (error?.message ?? String(error))),
    error?.code ? h('details', {}, h('summary', {}, c('details')), h('p', { class: 'muted small' }, `${error.code}${error.path ? ` · ${error.path}` : ''}`)) : null);
}

/**
 * Shows, inside `slot`, a confirmation saying exactly what goes and what stays, with a
 * confirm and a cancel button. Resolves to true when confirmed.
 */
export function confirmInline(slot, { title, goes = [], stays = [], confirmLabel, danger = true }) {
  return new Promise((resolve) => {
    const done = (value) => { replace(slot); resolve(value); };
    const yes = h('button', { type: 'button', class: danger ? 'danger primary' : 'primary', 'data-confirm': 'yes', onclick: () => done(true) }, confirmLabel ?? c('confirm'));
    replace(slot, h('div', { class: 'card confirm', role: 'alertdialog', 'aria-labelledby': 'confirm-title' },
      h('p', { id: 'confirm-title' }, h('strong', {}, title)),
      goes.length ? h('ul', { class: 'goes' }, goes.map((g) => h('li', {}, g))) : null,
      stays.length ? h('ul', { class: 'stays muted' }, stays.map((g) => h('li', {}, g))) : null,
      h('p', { class: 'row' }, yes, h('button', { type: 'button', onclick: () => done(false) }, c('cancel')))));
    yes.focus();
  });
}

/**
 * A list with search, filters, sortable columns and paging, re-rendered in place.
 * `columns`: [{ label, value: (row) => sortable, cell: (row) => node|text }];
 * `filters`: [{ id, label, options: [[value, text]], test: (row, value) => bool }];
 * `search`: (row) => text searched (name, 工号…). Rows are plain objects.
 */
export function listView({ id, caption, rows, columns, filters = [], search, pageSize = 20, rowAttrs = () => ({}), initialSort = null, empty = null }) {
  const state = { query: '', filter: Object.fromEntries(filters.map((f) => [f.id, ''])), sort: initialSort ?? { col: null, dir: 1 }, page: 0 };
  const body = h('div', { id: `${id}-body` });
  const query = h('input', { type: 'search', id: `${id}-search`, autocomplete: 'off', oninput: () => { state.query = query.value.trim().toLowerCase(); state.page = 0; draw(); } });
  const controls = h('div', { class: 'row list-controls' },
    search ? [h('label', { for: `${id}-search` }, c('search')), query] : null,
    filters.map((f) => {
      const select = h('select', { id: `${id}-filter-${f.id}`, onchange: () => { state.filter[f.id] = select.value; state.page = 0; draw(); } },
        h('option', { value: '' }, c('filterAll', { f: f.label })), f.options.map(([v, t]) => h('option', { value: v }, t)));
      return [h('label', { for: `${id}-filter-${f.id}`, class: 'visually-hidden' }, f.label), select];
    }));

  function visible() {
    let list = rows.filter((r) => filters.every((f) => state.filter[f.id] === '' || f.test(r, state.filter[f.id])));
    if (state.query && search) list = list.filter((r) => search(r).toLowerCase().includes(state.query));
    if (state.sort.col !== null) {
      const col = columns[state.sort.col];
      list = [...list].sort((a, b) => {
        const x = col.value(a); const y = col.value(b);
        return (x < y ? -1 : x > y ? 1 : 0) * state.sort.dir;
      });
    }
    return list;
  }

  function draw() {
    const list = visible();
    const pages = Math.max(1, Math.ceil(list.length / pageSize));
    state.page = Math.min(state.page, pages - 1);
    const shown = list.slice(state.page * pageSize, (state.page + 1) * pageSize);
    const head = h('tr', {}, columns.map((col, i) => {
      const sorted = state.sort.col === i;
      return h('th', { scope: 'col', 'aria-sort': sorted ? (state.sort.dir > 0 ? 'ascending' : 'descending') : false },
        col.value ? h('button', { type: 'button', class: 'sort', title: c('sortBy'), onclick: () => {
          state.sort = { col: i, dir: sorted ? -state.sort.dir : 1 };
          draw();
        } }, col.label, sorted ? (state.sort.dir > 0 ? ' ▲' : ' ▼') : '') : col.label);
    }));
    // Nothing stored yet is not "nothing matches": say which, and page only what needs pages.
    const filteredOut = rows.length > 0;
    replace(body,
      list.length === 0 ? h('p', { class: 'muted', id: `${id}-empty` }, filteredOut ? c('none') : (empty ?? c('nothingYet'))) : h('div', { class: 'table-wrap' }, h('table', { id },
        h('caption', { class: 'visually-hidden' }, caption),
        h('thead', {}, head),
        h('tbody', {}, shown.map((r) => h('tr', rowAttrs(r), columns.map((col) => h('td', { class: col.num ? 'num' : null }, col.cell(r)))))))),
      pages <= 1 ? h('p', { class: 'muted small', id: `${id}-page` }, list.length ? c('count', { c: list.length }) : '') : h('p', { class: 'row pager' },
        h('button', { type: 'button', disabled: state.page === 0, onclick: () => { state.page -= 1; draw(); } }, c('prev')),
        h('span', { id: `${id}-page`, 'aria-live': 'polite' }, c('page', { p: state.page + 1, n: pages, c: list.length })),
        h('button', { type: 'button', disabled: state.page >= pages - 1, onclick: () => { state.page += 1; draw(); } }, c('next'))));
  }
  draw();
  return { node: h('div', { class: 'list-view' }, controls, body), visible, redraw: draw };
}

/** Labelled form control: returns [label, input] wrapped in a field div. */
export function field(id, label, input, hint) {
  input.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), input,
    hint ? h('p', { class: 'muted small', id: `${id}-hint` }, hint) : null,
    h('p', { class: 'bad small field-problem', id: `${id}-problem`, role: 'status' }));
}

/** Puts problems next to their fields: `map(path) → fieldId`; returns the ones not placed. */
export function showProblems(root, problems, map) {
  root.querySelectorAll('.field-problem').forEach((p) => { p.textContent = ''; });
  const left = [];
  for (const p of problems) {
    const fieldId = map(p.path);
    const slot = fieldId ? root.querySelector(`#${CSS.escape(fieldId)}-problem`) : null;
    if (slot) slot.textContent = [slot.textContent, pick(p.message)].filter(Boolean).join(' ');
    else left.push(p);
  }
  return left;
}

export const fmt = (n, digits = 1) => (n === null || n === undefined || Number.isNaN(n) ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(digits));
