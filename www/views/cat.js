// Adaptive exams (自适应复训考试) on the candidate's device. `#/cat`: load a package the trainer
// published and start; `#/exam/<attemptId>` of an adaptive attempt lands here too (exam.js hands
// it over). One question at a time: the answer is stored in the attempt log the moment it is
// confirmed, then the adaptive module (loaded only here) replays the log and picks the next
// question, so a reload resumes at the same question with nothing lost. The device knows right or
// wrong only by the package's commitments; the result it shows is provisional, the trainer's
// check (#/adaptive) re-scores with the real key.
import { h, replace, announce, download } from '../dom.js';
import { t, uiLocale, colon } from '../i18n.js';

const LOCAL = {
  title: ['自适应考试', 'Adaptive exams'],
  intro: ['自适应考试每次出一道题，下一题根据你前面的作答来选：答对了题会更难，答错了会更容易。测得足够准确就结束，所以每人的题数可能不同。',
    'An adaptive exam shows one question at a time and picks the next from your answers so far: harder after a correct answer, easier after a wrong one. It ends once your level is measured precisely enough, so the number of questions varies.'],
  trainerLink: ['培训师：发布自适应考试、核对成绩', 'Trainer: publish adaptive exams and check results'],
  loadTitle: ['载入考试包', 'Load an exam package'],
  file: ['自适应考试包（.json）', 'Adaptive exam package (.json)'],
  loaded: ['已载入：{t}', 'Loaded: {t}'],
  notPackage: ['这不是自适应考试包。', 'This is not an adaptive exam package.'],
  startTitle: ['开始考试', 'Start'],
  none: ['本机还没有自适应考试。请载入培训师发给你的考试包。', 'No adaptive exam on this device yet. Load the package your trainer sent you.'],
  progress: ['第 {n} 题（最多 {max} 题，测准即结束）', 'Question {n} (at most {max}; ends once measured precisely)'],
  confirm: ['确认，下一题', 'Confirm and continue'],
  chooseFirst: ['请先选择答案。', 'Choose an answer first.'],
  noGoingBack: ['确认后不能修改，也不能返回上一题。', 'A confirmed answer cannot be changed, and there is no going back.'],
  saving: ['正在保存…', 'Saving…'],
  notSaved: ['答案没有保存：{m}。你的选择还在，请重试。', 'The answer was not saved: {m}. Your choice is still here; try again.'],
  finishedTitle: ['考试结束', 'The exam is over'],
  resultPass: ['结果：合格', 'Result: passed'],
  resultFail: ['结果：不合格', 'Result: not passed'],
  levelAbove: ['你的能力水平达到了培训师设定的合格线。', 'Your level reached the pass mark your trainer set.'],
  levelBelow: ['你的能力水平还没有达到培训师设定的合格线。', 'Your level has not reached the pass mark your trainer set yet.'],
  counts: ['共作答 {n} 题，答对 {c} 题。题目难度随作答调整，所以答对的题数不能直接比较。', 'You answered {n} questions, {c} correctly. Difficulty adapted to your answers, so the number correct is not comparable between people.'],
  provisional: ['本机显示的结果仅供参考，以培训师核对后的成绩为准。', 'This result is provisional; the trainer\'s check is final.'],
  exportAttempts: ['导出作答记录（交给培训师）', 'Export attempts (for the trainer)'],
  submitFailed: ['交卷没有成功：{m}。你的答案都已保存，请重试。', 'Submitting failed: {m}. Your answers are all saved; try again.'],
  retry: ['重试', 'Try again'],
  missingPackage: ['本机找不到这场考试的考试包，请重新载入。', 'This exam\'s package is not on this device; load it again.'],
};
const L = (key, vars = {}) => (uiLocale() === 'en' ? LOCAL[key][1] : LOCAL[key][0])
  .replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));

export const ATTEMPTS_FORMAT = 'kaohe-adaptive-attempts';
const letter = (i) => String.fromCharCode(65 + (i % 26));

/** The adaptive module, loaded on first use, in the page's locale. */
async function adaptiveModule() {
  const mod = await import('../kaohe/adaptive.js');
  await mod.init();
  mod.setLocale(uiLocale());
  return mod;
}

/** Adaptive packages stored on this device: [{ key, package, loadedAt }]. */
export async function adaptivePackages(store) {
  return (await store.getAll('meta')).filter((m) => m.key.startsWith('adaptive:'));
}

/** The attempt's answers in the order logged (the first answer per question counts). */
function loggedAnswers(attempt) {
  const seen = new Set();
  const out = [];
  for (const e of attempt.events ?? []) {
    if (e.type !== 'answer' || seen.has(e.itemId)) continue;
    seen.add(e.itemId);
    out.push({ itemId: e.itemId, value: e.value });
  }
  return out;
}

