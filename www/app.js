// The page: boots the module, opens storage, and routes between views by the URL hash, so a
// reload lands on the same view (and the same attempt).
// It boots the candidate module (kaohe/candidate.js): the candidate's views (home, exam, result,
// sealed exams) need nothing else. The lite module (kaohe/lite.js: the trainer's bindings without
// the heavy statistics, built for size) is loaded the first time a trainer view opens, and the
// full module (kaohe/index.js, built for speed) as well on the routes marked `full` (analysis,
// team, plans, programme, dimensions, results, quarterly, data), so a candidate never downloads
// the trainer's code and the first trainer view does not wait for the statistics.
// docs/architecture.md has the rule.
import { openStore as openIndexedDb, MemoryStore } from './kaohe/storage.js';
import { h, replace, labelTables, techDetails } from './dom.js';
import { t, setUiLocale, uiLocale } from './i18n.js';
import { installSamples, currentWorkspace, DEMO_DB } from './data.js';

// `trainer: true`: the view runs on the lite module (its imports come from kaohe/lite.js), loaded
// (once) before the view; `full: true` in addition: it also imports from kaohe/index.js (the
// statistics), and the full module is loaded (once) before the view too. `lazy: true`: the view
// draws without waiting for the lite module, the candidate module or the sample exams (it only
// reads storage) and awaits `context.trainerModule()` itself for what needs it (the desk:
// everything but one line comes from storage, so it shows seconds sooner on a phone's network).
// Every other view waits for the boot: the candidate module instantiated and the samples stored.
// `group`: the nav group the link stands in (see navGroups).
const ROUTES = [
  { path: 'home', nav: 'navHome', load: () => import('./views/home.js') },
  { path: 'exam', nav: null, load: () => import('./views/exam.js') },
  { path: 'result', nav: null, load: () => import('./views/result.js') },
  { path: 'desk', nav: 'navDesk', trainer: true, lazy: true, load: () => import('./views/desk.js') },
  { path: 'exams', group: 'navGroupExams', nav: 'navExams', trainer: true, load: () => import('./views/exams.js') },
  { path: 'trainer', group: 'navGroupExams', nav: 'navTrainer', trainer: true, load: () => import('./views/trainer.js') },
  { path: 'people', group: 'navGroupPeople', nav: 'navPeople', trainer: true, load: () => import('./views/people.js') },
  { path: 'dimensions', group: 'navGroupPeople', nav: 'navDimensions', trainer: true, full: true, load: () => import('./views/dimensions.js') },
  { path: 'results', nav: null, trainer: true, full: true, load: () => import('./views/results.js') },
  { path: 'rubric', group: 'navGroupPeople', nav: 'navRubric', trainer: true, load: () => import('./views/rubric.js') },
  { path: 'calibration', nav: null, trainer: true, load: () => import('./views/calibration.js') },
  { path: 'team', group: 'navGroupPeople', nav: 'navTeam', trainer: true, full: true, load: () => import('./views/team.js') },
  { path: 'plans', group: 'navGroupDevelop', nav: 'navPlans', trainer: true, full: true, load: () => import('./views/plans.js') },
  { path: 'programme', group: 'navGroupDevelop', nav: 'navProgramme', trainer: true, full: true, load: () => import('./views/programme.js') },
  { path: 'quarterly', group: 'navGroupDevelop', nav: 'navQuarterly', trainer: true, full: true, load: () => import('./views/quarterly.js') },
  { path: 'survey', nav: null, load: () => import('./views/survey.js') },
  { path: 'analysis', group: 'navGroupExams', nav: 'navAnalysis', trainer: true, full: true, load: () => import('./views/analysis.js') },
  { path: 'sealed', group: 'navGroupExams', nav: 'navSealed', load: () => import('./views/sealed.js') },
  { path: 'cat', group: 'navGroupExams', nav: 'navAdaptive', load: () => import('./views/cat.js') },
  { path: 'adaptive', nav: null, trainer: true, full: true, load: () => import('./views/adaptive.js') },
  { path: 'import', group: 'navGroupData', nav: 'navImport', trainer: true, load: () => import('./views/import.js') },
  { path: 'export', group: 'navGroupData', nav: 'navExport', trainer: true, load: () => import('./views/export.js') },
  { path: 'backup', group: 'navGroupData', nav: 'navBackup', trainer: true, load: () => import('./views/backup.js') },
  { path: 'data', group: 'navGroupData', nav: 'navData', trainer: true, full: true, load: () => import('./views/data.js') },
];

