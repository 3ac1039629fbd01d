// Taking an exam. Every answer is stored the moment it is given; the remaining time comes from
// the stored deadline, so a reload or a crash resumes exactly where the candidate was.
// A sealed exam is shown from its public bank only and submitted without a score. A save that
// fails (storage full) keeps the answer on screen and in memory, says why, and is retried.
import { Exam, SealedExam, isClosed } from '../kaohe/candidate.js';
import { h, replace, announce } from '../dom.js';
import { t, clock, pick, uiLocale, colon, paren } from '../i18n.js';

const LOCAL = {
  keptInMemory: ['你的答案仍显示在页面上，空间恢复后点“重试保存”或继续作答即会保存。', 'Your answer stays on the page; once space is free, press “Retry saving” or keep answering and it is saved.'],
  retry: ['重试保存', 'Retry saving'],
  submitKept: ['试卷尚未交上：你的答案都还在。空间恢复后点“重试交卷”（时间到时会自动重试）。', 'The paper is not submitted yet, and your answers are all here. Once space is free, press “Retry submitting” (when time is up it retries by itself).'],
  retrySubmit: ['重试交卷', 'Retry submitting'],
  notSaved: ['未保存', 'Not saved'],
  sealedNote: ['密封考试：本机不含答案，交卷后由培训师解封评分。', 'Sealed exam: this device holds no answers; the trainer scores it after unlocking.'],
};
const T = (key) => (uiLocale() === 'en' ? LOCAL[key][1] : LOCAL[key][0]);

/** Minutes at which the remaining time is announced to screen readers. */
const ANNOUNCE_AT_MINUTES = [30, 10, 5, 1];

/** Options are lettered by the position shown, whatever their ids. */
const letter = (i) => String.fromCharCode(65 + (i % 26));

