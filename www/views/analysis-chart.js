// The score distribution as an SVG bar chart, built node by node (no markup strings), with a
// text alternative that lists every bar.
import { tr } from './analysis-i18n.js';

const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** `bins`: the analysis's `exam.histogram` ([{ fromPercent, toPercent, count }]). */
export function histogramSvg(bins, id = 'score-histogram') {
  const width = 560;
  const height = 240;
  const left = 44;
  const bottom = 36;
  const top = 14;
  const plotW = width - left - 10;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...bins.map((b) => b.count));
  const barW = plotW / Math.max(1, bins.length);
  const description = tr('histogramDesc', {
    bins: bins.map((b) => `${b.fromPercent}–${b.toPercent}%: ${b.count}`).join('; '),
  });
  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'histogram', id,
    'aria-labelledby': `${id}-title ${id}-desc`,
  });
  root.append(svg('title', { id: `${id}-title` }, tr('histogram')), svg('desc', { id: `${id}-desc` }, description));
  const axis = svg('g', { class: 'axis' });
  axis.append(
    svg('line', { x1: left, y1: top, x2: left, y2: top + plotH }),
    svg('line', { x1: left, y1: top + plotH, x2: left + plotW, y2: top + plotH }),
  );
  for (const tick of [0, Math.ceil(max / 2), max]) {
    const y = top + plotH - (tick / max) * plotH;
    axis.append(svg('text', { x: left - 6, y: y + 4, 'text-anchor': 'end' }, String(tick)));
  }
  axis.append(svg('text', { x: left + plotW / 2, y: height - 4, 'text-anchor': 'middle' }, tr('percentAxis')));
  root.append(axis);
  bins.forEach((bin, i) => {
    const h = (bin.count / max) * plotH;
    const x = left + i * barW;
    const bar = svg('rect', {
      x: x + 2, y: top + plotH - h, width: Math.max(1, barW - 4), height: h, class: 'bar',
    });
    bar.append(svg('title', {}, `${bin.fromPercent}–${bin.toPercent}%: ${bin.count}`));
    root.append(bar, svg('text', { x: x + barW / 2, y: top + plotH + 14, 'text-anchor': 'middle', class: 'tick' }, String(bin.fromPercent)));
    if (bin.count > 0) {
      root.append(svg('text', { x: x + barW / 2, y: top + plotH - h - 3, 'text-anchor': 'middle', class: 'count' }, String(bin.count)));
    }
  });
  return root;
}