// The candidate module's entry (kaohe/candidate.js, entry.js, seal.js and the glue) is imported
// here, not statically: the desk draws from storage alone, and on a phone's network (HTTP/1.1: six
// connections, a round trip of 562 ms per file) four more files before app.js can run cost the
// desk a round trip (docs/benchmarks.md). boot-hints.js preloads them on every other route.
let candidateEntry = null;
const candidateLoading = import('./kaohe/candidate.js').then((entry) => { candidateEntry = entry; return entry; });
// The store hashes attempt events with the candidate module's `chainEvent`, as the entry's own
// `openStore` does; nothing writes an event before the module is instantiated (every view that
// writes waits for the boot, below), so the entry is always there when this is called.
// (kaohe/entry.js's `storeOpeners`, which is not imported for the same reason as the entry.)
const hashEvent = (previous, event) => candidateEntry.chainEvent(previous, event);
const openStore = (options) => openIndexedDb({ hashEvent, ...options });
const openMemoryStore = ({ locale }) => new MemoryStore('kaohe', locale, hashEvent);
/** A wasm trap: the instance is dead and the page must reload it (kaohe/entry.js, the same). */
const isInstanceDead = (error) => typeof WebAssembly !== 'undefined' && error instanceof WebAssembly.RuntimeError;

/** The trainer's modules once loaded (kaohe/lite.js, kaohe/index.js), in the page's locale. */
const trainerModules = { lite: null, full: null };
const moduleLoading = { lite: null, full: null };
const moduleEntries = { lite: () => import('./kaohe/lite.js'), full: () => import('./kaohe/index.js') };

/** Loads and instantiates one of the trainer's modules (once; a failed load is retried later). */
function loadModule(which) {
  moduleLoading[which] ??= moduleEntries[which]().then(async (module) => {
    await module.init();
    module.setLocale(uiLocale());
    trainerModules[which] = module;
    keepOffline();
    return module;
  }).catch((error) => {
    moduleLoading[which] = null;
    throw error;
  });
  return moduleLoading[which];
}

/** The boot's background work (the candidate module, the samples); set by boot(). */
let booted = null;
/** Whether the candidate module is instantiated (its setLocale can be called). */
let candidateReady = false;

const main = document.getElementById('main');
const context = { store: null, navigate, rerender: () => route(), trainerModule: () => loadModule('lite') };

function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function renderChrome(current) {
  document.title = t('appTitle');
  // On a phone the header shows the short name only (the part before " · ").
  const [short, ...rest] = t('appTitle').split(' · ');
  replace(document.getElementById('app-title'), short, rest.length ? h('span', { class: 'sub' }, ` · ${rest.join(' · ')}`) : null);
  document.getElementById('skip-link').textContent = t('skip');
  const switcher = document.getElementById('lang-switch');
  switcher.textContent = t('switchTo');
  switcher.setAttribute('lang', uiLocale() === 'en' ? 'zh-CN' : 'en');
  const nav = document.getElementById('nav');
  nav.setAttribute('aria-label', uiLocale() === 'en' ? 'Main' : '主导航');
  // Phones: the nav collapses behind a menu button, closed again on every navigation.
  const toggle = document.getElementById('menu-toggle');
  toggle.textContent = t('menu');
  toggle.setAttribute('aria-expanded', 'false');
  document.querySelector('header.top').classList.remove('open');
  document.body.classList.remove('in-exam');
  replace(nav, navGroups().map(({ group, routes }) => {
    const links = routes.map((r) => h('a', {
      href: `#/${r.path}`,
      'aria-current': r.path === current ? 'page' : false,
    }, t(r.nav)));
    if (!group) return h('div', { class: 'nav-group' }, ...links);
    const id = `nav-${group}`;
    return h('div', { class: 'nav-group', role: 'group', 'aria-labelledby': id },
      h('span', { class: 'nav-group-label', id }, t(group)), ...links);
  }));
}