function isAnswered(value) {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.some((v) => v !== '' && v !== null && v !== undefined);
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** Item types whose practice feedback shows on the first answer; the others have a check button. */
const CHECK_ON_ANSWER = new Set(['single', 'situational', 'trueFalse']);

/** A per-attempt set kept in localStorage (flags for review, practice items already checked). */
function storedSet(kind, attemptId) {
  const key = `kaohe:${kind}:${attemptId}`;
  let ids = [];
  try { ids = JSON.parse(localStorage.getItem(key) ?? '[]'); } catch { ids = []; }
  const set = new Set(Array.isArray(ids) ? ids : []);
  const keep = () => { try { localStorage.setItem(key, JSON.stringify([...set])); } catch { /* full: kept in memory */ } };
  return { has: (id) => set.has(id), add: (id) => { set.add(id); keep(); }, delete: (id) => { set.delete(id); keep(); }, get size() { return set.size; }, ids: () => [...set] };
}

/** How many times the candidate left the exam page (the log's `visibility: hidden` events). */
export function leaveCount(attempt) {
  return (attempt?.events ?? []).filter((e) => e.type === 'visibility' && e.state === 'hidden').length;
}

/** A notice for the next view (the result page or the next section), shown once. */
export function setNotice(attemptId, text) {
  try { sessionStorage.setItem(`kaohe:notice:${attemptId}`, text); } catch { /* not essential */ }
}
export function takeNotice(attemptId) {
  try {
    const text = sessionStorage.getItem(`kaohe:notice:${attemptId}`);
    sessionStorage.removeItem(`kaohe:notice:${attemptId}`);
    return text;
  } catch {
    return null;
  }
}

/** One control per item type; `save(value)` stores the answer. Labels come from the item text. */
function itemControl(item, number, value, save) {
  const legendId = `q-${item.id}-legend`;
  const legend = h('legend', { id: legendId },
    `${t('question', { n: number })}　${item.stem}　`,
    h('span', { class: 'muted' }, paren(t('points', { n: item.points })).trim()));
  const name = `q-${item.id}`;
  let body;
  switch (item.type) {
    case 'single':
    case 'situational':
      body = item.options.map((o, i) => h('label', { class: 'choice' },
        h('input', { type: 'radio', name, value: o.id, checked: value === o.id, onchange: () => save(o.id) }),
        h('span', {}, `${letter(i)}. ${o.text}`)));
      break;
    case 'multiple': {
      const chosen = new Set(Array.isArray(value) ? value : []);
      body = item.options.map((o, i) => h('label', { class: 'choice' },
        h('input', {
          type: 'checkbox', name, value: o.id, checked: chosen.has(o.id),
          onchange: (e) => {
            if (e.target.checked) chosen.add(o.id); else chosen.delete(o.id);
            save(item.options.map((x) => x.id).filter((x) => chosen.has(x)));
          },
        }),
        h('span', {}, `${letter(i)}. ${o.text}`)));
      break;
    }
    case 'trueFalse':
      body = [[true, t('trueLabel')], [false, t('falseLabel')]].map(([v, label]) => h('label', { class: 'choice' },
        h('input', { type: 'radio', name, value: String(v), checked: value === v, onchange: () => save(v) }),
        h('span', {}, label)));
      break;
    case 'fillBlank': {
      const values = Array.isArray(value) ? [...value] : [];
      body = Array.from({ length: item.blankCount }, (_, i) => {
        const id = `${name}-b${i}`;
        return h('div', {},
          h('label', { for: id }, t('blank', { n: i + 1 })),
          h('input', {
            type: 'text', id, value: values[i] ?? '', autocomplete: 'off',
            oninput: (e) => {
              values[i] = e.target.value;
              for (let k = 0; k < item.blankCount; k += 1) values[k] ??= '';
              save(values.slice(0, item.blankCount));
            },
          }));
      });
      break;
    }
    case 'numeric': {
      const id = `${name}-n`;
      body = [h('label', { for: id }, `${t('numberAnswer')}${item.unit ? `（${item.unit}）` : ''}`),
        h('input', {
          type: 'text', id, inputmode: 'decimal', autocomplete: 'off', value: value ?? '',
          oninput: (e) => save(e.target.value.trim() === '' ? null : e.target.value.trim()),
        })];
      break;
    }
    case 'ordering': {
      const byId = new Map(item.options.map((o) => [o.id, o]));
      const order = Array.isArray(value) && value.length === item.options.length ? [...value] : item.options.map((o) => o.id);
      const list = h('ol', { class: 'ordering' });
      const draw = (focusId, dir) => {
        replace(list, order.map((id, i) => h('li', { dataset: { id } },
          h('b', { class: 'pos', 'aria-hidden': 'true' }, String(i + 1)),
          h('div', {
            class: 'handle', 'aria-hidden': 'true', title: t('dragToOrder'),
            onpointerdown: (event) => startDrag(event, event.currentTarget.closest('li')),
          }, '⠿'),
          h('span', {}, byId.get(id)?.text ?? id),
          h('button', {
            type: 'button', disabled: i === 0, 'aria-label': `${t('moveUp')}: ${byId.get(id)?.text ?? id}`,
            dataset: { move: 'up', id },
            onclick: () => { [order[i - 1], order[i]] = [order[i], order[i - 1]]; save([...order]); draw(id, 'up'); },
          }, '↑'),
          h('button', {
            type: 'button', disabled: i === order.length - 1, 'aria-label': `${t('moveDown')}: ${byId.get(id)?.text ?? id}`,
            dataset: { move: 'down', id },
            onclick: () => { [order[i + 1], order[i]] = [order[i], order[i + 1]]; save([...order]); draw(id, 'down'); },
          }, '↓'))));
        if (focusId) {
          const target = list.querySelector(`button[data-id="${CSS.escape(focusId)}"][data-move="${dir}"]:not([disabled])`)
            ?? list.querySelector(`button[data-id="${CSS.escape(focusId)}"]:not([disabled])`);
          target?.focus();
        }
      };
      // Drag by the handle (mouse, pen or finger): the step moves live under the pointer and
      // the new order is saved on release. The ↑/↓ buttons stay for the keyboard.
      const startDrag = (event, li) => {
        if (event.button !== 0 || list.closest('fieldset')?.disabled) return;
        event.preventDefault();
        li.classList.add('dragging');
        const renumber = () => [...list.children].forEach((x, k) => { x.querySelector('.pos').textContent = String(k + 1); });
        const move = (e) => {
          const over = [...list.children].find((other) => {
            if (other === li) return false;
            const r = other.getBoundingClientRect();
            return e.clientY >= r.top && e.clientY <= r.bottom;
          });
          if (!over) return;
          const r = over.getBoundingClientRect();
          list.insertBefore(li, e.clientY < r.top + r.height / 2 ? over : over.nextSibling);
          renumber();
        };
        const end = () => {
          window.removeEventListener('pointermove', move);
          window.removeEventListener('pointerup', end);
          window.removeEventListener('pointercancel', end);
          li.classList.remove('dragging');
          const next = [...list.children].map((x) => x.dataset.id);
          if (next.join('\u0000') !== order.join('\u0000')) {
            order.splice(0, order.length, ...next);
            save([...order]);
          }
          draw();
        };
        window.addEventListener('pointermove', move);
        window.addEventListener('pointerup', end);
        window.addEventListener('pointercancel', end);
      };
      draw();
      body = [h('p', { class: 'muted small hint' }, t('orderHint')), list];
      break;
    }
    case 'matching': {
      const pairs = value && typeof value === 'object' && !Array.isArray(value) ? { ...value } : {};
      body = item.prompts.map((p) => {
        const id = `${name}-${p.id}`;
        return h('div', {},
          h('label', { for: id }, p.text),
          h('select', {
            id,
            onchange: (e) => {
              if (e.target.value) pairs[p.id] = e.target.value; else delete pairs[p.id];
              save({ ...pairs });
            },
          },
          h('option', { value: '' }, t('choose')),
          item.options.map((o) => h('option', { value: o.id, selected: pairs[p.id] === o.id }, o.text))));
      });
      break;
    }
    case 'shortAnswer': {
      const id = `${name}-text`;
      body = [h('label', { for: id, class: 'visually-hidden' }, t('yourAnswer')),
        h('textarea', { id, oninput: (e) => save(e.target.value) }, value ?? '')];
      break;
    }
    default:
      body = [h('p', { class: 'bad' }, item.type)];
  }
  const group = ['single', 'situational', 'trueFalse', 'multiple'].includes(item.type)
    ? { role: item.type === 'multiple' ? 'group' : 'radiogroup', 'aria-labelledby': legendId } : {};
  return h('fieldset', { class: 'item', id: `item-${item.id}`, dataset: { itemId: item.id, type: item.type } },
    legend, h('div', group, body), h('div', { class: 'feedback', 'aria-live': 'polite' }));
}

function responsesOf(attempt) {
  return Object.fromEntries(Object.entries(attempt.responses ?? {}).map(([id, r]) => [id, r.value]));
}

/** The exam an attempt is taken on: the full bank, or a sealed package's public bank. */
export async function loadExam(store, attempt) {
  if (attempt.sealed) {
    const sealed = await store.get('meta', attempt.sealedId);
    if (!sealed) throw new Error(attempt.sealedId);
    return new SealedExam(sealed.package.bank, sealed.package.blueprint);
  }
  const [bank, blueprint] = await Promise.all([store.get('banks', attempt.bankId), store.get('blueprints', attempt.blueprintId)]);
  return new Exam(bank, blueprint);
}

/** Scores the attempt and stores the result with the attempt's closing, in one transaction. */
export async function submit(store, attempt, exam, reason) {
  const submittedAt = Date.now();
  if (attempt.sealed) {
    // The key is not on this device: the trainer scores it after unlocking.
    await store.submitAttempt(attempt.attemptId, { result: null, submittedAt, reason });
    return null;
  }
  const responses = responsesOf(attempt);
  const timeUsedSeconds = Math.round((submittedAt - attempt.startedAt) / 1000);
  const result = exam.score({ paper: attempt.paper, responses, timeUsedSeconds });
  const packed = exam.encode(responses);
  await store.submitAttempt(attempt.attemptId, { result, packed, submittedAt, reason });
  return result;
}

export async function render(main, context, attemptId) {
  const { store, navigate } = context;
  let attempt = await store.get('attempts', attemptId);
  if (!attempt) {
    navigate('#/home');
    return;
  }
  // An adaptive exam: its own view and module, loaded only for it (views/cat.js).
  if (attempt.adaptive) {
    await (await import('./cat.js')).renderAttempt(main, context, attempt);
    return;
  }
  if (isClosed(attempt)) {
    navigate(`#/result/${attemptId}`);
    return;
  }
  const exam = await loadExam(store, attempt);
  const view = exam.view(attempt.paper);
  const items = view.sections.flatMap((s) => s.items);
  let responses = responsesOf(attempt);

  // Sections with their own time limit are taken one at a time, in order: a section whose time
  // is over (or that the candidate left) cannot be reopened. Otherwise the paper is one page.
  const paged = view.sections.some((s) => s.timeLimitSeconds);
  const sectionIndex = Math.min(attempt.sectionIndex ?? 0, view.sections.length - 1);
  if (paged && attempt.sectionDeadlines?.[sectionIndex] === undefined) {
    const limit = view.sections[sectionIndex].timeLimitSeconds;
    attempt = await store.enterSection(attemptId, sectionIndex, limit ? Date.now() + limit * 1000 : null);
  }
  const sectionDeadline = paged ? attempt.sectionDeadlines?.[sectionIndex] ?? null : null;
  const deadline = Math.min(attempt.deadlineAt ?? Infinity, sectionDeadline ?? Infinity);
  const sectionEndsFirst = sectionDeadline !== null && sectionDeadline < (attempt.deadlineAt ?? Infinity);
  const lastSection = !paged || sectionIndex === view.sections.length - 1;

  const status = h('span', { class: 'muted', id: 'answered-count' });
  const savedNote = h('span', { class: 'muted', role: 'status', id: 'save-status' });
  const timer = h('span', { class: 'timer', role: 'timer', id: 'timer', 'aria-label': t('timeLeft') });
  const numberOf = new Map(items.map((item, i) => [item.id, i + 1]));
  const shownItems = paged ? view.sections[sectionIndex].items : items;
  const flags = storedSet('flags', attemptId);
  const checked = storedSet('checked', attemptId);
  const [setup, examMeta] = attempt.blueprintId ? await Promise.all([
    store.get('exams', attempt.examId ?? attempt.blueprintId).catch(() => null),
    store.get('meta', `exam:${attempt.blueprintId}`).catch(() => null),
  ]) : [null, null];
  // The exam's optional limit on leaving the page: reached, the attempt is submitted.
  const leaveLimit = attempt.leaveLimit ?? setup?.leaveLimit ?? examMeta?.leaveLimit ?? null;
  let leaves = leaveCount(attempt);

  // A visible notice under the exam header (time low, section change, leaving the page); the
  // same words go to screen readers.
  const notice = h('div', { class: 'notice', id: 'exam-notice', hidden: true },
    h('span', { class: 'notice-text' }),
    h('button', { type: 'button', class: 'link', 'aria-label': t('closeNotice'), onclick: () => { notice.hidden = true; } }, '×'));
  const showNotice = (text, kind = 'warn') => {
    notice.querySelector('.notice-text').textContent = text;
    notice.className = `notice ${kind}`;
    notice.hidden = false;
    announce(text);
  };
  const leavesNote = h('span', { class: 'leaves warn', id: 'leave-count', hidden: leaves === 0 });
  const updateLeaves = () => {
    leavesNote.hidden = leaves === 0;
    leavesNote.textContent = t('leftPage', { n: leaves });
  };
  updateLeaves();

  // The answer sheet (答题卡): one button per item on this page, answered / unanswered / flagged.
  const sheetToggle = h('button', {
    type: 'button', id: 'sheet-toggle', class: 'sheet-toggle', 'aria-expanded': 'false', 'aria-controls': 'answer-sheet',
    onclick: () => setSheet(sheet.classList.contains('open') ? 'close' : 'open'),
  });
  const sheetButtons = new Map();
  const sheetTitle = h('h2', { id: 'sheet-title' }, t('answerSheet'));
  const sheet = h('nav', {
    class: 'sheet', id: 'answer-sheet', 'aria-labelledby': 'sheet-title',
    onkeydown: (event) => {
      if (event.key === 'Escape' && sheet.classList.contains('open')) { setSheet('close'); sheetToggle.focus(); return; }
      const keys = { ArrowRight: 1, ArrowDown: 5, ArrowLeft: -1, ArrowUp: -5 };
      if (!(event.key in keys) || !event.target.matches('.sheet-grid button')) return;
      const all = [...sheet.querySelectorAll('.sheet-grid button')];
      const next = all[Math.max(0, Math.min(all.length - 1, all.indexOf(event.target) + keys[event.key]))];
      event.preventDefault();
      next?.focus();
    },
  },
  h('div', { class: 'sheet-head' }, sheetTitle,
    h('button', { type: 'button', class: 'sheet-close', onclick: () => { setSheet('close'); sheetToggle.focus(); } }, t('close'))),
  (paged ? [view.sections[sectionIndex]] : view.sections).map((section) => h('div', { class: 'sheet-section' },
    h('h3', {}, section.title),
    h('div', { class: 'sheet-grid' }, section.items.map((item) => {
      const button = h('button', { type: 'button', dataset: { itemId: item.id }, onclick: () => goTo(item.id) }, String(numberOf.get(item.id)));
      sheetButtons.set(item.id, button);
      return button;
    })))),
  h('p', { class: 'sheet-legend muted small', 'aria-hidden': 'true' },
    h('span', { class: 'key answered' }), t('sheetAnswered'), ' ',
    h('span', { class: 'key' }), t('sheetUnanswered'), ' ',
    h('span', { class: 'key flagged' }), t('sheetFlagged')));
  const setSheet = (state) => {
    sheet.classList.toggle('open', state === 'open');
    sheetToggle.setAttribute('aria-expanded', String(state === 'open'));
    if (state === 'open') sheet.querySelector('.sheet-grid button')?.focus();
  };
  const goTo = (itemId) => {
    const set = main.querySelector(`#item-${CSS.escape(itemId)}`);
    if (!set) return;
    setSheet('close');
    set.scrollIntoView({ block: 'start' });
    (set.querySelector('input:not([disabled]), select, textarea, button:not(.flag)') ?? set.querySelector('legend'))?.focus({ preventScroll: true });
  };
  const refreshSheet = () => {
    let done = 0;
    for (const item of shownItems) {
      const button = sheetButtons.get(item.id);
      const answered = isAnswered(responses[item.id]);
      if (answered) done += 1;
      button.classList.toggle('answered', answered);
      button.classList.toggle('flagged', flags.has(item.id));
      button.setAttribute('aria-label', [t('question', { n: numberOf.get(item.id) }),
        answered ? t('sheetAnswered') : t('sheetUnanswered'), flags.has(item.id) ? t('sheetFlagged') : null].filter(Boolean).join('，'));
    }
    sheetToggle.textContent = `${t('answerSheet')} ${done}/${shownItems.length}`;
  };
  const updateCount = () => {
    status.textContent = t('answered', { a: items.filter((i) => isAnswered(responses[i.id])).length, b: items.length });
    refreshSheet();
  };

  let finished = false;
  let tick = null;
  // While the exam runs, the main menu is hidden (as exam products do): one click away from
  // the paper is one click too many. The next route shows it again.
  document.body.classList.add('in-exam');
  const stop = () => {
    document.body.classList.remove('in-exam');
    finished = true;
    clearInterval(tick);
    unsubscribe();
    stopWatching();
    exam.free();
  };

  // Focus and visibility changes go into the attempt's chained event log.
  const logEvent = (event) => {
    if (finished) return;
    store.appendEvents(attemptId, [{ ...event, at: Date.now() }]).catch(() => {});
  };
  const onFocus = () => logEvent({ type: 'focus' });
  const onBlur = () => logEvent({ type: 'blur' });
  const onVisibility = () => {
    logEvent({ type: 'visibility', state: document.visibilityState });
    if (finished || document.visibilityState !== 'hidden') return;
    leaves += 1;
    updateLeaves();
    if (leaveLimit && leaves >= leaveLimit) {
      setNotice(attemptId, t('leaveLimitReached', { n: leaves }));
      doSubmit('leaveLimit');
    } else {
      showNotice(leaveLimit ? t('leavesLeft', { n: leaveLimit - leaves }) : t('leaveRecorded'));
    }
  };
  window.addEventListener('focus', onFocus);
  window.addEventListener('blur', onBlur);
  document.addEventListener('visibilitychange', onVisibility);
  const stopWatching = () => {
    window.removeEventListener('focus', onFocus);
    window.removeEventListener('blur', onBlur);
    document.removeEventListener('visibilitychange', onVisibility);
  };

  // A submit that fails (storage full) leaves the exam open and running: the timer keeps going,
  // the message says why, and 交卷 (or the retry button, or the next tick after time is up) tries
  // again once space is freed.
  let submitting = false;
  let submitProblemShown = false;
  const doSubmit = async (reason) => {
    if (finished || submitting) return;
    submitting = true;
    try {
      if (unsaved.size > 0 && !(await flush())) return;
      attempt = await store.get('attempts', attemptId);
      await submit(store, attempt, exam, reason);
      submitProblemShown = false;
    } catch (error) {
      if (error?.code === 'ATTEMPT_CLOSED') {
        stop();
        navigate(`#/result/${attemptId}`);
        return;
      }
      showProblem(error, { note: T('submitKept'), label: T('retrySubmit'), retry: () => doSubmit(reason) });
      // The 交卷 button may be far below the message: bring it into view and say it aloud (once:
      // after time is up the submit is retried every second).
      if (!submitProblemShown) {
        submitProblemShown = true;
        problem.scrollIntoView?.({ block: 'center' });
        announce(`${error?.message ?? ''} ${T('submitKept')}`);
      }
      return;
    } finally {
      submitting = false;
    }
    stop();
    navigate(`#/result/${attemptId}`);
  };

  // Answers given but not yet stored (a failed save), item id → { value, answeredAt }.
  const unsaved = new Map();
  const problem = h('div', { class: 'error-box', id: 'save-problem', hidden: true });
  const showProblem = (error, { note = T('keptInMemory'), label = T('retry'), retry = () => flush() } = {}) => {
    replace(problem,
      h('p', {}, error?.message ?? String(error), ' ', note),
      h('p', { class: 'muted' }, `${error?.code ?? ''}${error?.path ? ` · ${error.path}` : ''}`),
      h('button', { type: 'button', id: 'retry-save', onclick: () => retry() }, label));
    problem.hidden = false;
    savedNote.textContent = T('notSaved');
    savedNote.className = 'bad';
  };
  // Marks an item's answer as stored (tests read this before a crash).
  const acknowledge = (itemId, value, answeredAt) => {
    const set = main.querySelector(`#item-${CSS.escape(itemId)}`);
    if (!set) return;
    set.dataset.saved = JSON.stringify(value ?? null);
    set.dataset.savedAt = String(answeredAt);
  };
  // Stores every unsaved answer, oldest first; stops at the first failure.
  const flush = async () => {
    for (const [itemId, { value, answeredAt }] of [...unsaved]) {
      try {
        attempt = await store.saveAnswer(attemptId, itemId, value, answeredAt);
      } catch (error) {
        showProblem(error);
        return false;
      }
      if (unsaved.get(itemId)?.answeredAt === answeredAt) unsaved.delete(itemId);
      acknowledge(itemId, value, answeredAt);
      // The stored attempt may hold newer answers from another tab (even for this item, if that
      // tab answered it later): show them.
      applyStored(attempt);
    }
    problem.hidden = true;
    savedNote.textContent = t('saved');
    savedNote.className = 'muted';
    return true;
  };

  const save = (item) => async (value) => {
    responses[item.id] = value;
    updateCount();
    const answeredAt = Date.now();
    shownAt.set(item.id, answeredAt);
    unsaved.set(item.id, { value, answeredAt });
    await flush();
    if (attempt.practice && CHECK_ON_ANSWER.has(item.type)) showPracticeFeedback(item);
  };

  const showPracticeFeedback = (item) => {
    const box = main.querySelector(`#item-${CSS.escape(item.id)} .feedback`);
    if (!box || item.type === 'shortAnswer') return;
    const review = exam.review({ paper: attempt.paper, responses: { [item.id]: responses[item.id] } })
      .items.find((r) => r.itemId === item.id);
    if (!review) return;
    replace(box, h('p', { class: review.status === 'correct' ? 'good' : 'bad' }, t(`status_${review.status}`)),
      h('p', {}, `${t('correctAnswer')}${colon()}${pick(review.correctAnswer)}`),
      review.explanation ? h('p', { class: 'explain' }, `${t('explanation')}${colon()}${review.explanation}`) : null,
      h('p', { class: 'muted small' }, t('practiceLocked')));
    // Once the key is shown the answer is final: changing it now would only copy the key.
    checked.add(item.id);
    lock(item.id);
  };
  const lock = (itemId) => {
    const set = main.querySelector(`#item-${CSS.escape(itemId)}`);
    if (set) { set.disabled = true; set.dataset.locked = 'true'; }
  };

  // Each item gets a flag for review and, in practice mode, a check button where the answer is
  // not final on the first click (several boxes, text, an order).
  const decorate = (item, set) => {
    const flag = h('button', {
      type: 'button', class: 'flag', 'aria-pressed': String(flags.has(item.id)), dataset: { flag: item.id },
      onclick: () => {
        if (flags.has(item.id)) flags.delete(item.id); else flags.add(item.id);
        flag.setAttribute('aria-pressed', String(flags.has(item.id)));
        set.classList.toggle('flagged', flags.has(item.id));
        refreshSheet();
      },
    }, '⚑ ', t('flag'));
    set.classList.toggle('flagged', flags.has(item.id));
    set.querySelector('legend').after(h('div', { class: 'item-tools' }, flag));
    if (attempt.practice && !CHECK_ON_ANSWER.has(item.type) && item.type !== 'shortAnswer') {
      set.querySelector('.feedback').before(h('p', {}, h('button', {
        type: 'button', class: 'check', onclick: async () => { await flush(); showPracticeFeedback(item); },
      }, t('checkAnswer'))));
    }
    return set;
  };

  const advance = async (reason) => {
    if (finished) return;
    finished = true;
    const next = sectionIndex + 1;
    const limit = view.sections[next]?.timeLimitSeconds;
    await store.enterSection(attemptId, next, limit ? Date.now() + limit * 1000 : null);
    setNotice(attemptId, reason === 'timeUp' ? t('sectionTimeUp') : t('nowInSection', { a: next + 1, b: view.sections.length, title: view.sections[next]?.title ?? '' }));
    stop();
    navigate(`#/exam/${attemptId}`);
  };

  // When each item's answer on screen was given (ms): stored answers older than that are not
  // shown over it.
  const shownAt = new Map(Object.entries(attempt.responses ?? {}).map(([id, r]) => [id, r.answeredAt ?? 0]));
  const applyStored = (record) => {
    let n = 0;
    for (const section of view.sections) {
      for (const item of section.items) {
        n += 1;
        const stored = record.responses?.[item.id];
        if (!stored || stored.answeredAt < (shownAt.get(item.id) ?? -Infinity)) continue;
        shownAt.set(item.id, stored.answeredAt);
        if (JSON.stringify(stored.value) === JSON.stringify(responses[item.id])) continue;
        responses[item.id] = stored.value;
        main.querySelector(`#item-${CSS.escape(item.id)}`)?.replaceWith(decorate(item, itemControl(item, n, stored.value, save(item))));
        acknowledge(item.id, stored.value, stored.answeredAt);
      }
    }
    updateCount();
  };

  const shown = paged ? [view.sections[sectionIndex]] : view.sections;
  let number = view.sections.slice(0, paged ? sectionIndex : 0).reduce((n, s) => n + s.items.length, 0);
  const sections = shown.map((section) => h('section', { 'aria-labelledby': `sec-${section.id}` },
    h('h2', { id: `sec-${section.id}` }, section.title),
    section.items.map((item) => {
      number += 1;
      return decorate(item, itemControl(item, number, responses[item.id], save(item)));
    })));

  // What the candidate is about to hand in, in words: no "0 unanswered" when all are answered.
  const summary = (list) => {
    const numbers = (ids) => ids.map((id) => numberOf.get(id)).join(uiLocale() === 'en' ? ', ' : '、');
    const open = list.filter((i) => !isAnswered(responses[i.id])).map((i) => i.id);
    const flagged = list.filter((i) => flags.has(i.id)).map((i) => i.id);
    return [
      h('p', { class: open.length ? 'warn' : 'good', id: 'summary-answered' }, open.length === 0
        ? t('allAnswered', { n: list.length })
        : t('someOpen', { a: list.length - open.length, b: list.length, n: open.length, list: numbers(open) })),
      flagged.length ? h('p', { class: 'warn', id: 'summary-flagged' }, t('flaggedList', { n: flagged.length, list: numbers(flagged) })) : null,
      leaves ? h('p', { class: 'muted' }, t('leftPage', { n: leaves })) : null,
    ];
  };
  const dialog = h('dialog', { id: 'confirm-submit', 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-text' },
    h('h2', { id: 'confirm-title' }, t('submitTitle')),
    h('div', { id: 'confirm-text' }),
    h('p', { class: 'muted' }, t('submitFinal')),
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'primary', id: 'confirm-yes', onclick: () => { dialog.close(); doSubmit('candidate'); } }, t('confirm')),
      h('button', { type: 'button', onclick: () => dialog.close() }, t('cancel'))));

  const nextDialog = h('dialog', { id: 'confirm-next', 'aria-labelledby': 'confirm-next-text' },
    h('div', { id: 'confirm-next-text' }),
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'primary', id: 'confirm-next-yes', onclick: () => { nextDialog.close(); advance(); } }, t('confirm')),
      h('button', { type: 'button', onclick: () => nextDialog.close() }, t('cancel'))));
  const nextButton = lastSection ? null : h('button', {
    type: 'button', class: 'primary', id: 'next-section',
    onclick: () => {
      replace(nextDialog.querySelector('#confirm-next-text'), ...summary(shownItems), h('p', {}, t('confirmNext')));
      nextDialog.showModal();
    },
  }, t('nextSection'));

  const submitButton = h('button', {
    type: 'button', class: 'primary', id: 'submit-exam',
    onclick: () => {
      replace(dialog.querySelector('#confirm-text'), ...summary(items));
      dialog.showModal();
    },
  }, t('submit'));

  replace(main,
    h('div', { class: 'examhead' },
      h('div', {}, h('strong', {}, `${view.title ?? attempt.examTitle}`), ' ',
        attempt.practice ? h('span', { class: 'pill' }, t('practice')) : null, h('br'),
        h('span', { class: 'muted' }, `${attempt.candidate.name} · ${attempt.candidate.id}`)),
      h('div', {}, Number.isFinite(deadline)
        ? [h('span', { class: 'muted' }, `${sectionEndsFirst ? t('sectionTimeLeft') : t('timeLeft')} `), timer] : null,
      paged ? h('div', { class: 'muted', id: 'section-progress' }, t('sectionOf', { a: sectionIndex + 1, b: view.sections.length })) : null),
      h('div', { class: 'examhead-actions' }, status, ' ', savedNote, ' ', leavesNote, ' ', sheetToggle, ' ', submitButton),
      notice),
    attempt.sealed ? h('p', { class: 'muted', id: 'sealed-note' }, T('sealedNote')) : null,
    problem,
    h('div', { class: 'exam-layout' },
      h('div', { class: 'exam-items' },
        sections,
        h('p', {}, nextButton ?? h('button', { type: 'button', class: 'primary', onclick: () => submitButton.click() }, t('submit')))),
      sheet),
    dialog, nextDialog);
  updateCount();
  // Practice items whose key was shown before a reload stay locked, with their feedback.
  if (attempt.practice) for (const item of shownItems) if (checked.has(item.id)) showPracticeFeedback(item);
  const pending = takeNotice(attemptId);
  if (pending) showNotice(pending, 'info');

  // Another tab answered: take its (newer) answers; storage already refused older ones.
  // Two races made a tab keep showing a stale answer: a read that started earlier but finished
  // later overwrote a fresher one (only the latest read is applied now), and a stored answer
  // older than one given here but not yet stored replaced it (each item now shows the newest of
  // what storage holds and what was given here, by `answeredAt`).
  let reads = 0;
  const unsubscribe = store.onChange(async (message) => {
    if (message.attemptId !== attemptId || finished) return;
    const read = ++reads;
    const fresh = await store.get('attempts', attemptId);
    if (read !== reads || finished || !fresh) return;
    attempt = fresh;
    if (isClosed(attempt)) { stop(); navigate(`#/result/${attemptId}`); return; }
    if ((attempt.sectionIndex ?? 0) !== sectionIndex) { stop(); navigate(`#/exam/${attemptId}`); return; }
    applyStored(attempt);
  });

  if (Number.isFinite(deadline)) {
    // Thresholds already behind us at load are not announced again after a reload.
    const leftAtLoad = (deadline - Date.now()) / 1000;
    const announced = new Set(ANNOUNCE_AT_MINUTES.filter((m) => leftAtLoad <= m * 60));
    const update = () => {
      if (finished) return;
      if (!document.body.contains(timer)) { stop(); return; }
      const left = (deadline - Date.now()) / 1000;
      timer.textContent = clock(left);
      timer.classList.toggle('low', left < 300);
      for (const mark of ANNOUNCE_AT_MINUTES) {
        if (!announced.has(mark) && left <= mark * 60 && left > 0) {
          announced.add(mark);
          showNotice(t('minutesLeft', { n: mark }), mark <= 5 ? 'bad' : 'warn');
        }
      }
      if (left <= 0) {
        if (sectionEndsFirst && !lastSection) {
          showNotice(t('sectionTimeUp'), 'bad');
          advance('timeUp');
        } else {
          showNotice(t('timeUp'), 'bad');
          setNotice(attemptId, t('timeUp'));
          doSubmit('timeUp');
        }
      }
    };
    update();
    tick = setInterval(update, 1000);
  }
}
