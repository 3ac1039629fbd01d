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
