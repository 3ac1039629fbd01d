// 组卷与考试 (#/exams, #/exams/<id>, #/exams/new/<bankId>): the trainer's exams and the set-up
// screen. Every change is checked by the module as it is made (checkExam): problems appear
// next to their field, each draw shows its pool ("可用 12 道"). A sample paper is previewed from
// a seed. Publishing stores the exam, its blueprint and a snapshot of its bank(s) in one
// transaction (prepareExam), so only published exams reach the candidate's home page and a
// published exam keeps its items if a bank is edited later. Exams can be duplicated for the
// next quarter, closed, deleted, and their results released.
import { checkExam, prepareExam, Exam } from '../kaohe/lite.js';
import { h, replace, announce } from '../dom.js';
import { pick } from '../i18n.js';
import { strings, errorBox, confirmInline, listView, field, showProblems } from './cycle-common.js';
import { modelDimensions } from '../model-data.js';
import { itemPicker } from './item-picker.js';

const s = strings({
  title: ['组卷与考试', 'Exams'],
  intro: ['从题库组卷：设置部分、固定题和按条件抽题、及格线、时间、作答次数和成绩公布方式。只有“已发布”的考试会出现在考生首页。',
    'Set up exams from your banks: sections, fixed items and draws, pass mark, time, attempts and what candidates see afterwards. Only published exams appear on the candidate’s home page.'],
  newExam: ['新建考试', 'New exam'], name: ['考试名称', 'Exam title'], status: ['状态', 'Status'], banks: ['题库', 'Banks'],
  candidates: ['作答', 'Attempts'], window: ['开放时间', 'Window'], actions: ['操作', 'Actions'],
  draft: ['草稿', 'Draft'], published: ['已发布', 'Published'], closed: ['已关闭', 'Closed'],
  edit: ['编辑', 'Edit'], publish: ['发布', 'Publish'], close: ['关闭', 'Close'], reopen: ['重新发布', 'Publish again'],
  duplicate: ['复制为下一期', 'Duplicate for next quarter'], remove: ['删除', 'Delete'], overview: ['结果概览', 'Results'],
  release: ['公布成绩', 'Release results'], released: ['成绩已公布', 'Results released'], notReleased: ['成绩待公布', 'Results not released'],
  noExams: ['还没有考试。先导入题库，再点“新建考试”。', 'No exams yet. Import a bank, then choose “New exam”.'],
  noBanks: ['还没有题库：请先在“题库导入导出”中导入。', 'No banks yet: import one under “Import banks” first.'],
  always: ['不限', 'Any time'],
  // The editor.
  basics: ['基本设置', 'Basics'], chooseBanks: ['从哪些题库组卷', 'Banks to draw from'],
  bankItems: ['{t}（{n} 道题）', '{t} ({n} items)'],
  timeLimit: ['考试总时长（分钟，留空不限时）', 'Time limit (minutes; empty for none)'],
  passMark: ['及格线（%）', 'Pass mark (%)'], attempts: ['每人可作答次数（留空不限）', 'Attempts per person (empty: no limit)'],
  opensAt: ['开放时间（可选）', 'Opens (optional)'], closesAt: ['截止时间（可选）', 'Closes (optional)'],
  shuffleItems: ['打乱题目顺序', 'Shuffle items'], shuffleOptions: ['打乱选项顺序', 'Shuffle options'], practice: ['练习模式（每题作答后显示反馈）', 'Practice mode (feedback after each answer)'],
  policy: ['多选题计分', 'Multiple-choice scoring'], policyBank: ['按题库设置', 'As the bank says'],
  exact: ['少选不得分', 'Exact set only'], perOption: ['少选按比例得分', 'Partial credit per option'], fixedShare: ['少选得一半分', 'Half points for a partial answer'], rightMinusWrong: ['选对加分、选错扣分', 'Right minus wrong'],
  releaseTitle: ['考后考生能看到', 'What candidates see afterwards'],
  content: ['内容', 'Content'], score: ['仅总分和是否及格', 'Score and pass/fail only'], sections: ['总分和各部分得分', 'Score and each section'], review: ['完整回顾（含答案和解析）', 'Full review with answers and explanations'],
  timing: ['时间', 'When'], immediately: ['交卷后立即', 'As soon as they submit'], afterRelease: ['培训师公布后', 'Once the trainer releases them'],
  unknown: ['工号不在人员名册中时', 'When the employee id is not in the roster'], refuse: ['拒绝开始考试', 'Refuse to start'], recordUnmatched: ['允许作答，记为“未匹配”', 'Allow, recorded as unmatched'],
  sectionsTitle: ['试卷结构', 'Paper'], section: ['第 {n} 部分', 'Section {n}'], sectionTitle: ['部分名称', 'Section title'],
  sectionTime: ['本部分时长（分钟，可选）', 'Section time (minutes, optional)'], minPercent: ['本部分最低得分率（%，可选）', 'Section minimum (%, optional)'],
  fixed: ['固定题目（题目编号，用逗号分隔）', 'Fixed items (item ids, comma-separated)'],
  draw: ['抽题 {n}', 'Draw {n}'], count: ['抽取数量', 'How many'], dimension: ['能力维度', 'Dimension'], knowledgePoint: ['知识点', 'Knowledge point'],
  type: ['题型', 'Type'], dmin: ['难度下限', 'Min difficulty'], dmax: ['难度上限', 'Max difficulty'], label: ['标签（可选）', 'Label (optional)'],
  any: ['不限', 'Any'], pool: ['符合条件 {p} 道，可用 {a} 道', '{p} match, {a} available'],
  addDraw: ['添加抽题', 'Add a draw'], removeDraw: ['删除此抽题', 'Remove this draw'], addSection: ['添加部分', 'Add a section'], removeSection: ['删除此部分', 'Remove this section'],
  summary: ['每份试卷 {n} 道题；题库共 {b} 道。', '{n} items per paper; {b} in the banks.'],
  problems: ['还有 {n} 处需要修改，修改后才能发布。', '{n} things to fix before publishing.'],
  ready: ['设置完整，可以发布。', 'Complete: ready to publish.'],
  preview: ['预览一份试卷', 'Preview a paper'], seed: ['随机种子', 'Seed'], previewTitle: ['样卷（种子 {s}）', 'Sample paper (seed {s})'],
  saveDraft: ['保存草稿', 'Save draft'], saved: ['已保存。', 'Saved.'], publishedNote: ['已发布“{t}”：考生首页现在可以看到它。', 'Published “{t}”: candidates see it on their home page now.'],
  closedNote: ['已关闭“{t}”：考生首页不再显示，成绩保留。', 'Closed “{t}”: no longer offered; results stay.'],
  releasedNote: ['已公布“{t}”的成绩。', 'Released the results of “{t}”.'],
  copied: ['已复制为“{t}”（草稿）。', 'Duplicated as “{t}” (draft).'],
  removeTitle: ['删除考试“{t}”？', 'Delete the exam “{t}”?'],
  removeGoes: ['考试设置及其发布的试卷结构和题库快照', 'The exam set-up, its published paper structure and bank snapshot'],
  removeStays: ['{n} 份作答和成绩保留，可在“数据管理”中查看或删除；原题库不受影响。', '{n} attempts and results stay (see Data to review or delete them); the banks are untouched.'],
  removed: ['已删除考试“{t}”。', 'Deleted the exam “{t}”.'],
  back: ['返回考试列表', 'Back to the exams'],
  newTitle: ['{t} 考试', '{t} exam'],
  types: ['single:单选|multiple:多选|trueFalse:判断|fillBlank:填空|numeric:数值|ordering:排序|matching:匹配|situational:情景|shortAnswer:简答', 'single:Single|multiple:Multiple|trueFalse:True/false|fillBlank:Fill in|numeric:Numeric|ordering:Ordering|matching:Matching|situational:Situational|shortAnswer:Short answer'],
});

