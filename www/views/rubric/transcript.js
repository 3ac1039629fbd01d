// The transcript panel: load a sample or paste a transcript, see each indicator against its
// target with the matched phrases highlighted (<mark> elements built as DOM, never HTML), and
// apply the suggested scores the rater ticks.
import { analyzeTranscript, suggestScores } from '../../kaohe/lite.js';
import { h, replace, announce } from '../../dom.js';
import { pick, clock } from '../../i18n.js';
import { rt, fmt, both, TRANSCRIPTS, allCriteria, errorBox } from './common.js';

const PRIORITY = { forbidden: 0, positive: 1, solution: 2, step: 3 };

function verdict(passed) {
  if (passed === null || passed === undefined) return h('span', { class: 'pill warn' }, rt('unknown'));
  return h('span', { class: `pill ${passed ? 'good' : 'bad'}` }, passed ? rt('met') : rt('notMet'));
}

function indicatorRows(report) {
  const r = report;
  const rows = [
    ['positive', rt('positive'), rt('times', { n: r.positive.count }), rt('atLeast', { n: r.positive.minimum }), r.positive.passed],
    ['forbidden', rt('forbidden'), rt('times', { n: r.forbidden.count }), rt('none'), r.forbidden.passed],
    ...r.frameworks.map((f) => [`framework-${f.frameworkId}`, pick(f.name),
      `${rt('steps', { a: f.covered, b: f.total })}${f.covered && !f.inOrder ? rt('outOfOrder') : ''}`,
      rt('allSteps'), f.covered === f.total && f.inOrder]),
    ['firstSolution', rt('firstSolution'),
      r.firstSolution.seconds == null ? (pick(r.firstSolution.note) || '—') : rt('seconds', { n: fmt(r.firstSolution.seconds, 0) }),
      rt('withinSeconds', { n: r.firstSolution.limitSeconds }), r.firstSolution.passed],
    ['speechRate', rt('speechRate'),
      r.speechRate.charsPerMinute == null ? (pick(r.speechRate.note) || '—') : rt('cpm', { n: fmt(r.speechRate.charsPerMinute) }),
      rt('band', { a: r.speechRate.band.min, b: r.speechRate.band.max }), r.speechRate.withinBand],
    ['talkRatio', rt('talkRatio'),
      `${fmt(r.talkRatio.byChars, 2)}${r.talkRatio.byTime != null ? ` / ${fmt(r.talkRatio.byTime, 2)}` : ''}`, '—', undefined],
    ['interruptions', rt('interruptions'), rt('times', { n: r.interruptions.count }), rt('none'), r.interruptions.count === 0],
  ];
  return h('table', { id: 'indicator-table' },
    h('caption', {}, rt('indicators')),
    h('thead', {}, h('tr', {}, ['indicator', 'value', 'target', 'result'].map((k) => h('th', { scope: 'col' }, rt(k))))),
    h('tbody', {}, rows.map(([id, name, value, target, passed]) => h('tr', { dataset: { indicator: id } },
      h('th', { scope: 'row' }, name), h('td', {}, value), h('td', {}, target),
      h('td', {}, passed === undefined ? '—' : verdict(passed))))));
}

/** Every match to highlight, per line, without overlaps (forbidden first, then longest). */
function marksByLine(report) {
  const all = [];
  const add = (matches, kind, title) => matches.forEach((m) => all.push({ ...m, kind, title: title ?? m.phrase }));
  add(report.forbidden.matches, 'forbidden');
  add(report.positive.matches, 'positive');
  add(report.firstSolution.matches, 'solution');
  for (const f of report.frameworks) for (const s of f.steps) add(s.matches, 'step', `${pick(f.name)} · ${pick(s.name)}`);
  const byLine = new Map();
  all.sort((a, b) => a.line - b.line || PRIORITY[a.kind] - PRIORITY[b.kind] || (b.end - b.start) - (a.end - a.start));
  for (const m of all) {
    const list = byLine.get(m.line) ?? [];
    if (!list.some((o) => m.start < o.end && o.start < m.end)) list.push(m);
    byLine.set(m.line, list);
  }
  for (const list of byLine.values()) list.sort((a, b) => a.start - b.start);
  return byLine;
}

