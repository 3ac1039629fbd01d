// Import and export of question banks (#/import): a trainer picks an .xlsx, .csv, GIFT or Aiken
// file; the interop module parses it; problems are listed by sheet!cell or line and nothing is
// stored until the trainer accepts skipping those rows. An imported bank is stored with a
// blueprint of all its items, so it can be taken as an exam at once. Stored banks export to
// each format; the template workbook comes from the module.
import { validateBank } from '../kaohe/lite.js';
import { modelDimensions } from '../model-data.js';
import { loadInterop } from '../kaohe/interop.js';
import { parseFile } from '../import-job.js';
import { h, replace, download, announce, techDetails } from '../dom.js';
import { uiLocale, pick } from '../i18n.js';

const S = {
  title: ['导入与导出题库', 'Import and export question banks'],
  intro: ['支持 Excel（.xlsx）、CSV、Moodle GIFT 和 Aiken 格式。文件只在本机解析，不会上传。',
    'Excel (.xlsx), CSV, Moodle GIFT and Aiken files are parsed on this device; nothing is uploaded.'],
  file: ['题库文件（.xlsx、.csv、.txt、.gift、.aiken）', 'Bank file (.xlsx, .csv, .txt, .gift, .aiken)'],
  encoding: ['文字编码（CSV、GIFT、Aiken）', 'Text encoding (CSV, GIFT, Aiken)'],
  encAuto: ['自动识别（UTF-8、GBK、UTF-16）', 'Detect (UTF-8, GBK, UTF-16)'],
  encGbk: ['GBK / GB18030（Excel “CSV（逗号分隔）”）', 'GBK / GB18030 (Excel "CSV (Comma delimited)")'],
  reportTitle: ['导入报告', 'Import report'],
  kind: ['类别', 'Kind'],
  kindInfo: ['说明', 'Note'],
  kindChanged: ['已调整', 'Changed'],
  kindDropped: ['未导入', 'Not imported'],
  kindSkipped: ['已跳过', 'Skipped'],
  wholeFile: ['整个文件', 'Whole file'],
  sameTitle: ['已有同名题库 “{t}”。要替换它，还是另存为 “{n}”？', 'A bank named "{t}" exists. Replace it, or save this one as "{n}"?'],
  replaceIt: ['替换原题库', 'Replace it'],
  saveAs: ['另存为 “{n}”', 'Save as "{n}"'],
  format: ['文件格式', 'File format'],
  auto: ['按扩展名自动识别', 'From the file extension'],
  bankTitle: ['题库名称（可选）', 'Bank title (optional)'],
  check: ['检查并导入', 'Check and import'],
  template: ['下载 Excel 模板', 'Download the Excel template'],
  noFile: ['请先选择文件。', 'Choose a file first.'],
  problems: ['发现 {n} 处问题，尚未导入任何题目。', '{n} problems found; nothing has been imported.'],
  where: ['位置', 'Where'],
  code: ['代码', 'Code'],
  what: ['问题', 'Problem'],
  acceptLabel: ['我已查看以上报告，同意跳过有问题的行', 'I have read the report and accept skipping the rows with problems'],
  importAnyway: ['仍然导入，跳过 {n} 行', 'Import anyway, skipping {n} rows'],
  imported: ['已导入“{t}”：{n} 道题。考生还看不到它：请先用它组卷并发布。', 'Imported “{t}”: {n} items. Candidates do not see it yet: set up an exam from it and publish it.'],
  setUp: ['用此题库组卷', 'Set up an exam from this bank'],
  skippedNote: ['（跳过 {n} 行）', '({n} rows skipped)'],
  exportTitle: ['导出题库', 'Export a bank'],
  whichBank: ['选择题库', 'Bank'],
  exportAs: ['导出为 {f}', 'Export as {f}'],
  exportSkipped: ['已导出；{n} 道题该格式无法表示，已略去：{ids}', 'Exported; {n} items this format cannot hold were left out: {ids}'],
  exported: ['已导出 {f}。', 'Exported {f}.'],
  toResults: ['导出考试结果与 xAPI', 'Export results and xAPI'],
  goHome: ['去首页参加考试', 'Go to the home page to take it'],
  loadingModule: ['正在加载导入模块…', 'Loading the import module…'],
};
const s = (key, params = {}) => {
  let text = S[key][uiLocale() === 'en' ? 1 : 0];
  for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
};

const FORMATS = ['xlsx', 'csv', 'gift', 'aiken'];
const NAMES = { xlsx: 'Excel (.xlsx)', csv: 'CSV', gift: 'GIFT', aiken: 'Aiken' };

/** The format of `file`: by extension; a .txt is Aiken when it has `ANSWER:` lines, else GIFT. */
export async function guessFormat(file) {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx')) return 'xlsx';
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.gift')) return 'gift';
  if (name.endsWith('.aiken')) return 'aiken';
  const text = await file.slice(0, 65536).text();
  return /^\s*ANSWER\s*:\s*[A-Z]/m.test(text) ? 'aiken' : 'gift';
}

