// The trainer's item analysis: pick a stored exam, read its submitted attempts from IndexedDB,
// concatenate their packed responses into one buffer, score the cohort in one call and analyse
// it inside the module. Shows the exam statistics, the score distribution, a sortable item table
// with flags and distractors, CSV export and a printable layout.
import { Exam } from '../kaohe/index.js';
import { packedOf } from '../kaohe/storage.js';
import { analyseCohort } from './analysis-cohort.js';
import { h, replace, download, announce, techDetails } from '../dom.js';
import { listAllExams, currentWorkspace } from '../data.js';
import { tr, stat } from './analysis-i18n.js';
import { histogramSvg } from './analysis-chart.js';
import { itemTable } from './analysis-table.js';
import { generateDemoAttempts } from './analysis-demo.js';
import { runJob, progressPanel } from '../work.js';
import { readInChunks } from '../pager.js';
import { uiLocale } from '../i18n.js';
import { withIrtTab } from './analysis-irt.js';

/** Choices that survive a re-render (language switch, new demo data). */
const selection = { blueprintId: null, attempts: 'first', missing: 'auto', demoCount: 200 };
/**
 * The analysis on screen: a token that a newer analysis replaces (a stale one then stops), and
 * the cancel of a job still running in the worker.
 */
let live = null;

function release() {
  live?.cancel?.();
  live = null;
}

/**
 * Picks the attempts to count from the store's packed records (`store.getPackedAttempts`, only
 * submitted attempts): per candidate the first or last submitted, or all of them.
 */
export function selectAttempts(records, mode) {
  const submitted = records
    .filter((r) => r.packed)
    .sort((a, b) => (a.submittedAt ?? 0) - (b.submittedAt ?? 0) || a.attemptId.localeCompare(b.attemptId));
  if (mode === 'all') return submitted;
  const byCandidate = new Map();
  for (const record of submitted) {
    const key = record.candidateId ?? record.attemptId;
    if (mode === 'last' || !byCandidate.has(key)) byCandidate.set(key, record);
  }
  return [...byCandidate.values()];
}

/** Every attempt's packed bytes in one buffer, delimited by `offsets` (one more than attempts). */
export function concatPacked(records) {
  const offsets = new Uint32Array(records.length + 1);
  let size = 0;
  records.forEach((r, i) => {
    size += r.packed.byteLength;
    offsets[i + 1] = size;
  });
  const bytes = new Uint8Array(size);
  records.forEach((r, i) => bytes.set(r.packed, offsets[i]));
  return { bytes, offsets };
}

/**
 * When the blueprint draws items, papers differ in maximum while the module's histogram is over
 * the union of every item. Then the distribution is recomputed per candidate against their own
 * paper's maximum, with the module's bins (edges 0, 10, …, 100; lower edge inclusive).
 */
function perPaperDistribution(records, totals, bank, analysis) {
  const points = new Map(bank.items.map((item) => [item.id, item.points ?? 0]));
  const papers = records.map((r) => JSON.parse(r.paperItems ?? '[]'));
  const maxima = papers.map((ids) => ids.reduce((sum, id) => sum + (points.get(id) ?? 0), 0));
  // Papers hold fewer items than the cohort layout when the blueprint draws them.
  const drawn = papers.some((ids) => ids.length > 0 && ids.length < analysis.exam.items);
  const bins = analysis.exam.histogram;
  if (maxima.every((m) => m === analysis.exam.maxTotal)) return { bins, maxLabel: String(analysis.exam.maxTotal), drawn };
  const counts = bins.map(() => 0);
  maxima.forEach((max, i) => {
    if (!(max > 0)) return;
    const pct = (100 * totals[i]) / max;
    const bin = bins.slice(1).filter((b) => pct >= b.fromPercent).length;
    counts[bin] += 1;
  });
  const low = Math.min(...maxima);
  const high = Math.max(...maxima);
  return {
    bins: bins.map((b, i) => ({ ...b, count: counts[i] })),
    maxLabel: `${low === high ? low : `${low}–${high}`} ${tr('perPaper')}`,
    drawn,
  };
}

