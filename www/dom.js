// The page's DOM helpers: `h`, `replace` and `svgNode` are the package's (one implementation, in
// kaohe/elements/dom.js, which intranet pages use without this file); `download` and `announce`
// are the page's own.
import { h } from './kaohe/elements/dom.js';

export { h, replace, svgNode } from './kaohe/elements/dom.js';

/** Offers `content` as a download named `filename`. */
export function download(filename, content, type) {
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

let announcer = null;
/** Says `text` to screen readers without moving focus. */
export function announce(text) {
  announcer ??= document.getElementById('announcer');
  if (announcer) {
    announcer.textContent = '';
    setTimeout(() => { announcer.textContent = text; }, 50);
  }
}

/**
 * Labels each body cell of the simple tables under `root` with its column's heading
 * (`data-label`), and marks them `reflow`, so that under 600 px CSS shows each row as a card.
 * Tables with grouped headings (several header rows, colspan) are left to scroll instead.
 */
export function labelTables(root) {
  for (const table of root.querySelectorAll('table:not(.reflow):not(.no-reflow)')) {
    const rows = table.tHead?.rows;
    if (!rows || rows.length !== 1 || [...rows[0].cells].some((c) => c.colSpan > 1)) continue;
    const labels = [...rows[0].cells].map((c) => c.textContent.trim());
    for (const body of table.tBodies) {
      for (const row of body.rows) {
        [...row.cells].forEach((cell, i) => {
          if (labels[i] && !cell.dataset.label && cell.colSpan === 1) cell.dataset.label = labels[i];
        });
      }
    }
    table.classList.add('reflow');
  }
}

/** A closed "技术详情" disclosure with an error's code and path, for support; null without a code. */
export function techDetails(error) {
  if (!error?.code) return null;
  const en = document.documentElement.lang === 'en';
  return h('details', { class: 'tech' },
    h('summary', {}, en ? 'Technical details' : '技术详情'),
    h('code', {}, `${error.code}${error.path ? ` · ${error.path}` : ''}`));
}