/** Shows an error: its message, and its code and path on a muted line. */
function errorBlock(error) {
  return h('div', { class: 'error-box', role: 'alert' },
    h('p', {}, error?.message ?? String(error)),
    techDetails(error));
}

/**
 * Stores the bank (checked by the engine first). It is not offered to candidates as it is: the
 * trainer sets up an exam from it (#/exams), with sections, draws, limits and a release setting.
 */
async function storeBank(store, bank, checked = false) {
  if (!checked) validateBank(bank); // throws if the engine would not load it (the worker checks it)
  await store.put('banks', bank);
}

/** The import report: every note (how the file was read, what was changed or not imported) and,
 * once accepted, every skipped row, in one table with the place each concerns. */
function reportTable(notes, skipped = []) {
  const kinds = { info: s('kindInfo'), changed: s('kindChanged'), dropped: s('kindDropped') };
  const rows = [
    ...notes.map((n) => ({ path: n.path, kind: kinds[n.kind] ?? n.kind, cls: n.kind, message: n.message })),
    ...skipped.map((p) => ({ path: p.path, kind: s('kindSkipped'), cls: 'skipped', message: p.message })),
  ];
  if (!rows.length) return null;
  return h('table', { id: 'import-notes' },
    h('caption', {}, s('reportTitle')),
    h('thead', {}, h('tr', {}, [s('where'), s('kind'), s('what')].map((l) => h('th', { scope: 'col' }, l)))),
    h('tbody', {}, rows.map((r) => h('tr', { dataset: { kind: r.cls } },
      h('td', { class: 'where' }, r.path || s('wholeFile')),
      h('td', {}, r.kind),
      h('td', {}, pick(r.message))))));
}

/** `title（2）`, `title（3）`… : the first that no stored bank has. */
function freeTitle(title, titles) {
  for (let n = 2; ; n += 1) {
    const candidate = `${title}（${n}）`;
    if (!titles.has(candidate)) return candidate;
  }
}

function problemsTable(problems) {
  return h('table', { id: 'import-problems' },
    h('caption', { class: 'visually-hidden' }, s('problems', { n: problems.length })),
    h('thead', {}, h('tr', {}, [s('where'), s('code'), s('what')].map((l) => h('th', { scope: 'col' }, l)))),
    h('tbody', {}, problems.map((p) => h('tr', {},
      h('td', { class: 'where' }, p.path || '—'),
      h('td', { class: 'muted' }, p.code),
      h('td', {}, pick(p.message))))));
}