function analysisOptions() {
  return selection.missing === 'auto' ? {} : { missingAnswers: selection.missing };
}

function errorBox(error) {
  return h('div', { class: 'error-box', role: 'alert' },
    h('p', {}, error?.message ?? String(error)),
    techDetails(error));
}

function labelled(id, label, control) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

function select(id, value, options, onchange) {
  return h('select', { id, onchange }, options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
}

function statsTable(exam, maxLabel) {
  const rows = [
    ['n', String(exam.candidates)], ['maxTotal', maxLabel],
    ['mean', stat(exam.mean)], ['median', stat(exam.median)], ['sd', stat(exam.sd)],
    ['skewness', stat(exam.skewness, 3)], ['kurtosis', stat(exam.kurtosis, 3)],
    ['alpha', stat(exam.cronbachAlpha, 3)], ['sem', stat(exam.standardErrorOfMeasurement)],
    ['groupSize', String(exam.groupSize)],
  ];
  return h('table', { id: 'exam-stats', class: 'stats-table' },
    h('caption', {}, tr('examStats')),
    h('tbody', {}, rows.map(([key, value]) => h('tr', { dataset: { stat: key } },
      h('th', { scope: 'row' }, tr(key), h('span', { class: 'stat-help' }, tr(`help_${key}`))), h('td', { class: 'num' }, value)))));
}

/** Fewer candidates than this: statistics are shown, but no item is flagged. */
const MIN_FOR_FLAGS = 10;

/** Ends the current task, so long work runs in pieces and the page keeps answering. */
const pause = () => new Promise((resolve) => { setTimeout(resolve, 0); });

/**
 * Scores the cohort and analyses it: in the worker (the same full module) when there is one,
 * otherwise on the page. Returns `{ analysis, totals, csv, ms }`; `ms` is the module's work.
 */
async function scoreAndAnalyse(entry, bytes, offsets, options, panel) {
  if (typeof Worker !== 'undefined') {
    return runJob('analysis', { bank: entry.bank, blueprint: entry.blueprint, bytes, offsets, options },
      { onProgress: (done, total) => panel.update(done, total, tr('analysisStep', { n: Math.min(done + 1, total), k: total })), signal: panel.signal });
  }
  return analyseCohort(Exam, entry, bytes, offsets, options);
}

async function analyse(store, entry, target) {
  release();
  // Read a chunk per task: 2,000 packed attempts decoded at once hold the page up (8 of the
  // store's 64 buckets hold about 250 of 2,000).
  const records = store.persistent === false
    ? await store.getPackedAttempts(entry.blueprint.id)
    : packedOf(await readInChunks(store, 'packedAttempts', 8), entry.blueprint.id);
  const chosen = selectAttempts(records, selection.attempts);
  if (chosen.length === 0) {
    replace(target, h('p', { id: 'analysis-empty' }, tr('noAttempts')));
    return;
  }
  const token = {};
  live = token;
  const { bytes, offsets } = concatPacked(chosen);
  // Scoring and analysing thousands of attempts runs in the worker, with a progress bar and a
  // cancel button once it takes longer than a glance (150 ms).
  const panel = progressPanel(tr('analysing'));
  token.cancel = () => panel.cancel();
  // Said at once (the worker may first have to load the module); the bar joins it after 150 ms.
  const busy = h('div', { id: 'analysis-busy', 'aria-busy': 'true' }, h('p', { class: 'muted' }, tr('analysing')));
  replace(target, busy);
  const shown = setTimeout(() => { if (live === token) busy.append(panel.node); }, 150);
  let computed;
  try {
    computed = await scoreAndAnalyse(entry, bytes, offsets, analysisOptions(), panel);
  } catch (error) {
    if (error?.name === 'AbortError') {
      if (live === token) replace(target, h('p', { id: 'analysis-cancelled' }, tr('analysisCancelled')));
      return;
    }
    throw error;
  } finally {
    clearTimeout(shown);
  }
  if (live !== token) return;
  const { analysis, totals, csv, ms } = computed;
  const candidates = new Set(chosen.map((r) => r.candidateId ?? r.attemptId)).size;
  const bankItems = new Map(entry.bank.items.map((item) => [item.id, item]));
  const distribution = perPaperDistribution(chosen, totals, entry.bank, analysis);
  // With a handful of candidates every statistic is noise: no item is flagged until there are 10.
  const tooFew = analysis.exam.candidates < MIN_FOR_FLAGS;
  if (tooFew) analysis.flags = [];
  const flaggedItems = new Set(analysis.flags.map((f) => f.itemIndex)).size;
  const fileName = `kaohe-item-analysis-${entry.blueprint.id}.csv`;
  await pause();
  if (live !== token) return;
  // The item table fills in a task of its own, after the overview is on screen.
  const tableHolder = h('div', { class: 'table-scroll' }, h('div', { class: 'skeleton', 'aria-hidden': 'true' }, h('span'), h('span'), h('span')));

  replace(target,
    h('div', { class: 'toolbar no-print' },
      h('button', {
        type: 'button', id: 'export-analysis-csv',
        onclick: () => download(fileName, csv, 'text/csv;charset=utf-8'),
      }, tr('exportCsv')),
      h('button', { type: 'button', id: 'print-analysis', onclick: () => window.print() }, tr('print'))),
    h('p', { id: 'analysis-summary' }, tr('summary', {
      a: chosen.length, c: candidates, k: analysis.exam.items, ms: ms.toFixed(1),
    })),
    h('div', { class: 'analysis-overview' },
      statsTable(analysis.exam, distribution.maxLabel),
      h('figure', { class: 'histogram-figure' },
        histogramSvg(distribution.bins),
        h('figcaption', {}, tr('histogram')))),
    distribution.drawn ? h('p', { id: 'alpha-note', class: 'explain', role: 'note' }, tr('alphaDrawn')) : null,
    h('h3', {}, tr('items')),
    h('p', { class: 'muted no-print' }, tr('itemsHint')),
    h('p', { class: 'explain small', id: 'columns-help' }, tr('columnsHelp')),
    h('p', { id: 'flag-summary', class: tooFew ? 'warn' : flaggedItems ? 'bad' : 'good' },
      tooFew ? tr('tooFewForFlags', { n: MIN_FOR_FLAGS }) : flaggedItems ? tr('flagged', { n: flaggedItems }) : tr('noFlags')),
    tableHolder);
  await pause();
  if (live !== token) return;
  replace(tableHolder, itemTable(analysis, bankItems));
}

export async function render(main, context, blueprintId) {
  const { store } = context;
  release();
  const exams = (await listAllExams(store)).filter((e) => !e.practice);
  if (blueprintId) selection.blueprintId = blueprintId;
  // First visit: open on the exam most recently taken, not on one with no data.
  if (!selection.blueprintId) {
    const latest = (await readInChunks(store, 'results')).reduce((a, b) => ((b.submittedAt ?? 0) > (a?.submittedAt ?? -1) ? b : a), null);
    if (latest && exams.some((e) => e.blueprint.id === latest.blueprintId)) selection.blueprintId = latest.blueprintId;
  }
  if (!exams.some((e) => e.blueprint.id === selection.blueprintId)) selection.blueprintId = exams[0]?.blueprint.id ?? null;
  const entry = () => exams.find((e) => e.blueprint.id === selection.blueprintId);

  const results = h('section', { id: 'analysis-results', 'aria-labelledby': 'analysis-title' });
  const refresh = async () => {
    const current = entry();
    if (!current) {
      replace(results, h('p', {}, tr('noExams')));
      return;
    }
    try {
      await analyse(store, current, results);
    } catch (error) {
      console.error(error);
      release();
      replace(results, errorBox(error));
    }
  };

  const examSelect = select('analysis-exam', selection.blueprintId,
    exams.map((e) => [e.blueprint.id, e.blueprint.title]), (event) => {
      selection.blueprintId = event.target.value;
      history.replaceState(null, '', `#/analysis/${encodeURIComponent(selection.blueprintId)}`);
      refresh();
    });
  const attemptsSelect = select('analysis-attempts', selection.attempts,
    [['first', tr('attemptsFirst')], ['last', tr('attemptsLast')], ['all', tr('attemptsAll')]], (event) => {
      selection.attempts = event.target.value;
      refresh();
    });
  const missingSelect = select('analysis-missing', selection.missing,
    [['auto', tr('missingAuto')], ['countAsWrong', tr('missingWrong')], ['exclude', tr('missingExclude')]], (event) => {
      selection.missing = event.target.value;
      refresh();
    });

  const count = h('input', {
    type: 'number', id: 'demo-count', min: '1', max: '5000', step: '1', value: String(selection.demoCount), required: true,
  });
  const demoStatus = h('p', { id: 'demo-status', role: 'status' });
  const demoButton = h('button', { type: 'submit', id: 'demo-generate' }, tr('demoButton'));
  const demo = h('form', {
    class: 'card no-print', id: 'demo-form', 'aria-labelledby': 'demo-title',
    onsubmit: async (event) => {
      event.preventDefault();
      const current = entry();
      const n = Math.round(Number(count.value));
      if (!current || !(n >= 1 && n <= 5000)) {
        count.focus();
        return;
      }
      selection.demoCount = n;
      demoButton.disabled = true;
      demoStatus.className = '';
      demoStatus.textContent = tr('demoWorking');
      // In the worker (the page stays responsive), with a progress bar and a cancel button.
      const panel = progressPanel(tr('demoWorking'));
      demoStatus.after(panel.node);
      try {
        // The in-memory store (no IndexedDB) lives in the page: the worker could not see it.
        const written = typeof Worker === 'undefined' || store.persistent === false
          ? await generateDemoAttempts(store, current, n)
          : await runJob('demo', { bank: current.bank, blueprint: current.blueprint, count: n, locale: uiLocale(), db: store.name },
            { onProgress: (done, total) => panel.update(done, total), signal: panel.signal });
        demoStatus.textContent = tr('demoDone', { n: written, exam: current.blueprint.title });
        await refresh();
      } catch (error) {
        if (error.name === 'AbortError') {
          demoStatus.textContent = uiLocale() === 'en' ? 'Cancelled: nothing was written.' : '已取消，未写入任何数据。';
        } else {
          console.error(error);
          demoStatus.className = 'bad';
          demoStatus.textContent = error.message;
        }
      } finally {
        panel.node.remove();
        demoButton.disabled = false;
      }
    },
  },
  h('h3', { id: 'demo-title' }, tr('demoTitle')),
  h('p', { class: 'muted' }, tr('demoHint')),
  labelled('demo-count', tr('demoCount'), count),
  h('p', {}, demoButton),
  demoStatus);

  // Demo data goes into the demo workspace only; from the real records the card points there.
  const demoCard = currentWorkspace() === 'demo' ? demo : h('div', { class: 'card no-print', id: 'demo-elsewhere' },
    h('h3', {}, tr('demoTitle')),
    h('p', { class: 'muted' }, uiLocale() === 'en'
      ? 'Demo data is generated in a separate demo workspace, never mixed with real records.'
      : '演示数据在单独的演示工作区中生成，不会混入正式记录。'),
    h('a', { href: '#/data', class: 'button' }, uiLocale() === 'en' ? 'Open the demo workspace' : '前往演示工作区'));

  replace(main,
    h('h2', { id: 'analysis-title' }, tr('title')),
    h('p', { class: 'no-print' }, tr('intro')),
    h('form', { class: 'card controls no-print', onsubmit: (e) => e.preventDefault() },
      labelled('analysis-exam', tr('exam'), examSelect),
      labelled('analysis-attempts', tr('attempts'), attemptsSelect),
      labelled('analysis-missing', tr('missing'), missingSelect)),
    h('p', { class: 'print-only' }, entry()?.blueprint.title ?? ''),
    withIrtTab(results, { store, entry, selection }),
    demoCard);
  await refresh();
  announce(tr('title'));
}