/** Checks a package with the module (its envelope, items and rules) and stores it. */
export async function storePackage(store, pkg) {
  if (pkg?.format !== 'kaohe-adaptive') {
    throw Object.assign(new Error(L('notPackage')), { code: 'INVALID_VALUE', path: 'format' });
  }
  const { adaptiveNext } = await adaptiveModule();
  adaptiveNext({ package: pkg, seed: 0, answers: [] });
  const record = { key: `adaptive:${pkg.id}`, package: pkg, loadedAt: Date.now() };
  await store.put('meta', record);
  return record;
}

function randomSeed() {
  const buffer = new Uint32Array(1);
  crypto.getRandomValues(buffer);
  return buffer[0];
}

function errorLines(error) {
  return [h('span', { dataset: { code: error?.code ?? '', path: error?.path ?? '' } }, error?.message ?? String(error))];
}

/** The question on screen: radio buttons or check boxes; `onChange(value)` as the choice changes. */
function questionControl(item, onChange) {
  const name = `cat-${item.id}`;
  if (item.kind === 'trueFalse') {
    return [[true, t('trueLabel')], [false, t('falseLabel')]].map(([v, label]) => h('label', { class: 'choice' },
      h('input', { type: 'radio', name, value: String(v), onchange: () => onChange(v) }), h('span', {}, label)));
  }
  if (item.kind === 'multiple') {
    const chosen = new Set();
    return item.options.map((o, i) => h('label', { class: 'choice' },
      h('input', {
        type: 'checkbox', name, value: o.id,
        onchange: (e) => {
          if (e.target.checked) chosen.add(o.id); else chosen.delete(o.id);
          onChange(chosen.size ? item.options.map((x) => x.id).filter((x) => chosen.has(x)) : null);
        },
      }), h('span', {}, `${letter(i)}. ${o.text}`)));
  }
  return item.options.map((o, i) => h('label', { class: 'choice' },
    h('input', { type: 'radio', name, value: o.id, onchange: () => onChange(o.id) }), h('span', {}, `${letter(i)}. ${o.text}`)));
}

/**
 * Leaving the page while a question is on screen is logged as for any exam (the log's
 * `visibility` events, which the trainer's list counts). One listener for the page's life; it
 * logs for the attempt whose question is shown, if that view is still the one open.
 */
let watched = null;
let listening = false;
function watchVisibility(store, attemptId) {
  watched = attemptId ? { store, attemptId } : null;
  if (listening || !attemptId) return;
  listening = true;
  document.addEventListener('visibilitychange', () => {
    if (!watched || !location.hash.includes(watched.attemptId)) return;
    watched.store.appendEvents(watched.attemptId, [{ type: 'visibility', state: document.visibilityState, at: Date.now() }]).catch(() => {});
  });
}

let held = null;
/** Takes (or shows the result of) an adaptive attempt. */
export async function renderAttempt(main, context, attempt) {
  const { store } = context;
  const sealed = await store.get('meta', attempt.adaptiveId);
  if (!sealed) {
    replace(main, h('div', { class: 'error-box', role: 'alert' }, h('p', {}, L('missingPackage')), h('p', {}, h('a', { href: '#/cat' }, L('loadTitle')))));
    return;
  }
  // One object per stored package: the module reads each package object once.
  if (held?.key !== sealed.key || held.loadedAt !== sealed.loadedAt) held = sealed;
  const pkg = held.package;
  const { adaptiveNext } = await adaptiveModule();
  const answers = loggedAnswers(attempt);
  const step = adaptiveNext({ package: pkg, seed: attempt.seed, answers });
  const heading = h('h2', { id: 'cat-title' }, pkg.title);

  if (attempt.status === 'submitted' || step.finished) {
    watchVisibility(store, null);
    if (attempt.status !== 'submitted') {
      try {
        await store.submitAttempt(attempt.attemptId, { result: null, reason: 'candidate' });
      } catch (error) {
        if (error?.code !== 'ATTEMPT_CLOSED') {
          replace(main, heading, h('p', { class: 'bad', role: 'alert', id: 'cat-submit-problem' }, L('submitFailed', { m: error?.message ?? String(error) })),
            h('p', {}, h('button', { type: 'button', class: 'primary', onclick: () => context.rerender() }, L('retry'))));
          return;
        }
      }
    }
    const attempts = (await store.getAll('attempts')).filter((a) => a.adaptive);
    replace(main, heading,
      h('section', { class: 'card', id: 'cat-result', 'aria-labelledby': 'cat-result-title' },
        h('h3', { id: 'cat-result-title' }, L('finishedTitle')),
        h('p', { class: step.passed ? 'good big' : 'bad big', id: 'cat-verdict' }, step.passed ? L('resultPass') : L('resultFail')),
        h('p', {}, step.passed ? L('levelAbove') : L('levelBelow')),
        h('p', { id: 'cat-counts' }, L('counts', { n: step.given, c: step.correct })),
        h('p', { class: 'muted' }, L('provisional')),
        h('p', {}, h('button', {
          type: 'button', id: 'cat-export',
          onclick: () => download('kaohe-adaptive-attempts.json', JSON.stringify({ format: ATTEMPTS_FORMAT, schemaVersion: 1, attempts }, null, 2), 'application/json'),
        }, L('exportAttempts')))));
    announce(step.passed ? L('resultPass') : L('resultFail'));
    return;
  }

  document.body.classList.add('in-exam');
  watchVisibility(store, attempt.attemptId);
  const item = pkg.items[step.nextItem];
  let value = null;
  const note = h('p', { role: 'status', id: 'cat-note', class: 'muted' }, L('noGoingBack'));
  const button = h('button', { type: 'submit', class: 'primary', id: 'cat-confirm', disabled: true }, L('confirm'));
  const form = h('form', {
    class: 'card', id: 'cat-question', dataset: { itemId: item.id },
    onsubmit: async (event) => {
      event.preventDefault();
      if (value === null) { replace(note, L('chooseFirst')); return; }
      button.disabled = true;
      replace(note, L('saving'));
      try {
        await store.saveAnswer(attempt.attemptId, item.id, value);
        context.rerender();
      } catch (error) {
        replace(note, L('notSaved', { m: error?.message ?? String(error) }));
        note.className = 'bad';
        button.disabled = false;
      }
    },
  },
  h('fieldset', {},
    h('legend', { id: 'cat-stem' }, `${t('question', { n: step.given + 1 })}${colon()}${item.stem}`),
    ...questionControl(item, (v) => { value = v; button.disabled = v === null; })),
  h('p', {}, button), note);
  replace(main, heading,
    h('p', { class: 'muted', id: 'cat-progress' }, L('progress', { n: step.given + 1, max: pkg.settings.maxItems })),
    form);
  form.querySelector('input')?.focus();
}

