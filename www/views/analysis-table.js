// The sortable item table of the analysis view: one row per item, a button per column header
// (so sorting works from the keyboard and `aria-sort` tells screen readers the order), and an
// expandable row per item with its distractor analysis.
import { h, replace, announce } from '../dom.js';
import { pick } from '../i18n.js';
import { tr, stat } from './analysis-i18n.js';

const num = (s) => (s && typeof s.value === 'number' ? s.value : null);

const COLUMNS = [
  { key: 'index', label: 'question', value: (row) => row.item.index },
  { key: 'responses', label: 'responses', value: (row) => row.item.responses, text: (row) => `${row.item.responses} / ${row.item.answered}` },
  { key: 'facility', label: 'facility', value: (row) => num(row.item.facility), text: (row) => stat(row.item.facility) },
  { key: 'sd', label: 'itemSd', value: (row) => num(row.item.sd), text: (row) => stat(row.item.sd) },
  { key: 'discrimination', label: 'discrimination', value: (row) => num(row.item.discrimination), text: (row) => stat(row.item.discrimination) },
  { key: 'upperLower', label: 'upperLower', value: (row) => num(row.item.upperLowerIndex), text: (row) => stat(row.item.upperLowerIndex) },
  { key: 'efficiency', label: 'efficiency', value: (row) => num(row.item.discriminativeEfficiency), text: (row) => stat(row.item.discriminativeEfficiency) },
  { key: 'alphaIfDeleted', label: 'alphaIfDeleted', value: (row) => num(row.item.alphaIfDeleted), text: (row) => stat(row.item.alphaIfDeleted, 3) },
  { key: 'flags', label: 'flags', value: (row) => row.flags.length },
];

/** Undefined values (null) sort last in either direction; ties keep the item order. */
function compare(column, direction) {
  return (a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    if (x === null && y === null) return a.item.index - b.item.index;
    if (x === null) return 1;
    if (y === null) return -1;
    return (x - y) * direction || a.item.index - b.item.index;
  };
}

function optionText(bankItem, option) {
  if (bankItem?.type === 'trueFalse') return option.option === 0 ? tr('trueText') : tr('falseText');
  return bankItem?.options?.[option.option]?.text ?? '';
}

/** A's, B's… letter for option index `i` (then AA, AB after Z), as `OptionStatistics.label`. */
function optionLabel(i) {
  const letter = (n) => String.fromCharCode(65 + n);
  return i < 26 ? letter(i) : letter(Math.floor(i / 26) - 1) + letter(i % 26);
}

/**
 * Each item's options as `OptionStatistics` objects, by item index, from the analysis's
 * `distractors` columns; an analysis that has its options inside its items is used as it is.
 */
function optionsByItem(analysis) {
  const byItem = new Map();
  const d = analysis.distractors;
  if (!d) {
    for (const item of analysis.items) byItem.set(item.index, item.options);
    return byItem;
  }
  const statistic = (column, i) => (column.reason[i] === 0
    ? { value: column.value[i] }
    : { value: null, reason: d.reasons[column.reason[i] - 1] });
  for (let i = 0; i < d.item.length; i += 1) {
    if (!byItem.has(d.item[i])) byItem.set(d.item[i], []);
    byItem.get(d.item[i]).push({
      option: d.option[i], label: optionLabel(d.option[i]), isKey: d.isKey[i] === 1,
      count: d.count[i], share: statistic(d.share, i), upperCount: d.upperCount[i],
      lowerCount: d.lowerCount[i], meanRestScore: statistic(d.meanRestScore, i),
      correlationWithRest: statistic(d.correlationWithRest, i),
    });
  }
  return byItem;
}