const isSnapshot = (bank) => String(bank.id).startsWith('exam-bank:');
const minutes = (seconds) => (seconds ? String(Math.round(seconds / 60)) : '');
const num = (text) => (text.trim() === '' ? null : Number(text));

/** A new exam from `bankId`: one section drawing up to 20 items, pass mark 85, score only until released. */
function newExam(bank) {
  const id = `exam-${Date.now().toString(36)}`;
  const title = bank ? s('newTitle', { t: bank.title }) : s('newExam');
  return {
    schemaVersion: 1, id, title, status: 'draft', bankIds: bank ? [bank.id] : [],
    blueprint: {
      schemaVersion: 1, id, title, bankId: '', timeLimitSeconds: null, passMarkPercent: 85, shuffleItems: true, shuffleOptions: false,
      sections: [{ id: 's1', title: s('section', { n: 1 }), timeLimitSeconds: null, minPercent: null, fixed: [], draw: [{ count: Math.min(20, bank?.items.length ?? 1), filter: {} }] }],
    },
    practice: false,
    release: { content: 'score', timing: 'afterRelease' },
    unknownCandidates: 'refuse',
    createdAt: Date.now(),
  };
}

/** The same exam for the next period: a new id, draft, the quarter in the title moved on. */
export function nextPeriod(exam) {
  const quarters = ['一', '二', '三', '四'];
  let title = exam.title.replace(/(\d{4})年第([一二三四])季度/, (_, y, q) => {
    const i = quarters.indexOf(q);
    return i === 3 ? `${Number(y) + 1}年第一季度` : `${y}年第${quarters[i + 1]}季度`;
  });
  if (title === exam.title) title = `${exam.title}（下一期）`;
  const shift = (text) => {
    if (!text) return text;
    const d = new Date(text);
    d.setMonth(d.getMonth() + 3);
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  };
  const id = `exam-${Date.now().toString(36)}`;
  const copy = structuredClone(exam);
  Object.assign(copy, { id, title, status: 'draft', createdAt: Date.now(), updatedAt: Date.now(), opensAt: shift(exam.opensAt), closesAt: shift(exam.closesAt) });
  delete copy.releasedAt;
  if (!copy.opensAt) delete copy.opensAt;
  if (!copy.closesAt) delete copy.closesAt;
  copy.blueprint = { ...copy.blueprint, id, title };
  return copy;
}

