// The trainer's side of adaptive exams (自适应复训考试), on the full module: publish an adaptive
// exam from a bank calibrated on its stored attempts (2PL or Rasch, the IRT tab's estimate), with
// the stop rule, content balancing and exposure control in words; and check candidates' attempts:
// each is re-scored with the bank's real key and the item selection replayed from the true
// answers (verifyAdaptiveAttempt), so a device that lied about right and wrong or skipped the
// selection rule is flagged. The package carries commitments to the answers, not the answers
// (docs/security.md, "Adaptive exams").
import { buildAdaptivePackage, verifyAdaptiveAttempt, chainEvent } from '../kaohe/index.js';
import { runJob, progressPanel } from '../work.js';
import { h, replace, announce, download } from '../dom.js';
import { t, uiLocale } from '../i18n.js';
import { listAllExams } from '../data.js';
import { selectAttempts, concatPacked } from './analysis.js';
import { ATTEMPTS_FORMAT } from './cat.js';

const LOCAL = {
  title: ['自适应考试与平行试卷', 'Adaptive exams and parallel papers'],
  intro: ['自适应考试每次出一道最适合考生当前水平的题，测准即停：在 2,000 人的模拟中，它比 30 题的固定试卷少用约四分之一的题，而且测得更准。题目的难度和区分度从这场考试已交卷的作答中估计。',
    'An adaptive exam gives each candidate the question that suits their level so far and stops once the level is measured precisely; in a simulation of 2,000 candidates it used about a quarter fewer questions than a 30-question fixed paper and measured more precisely. Question difficulty and discrimination are estimated from this exam\'s submitted attempts.'],
  keyNote: ['考试包不含答案，只含每题答案的“指纹”：考生的设备只能判断所选答案对不对。懂技术的考生可以在本机逐个试选项，所以请把它当作开卷程度的防护；成绩以这里用真实答案重新评分、重算选题的核对结果为准。',
    'The package holds no answers, only a fingerprint of each: the candidate\'s device can only tell whether the answer chosen is right. A technical candidate can try options one by one on their own device, so treat this as open-book protection; the result that counts is the check here, which re-scores with the real answers and replays the question selection.'],
  publishTitle: ['发布自适应考试', 'Publish an adaptive exam'],
  source: ['题目来源（用这场考试已交卷的作答估计题目参数）', 'Questions from (parameters estimated from this exam\'s submitted attempts)'],
  name: ['考试名称', 'Exam title'],
  nameDefault: ['{t}（自适应）', '{t} (adaptive)'],
  model: ['估计方式', 'Estimate'],
  modelTwoPl: ['难度 + 区分度（两参数模型）', 'Difficulty and discrimination (2PL)'],
  modelRasch: ['只估难度（Rasch 模型）', 'Difficulty only (Rasch)'],
  precision: ['测量精度', 'Precision'],
  precisionHigh: ['高（题多一些）', 'high (more questions)'],
  precisionMid: ['中', 'medium'],
  precisionLow: ['低（题少一些）', 'low (fewer questions)'],
  minItems: ['最少题数', 'At least this many questions'],
  maxItems: ['最多题数', 'At most this many questions'],
  balance: ['各能力维度的题数大致相同', 'About as many questions from each competency dimension'],
  exposure: ['防止同一道题被太多人看到', 'Keep any one question from being seen by too many'],
  exposure5: ['从最合适的 5 道题中随机出一道（推荐）', 'pick at random among the 5 best-suited questions (recommended)'],
  exposure10: ['从最合适的 10 道题中随机出一道（更分散，题数略多）', 'among the 10 best-suited (more spread, slightly longer)'],
  exposure1: ['总是出最合适的一道（最短，但少数题人人都见过）', 'always the best-suited one (shortest, but a few questions reach everyone)'],
  cut: ['合格线（能力：0 = 参加估计的考生的平均水平，1 约高出一个标准差）', 'Pass mark (ability: 0 = the average of the candidates estimated from, 1 about one standard deviation above)'],
  publish: ['估计题目参数并发布', 'Estimate and publish'],
  working: ['正在估计题目参数…', 'Estimating question parameters…'],
  progress: ['正在估计题目参数…（{p}%）', 'Estimating question parameters… ({p}%)'],
  cancelled: ['已取消，没有发布或保存任何内容。', 'Cancelled: nothing was published or saved.'],
  noAttempts: ['这场考试还没有已交卷的作答，无法估计题目参数。', 'This exam has no submitted attempts to estimate from.'],
  published: ['已发布“{t}”：{n} 道题，已下载考试包 {f}。把它发给考生，在“自适应考试”页载入。', 'Published "{t}": {n} questions; the package {f} was downloaded. Send it to candidates, who load it on the Adaptive exams page.'],
  left: ['另有 {n} 道题未用：题型不是单选、多选或判断，或参数无法估计。', '{n} other questions are not used: not single, multiple or true/false, or their parameters cannot be estimated.'],
  checkTitle: ['核对成绩', 'Check results'],
  importAttempts: ['导入考生的作答记录（.json）', 'Import candidates\' attempts (.json)'],
  imported: ['已导入 {n} 份作答记录。', '{n} attempts imported.'],
  notAttempts: ['这不是自适应考试的作答记录文件。', 'Not an adaptive attempts file.'],
  noneYet: ['还没有自适应考试的作答。', 'No adaptive attempts yet.'],
  colCandidate: ['考生', 'Candidate'],
  colExam: ['考试', 'Exam'],
  colItems: ['作答 / 答对', 'Answered / correct'],
  colResult: ['结果', 'Result'],
  colCheck: ['核对', 'Check'],
  inProgress: ['作答中', 'in progress'],
  intact: ['记录可信', 'Trustworthy'],
  intactHelp: ['“记录可信”：已按真实答案重新评分，每道题都是出题规则按考生真实对错应出的题，考试在停止规则处结束。结果以这里为准。', '"Trustworthy": re-scored with the real answers; every question is the one the rules pick from the candidate\'s true answers, and the exam ended where the stop rule ends it. This result is the one that counts.'],
  noPackage: ['本机没有这场考试发布时的考试包，无法核对', 'The package as published is not on this device; cannot check'],
  noBank: ['本机没有这场考试的题库（含答案），无法核对', 'The bank with its answers is not on this device; cannot check'],
  otherPackage: ['考生使用的考试包与发布的不同', 'The candidate used a package other than the one published'],
  checkFailed: ['无法核对该记录', 'The record could not be checked'],
  candidateLink: ['考生入口：参加自适应考试', 'Candidates: take an adaptive exam'],
  parallelTitle: ['生成平行试卷（早班 / 中班 / 晚班）', 'Parallel papers (early / middle / late shift)'],
  parallelIntro: ['从同一题库组出几份难度和测量精度几乎相同、互不重复的试卷，让不同班次的考生考不同的题而成绩可比。题目参数从所选考试已交卷的作答中估计。',
    'Several papers from one bank, with almost the same difficulty and precision and no shared questions, so each shift takes different questions with comparable scores. Question parameters are estimated from the chosen exam\'s submitted attempts.'],
  names: ['试卷名称（用顿号或逗号分隔）', 'Paper names (separated by commas)'],
  namesDefault: ['早班、中班、晚班', 'Early, Middle, Late'],
  perArea: ['每个能力维度的题数（每份试卷）', 'Questions per competency dimension (each paper)'],
  overlap: ['题目重复', 'Shared questions'],
  overlap1: ['不同试卷不共用题目', 'no question on two papers'],
  overlap2: ['一道题最多出现在两份试卷中', 'a question on at most two papers'],
  assemble: ['估计题目参数并组卷', 'Estimate and assemble'],
  closeVery: ['{n} 份试卷非常接近', 'The {n} papers are very close'],
  closeFair: ['{n} 份试卷比较接近', 'The {n} papers are fairly close'],
  closeFar: ['{n} 份试卷差别较大：同一维度可选的题不够多，可减少每维度题数或允许题目重复', 'The {n} papers differ noticeably: too few questions per dimension; use fewer per dimension or allow shared questions'],
  closeDetail: ['在能力从低到高的各段，测量精度最多相差 {p}%；同一水平的考生在各卷上的预期答对题数最多相差 {s} 题。', 'Across abilities from low to high, precision differs by at most {p}%; a candidate of a given level is expected to answer at most {s} more questions correctly on one paper than on another.'],
  colPaper: ['试卷', 'Paper'],
  colCount: ['题数', 'Questions'],
  savePapers: ['保存为考试', 'Save as exams'],
  saved: ['已保存 {n} 份试卷，可在“组卷与考试”中发布。', '{n} papers saved; publish them under Exams.'],
  downloadPapers: ['下载组卷方案', 'Download the blueprints'],
};
const L = (key, vars = {}) => (uiLocale() === 'en' ? LOCAL[key][1] : LOCAL[key][0])
  .replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));

