// Building DOM without HTML strings: every child string becomes a text node, so text that
// came from a bank, a rubric or a name can never run as markup.

/**
 * h('button', { class: 'primary', onclick: fn, 'aria-label': '…' }, 'text', childNode)
 * Attributes starting with `on` become listeners; `false`/`null` attributes are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key in el && typeof value !== 'string') {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** Parses an SVG string produced by the module (which escapes all text) into a node. */
export function svgNode(svgText) {
  const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.nodeName !== 'svg') return document.createTextNode('');
  // Drop anything that could run: the module never emits these, this is a second fence.
  root.querySelectorAll('script, foreignObject').forEach((n) => n.remove());
  for (const node of root.querySelectorAll('*')) {
    for (const attr of [...node.attributes]) {
      if (/^on/i.test(attr.name) || /javascript:/i.test(attr.value)) node.removeAttribute(attr.name);
    }
  }
  return document.importNode(root, true);
}

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