/** Publishes: the exam, the engine's blueprint and the bank snapshot, in one transaction. */
export async function publishExam(store, exam, banks) {
  const { bank, blueprint } = prepareExam({ exam, banks });
  const record = { ...exam, status: 'published', updatedAt: Date.now() };
  await store.change({ put: { exams: [record], blueprints: [blueprint], banks: [bank] } });
  return record;
}

function statusPill(exam) {
  const cls = { draft: 'warn', published: 'good', closed: '' }[exam.status] ?? '';
  return h('span', { class: `pill ${cls}`, dataset: { status: exam.status } }, s(exam.status));
}

async function renderList(main, context) {
  const { store, navigate } = context;
  const [exams, banks, attempts] = await Promise.all([store.getAll('exams'), store.getAll('banks'), store.getAll('attempts')]);
  const titles = new Map(banks.map((b) => [b.id, b.title]));
  const status = h('p', { role: 'status', id: 'exams-status' });
  const confirmSlot = h('div', { id: 'exams-confirm' });
  const count = (exam) => attempts.filter((a) => (a.examId ?? a.blueprintId) === exam.id).length;
  const rerender = async (message) => { await renderList(main, context); document.getElementById('exams-status').textContent = message; announce(message); };
  const update = async (exam, patch, message) => {
    try {
      if (patch.status === 'published') await publishExam(store, { ...exam, ...patch }, banks.filter((b) => !isSnapshot(b)));
      else await store.put('exams', { ...exam, ...patch, updatedAt: Date.now() });
      await rerender(message);
    } catch (error) {
      replace(confirmSlot, errorBox(error));
    }
  };
  const remove = async (exam) => {
    const ok = await confirmInline(confirmSlot, { title: s('removeTitle', { t: exam.title }), goes: [s('removeGoes')], stays: [s('removeStays', { n: count(exam) })], confirmLabel: s('remove') });
    if (!ok) return;
    const blueprintUsed = attempts.some((a) => a.blueprintId === exam.id);
    // Attempts keep their blueprint and bank snapshot so their results stay readable.
    await store.deleteMany({ exams: [exam.id], ...(blueprintUsed ? {} : { blueprints: [exam.id], banks: [`exam-bank:${exam.id}`] }) });
    await rerender(s('removed', { t: exam.title }));
  };
  const list = listView({
    id: 'exams-table', caption: s('title'), rows: exams, pageSize: 20,
    search: (e) => e.title,
    initialSort: { col: 0, dir: 1 },
    rowAttrs: (e) => ({ dataset: { examId: e.id } }),
    filters: [{ id: 'status', label: s('status'), options: ['draft', 'published', 'closed'].map((v) => [v, s(v)]), test: (e, v) => e.status === v }],
    columns: [
      { label: s('name'), value: (e) => e.title, cell: (e) => h('a', { href: `#/exams/${encodeURIComponent(e.id)}` }, e.title) },
      { label: s('status'), value: (e) => e.status, cell: (e) => [statusPill(e), e.release?.timing === 'afterRelease' ? h('span', { class: 'muted small' }, ` ${e.releasedAt ? s('released') : s('notReleased')}`) : null] },
      { label: s('banks'), value: (e) => (e.bankIds ?? []).map((id) => titles.get(id) ?? id).join('、'), cell: (e) => (e.bankIds ?? []).map((id) => titles.get(id) ?? id).join('、') },
      { label: s('candidates'), num: true, value: count, cell: (e) => String(count(e)) },
      { label: s('window'), value: (e) => e.opensAt ?? '', cell: (e) => (e.opensAt || e.closesAt ? `${(e.opensAt ?? '').replace('T', ' ')} – ${(e.closesAt ?? '').replace('T', ' ')}` : s('always')) },
      { label: s('actions'), cell: (e) => h('span', { class: 'row' },
        h('a', { href: `#/exams/${encodeURIComponent(e.id)}`, class: 'button' }, s('edit')),
        e.status !== 'published' ? h('button', { type: 'button', dataset: { action: 'publish' }, onclick: () => update(e, { status: 'published' }, s('publishedNote', { t: e.title })) }, e.status === 'closed' ? s('reopen') : s('publish')) : null,
        e.status === 'published' ? h('button', { type: 'button', dataset: { action: 'close' }, onclick: () => update(e, { status: 'closed' }, s('closedNote', { t: e.title })) }, s('close')) : null,
        e.release?.timing === 'afterRelease' && !e.releasedAt ? h('button', { type: 'button', dataset: { action: 'release' }, onclick: () => update(e, { releasedAt: Date.now() }, s('releasedNote', { t: e.title })) }, s('release')) : null,
        h('a', { href: `#/results/${encodeURIComponent(e.id)}`, class: 'button' }, s('overview')),
        h('button', { type: 'button', dataset: { action: 'duplicate' }, onclick: async () => { const copy = nextPeriod(e); await store.put('exams', copy); await rerender(s('copied', { t: copy.title })); } }, s('duplicate')),
        h('button', { type: 'button', dataset: { action: 'remove' }, onclick: () => remove(e) }, s('remove'))) },
    ],
  });
  const usable = banks.filter((b) => !isSnapshot(b));
  replace(main,
    h('h2', {}, s('title')),
    h('p', { class: 'muted' }, s('intro')),
    status,
    usable.length ? h('p', {}, h('button', { type: 'button', class: 'primary', id: 'exam-new', onclick: () => navigate('#/exams/new') }, s('newExam'))) : h('p', {}, s('noBanks'), ' ', h('a', { href: '#/import' }, s('banks'))),
    // Adaptive exams and parallel papers per shift: their own view (on the full module).
    h('p', {}, h('a', { href: '#/adaptive', id: 'exams-adaptive-link' }, pick({ zh: '自适应考试与平行试卷（按班次）', en: 'Adaptive exams and parallel papers per shift' }))),
    confirmSlot,
    exams.length ? list.node : h('p', { class: 'muted' }, s('noExams')));
}

