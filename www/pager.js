// Paging for long lists (2,000 attempts, 2,000 grading cards): only one page is in the DOM, so
// opening or re-rendering a list never builds thousands of nodes at once.
import { h, replace } from './dom.js';
import { uiLocale } from './i18n.js';

/**
 * A pager over `total` entries, `size` per page. `draw(from, to)` renders one page's entries
 * (indexes [from, to)) and returns its nodes. Returns `{ node, body, show(page) }`: `node` holds
 * the controls and `body`; `show` moves to a page (0-based), clamped.
 */
export function pager({ id, total, size = 20, label, draw }) {
  const en = uiLocale() === 'en';
  const pages = Math.max(1, Math.ceil(total / size));
  const body = h('div', { class: 'pager-body' });
  const status = h('span', { class: 'pager-status', 'aria-live': 'polite' });
  const prev = h('button', { type: 'button', class: 'pager-prev', onclick: () => show(current - 1) }, en ? 'Previous' : '上一页');
  const next = h('button', { type: 'button', class: 'pager-next', onclick: () => show(current + 1) }, en ? 'Next' : '下一页');
  let current = 0;
  const show = async (page) => {
    current = Math.max(0, Math.min(pages - 1, page));
    const from = current * size;
    const to = Math.min(total, from + size);
    replace(body, await draw(from, to));
    status.textContent = en
      ? `Page ${current + 1} of ${pages} (${from + 1}–${to} of ${total})`
      : `第 ${current + 1} / ${pages} 页（第 ${from + 1}–${to} 条，共 ${total} 条）`;
    prev.disabled = current === 0;
    next.disabled = current === pages - 1;
  };
  const controls = pages > 1 ? h('nav', { class: 'pager row', 'aria-label': label }, prev, status, next) : null;
  return { node: h('div', { id, class: 'paged' }, controls, body), body, show, get page() { return current; } };
}

// The chunked reader lives in data.js (in the page's first download, so the trainer's desk needs
// no file but its own); imported from here by the list views.
export { readInChunks } from './data.js';