/** `#/cat`: load a package and start; `#/cat/<attemptId>` is the same as `#/exam/<attemptId>`. */
export async function render(main, context, attemptId) {
  const { store, navigate } = context;
  if (attemptId) {
    const attempt = await store.get('attempts', attemptId);
    if (attempt?.adaptive) { await renderAttempt(main, context, attempt); return; }
  }
  const packages = await adaptivePackages(store);
  const loadNote = h('p', { role: 'status', id: 'cat-load-status' });
  const fileInput = h('input', {
    type: 'file', id: 'cat-file', accept: '.json,application/json',
    onchange: async () => {
      try {
        const file = fileInput.files?.[0];
        if (!file) return;
        const record = await storePackage(store, JSON.parse(await file.text()));
        context.rerender();
        announce(L('loaded', { t: record.package.title }));
      } catch (error) {
        replace(loadNote, ...errorLines(error));
        loadNote.className = 'bad';
      }
    },
  });
  const name = h('input', { type: 'text', id: 'cat-name', autocomplete: 'name', required: true });
  const id = h('input', { type: 'text', id: 'cat-id', autocomplete: 'off', required: true });
  const pick = h('select', { id: 'cat-choice' }, packages.map((p, i) => h('option', { value: String(i) }, p.package.title)));
  const problem = h('p', { class: 'bad', role: 'alert', id: 'cat-start-problem' });
  const startForm = packages.length === 0 ? h('p', { id: 'cat-none' }, L('none')) : h('form', {
    'aria-labelledby': 'cat-start-title',
    onsubmit: async (event) => {
      event.preventDefault();
      const candidate = { name: name.value.trim(), id: id.value.trim() };
      if (!candidate.name || !candidate.id) { problem.textContent = `${t('candidateName')} / ${t('candidateId')}${colon()}${t('required')}`; return; }
      const chosen = packages[Number(pick.value)];
      try {
        const attempt = await store.startAttempt({
          attemptId: crypto.randomUUID(),
          bankId: chosen.package.bankId,
          blueprintId: chosen.package.id,
          examTitle: chosen.package.title,
          practice: false,
          adaptive: true,
          adaptiveId: chosen.key,
          candidate,
          seed: randomSeed(),
          paper: null,
          startedAt: Date.now(),
          deadlineAt: null,
        }, { bank: chosen.package });
        navigate(`#/exam/${attempt.attemptId}`);
      } catch (error) {
        replace(problem, ...errorLines(error));
      }
    },
  },
  h('h3', { id: 'cat-start-title' }, L('startTitle')),
  h('label', { for: 'cat-name' }, t('candidateName')), name,
  h('label', { for: 'cat-id' }, t('candidateId')), id,
  h('label', { for: 'cat-choice' }, t('chooseExam')), pick,
  problem,
  h('p', {}, h('button', { type: 'submit', class: 'primary', id: 'cat-start' }, t('start'))));
  replace(main,
    h('h2', {}, L('title')),
    h('p', { class: 'muted' }, L('intro')),
    h('section', { class: 'card', 'aria-labelledby': 'cat-load-title' },
      h('h3', { id: 'cat-load-title' }, L('loadTitle')),
      h('label', { for: 'cat-file' }, L('file')), fileInput, loadNote,
      startForm),
    h('p', {}, h('a', { href: '#/adaptive', id: 'cat-trainer-link' }, L('trainerLink'))));
}
