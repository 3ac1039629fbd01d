// The fixed-item picker of exam set-up: instead of typing item ids, the trainer searches the
// chosen banks' pool by stem text or id, narrows it by dimension and type, and ticks items. The
// ticked ids are the section's `fixed` list (`bankId/itemId` when several banks are chosen, as
// prepareExam expects); the typed field stays in step with it.
import { h, replace } from '../dom.js';
import { uiLocale } from '../i18n.js';

const S = {
  open: ['从题库中选择固定题（已选 {n} 道）', 'Pick fixed items from the banks ({n} chosen)'],
  search: ['搜索题干或题目编号', 'Search stem text or item id'],
  dimension: ['能力维度', 'Dimension'], type: ['题型', 'Type'], any: ['不限', 'Any'],
  count: ['符合条件 {m} 道', '{m} match'], shown: ['，显示前 {n} 道，请缩小范围', '; the first {n} are shown, narrow the search'],
  none: ['没有符合条件的题目。', 'No item matches.'],
  difficulty: ['难度 {d}', 'difficulty {d}'],
};
const s = (key, params = {}) => {
  let text = S[key][uiLocale() === 'en' ? 1 : 0];
  for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
};

/** Most items listed at once: the pool of a 2,000-item bank stays a short list to read. */
const LIMIT = 50;

/**
 * The picker for one section. `banks`: the chosen banks; `section`: its `fixed` list is edited;
 * `typeNames` / `dimName`: labels; `onChange()` runs after each tick (validation, the typed
 * field); `id`: a prefix for element ids.
 */
export function itemPicker({ id, banks, section, typeNames, dimName, onChange }) {
  const several = banks.length > 1;
  const pool = banks.flatMap((b) => b.items.map((item) => ({ key: several ? `${b.id}/${item.id}` : item.id, item, bank: b })));
  const state = { text: '', dimension: '', type: '' };
  const list = h('ul', { class: 'item-picker-list', id: `${id}-list` });
  const note = h('p', { class: 'muted small', id: `${id}-count`, 'aria-live': 'polite' });
  const summary = h('summary', {}, s('open', { n: (section.fixed ?? []).length }));

  function draw() {
    const text = state.text.trim().toLowerCase();
    const matches = pool.filter(({ key, item }) => (!state.dimension || item.tags?.dimension === state.dimension)
      && (!state.type || item.type === state.type)
      && (!text || key.toLowerCase().includes(text) || String(item.stem ?? '').toLowerCase().includes(text)));
    const chosen = new Set(section.fixed ?? []);
    // Ticked items first, so what is chosen stays in sight while searching.
    matches.sort((a, b) => Number(chosen.has(b.key)) - Number(chosen.has(a.key)));
    note.textContent = s('count', { m: matches.length }) + (matches.length > LIMIT ? s('shown', { n: LIMIT }) : '');
    summary.textContent = s('open', { n: chosen.size });
    replace(list, matches.length === 0 ? h('li', { class: 'muted' }, s('none')) : matches.slice(0, LIMIT).map(({ key, item }) => {
      const box = h('input', { type: 'checkbox', value: key, checked: chosen.has(key), onchange: () => {
        const fixed = new Set(section.fixed ?? []);
        if (box.checked) fixed.add(key); else fixed.delete(key);
        section.fixed = [...fixed];
        onChange();
        draw();
      } });
      const meta = [typeNames[item.type] ?? item.type, dimName.get(item.tags?.dimension) ?? item.tags?.dimension, item.tags?.difficulty ? s('difficulty', { d: item.tags.difficulty }) : null].filter(Boolean).join(' · ');
      return h('li', { dataset: { itemId: key } }, h('label', {}, box,
        h('span', {}, h('span', { class: 'item-picker-stem' }, String(item.stem ?? '')), h('span', { class: 'muted small' }, ` ${key} · ${meta}`))));
    }));
  }

  const search = h('input', { type: 'search', id: `${id}-search`, autocomplete: 'off', oninput: () => { state.text = search.value; draw(); } });
  const dims = [...new Set(pool.map(({ item }) => item.tags?.dimension).filter(Boolean))];
  const types = [...new Set(pool.map(({ item }) => item.type))];
  const dimension = h('select', { id: `${id}-dim`, onchange: () => { state.dimension = dimension.value; draw(); } },
    h('option', { value: '' }, s('any')), dims.map((d) => h('option', { value: d }, dimName.get(d) ?? d)));
  const type = h('select', { id: `${id}-type`, onchange: () => { state.type = type.value; draw(); } },
    h('option', { value: '' }, s('any')), types.map((t) => h('option', { value: t }, typeNames[t] ?? t)));
  const node = h('details', { class: 'item-picker', id },
    summary,
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: `${id}-search` }, s('search')), search),
      h('div', { class: 'field' }, h('label', { for: `${id}-dim` }, s('dimension')), dimension),
      h('div', { class: 'field' }, h('label', { for: `${id}-type` }, s('type')), type)),
    note, list);
  // Drawn when first opened: a section editor with a 2,000-item bank stays light until then.
  node.addEventListener('toggle', () => { if (node.open) draw(); });
  return { node, refresh: () => { summary.textContent = s('open', { n: (section.fixed ?? []).length }); if (node.open) draw(); } };
}
