// The elements' styles, adopted into each shadow root as a constructed stylesheet (no inline
// <style>, so a host page's strict CSP `style-src 'self'` is respected). Themable through CSS
// custom properties set on the element or any ancestor:
//   --kaohe-accent, --kaohe-font, --kaohe-text, --kaohe-muted, --kaohe-bg, --kaohe-surface,
//   --kaohe-border, --kaohe-radius, --kaohe-good, --kaohe-bad, --kaohe-focus
export const CSS_TEXT = `
:host {
  display: block;
  font-family: var(--kaohe-font, system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif);
  color: var(--kaohe-text, #1f2328);
  background: var(--kaohe-bg, transparent);
  line-height: 1.6;
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.card, fieldset {
  background: var(--kaohe-surface, #fff);
  border: 1px solid var(--kaohe-border, #d0d7de);
  border-radius: var(--kaohe-radius, 8px);
  padding: 0.75rem 1rem;
  margin: 0 0 0.75rem;
}
legend { font-weight: 600; padding: 0 0.25rem; }
h2, h3 { margin: 0.25rem 0 0.75rem; line-height: 1.3; }
h2 { font-size: 1.25rem; }
h3 { font-size: 1.05rem; }
label.choice { display: flex; gap: 0.5rem; align-items: flex-start; padding: 0.2rem 0; cursor: pointer; }
input[type=text], textarea, select {
  font: inherit; padding: 0.35rem 0.5rem; border: 1px solid var(--kaohe-border, #8c959f);
  border-radius: 4px; max-width: 100%;
}
textarea { width: 100%; min-height: 6rem; }
button {
  font: inherit; padding: 0.4rem 0.9rem; border-radius: var(--kaohe-radius, 6px); cursor: pointer;
  border: 1px solid var(--kaohe-accent, #0a5bd3); background: var(--kaohe-surface, #fff); color: var(--kaohe-accent, #0a5bd3);
}
button.primary { background: var(--kaohe-accent, #0a5bd3); color: var(--kaohe-on-accent, #fff); }
button:disabled { opacity: 0.5; cursor: default; }
:focus-visible { outline: 3px solid var(--kaohe-focus, var(--kaohe-accent, #0a5bd3)); outline-offset: 2px; }
.muted { color: var(--kaohe-muted, #57606a); }
.good { color: var(--kaohe-good, #1a7f37); }
.bad { color: var(--kaohe-bad, #c21f2d); }
.head { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; justify-content: space-between; align-items: baseline; }
.verdict { font-size: 1.4rem; font-weight: 700; }
ol.ordering { padding-left: 1.5rem; }
ol.ordering li { display: flex; gap: 0.5rem; align-items: center; margin: 0.2rem 0; }
ol.ordering li span { flex: 1; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--kaohe-border, #d0d7de); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.error { border-color: var(--kaohe-bad, #c21f2d); }
svg { max-width: 100%; height: auto; display: block; }
figure { margin: 0; }
`;

let sheet = null;

/** Adopts the shared stylesheet into `root` (one CSSStyleSheet for every element instance). */
export function adoptStyles(root) {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS_TEXT);
  }
  root.adoptedStyleSheets = [sheet];
}