export async function render(main, { store }) {
  replace(main, h('p', { role: 'status' }, s('loadingModule')));
  const interop = await loadInterop({ locale: uiLocale() });
  const banks = (await store.getAll('banks')).sort((a, b) => a.title.localeCompare(b.title));

  const fileInput = h('input', { type: 'file', id: 'import-file', accept: '.xlsx,.csv,.txt,.gift,.aiken' });
  const encodingSelect = h('select', { id: 'import-encoding' },
    h('option', { value: 'auto' }, s('encAuto')),
    h('option', { value: 'utf-8' }, 'UTF-8'),
    h('option', { value: 'gbk' }, s('encGbk')),
    h('option', { value: 'utf-16le' }, 'UTF-16'));
  const formatSelect = h('select', { id: 'import-format' },
    h('option', { value: '' }, s('auto')), FORMATS.map((f) => h('option', { value: f }, NAMES[f])));
  const titleInput = h('input', { type: 'text', id: 'import-title', autocomplete: 'off' });
  const report = h('div', { id: 'import-report', 'aria-live': 'polite' });

  async function runImport(acceptPartial, naming = null) {
    const file = fileInput.files?.[0];
    if (!file) {
      replace(report, h('p', { class: 'bad', role: 'alert' }, s('noFile')));
      fileInput.focus();
      return;
    }
    try {
      const format = formatSelect.value || await guessFormat(file);
      const base = file.name.replace(/\.[^.]+$/, '');
      const title = titleInput.value.trim() || base;
      const bankId = `imported-${base.replace(/[^\p{L}\p{N}_-]+/gu, '-').slice(0, 40)}-${Date.now().toString(36)}`;
      const bytes = new Uint8Array(await file.arrayBuffer());
      // The 维度 column takes the dimensions of the model in use (a custom 企业文化 included).
      const dimensions = await modelDimensions(store);
      // Parsed and checked in the worker (a large file would freeze the page), with a progress
      // bar and a cancel button.
      const out = await parseFile('importBank', bytes, { format, title, bankId, acceptPartial, dimensions, encoding: encodingSelect.value }, { slot: report });
      if (!out.bank) {
        const accept = h('input', { type: 'checkbox', id: 'accept-report' });
        const anyway = h('button', { type: 'button', id: 'import-anyway', disabled: true, onclick: () => runImport(true) },
          s('importAnyway', { n: out.problems.length }));
        accept.addEventListener('change', () => { anyway.disabled = !accept.checked; });
        replace(report,
          h('p', { class: 'bad', role: 'alert', id: 'import-summary' }, s('problems', { n: out.problems.length })),
          problemsTable(out.problems),
          reportTable(out.notes),
          h('p', { class: 'row' }, accept, ' ', h('label', { for: 'accept-report' }, s('acceptLabel'))),
          h('p', {}, anyway));
        return;
      }
      // The same file imported twice must not give two exams of the same name on the home page.
      const stored = await store.getAll('banks');
      const twin = stored.find((b) => b.title === out.bank.title);
      if (twin && !naming) {
        const other = freeTitle(out.bank.title, new Set(stored.map((b) => b.title)));
        replace(report,
          h('p', { class: 'warn', role: 'alert', id: 'import-same-title' }, s('sameTitle', { t: out.bank.title, n: other })),
          h('p', {},
            h('button', { type: 'button', id: 'import-replace', onclick: () => runImport(acceptPartial, { replace: twin.id }) }, s('replaceIt')), ' ',
            h('button', { type: 'button', class: 'primary', id: 'import-rename', onclick: () => runImport(acceptPartial, { title: other }) }, s('saveAs', { n: other }))));
        return;
      }
      if (naming?.replace) out.bank.id = naming.replace;
      if (naming?.title) out.bank.title = naming.title;
      await storeBank(store, out.bank, out.checked === true);
      const note = s('imported', { t: out.bank.title, n: out.itemCount }) + (out.problems.length ? s('skippedNote', { n: out.problems.length }) : '');
      replace(report, h('p', { class: 'good', role: 'status', id: 'import-summary', dataset: { itemCount: out.itemCount, bankId: out.bank.id } }, note),
        reportTable(out.notes, out.problems),
        h('p', {}, h('a', { href: `#/exams/new/${encodeURIComponent(out.bank.id)}`, class: 'button primary', id: 'import-setup' }, s('setUp'))));
      announce(note);
      refreshBanks();
    } catch (error) {
      replace(report, errorBlock(error));
    }
  }

  const bankSelect = h('select', { id: 'export-bank' });
  const exportNote = h('p', { id: 'export-note', role: 'status' });
  async function refreshBanks() {
    const list = (await store.getAll('banks')).sort((a, b) => a.title.localeCompare(b.title));
    replace(bankSelect, list.map((b) => h('option', { value: b.id }, `${b.title}（${b.items.length}）`)));
  }
  replace(bankSelect, banks.map((b) => h('option', { value: b.id }, `${b.title}（${b.items.length}）`)));

  async function runExport(format) {
    try {
      const bank = await store.get('banks', bankSelect.value);
      const out = interop.exportBank(bank, format);
      download(out.fileName, out.bytes ?? out.text, out.mimeType);
      exportNote.className = out.skipped.length ? 'warn' : 'good';
      exportNote.textContent = out.skipped.length
        ? s('exportSkipped', { n: out.skipped.length, ids: out.skipped.map((p) => p.path).join('、') })
        : s('exported', { f: NAMES[format] });
    } catch (error) {
      replace(exportNote, errorBlock(error));
    }
  }

  replace(main,
    h('h2', { id: 'import-title-h' }, s('title')),
    h('p', { class: 'muted' }, s('intro')),
    h('form', {
      class: 'card', 'aria-labelledby': 'import-title-h',
      onsubmit: (event) => { event.preventDefault(); runImport(false); },
    },
    h('label', { for: 'import-file' }, s('file')), fileInput,
    h('label', { for: 'import-format' }, s('format')), formatSelect,
    h('label', { for: 'import-encoding' }, s('encoding')), encodingSelect,
    h('label', { for: 'import-title' }, s('bankTitle')), titleInput,
    h('p', {},
      h('button', { type: 'submit', class: 'primary', id: 'import-check' }, s('check')), ' ',
      h('button', { type: 'button', id: 'download-template', onclick: () => download('题库模板.xlsx', new Blob([interop.templateXlsx()]), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') }, s('template'))),
    report),
    h('section', { class: 'card', 'aria-labelledby': 'export-bank-title' },
      h('h2', { id: 'export-bank-title' }, s('exportTitle')),
      h('label', { for: 'export-bank' }, s('whichBank')), bankSelect,
      h('p', {}, FORMATS.map((f) => [h('button', { type: 'button', dataset: { format: f }, onclick: () => runExport(f) }, s('exportAs', { f: NAMES[f] })), ' '])),
      exportNote),
    h('p', {}, h('a', { href: '#/export' }, s('toResults'))));
}