/**
 * The nav's links in groups, in the order a trainer's cycle runs (exams, people and competency,
 * development, data), so nineteen links read as five short lists: one row each on a wide
 * screen's sidebar, the same lists in the phone's menu. Routes without a `group` lead.
 */
function navGroups() {
  const groups = [];
  for (const route of ROUTES.filter((r) => r.nav)) {
    const key = route.group ?? null;
    let entry = groups.find((g) => g.group === key);
    if (!entry) groups.push(entry = { group: key, routes: [] });
    entry.routes.push(route);
  }
  return groups;
}

function showStorageWarning(error) {
  const box = h('div', { class: 'error-box', role: 'alert', id: 'storage-warning' },
    h('p', {}, error.message, ' ', t('memoryOnly')),
    techDetails(error));
  document.querySelector('header.top').after(box);
}

function showError(error) {
  console.error(error);
  const dead = isInstanceDead(error);
  replace(main, h('div', { class: 'error-box', role: 'alert' },
    h('h2', {}, t('errorTitle')),
    h('p', {}, error?.message ?? String(error)),
    techDetails(error),
    dead ? h('button', { type: 'button', class: 'primary', onclick: () => location.reload() }, t('reload')) : null,
    // A storage failure (full, blocked) on opening a view, e.g. resuming an exam: nothing was
    // lost, and the same view opens once storage works again.
    !dead && error?.name === 'KaoheStorageError'
      ? h('button', { type: 'button', class: 'primary', id: 'retry-view', onclick: () => route() }, uiLocale() === 'en' ? 'Try again' : '重试')
      : null));
}

/**
 * The service worker precaches only the candidate's files; it caches the full module as the page
 * fetches it, which misses the files fetched before it took control. This asks it to cache every
 * module file loaded so far (once the worker is active), so trainer views then work offline.
 */