function lineNode(line, index, marks) {
  const parts = [];
  let at = 0;
  for (const m of marks ?? []) {
    if (m.start > at) parts.push(line.text.slice(at, m.start));
    parts.push(h('mark', { class: m.kind === 'forbidden' ? 'bad' : m.kind, dataset: { kind: m.kind }, title: m.title }, line.text.slice(m.start, m.end)));
    at = m.end;
  }
  parts.push(line.text.slice(at));
  const who = line.speaker === 'agent' ? rt('agent') : rt('customer');
  return h('li', { dataset: { line: index, speaker: line.speaker } },
    h('span', { class: 'muted' }, `${line.start != null ? `[${clock(line.start)}] ` : ''}${who}：`), ...parts);
}

function suggestionList(rubric, suggestions, onApply) {
  const titles = new Map(allCriteria(rubric).map((c) => [c.id, c.title]));
  const usable = suggestions.filter((s) => s.value != null);
  const boxes = [];
  const list = h('ul', { id: 'suggestions', class: 'plain' }, suggestions.map((s) => {
    if (s.value == null) return h('li', {}, `${titles.get(s.criterionId)}：${rt('noSuggestion')}（${pick(s.reason)}）`);
    const id = `suggest-${s.criterionId}`;
    const box = h('input', { type: 'checkbox', id, checked: true, dataset: { criterionId: s.criterionId, value: s.value } });
    boxes.push(box);
    return h('li', {}, box, ' ', h('label', { for: id }, rt('suggestionFor', { c: titles.get(s.criterionId), v: s.value })),
      h('span', { class: 'muted' }, `（${pick(s.reason)}）`));
  }));
  const apply = h('button', {
    type: 'button', id: 'apply-suggestions', disabled: usable.length === 0,
    onclick: async () => {
      const chosen = boxes.filter((b) => b.checked).map((b) => ({ criterionId: b.dataset.criterionId, value: Number(b.dataset.value) }));
      await onApply(chosen);
      announce(rt('applied', { n: chosen.length }));
    },
  }, rt('applySuggestions'));
  return h('div', {}, h('h4', {}, rt('suggestions')), list, apply);
}

/**
 * The panel. `initial` is the transcript kept with the scorecard; `onAnalyzed(text)` stores it;
 * `onApply([{ criterionId, value }])` fills the scorecard.
 */
export function transcriptPanel(rubric, { initial, sampleId, onAnalyzed, onApply }) {
  const select = h('select', { id: 'sample-transcript' },
    TRANSCRIPTS.map((t) => h('option', { value: t.id, selected: t.id === sampleId }, both(t.title))));
  const text = h('textarea', { id: 'transcript-text', rows: 8 }, initial ?? '');
  const out = h('div', { id: 'transcript-output', 'aria-live': 'polite' });

  async function analyze() {
    if (!text.value.trim()) {
      replace(out, h('p', { class: 'warn' }, rt('noTranscript')));
      return;
    }
    let analysis;
    let suggestions;
    try {
      analysis = analyzeTranscript({ text: text.value });
      suggestions = suggestScores({ rubric, report: analysis.report });
    } catch (error) {
      replace(out, errorBox(error));
      return;
    }
    const marks = marksByLine(analysis.report);
    replace(out,
      indicatorRows(analysis.report),
      h('h4', {}, rt('lines')),
      h('ol', { id: 'transcript-lines', class: 'plain transcript' },
        analysis.transcript.lines.map((line, i) => lineNode(line, i, marks.get(i)))),
      suggestionList(rubric, suggestions, onApply));
    await onAnalyzed(text.value);
  }

  const load = h('button', {
    type: 'button', id: 'load-transcript',
    onclick: async () => {
      try {
        const response = await fetch(`samples/transcripts/${select.value}.txt`);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        text.value = await response.text();
        await analyze();
      } catch (error) {
        replace(out, errorBox(error));
      }
    },
  }, rt('loadSample'));

  const panel = h('section', { class: 'card', id: 'transcript-panel', 'aria-labelledby': 'transcript-title' },
    h('h3', { id: 'transcript-title' }, rt('transcript')),
    h('div', { class: 'row' }, h('label', { for: 'sample-transcript' }, rt('sampleTranscript')), select, load),
    h('label', { for: 'transcript-text' }, rt('transcriptText')), text,
    h('p', {}, h('button', { type: 'button', id: 'analyze-transcript', class: 'primary', onclick: analyze }, rt('analyze'))),
    out);
  if (initial?.trim()) queueMicrotask(analyze);
  return panel;
}