const PUBLISHED = 'adaptive-published:';
const ELIGIBLE = new Set(['single', 'multiple', 'trueFalse']);

function randomHex(bytes) {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return [...buffer].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function errorLines(error) {
  return [h('span', { dataset: { code: error?.code ?? '', path: error?.path ?? '' } }, error?.message ?? String(error))];
}

/**
 * Calibrates the exam's submitted attempts in the page's worker (a 2PL estimate over thousands of
 * attempts takes seconds), with a progress bar and a cancel button after `place`, and returns the
 * usable items' parameters; null when nothing is submitted. Cancelling throws an AbortError.
 */
async function calibration(store, exam, model, place) {
  const chosen = selectAttempts(await store.getPackedAttempts(exam.blueprint.id), 'all');
  if (chosen.length === 0) return null;
  const { bytes, offsets } = concatPacked(chosen);
  const panel = progressPanel(L('working'));
  place.after(panel.node);
  const onProgress = (done, total) => panel.update(done, total, L('progress', { p: Math.floor((100 * done) / Math.max(1, total)) }));
  let out;
  try {
    // One long call in the module: cancelling ends the worker (the job writes nothing).
    out = await runJob('irt', { bank: exam.bank, blueprint: exam.blueprint, model, bytes, offsets, locale: uiLocale() }, { onProgress, signal: panel.signal, endWorker: true });
  } finally {
    panel.node.remove();
  }
  const { itemIds, report } = out;
  const types = new Map(exam.bank.items.map((i) => [i.id, i.type]));
  const usable = [];
  for (const row of report.items) {
    const itemId = itemIds[row.item];
    const a = row.discrimination.value;
    const b = row.difficulty.value;
    if (ELIGIBLE.has(types.get(itemId)) && Number.isFinite(a) && a > 0 && Number.isFinite(b)) usable.push({ itemId, a, b });
  }
  return { usable, total: itemIds.length };
}

/** What a failed or cancelled job shows. */
function failure(error) {
  return error?.name === 'AbortError' ? [L('cancelled')] : errorLines(error);
}

/** The trainer's check of one adaptive attempt: `{ verdict, flags: [text] }` or a reason. */
function checkAttempt(attempt, published, banks) {
  if (!published) return { problem: L('noPackage') };
  const bank = banks.get(published.bankId);
  if (!bank) return { problem: L('noBank') };
  try {
    // The attempt record as the log: its hash chain is recomputed and the answers read from it.
    const verdict = verifyAdaptiveAttempt({
      package: published, bank, seed: attempt.seed, log: attempt, submitted: attempt.status === 'submitted',
    });
    const flags = verdict.flags.filter((f) => f.code !== 'notSubmitted').map((f) => (uiLocale() === 'en' ? f.message.en : f.message.zh));
    // The start event names the package the device used (its content hash).
    const start = (attempt.events ?? []).find((e) => e.type === 'start');
    if (start?.bankHash !== chainEvent('', published)) flags.unshift(L('otherPackage'));
    return { verdict, flags };
  } catch {
    return { problem: L('checkFailed') };
  }
}

export async function render(main, context) {
  const { store } = context;
  const exams = (await listAllExams(store)).filter((e) => e.bank && e.blueprint);
  const [attempts, banks, meta] = await Promise.all([store.getAll('attempts'), store.getAll('banks'), store.getAll('meta')]);
  const published = new Map(meta.filter((m) => m.key.startsWith(PUBLISHED)).map((m) => [m.key.slice(PUBLISHED.length), m.package]));
  const bankById = new Map(banks.map((b) => [b.id, b]));

  // Publish.
  const status = h('p', { role: 'status', id: 'adaptive-status' });
  const examChoice = h('select', { id: 'adaptive-exam' }, exams.map((e, i) => h('option', { value: String(i) }, e.blueprint.title)));
  const title = h('input', { type: 'text', id: 'adaptive-name', autocomplete: 'off', value: exams[0] ? L('nameDefault', { t: exams[0].blueprint.title }) : '' });
  examChoice.addEventListener('change', () => { title.value = L('nameDefault', { t: exams[Number(examChoice.value)].blueprint.title }); });
  const model = h('select', { id: 'adaptive-model' }, [['twoPl', L('modelTwoPl')], ['rasch', L('modelRasch')]].map(([v, label]) => h('option', { value: v }, label)));
  const precision = h('select', { id: 'adaptive-precision' }, [['0.3', L('precisionHigh')], ['0.4', L('precisionMid')], ['0.5', L('precisionLow')]]
    .map(([v, label]) => h('option', { value: v }, label)));
  const minItems = h('input', { type: 'number', id: 'adaptive-min', min: '1', max: '100', value: '5', inputmode: 'numeric' });
  const maxItems = h('input', { type: 'number', id: 'adaptive-max', min: '1', max: '100', value: '20', inputmode: 'numeric' });
  const balance = h('input', { type: 'checkbox', id: 'adaptive-balance', checked: true });
  const exposure = h('select', { id: 'adaptive-exposure' }, [['5', L('exposure5')], ['10', L('exposure10')], ['1', L('exposure1')]]
    .map(([v, label]) => h('option', { value: v }, label)));
  const cut = h('input', { type: 'number', id: 'adaptive-cut', step: '0.1', min: '-3', max: '3', value: '0', inputmode: 'decimal' });
  const button = h('button', { type: 'submit', class: 'primary', id: 'adaptive-publish', disabled: exams.length === 0 }, L('publish'));
  const publishForm = h('form', {
    class: 'card', 'aria-labelledby': 'adaptive-publish-title',
    onsubmit: async (event) => {
      event.preventDefault();
      const exam = exams[Number(examChoice.value)];
      button.disabled = true;
      status.className = 'muted';
      replace(status, L('working'));
      try {
        const cal = await calibration(store, exam, model.value, status);
        if (!cal) throw Object.assign(new Error(L('noAttempts')), { code: 'INSUFFICIENT_DATA', path: 'attempts' });
        const id = `cat-${exam.blueprint.id}-${Date.now().toString(36)}`;
        const pkg = buildAdaptivePackage({
          bank: exam.bank,
          id,
          title: title.value.trim() || exam.blueprint.title,
          calibration: cal.usable,
          settings: {
            minItems: Number(minItems.value), maxItems: Number(maxItems.value), targetSe: Number(precision.value), randomesque: Number(exposure.value),
          },
          balance: balance.checked,
          cutTheta: Number(cut.value),
          secret: randomHex(32),
        });
        // The trainer's own copy, which the check uses (a package loaded as a candidate on this
        // device goes to `adaptive:<id>` and cannot replace it), and the candidates' copy.
        await store.putAll('meta', [
          { key: `${PUBLISHED}${id}`, package: pkg, publishedAt: Date.now() },
          { key: `adaptive:${id}`, package: pkg, loadedAt: Date.now() },
        ]);
        const filename = `kaohe-adaptive-${id}.json`;
        download(filename, JSON.stringify(pkg, null, 2), 'application/json');
        replace(status, L('published', { t: pkg.title, n: pkg.items.length, f: filename }),
          cal.total > pkg.items.length ? ` ${L('left', { n: cal.total - pkg.items.length })}` : '');
        status.className = 'good';
        announce(status.textContent);
      } catch (error) {
        replace(status, ...failure(error));
        status.className = 'bad';
      } finally {
        button.disabled = false;
      }
    },
  },
  h('h3', { id: 'adaptive-publish-title' }, L('publishTitle')),
  h('label', { for: 'adaptive-exam' }, L('source')), examChoice,
  h('label', { for: 'adaptive-name' }, L('name')), title,
  h('label', { for: 'adaptive-model' }, L('model')), model,
  h('label', { for: 'adaptive-precision' }, L('precision')), precision,
  h('div', { class: 'row' },
    h('span', {}, h('label', { for: 'adaptive-min' }, L('minItems')), minItems),
    h('span', {}, h('label', { for: 'adaptive-max' }, L('maxItems')), maxItems)),
  h('label', { class: 'choice' }, balance, h('span', {}, L('balance'))),
  h('label', { for: 'adaptive-exposure' }, L('exposure')), exposure,
  h('label', { for: 'adaptive-cut' }, L('cut')), cut,
  h('p', {}, button), status);

  // Parallel papers.
  const parallelStatus = h('div', { id: 'parallel-result', 'aria-live': 'polite' });
  const parallelExam = h('select', { id: 'parallel-exam' }, exams.map((e, i) => h('option', { value: String(i) }, e.blueprint.title)));
  const names = h('input', { type: 'text', id: 'parallel-names', autocomplete: 'off', value: L('namesDefault') });
  const perArea = h('input', { type: 'number', id: 'parallel-per-area', min: '1', max: '50', value: '1', inputmode: 'numeric' });
  const overlap = h('select', { id: 'parallel-overlap' }, [['1', L('overlap1')], ['2', L('overlap2')]].map(([v, label]) => h('option', { value: v }, label)));
  const assembleButton = h('button', { type: 'submit', class: 'primary', id: 'parallel-assemble', disabled: exams.length === 0 }, L('assemble'));
  const parallelForm = h('form', {
    class: 'card', 'aria-labelledby': 'parallel-title',
    onsubmit: async (event) => {
      event.preventDefault();
      const exam = exams[Number(parallelExam.value)];
      assembleButton.disabled = true;
      replace(parallelStatus, h('p', { class: 'muted' }, L('working')));
      try {
        const cal = await calibration(store, exam, 'twoPl', parallelStatus);
        if (!cal) throw Object.assign(new Error(L('noAttempts')), { code: 'INSUFFICIENT_DATA', path: 'attempts' });
        // The assembly searches over the bank: in the worker too.
        const out = await runJob('parallel', {
          bank: exam.bank, blueprint: exam.blueprint, calibration: cal.usable,
          names: names.value.split(/[、，,]/).map((n) => n.trim()).filter(Boolean),
          perArea: Number(perArea.value), maxUses: Number(overlap.value), seed: 1, locale: uiLocale(),
        });
        const n = out.blueprints.length;
        const gap = out.maxInformationGap;
        const saveNote = h('p', { role: 'status', id: 'parallel-saved' });
        replace(parallelStatus,
          h('p', { class: gap < 0.15 ? 'good' : 'bad', id: 'parallel-verdict' }, L(gap < 0.05 ? 'closeVery' : gap < 0.15 ? 'closeFair' : 'closeFar', { n })),
          h('p', { id: 'parallel-detail' }, L('closeDetail', { p: (gap * 100).toFixed(0), s: out.maxScoreGap.toFixed(1) })),
          h('div', { class: 'table-scroll' }, h('table', { id: 'parallel-papers' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, L('colPaper')), h('th', { scope: 'col' }, L('colCount')))),
            h('tbody', {}, out.blueprints.map((bp) => h('tr', {}, h('td', {}, bp.title), h('td', { class: 'num' }, String(bp.sections[0].fixed.length))))))),
          h('p', {},
            h('button', {
              type: 'button', class: 'primary', id: 'parallel-save',
              onclick: async () => {
                await store.putAll('blueprints', out.blueprints);
                replace(saveNote, L('saved', { n }));
                saveNote.className = 'good';
              },
            }, L('savePapers')), ' ',
            h('button', {
              type: 'button', id: 'parallel-download',
              onclick: () => download(`kaohe-parallel-${exam.blueprint.id}.json`, JSON.stringify(out.blueprints, null, 2), 'application/json'),
            }, L('downloadPapers'))),
          saveNote);
        announce(document.getElementById('parallel-verdict')?.textContent ?? '');
      } catch (error) {
        replace(parallelStatus, h('p', { class: 'bad' }, ...failure(error)));
      } finally {
        assembleButton.disabled = false;
      }
    },
  },
  h('h3', { id: 'parallel-title' }, L('parallelTitle')),
  h('p', { class: 'muted' }, L('parallelIntro')),
  h('label', { for: 'parallel-exam' }, L('source')), parallelExam,
  h('label', { for: 'parallel-names' }, L('names')), names,
  h('label', { for: 'parallel-per-area' }, L('perArea')), perArea,
  h('label', { for: 'parallel-overlap' }, L('overlap')), overlap,
  h('p', {}, assembleButton), parallelStatus);

  // Check.
  const adaptive = attempts.filter((a) => a.adaptive).sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0));
  const rows = adaptive.map((attempt) => {
    const check = checkAttempt(attempt, published.get(attempt.blueprintId), bankById);
    const submitted = attempt.status === 'submitted';
    const v = check.verdict;
    const trusted = v && check.flags.length === 0;
    return h('tr', { dataset: { attemptId: attempt.attemptId, check: check.problem ? 'unchecked' : trusted ? 'intact' : 'flagged' } },
      h('td', {}, `${attempt.candidate?.name ?? ''}（${attempt.candidate?.id ?? ''}）`),
      h('td', {}, attempt.examTitle ?? ''),
      h('td', { class: 'num' }, v ? `${v.given} / ${v.correct}` : '—'),
      h('td', {}, !submitted ? L('inProgress') : v ? h('span', { class: v.passed ? 'good' : 'bad' }, v.passed ? t('passed') : t('failed')) : '—'),
      h('td', {}, check.problem ? h('span', { class: 'muted' }, check.problem)
        : trusted ? h('span', { class: 'pill good' }, L('intact'))
          : h('ul', { class: 'bad' }, check.flags.map((f) => h('li', {}, f)))));
  });
  const importNote = h('p', { role: 'status', id: 'adaptive-import-status' });
  const importInput = h('input', {
    type: 'file', id: 'adaptive-attempts-file', accept: '.json,application/json',
    onchange: async () => {
      try {
        const data = JSON.parse(await importInput.files[0].text());
        if (data?.format !== ATTEMPTS_FORMAT || data.schemaVersion !== 1 || !Array.isArray(data.attempts)) {
          throw Object.assign(new Error(L('notAttempts')), { code: 'INVALID_VALUE', path: 'format' });
        }
        const valid = data.attempts.filter((a) => a && typeof a.attemptId === 'string' && a.adaptive === true);
        await store.putAll('attempts', valid);
        context.rerender();
        announce(L('imported', { n: valid.length }));
      } catch (error) {
        replace(importNote, ...errorLines(error));
        importNote.className = 'bad';
      }
    },
  });
  const checkSection = h('section', { class: 'card', 'aria-labelledby': 'adaptive-check-title' },
    h('h3', { id: 'adaptive-check-title' }, L('checkTitle')),
    h('label', { for: 'adaptive-attempts-file' }, L('importAttempts')), importInput, importNote,
    rows.length === 0 ? h('p', { class: 'muted', id: 'adaptive-none' }, L('noneYet')) : h('div', { class: 'table-scroll' }, h('table', { id: 'adaptive-attempts' },
      h('thead', {}, h('tr', {}, ['colCandidate', 'colExam', 'colItems', 'colResult', 'colCheck'].map((k) => h('th', { scope: 'col' }, L(k))))),
      h('tbody', {}, rows))),
    rows.length ? h('p', { class: 'muted small' }, L('intactHelp')) : null);

  replace(main,
    h('h2', {}, L('title')),
    h('p', { class: 'muted' }, L('intro')),
    h('p', { class: 'muted small', id: 'adaptive-key-note' }, L('keyNote')),
    publishForm,
    checkSection,
    parallelForm,
    h('p', {}, h('a', { href: '#/cat', id: 'adaptive-candidate-link' }, L('candidateLink'))));
}