/** The field id a problem's path belongs to (so it shows next to that field). */
function fieldFor(path) {
  const m = path.match(/^blueprint\.sections\[(\d+)\](?:\.(\w+)(?:\[(\d+)\])?(?:\.(\w+)(?:\.(\w+))?)?)?/);
  if (m) {
    const [, i, key, j, sub, subsub] = m;
    if (!key) return `sec-${i}-title`;
    if (key === 'draw') {
      if (sub === 'filter') return `sec-${i}-draw-${j}-${{ dimensions: 'dim', difficulty: 'dmin', knowledgePoints: 'kp', types: 'type', labels: 'label' }[subsub] ?? 'count'}`;
      return `sec-${i}-draw-${j}-count`;
    }
    return `sec-${i}-${{ title: 'title', id: 'title', timeLimitSeconds: 'time', minPercent: 'min', fixed: 'fixed' }[key] ?? 'title'}`;
  }
  const top = {
    title: 'exam-title', attemptsAllowed: 'exam-attempts', opensAt: 'exam-opens', closesAt: 'exam-closes',
    'blueprint.passMarkPercent': 'exam-pass', 'blueprint.timeLimitSeconds': 'exam-time',
  };
  if (path.startsWith('bankIds')) return 'exam-banks';
  return top[path] ?? null;
}

