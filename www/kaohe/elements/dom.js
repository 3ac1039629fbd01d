// The one DOM helper, for the package's elements and the page (www/dom.js re-exports it): DOM
// is built without HTML strings, so text that came from a bank, a rubric or a name becomes a text
// node and can never run as markup; SVG drawn by the module goes through a fenced parser. It
// lives inside the package because an intranet page may serve www/kaohe/ alone.

/**
 * h('button', { class: 'primary', onclick: fn, 'aria-label': '…' }, 'text', childNode)
 * Attributes starting with `on` become listeners; `false`/`null` attributes are skipped;
 * `dataset` sets data-* attributes; non-string values of DOM properties are set as properties.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
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

/**
 * Parses an SVG string from the module (which escapes all text) into a node. Anything that could
 * run is dropped (scripts, foreignObject, on* handlers, javascript: URLs): the module never emits
 * them, this is a second fence.
 */
export function svgNode(svgText) {
  const root = new DOMParser().parseFromString(svgText, 'image/svg+xml').documentElement;
  if (root.nodeName !== 'svg') return document.createTextNode('');
  root.querySelectorAll('script, foreignObject').forEach((n) => n.remove());
  for (const node of [root, ...root.querySelectorAll('*')]) {
    for (const attr of [...node.attributes]) {
      if (/^on/i.test(attr.name) || /javascript:/i.test(attr.value)) node.removeAttribute(attr.name);
    }
  }
  return document.importNode(root, true);
}

/** An error as a box: the message, then `code · path` in a muted line. */
export function errorBox(error, tr, lang) {
  const messages = error?.messages;
  const message = messages ? (String(lang ?? '').startsWith('en') ? messages.en : messages.zh) : (error?.message ?? String(error));
  return h('div', { class: 'card error', role: 'alert', part: 'error' },
    h('strong', {}, tr('errorTitle')),
    h('p', {}, message),
    error?.code ? h('p', { class: 'muted' }, `${error.code}${error.path ? ` · ${error.path}` : ''}`) : null);
}
