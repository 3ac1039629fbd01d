// <kaohe-exam bank-src="…" blueprint-src="…" candidate-id="…" candidate-name="…" lang="zh-CN">
//
// A self-contained exam: fetches the bank and blueprint, assembles the candidate's paper (or
// resumes their unfinished attempt), autosaves every answer to IndexedDB through the Store,
// submits, scores and shows the result. Events (bubbling, composed):
//   kaohe-answer     detail { attemptId, itemId, value }
//   kaohe-submitted  detail: the ExamResult
// Optional: store-name="…" keeps the data in another IndexedDB database (default "kaohe").
import { init, Exam, openStore } from '../candidate.js';
import { h, replace, errorBox } from './dom.js';
import { itemControl, isAnswered } from './items.js';
import { translator, pickIn } from './strings.js';
import { adoptStyles } from './styles.js';

const fmt = (n) => (n === null || n === undefined ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(1));
const clock = (seconds) => {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

async function fetchJson(src) {
  const response = await fetch(new URL(src, document.baseURI));
  if (!response.ok) throw new Error(`${src}: HTTP ${response.status}`);
  return response.json();
}

function randomSeed() {
  const buffer = new Uint32Array(1);
  crypto.getRandomValues(buffer);
  return buffer[0];
}

const responsesOf = (attempt) => Object.fromEntries(Object.entries(attempt.responses ?? {}).map(([id, r]) => [id, r.value]));

export class KaoheExamElement extends HTMLElement {
  #root;
  #exam = null;
  #store = null;
  #attempt = null;
  #tick = null;
  #started = false;
  #finished = false;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    adoptStyles(this.#root);
  }

  /** The current attempt's id (null until the paper is ready). */
  get attemptId() {
    return this.#attempt?.attemptId ?? null;
  }

  get #tr() {
    return translator(this.getAttribute('lang') ?? document.documentElement.lang);
  }

  connectedCallback() {
    if (this.#started) return;
    this.#started = true;
    replace(this.#root, h('p', { role: 'status' }, this.#tr('loading')));
    this.#start().catch((error) => this.#fail(error));
  }

  disconnectedCallback() {
    clearInterval(this.#tick);
  }

  #fail(error) {
    clearInterval(this.#tick);
    replace(this.#root, errorBox(error, this.#tr, this.getAttribute('lang')));
    this.dataset.state = 'error';
  }

  async #start() {
    for (const name of ['bank-src', 'blueprint-src', 'candidate-id', 'candidate-name']) {
      if (!this.getAttribute(name)) throw Object.assign(new Error(this.#tr('missingAttr', { name })), { code: 'MISSING_FIELD', path: name });
    }
    await init();
    const [bank, blueprint] = await Promise.all([fetchJson(this.getAttribute('bank-src')), fetchJson(this.getAttribute('blueprint-src'))]);
    this.#exam = new Exam(bank, blueprint);
    this.#store = await openStore({ name: this.getAttribute('store-name') || 'kaohe', locale: /^en/i.test(this.getAttribute('lang') ?? '') ? 'en' : 'zh-CN' });
    await this.#store.transaction(['banks', 'blueprints'], 'readwrite', (s) => { s.banks.put(bank); s.blueprints.put(blueprint); });
    const candidate = { id: this.getAttribute('candidate-id'), name: this.getAttribute('candidate-name') };
    const open = (await this.#store.getAllByIndex('attempts', 'byCandidate', candidate.id))
      .filter((a) => a.status === 'inProgress' && a.blueprintId === blueprint.id)
      .sort((a, b) => b.startedAt - a.startedAt)[0];
    if (open) {
      this.#attempt = open;
    } else {
      const seed = randomSeed();
      const now = Date.now();
      this.#attempt = await this.#store.startAttempt({
        attemptId: crypto.randomUUID(), bankId: bank.id, blueprintId: blueprint.id, examTitle: blueprint.title,
        practice: false, candidate, seed, paper: this.#exam.assemble(seed), startedAt: now, source: 'kaohe-exam',
        deadlineAt: blueprint.timeLimitSeconds ? now + blueprint.timeLimitSeconds * 1000 : null,
      }, { bank, blueprint });
    }
    this.#renderPaper();
  }

  #renderPaper() {
    const tr = this.#tr;
    const view = this.#exam.view(this.#attempt.paper);
    const items = view.sections.flatMap((s) => s.items);
    const responses = responsesOf(this.#attempt);
    const count = h('span', { class: 'muted', part: 'progress' });
    const saved = h('span', { class: 'muted', role: 'status' });
    const timer = h('span', { role: 'timer', 'aria-label': tr('timeLeft') });
    const updateCount = () => { count.textContent = tr('answered', { a: items.filter((i) => isAnswered(responses[i.id])).length, b: items.length }); };
    const attemptId = this.#attempt.attemptId;
    const save = (item) => async (value) => {
      responses[item.id] = value;
      updateCount();
      try {
        this.#attempt = await this.#store.saveAnswer(attemptId, item.id, value, Date.now());
        saved.textContent = tr('saved');
        saved.className = 'muted';
      } catch (error) {
        saved.textContent = error.message;
        saved.className = 'bad';
      }
      this.dispatchEvent(new CustomEvent('kaohe-answer', { bubbles: true, composed: true, detail: { attemptId, itemId: item.id, value } }));
    };
    let number = 0;
    replace(this.#root,
      h('div', { class: 'head', part: 'header' },
        h('h2', {}, view.title ?? this.#attempt.examTitle),
        h('span', { class: 'muted' }, `${this.#attempt.candidate.name} · ${this.#attempt.candidate.id}`),
        this.#attempt.deadlineAt ? h('span', {}, `${tr('timeLeft')} `, timer) : null),
      view.sections.map((section) => h('section', { 'aria-labelledby': `sec-${section.id}` },
        h('h3', { id: `sec-${section.id}` }, section.title),
        section.items.map((item) => { number += 1; return itemControl(item, number, responses[item.id], save(item), tr); }))),
      h('p', { class: 'head' }, h('span', {}, count, ' ', saved),
        h('button', { type: 'button', class: 'primary', part: 'submit', onclick: () => this.submit() }, tr('submit'))));
    updateCount();
    this.dataset.state = 'answering';
    if (this.#attempt.deadlineAt) {
      const update = () => {
        const left = (this.#attempt.deadlineAt - Date.now()) / 1000;
        timer.textContent = clock(left);
        if (left <= 0) this.submit();
      };
      update();
      this.#tick = setInterval(update, 1000);
    }
  }

  /** Scores and stores the attempt (attempt and result in one transaction), then shows the result. */
  async submit() {
    if (this.#finished || !this.#attempt) return null;
    this.#finished = true;
    clearInterval(this.#tick);
    try {
      const attempt = await this.#store.get('attempts', this.#attempt.attemptId);
      const responses = responsesOf(attempt);
      const submittedAt = Date.now();
      const result = this.#exam.score({ paper: attempt.paper, responses, timeUsedSeconds: Math.round((submittedAt - attempt.startedAt) / 1000) });
      const packed = this.#exam.encode(responses);
      await this.#store.submitAttempt(attempt.attemptId, { result, packed, submittedAt });
      this.#renderResult(result);
      this.dispatchEvent(new CustomEvent('kaohe-submitted', { bubbles: true, composed: true, detail: result }));
      return result;
    } catch (error) {
      this.#finished = false;
      this.#fail(error);
      return null;
    }
  }

  #renderResult(result) {
    const tr = this.#tr;
    const lang = this.getAttribute('lang');
    replace(this.#root,
      h('div', { class: 'card', part: 'result' },
        h('h2', {}, this.#attempt.examTitle),
        h('p', { class: `verdict ${result.passed ? 'good' : 'bad'}`, 'data-verdict': result.passed ? 'passed' : 'failed' },
          result.passed ? tr('passed') : tr('failed'), result.final === false ? ` ${tr('provisional')}` : ''),
        h('p', {}, `${tr('total')}：${fmt(result.points)} / ${fmt(result.maxPoints)}　${tr('percent')}：${fmt(result.percent)}%　${tr('passMark')}：${fmt(result.passMarkPercent)}%`),
        h('table', {},
          h('caption', { class: 'muted' }, tr('section')),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, tr('section')), h('th', { scope: 'col', class: 'num' }, tr('score')), h('th', { scope: 'col', class: 'num' }, tr('percent')))),
          h('tbody', {}, result.sections.map((s) => h('tr', {},
            h('th', { scope: 'row' }, pickIn(lang, s.title)),
            h('td', { class: 'num' }, `${fmt(s.points)} / ${fmt(s.maxPoints)}`),
            h('td', { class: 'num' }, `${fmt(s.percent)}%`)))))));
    this.dataset.state = 'submitted';
  }
}