async function renderEditor(main, context, examId, bankId) {
  const { store } = context;
  const [stored, allBanks, dimensions] = await Promise.all([
    examId === 'new' ? null : store.get('exams', examId), store.getAll('banks'), modelDimensions(store, { includeRetired: true }),
  ]);
  const banks = allBanks.filter((b) => !isSnapshot(b)).sort((a, b) => a.title.localeCompare(b.title));
  if (banks.length === 0) { replace(main, h('h2', {}, s('title')), h('p', {}, s('noBanks'))); return; }
  const exam = stored ? structuredClone(stored) : newExam(banks.find((b) => b.id === bankId) ?? banks[0]);
  exam.blueprint.sections = exam.blueprint.sections ?? [];
  const status = h('p', { role: 'status', id: 'exam-status' });
  const summary = h('p', { id: 'exam-summary', 'aria-live': 'polite' });
  const leftover = h('div', { id: 'exam-problems' });
  const previewSlot = h('div', { id: 'exam-preview' });
  let lastCheck = null;

  const chosenBanks = () => banks.filter((b) => exam.bankIds.includes(b.id));
  const typeNames = Object.fromEntries(s('types').split('|').map((x) => x.split(':')));
  const dimName = new Map(dimensions.map((d) => [d.id, d.name]));

  /** Checks the whole set-up with the module and shows each problem next to its field. */
  function validate() {
    exam.blueprint.id = exam.id;
    exam.blueprint.title = exam.title;
    try {
      lastCheck = checkExam({ exam, banks: chosenBanks() });
    } catch (error) {
      lastCheck = { problems: [{ code: error.code, path: error.path ?? '', message: error.messages ?? { zh: error.message, en: error.message } }], sections: [], itemCount: 0, bankItemCount: 0 };
    }
    const left = showProblems(main, lastCheck.problems, fieldFor);
    lastCheck.sections.forEach((sec, i) => sec.draws.forEach((d, j) => {
      const slot = main.querySelector(`#sec-${i}-draw-${j}-pool`);
      if (slot) {
        slot.textContent = s('pool', { p: d.pool, a: d.available });
        slot.className = `pool small ${d.count > d.available ? 'bad' : 'muted'}`;
      }
    }));
    summary.textContent = `${s('summary', { n: lastCheck.itemCount, b: lastCheck.bankItemCount })} ${lastCheck.problems.length ? s('problems', { n: lastCheck.problems.length }) : s('ready')}`;
    summary.className = lastCheck.problems.length ? 'bad' : 'good';
    replace(leftover, left.length ? errorBox({ message: left.map((p) => pick(p.message)).join('；') }) : null);
    return lastCheck.problems.length === 0;
  }

  const bind = (input, apply, event = 'input') => { input.addEventListener(event, () => { apply(input); validate(); }); return input; };
  const numberInput = (value, apply, attrs = {}) => bind(h('input', { type: 'number', inputmode: 'numeric', value: value ?? '', ...attrs }), apply);
  const check = (checked, apply) => bind(h('input', { type: 'checkbox', checked: Boolean(checked) }), apply, 'change');
  const select = (options, value, apply) => bind(h('select', {}, options.map(([v, t]) => h('option', { value: v, selected: v === (value ?? '') }, t))), apply, 'change');

  function drawEditor(section, i, draw, j) {
    const f = draw.filter ?? (draw.filter = {});
    const kps = [...new Set(chosenBanks().flatMap((b) => b.items.map((it) => it.tags.knowledgePoint)))].sort();
    const dims = [...new Set([...dimensions.filter((d) => !d.retired || (f.dimensions ?? []).includes(d.id)).map((d) => d.id)])];
    return h('div', { class: 'draw-row', dataset: { draw: `${i}-${j}` } },
      h('strong', {}, s('draw', { n: j + 1 })),
      field(`sec-${i}-draw-${j}-count`, s('count'), numberInput(draw.count, (x) => { draw.count = Number(x.value) || 0; }, { min: '1', step: '1' })),
      field(`sec-${i}-draw-${j}-dim`, s('dimension'), select([['', s('any')], ...dims.map((d) => [d, dimName.get(d) ?? d])], f.dimensions?.[0], (x) => { f.dimensions = x.value ? [x.value] : []; })),
      field(`sec-${i}-draw-${j}-kp`, s('knowledgePoint'), select([['', s('any')], ...kps.map((k) => [k, k])], f.knowledgePoints?.[0], (x) => { f.knowledgePoints = x.value ? [x.value] : []; })),
      field(`sec-${i}-draw-${j}-type`, s('type'), select([['', s('any')], ...Object.entries(typeNames)], f.types?.[0], (x) => { f.types = x.value ? [x.value] : []; })),
      field(`sec-${i}-draw-${j}-dmin`, s('dmin'), select([['', s('any')], ...[1, 2, 3, 4, 5].map((n) => [String(n), String(n)])], f.difficulty ? String(f.difficulty.min) : '', (x) => {
        f.difficulty = x.value ? { min: Number(x.value), max: f.difficulty?.max ?? 5 } : (f.difficulty?.max < 5 ? { min: 1, max: f.difficulty.max } : null);
        if (!f.difficulty) delete f.difficulty;
      })),
      field(`sec-${i}-draw-${j}-dmax`, s('dmax'), select([['', s('any')], ...[1, 2, 3, 4, 5].map((n) => [String(n), String(n)])], f.difficulty ? String(f.difficulty.max) : '', (x) => {
        f.difficulty = x.value ? { min: f.difficulty?.min ?? 1, max: Number(x.value) } : (f.difficulty?.min > 1 ? { min: f.difficulty.min, max: 5 } : null);
        if (!f.difficulty) delete f.difficulty;
      })),
      field(`sec-${i}-draw-${j}-label`, s('label'), bind(h('input', { type: 'text', value: f.labels?.[0] ?? '', autocomplete: 'off' }), (x) => { f.labels = x.value.trim() ? [x.value.trim()] : []; })),
      h('p', { class: 'pool small muted', id: `sec-${i}-draw-${j}-pool`, 'aria-live': 'polite' }),
      h('button', { type: 'button', onclick: () => { section.draw.splice(j, 1); drawSections(); } }, s('removeDraw')));
  }

  // The searchable pool behind each section's fixed items (item-picker.js); ticking an item
  // writes the typed field too.
  let pickers = [];
  const fixedPicker = (section, i) => {
    const picker = itemPicker({
      id: `sec-${i}-picker`, banks: chosenBanks(), section, typeNames, dimName,
      onChange: () => { const input = main.querySelector(`#sec-${i}-fixed`); if (input) input.value = (section.fixed ?? []).join(', '); validate(); },
    });
    pickers[i] = picker;
    return picker.node;
  };

  const sectionsSlot = h('div', { id: 'exam-sections' });
  function drawSections() {
    pickers = [];
    replace(sectionsSlot, exam.blueprint.sections.map((section, i) => h('fieldset', { class: 'section-editor', dataset: { section: String(i) } },
      h('legend', {}, s('section', { n: i + 1 })),
      h('div', { class: 'row' },
        field(`sec-${i}-title`, s('sectionTitle'), bind(h('input', { type: 'text', value: section.title, autocomplete: 'off' }), (x) => { section.title = x.value; })),
        field(`sec-${i}-time`, s('sectionTime'), numberInput(minutes(section.timeLimitSeconds), (x) => { section.timeLimitSeconds = num(x.value) === null ? null : Math.round(num(x.value) * 60); }, { min: '1' })),
        field(`sec-${i}-min`, s('minPercent'), numberInput(section.minPercent, (x) => { section.minPercent = num(x.value); }, { min: '0', max: '100' })),
        field(`sec-${i}-fixed`, s('fixed'), bind(h('input', { type: 'text', value: (section.fixed ?? []).join(', '), autocomplete: 'off' }), (x) => { section.fixed = x.value.split(/[,，、\s]+/).map((v) => v.trim()).filter(Boolean); pickers[i]?.refresh(); }))),
      fixedPicker(section, i),
      (section.draw ?? []).map((d, j) => drawEditor(section, i, d, j)),
      h('p', { class: 'row' },
        h('button', { type: 'button', id: `sec-${i}-add-draw`, onclick: () => { (section.draw ??= []).push({ count: 1, filter: {} }); drawSections(); } }, s('addDraw')),
        exam.blueprint.sections.length > 1 ? h('button', { type: 'button', onclick: () => { exam.blueprint.sections.splice(i, 1); drawSections(); } }, s('removeSection')) : null))));
    validate();
  }

  const bankBoxes = h('fieldset', { id: 'exam-banks', class: 'field' }, h('legend', {}, s('chooseBanks')),
    banks.map((b) => h('label', { class: 'row' }, bind(h('input', { type: 'checkbox', value: b.id, checked: exam.bankIds.includes(b.id) }), (x) => {
      exam.bankIds = x.checked ? [...new Set([...exam.bankIds, b.id])] : exam.bankIds.filter((id) => id !== b.id);
      drawSections();
    }, 'change'), s('bankItems', { t: b.title, n: b.items.length }))),
    h('p', { class: 'bad small field-problem', id: 'exam-banks-problem', role: 'status' }));

  const save = async (publish) => {
    exam.updatedAt = Date.now();
    if (!validate() && publish) { summary.focus?.(); return; }
    try {
      if (publish) {
        const record = await publishExam(store, exam, banks);
        Object.assign(exam, record);
        status.textContent = s('publishedNote', { t: exam.title });
      } else {
        await store.put('exams', exam);
        status.textContent = s('saved');
      }
      announce(status.textContent);
      if (examId === 'new') history.replaceState(null, '', `#/exams/${encodeURIComponent(exam.id)}`);
    } catch (error) {
      replace(leftover, errorBox(error));
    }
  };

  const seedInput = h('input', { type: 'number', value: '1', min: '0', step: '1', class: 'narrow' });
  const preview = () => {
    replace(previewSlot);
    if (!validate()) return;
    try {
      const { bank, blueprint } = prepareExam({ exam, banks: chosenBanks() });
      const engine = new Exam(bank, blueprint);
      try {
        const seed = Number(seedInput.value) || 0;
        const paper = engine.assemble(seed);
        const items = new Map(bank.items.map((it) => [it.id, it]));
        replace(previewSlot, h('div', { class: 'card' }, h('h3', {}, s('previewTitle', { s: seed })),
          paper.sections.map((sec, i) => h('section', {}, h('h4', {}, blueprint.sections[i]?.title ?? ''),
            h('ol', {}, sec.itemIds.map((id) => {
              const it = items.get(id);
              return h('li', {}, `${it?.stem ?? id}`, h('span', { class: 'muted small' }, `（${typeNames[it?.type] ?? ''} · ${dimName.get(it?.tags?.dimension) ?? ''} · ${it?.points ?? ''}）`));
            }))))));
      } finally {
        engine.free();
      }
    } catch (error) {
      replace(previewSlot, errorBox(error));
    }
  };

  const policyValue = exam.multipleChoicePolicy?.kind ?? '';
  replace(main,
    h('p', {}, h('a', { href: '#/exams' }, s('back'))),
    h('h2', {}, h('span', { id: 'exam-heading' }, exam.title), ' ', statusPill(exam)),
    status,
    h('section', { class: 'card' }, h('h3', {}, s('basics')),
      field('exam-title', s('name'), bind(h('input', { type: 'text', value: exam.title, autocomplete: 'off' }), (x) => {
        exam.title = x.value;
        main.querySelector('#exam-heading').textContent = x.value;
      })),
      bankBoxes,
      h('div', { class: 'row' },
        field('exam-time', s('timeLimit'), numberInput(minutes(exam.blueprint.timeLimitSeconds), (x) => { exam.blueprint.timeLimitSeconds = num(x.value) === null ? null : Math.round(num(x.value) * 60); }, { min: '1' })),
        field('exam-pass', s('passMark'), numberInput(exam.blueprint.passMarkPercent, (x) => { exam.blueprint.passMarkPercent = num(x.value); }, { min: '0', max: '100' })),
        field('exam-attempts', s('attempts'), numberInput(exam.attemptsAllowed, (x) => { if (num(x.value) === null) delete exam.attemptsAllowed; else exam.attemptsAllowed = num(x.value); }, { min: '1' }))),
      h('div', { class: 'row' },
        field('exam-opens', s('opensAt'), bind(h('input', { type: 'datetime-local', value: exam.opensAt ?? '' }), (x) => { if (x.value) exam.opensAt = x.value; else delete exam.opensAt; })),
        field('exam-closes', s('closesAt'), bind(h('input', { type: 'datetime-local', value: exam.closesAt ?? '' }), (x) => { if (x.value) exam.closesAt = x.value; else delete exam.closesAt; }))),
      h('div', { class: 'row' },
        h('label', { class: 'row' }, check(exam.blueprint.shuffleItems, (x) => { exam.blueprint.shuffleItems = x.checked; }), s('shuffleItems')),
        h('label', { class: 'row' }, check(exam.blueprint.shuffleOptions, (x) => { exam.blueprint.shuffleOptions = x.checked; }), s('shuffleOptions')),
        h('label', { class: 'row' }, check(exam.practice, (x) => { exam.practice = x.checked; }), s('practice'))),
      field('exam-policy', s('policy'), select([['', s('policyBank')], ...['exact', 'perOption', 'fixedShare', 'rightMinusWrong'].map((k) => [k, s(k)])], policyValue, (x) => {
        if (x.value) exam.multipleChoicePolicy = { kind: x.value }; else delete exam.multipleChoicePolicy;
      })),
      field('exam-unknown', s('unknown'), select(['refuse', 'recordUnmatched'].map((k) => [k, s(k)]), exam.unknownCandidates ?? 'refuse', (x) => { exam.unknownCandidates = x.value; }))),
    h('section', { class: 'card' }, h('h3', {}, s('releaseTitle')),
      h('div', { class: 'row' },
        field('exam-release-content', s('content'), select(['score', 'sections', 'review'].map((k) => [k, s(k)]), exam.release?.content ?? 'review', (x) => { exam.release = { ...exam.release, content: x.value }; })),
        field('exam-release-timing', s('timing'), select(['immediately', 'afterRelease'].map((k) => [k, s(k)]), exam.release?.timing ?? 'immediately', (x) => { exam.release = { ...exam.release, timing: x.value }; })))),
    h('section', { class: 'card' }, h('h3', {}, s('sectionsTitle')),
      sectionsSlot,
      h('p', {}, h('button', { type: 'button', id: 'exam-add-section', onclick: () => {
        const n = exam.blueprint.sections.length + 1;
        let id = `s${n}`;
        while (exam.blueprint.sections.some((x) => x.id === id)) id = `${id}x`;
        exam.blueprint.sections.push({ id, title: s('section', { n }), timeLimitSeconds: null, minPercent: null, fixed: [], draw: [{ count: 1, filter: {} }] });
        drawSections();
      } }, s('addSection')))),
    summary,
    leftover,
    h('p', { class: 'row' },
      h('button', { type: 'button', id: 'exam-save', onclick: () => save(false) }, s('saveDraft')),
      h('button', { type: 'button', class: 'primary', id: 'exam-publish', onclick: () => save(true) }, s('publish')),
      h('label', { for: 'exam-seed' }, s('seed')), Object.assign(seedInput, { id: 'exam-seed' }),
      h('button', { type: 'button', id: 'exam-preview-button', onclick: preview }, s('preview'))),
    previewSlot);
  drawSections();
}

export async function render(main, context, examId, bankId) {
  if (!examId) return renderList(main, context);
  return renderEditor(main, context, examId, bankId);
}