function keepOffline() {
  if (!('serviceWorker' in navigator) || navigator.serviceWorker.controller) return;
  navigator.serviceWorker.ready.then((registration) => {
    const urls = performance.getEntriesByType('resource').map((entry) => entry.name)
      .filter((url) => new URL(url).origin === location.origin && /\/(pkg[a-z-]*|kaohe|views)\//.test(new URL(url).pathname));
    registration.active?.postMessage({ cacheForOffline: urls });
  }).catch(() => {});
}

/** The skeleton shown (and the old view cleared) the moment another view starts loading. */
function skeleton() {
  return h('div', { class: 'skeleton', id: 'view-loading', role: 'status', 'aria-label': t('loading') },
    h('span'), h('span'), h('span'), h('span'), h('span'));
}

let shownView = null;
let routeToken = 0;
async function route() {
  const [, name = 'home', ...args] = (location.hash || '#/home').split('/');
  const entry = ROUTES.find((r) => r.path === name) ?? ROUTES[0];
  renderChrome(entry.path);
  // A new view: clear the old one at once; a re-render of the same view keeps it (and the scroll).
  const key = location.hash || '#/home';
  if (key !== shownView) {
    replace(main, skeleton());
    window.scrollTo(0, 0);
  }
  shownView = key;
  routeToken += 1;
  const token = routeToken;
  try {
    // Both at once when a view needs both; the view's script loads meanwhile.
    const view = (await Promise.all([
      entry.load(),
      entry.trainer && !entry.lazy ? loadModule('lite') : null,
      entry.full ? loadModule('full') : null,
      entry.lazy ? null : booted,
    ]))[0];
    // Another navigation started while this view loaded: that one draws the page.
    if (token !== routeToken) return;
    await view.render(main, context, ...args.map(decodeURIComponent));
  } catch (error) {
    showError(error);
  }
}

/**
 * localStorage that may throw (site storage blocked, as in a cross-site frame): the choice of
 * language is a convenience, so a blocked store just means it is not remembered.
 */
const prefs = {
  get(key) { try { return globalThis.localStorage?.getItem(key) ?? null; } catch { return null; } },
  set(key, value) { try { globalThis.localStorage?.setItem(key, value); } catch { /* not remembered */ } },
};

function applyLocale(next) {
  setUiLocale(next);
  if (candidateReady) candidateEntry.setLocale(next);
  trainerModules.lite?.setLocale(next);
  trainerModules.full?.setLocale(next);
  prefs.set('kaoheLocale', next);
}

/**
 * Opened on a trainer route (a bookmark to the desk): its view and module start loading now,
 * while the candidate module boots and the samples are stored, rather than after. route() awaits
 * the same promises; a failure here is retried there. A lazy view (the desk) loads its module
 * itself once drawn: until then the module's 270 KB would only slow the view's own files.
 */
function preloadFirstRoute() {
  const [, name = 'home'] = (location.hash || '#/home').split('/');
  const entry = ROUTES.find((r) => r.path === name);
  if (!entry?.trainer) return;
  entry.load().catch(() => {});
  if (!entry.lazy) loadModule('lite').catch(() => {});
  if (entry.full) loadModule('full').catch(() => {});
}

async function boot() {
  preloadFirstRoute();
  const params = new URLSearchParams(location.search);
  const initial = params.get('lang') ?? prefs.get('kaoheLocale') ?? 'zh-CN';
  applyLocale(initial === 'en' ? 'en' : 'zh-CN');
  // The candidate module instantiates while storage opens (and a lazy first view draws).
  const candidate = candidateLoading.then((entry) => entry.init()).then(() => {
    candidateReady = true;
    candidateEntry.setLocale(uiLocale());
  });
  candidate.catch(() => {});
  // The demo workspace is a database of its own, labelled on every view (in the page's language).
  const demo = currentWorkspace() === 'demo';
  const demoBanner = demo ? h('div', { class: 'demo-banner', role: 'note', id: 'demo-banner' }) : null;
  const labelDemo = () => demoBanner && replace(demoBanner,
    h('strong', {}, t('demoWorkspace')), t('demoWorkspaceNote'), ' ', h('a', { href: '#/data' }, t('navData')));
  if (demoBanner) {
    labelDemo();
    document.querySelector('header.top').after(demoBanner);
  }
  document.getElementById('lang-switch').addEventListener('click', () => {
    applyLocale(uiLocale() === 'en' ? 'zh-CN' : 'en');
    labelDemo();
    route();
  });
  try {
    context.store = await openStore({ locale: uiLocale(), ...(demo ? { name: DEMO_DB } : {}) });
    // Opening can succeed where reading does not (storage blocked part-way): probe once.
    await context.store.get('meta', 'probe');
  } catch (error) {
    if (error?.code === 'UPGRADE_BLOCKED') {
      showError(error);
      return;
    }
    // No usable IndexedDB (private mode, a policy, site storage blocked in a frame): exams still
    // work in memory, with a warning.
    try { context.store?.close(); } catch { /* already unusable */ }
    context.store = openMemoryStore({ locale: uiLocale() });
    showStorageWarning(error?.code ? error : { message: String(error), code: 'STORAGE_UNAVAILABLE' });
  }
  // The samples need storage, not the module: both load at once, and every view but a lazy one
  // waits for them (route()). A first visit stores them here whatever view it opens.
  booted = Promise.all([candidate, installSamples(context.store)]);
  booted.catch(() => {});
  document.getElementById('menu-toggle').addEventListener('click', (event) => {
    const header = document.querySelector('header.top');
    header.classList.toggle('open');
    event.currentTarget.setAttribute('aria-expanded', String(header.classList.contains('open')));
  });
  // Every table gets its column names on its cells, so it can reflow to cards on a phone.
  new MutationObserver(() => labelTables(main)).observe(main, { childList: true, subtree: true });
  window.addEventListener('hashchange', route);
  await route();
  await booted;
  // Statements queued for the LRS go out on their own after an outage, whatever view is open.
  import('./kaohe/lrs.js').then((lrs) => lrs.resumeQueue(context.store)).catch(() => {});
  document.body.dataset.ready = 'true';
  performance.mark('kaohe:ready');
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('./sw.js').then(() => navigator.serviceWorker.ready).then(() => {
      document.getElementById('offline-status').textContent = t('offlineReady');
      document.body.dataset.offlineReady = 'true';
    }).catch(() => {});
  }
}

window.addEventListener('unhandledrejection', (event) => {
  if (isInstanceDead(event.reason)) showError(event.reason);
});

boot().catch(showError);
