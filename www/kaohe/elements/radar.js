// <kaohe-radar model-src="…" evaluation-src="…" team-src="…" lang="zh-CN">, or
// `el.data = { model, evaluation, team? }`: the competency radar drawn by the module's
// `radarSvg({ model, evaluation, team, locale })`. A build without that export shows a clear
// "not available" message instead of failing.
// The radar needs the full module (competency is trainer code), imported on first draw so that a
// page embedding only <kaohe-exam> (which runs on the candidate module) never downloads it.
import { h, replace, svgNode, errorBox } from './dom.js';
import { translator } from './strings.js';
import { adoptStyles } from './styles.js';

async function fetchJson(src) {
  const response = await fetch(new URL(src, document.baseURI));
  if (!response.ok) throw new Error(`${src}: HTTP ${response.status}`);
  return response.json();
}

export class KaoheRadarElement extends HTMLElement {
  static observedAttributes = ['model-src', 'evaluation-src', 'team-src', 'lang'];

  #root;
  #data = null;
  #generation = 0;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    adoptStyles(this.#root);
  }

  /** `{ model, evaluation, team? }`; setting it redraws. */
  get data() {
    return this.#data;
  }

  set data(value) {
    this.#data = value ?? null;
    this.#render();
  }

  connectedCallback() {
    this.#render();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#render();
  }

  get #lang() {
    return this.getAttribute('lang') ?? document.documentElement.lang ?? 'zh-CN';
  }

  async #render() {
    const generation = ++this.#generation;
    const tr = translator(this.#lang);
    const show = (...nodes) => { if (generation === this.#generation) replace(this.#root, ...nodes); };
    try {
      const kaohe = await import('../index.js');
      await kaohe.init();
      if (typeof kaohe.radarSvg !== 'function') {
        show(h('p', { role: 'status', class: 'muted', part: 'unavailable' }, tr('radarUnavailable')));
        this.dataset.state = 'unavailable';
        return;
      }
      let data = this.#data;
      if (!data && this.getAttribute('model-src') && this.getAttribute('evaluation-src')) {
        const team = this.getAttribute('team-src');
        const [model, evaluation, teamData] = await Promise.all([
          fetchJson(this.getAttribute('model-src')), fetchJson(this.getAttribute('evaluation-src')), team ? fetchJson(team) : null]);
        data = { model, evaluation, ...(teamData ? { team: teamData } : {}) };
      }
      if (!data) {
        show(h('p', { class: 'muted' }, tr('radarEmpty')));
        return;
      }
      const locale = /^en/i.test(this.#lang) ? 'en' : 'zh-CN';
      const svg = kaohe.radarSvg({ model: data.model, evaluation: data.evaluation, ...(data.team ? { team: data.team } : {}), locale });
      const node = svgNode(svg);
      if (node instanceof Element) {
        node.setAttribute('role', 'img');
        if (!node.querySelector('title')) node.setAttribute('aria-label', tr('radarLabel'));
      }
      show(h('figure', { part: 'chart' }, node));
      if (generation === this.#generation) this.dataset.state = 'drawn';
    } catch (error) {
      show(errorBox(error, tr, this.#lang));
      if (generation === this.#generation) this.dataset.state = 'error';
    }
  }
}