function distractorTable(row) {
  if (row.options.length === 0) return h('p', { class: 'muted' }, tr('noOptions'));
  return h('table', { class: 'options-table' },
    h('caption', {}, tr('expand', { id: row.item.itemId })),
    h('thead', {}, h('tr', {}, ['option', 'optionText', 'key', 'chosen', 'share', 'upper', 'lower', 'meanRest', 'correlation']
      .map((k) => h('th', { scope: 'col' }, tr(k))))),
    h('tbody', {}, row.options.map((o) => h('tr', { class: o.isKey ? 'key-option' : null },
      h('th', { scope: 'row' }, o.label),
      h('td', {}, optionText(row.bankItem, o)),
      h('td', {}, o.isKey ? `✓ ${tr('yes')}` : ''),
      h('td', { class: 'num' }, String(o.count)),
      h('td', { class: 'num' }, stat(o.share)),
      h('td', { class: 'num' }, String(o.upperCount)),
      h('td', { class: 'num' }, String(o.lowerCount)),
      h('td', { class: 'num' }, stat(o.meanRestScore)),
      h('td', { class: 'num' }, stat(o.correlationWithRest))))));
}

function itemRows(row, colspan) {
  const detailId = `item-detail-${row.item.index}`;
  const detail = h('tr', { class: 'item-detail', id: detailId, hidden: true },
    h('td', { colspan: String(colspan) }, distractorTable(row)));
  const toggle = h('button', {
    type: 'button', class: 'expand', 'aria-expanded': 'false', 'aria-controls': detailId,
    'aria-label': tr('expand', { id: row.item.itemId }),
    onclick: () => {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      toggle.textContent = open ? '▾' : '▸';
      detail.hidden = !open;
    },
  }, '▸');
  const stem = row.bankItem?.stem ?? '';
  const main = h('tr', { class: row.flags.length ? 'flagged' : null, dataset: { itemId: row.item.itemId } },
    h('th', { scope: 'row', class: 'item-cell' }, toggle, ' ',
      h('span', { class: 'item-id' }, row.item.itemId), ' ',
      h('span', { class: 'stem', title: stem }, stem.length > 28 ? `${stem.slice(0, 28)}…` : stem)),
    COLUMNS.slice(1, -1).map((c) => h('td', { class: 'num', dataset: { col: c.key } }, c.text(row))),
    h('td', { class: 'flags-cell' }, row.flags.length
      ? h('ul', {}, row.flags.map((f) => h('li', { class: 'bad', dataset: { code: f.code } }, pick(f.message))))
      : ''));
  return [main, detail];
}

/**
 * The table element for `analysis`; `bankItems` maps item id → bank item (for stems and option
 * texts). Sorting re-renders the body only, so focus stays on the header button.
 */
export function itemTable(analysis, bankItems) {
  const flagsByItem = new Map();
  for (const flag of analysis.flags) {
    if (!flagsByItem.has(flag.itemIndex)) flagsByItem.set(flag.itemIndex, []);
    flagsByItem.get(flag.itemIndex).push(flag);
  }
  const options = optionsByItem(analysis);
  const rows = analysis.items.map((item) => ({
    item, options: options.get(item.index) ?? [], bankItem: bankItems.get(item.itemId),
    flags: flagsByItem.get(item.index) ?? [],
  }));
  const state = { key: 'index', direction: 1 };
  const body = h('tbody');
  const headers = COLUMNS.map((column) => {
    const th = h('th', { scope: 'col', dataset: { col: column.key } });
    const button = h('button', {
      type: 'button', class: 'sort', dataset: { col: column.key },
      onclick: () => {
        state.direction = state.key === column.key ? -state.direction : 1;
        state.key = column.key;
        draw();
        announce(tr(state.direction === 1 ? 'sortedAsc' : 'sortedDesc', { col: tr(column.label) }));
      },
    }, tr(column.label), h('span', { class: 'sort-mark', 'aria-hidden': 'true' }));
    th.append(button);
    return { column, th, mark: button.lastChild };
  });
  function draw() {
    for (const { column, th, mark } of headers) {
      const active = column.key === state.key;
      th.setAttribute('aria-sort', active ? (state.direction === 1 ? 'ascending' : 'descending') : 'none');
      mark.textContent = active ? (state.direction === 1 ? ' ▲' : ' ▼') : '';
    }
    const column = COLUMNS.find((c) => c.key === state.key);
    replace(body, [...rows].sort(compare(column, state.direction)).map((row) => itemRows(row, COLUMNS.length)));
  }
  draw();
  return h('table', { id: 'item-table', class: 'item-table' },
    h('caption', {}, tr('items')),
    h('thead', {}, h('tr', {}, headers.map((x) => x.th))),
    body);
}
