// Shared rig for the page tests: a static server for www/ on 127.0.0.1 and Debian's chromium
// driven by playwright-core. Nothing here downloads a browser.
import { createServer } from 'node:http';
import { readFile, stat, mkdir } from 'node:fs/promises';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const WWW = resolve(here, '../../www');
export const ARTIFACTS = resolve(here, '../artifacts');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
};

/** Serves `root` on 127.0.0.1 at a free port; `extraRoutes` maps a URL path to [type, body]. */
export async function serve(root = WWW, extraRoutes = {}) {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      const extra = extraRoutes[url.pathname];
      if (extra) {
        res.writeHead(200, { 'content-type': extra[0], 'cache-control': 'no-store' });
        res.end(extra[1]);
        return;
      }
      let path = normalize(join(root, decodeURIComponent(url.pathname)));
      if (!path.startsWith(root)) throw new Error('outside root');
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      const body = await readFile(path);
      res.writeHead(200, {
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic',
];

/** A fresh headless Debian chromium. */
export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A chromium whose profile (and IndexedDB) lives in `dir`, so it survives a relaunch. */
export async function launchPersistent(dir, options = {}) {
  return chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, ...options,
  });
}

/**
 * The usual setup of a page-test file, as node:test hooks: before the tests, a server for `root`
 * (with `routes`, as `serve` takes them) and a fresh chromium; after them, both closed. Returns
 * an object whose `server`, `browser` and `url` are set once the tests run.
 */
export function pageRig({ root = WWW, routes = {} } = {}) {
  const rig = { server: null, browser: null, get url() { return rig.server.url; } };
  before(async () => {
    rig.server = await serve(root, routes);
    rig.browser = await launch();
  });
  after(async () => {
    await rig.browser?.close();
    await rig.server?.close();
  });
  return rig;
}

/** Waits until the page has booted (app.js sets `data-ready` on the body). */
export async function waitReady(page, timeout = 20000) {
  await page.waitForSelector('body[data-ready="true"]', { timeout });
}

/**
 * Reads the page's IndexedDB database `kaohe` directly, the way a test checks what was stored:
 * `op` is 'get' (by `key`), 'getAll' or 'count'; `key` may be `{ lower, upper }` for a range.
 */
export async function readStore(page, store, op = 'getAll', key = undefined) {
  return page.evaluate(([name, how, k]) => new Promise((ok, ko) => {
    const open = indexedDB.open('kaohe');
    open.onerror = () => ko(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const query = k && typeof k === 'object' && 'lower' in k ? IDBKeyRange.bound(k.lower, k.upper) : k;
      const req = db.transaction(name).objectStore(name)[how](query);
      req.onerror = () => { db.close(); ko(req.error); };
      req.onsuccess = () => { db.close(); ok(req.result); };
    };
  }), [store, op, key]);
}

/** Collects page errors and console errors so a test can assert there were none. */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  return errors;
}

/** Saves a screenshot for review under tests/artifacts/. */
export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

const AXE = await readFile(resolve(here, '../node_modules/axe-core/axe.min.js'), 'utf8');

/** Runs axe-core on the page and returns the serious and critical violations. */
export async function seriousA11yViolations(page) {
  // Injected through CDP-free evaluation so the page's CSP (no inline script) does not block it.
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * Through the page: a training programme for `people` with one exam and one KPI, a reaction
 * survey answered by each person (`answers`: 工号 → the five rating answers; `beforeSubmit` may
 * fill more), then its Kirkpatrick report shown. Returns the programme's id and the report's four
 * figures as the page shows them (null where undefined).
 */
export async function programmeWithSurvey(page, url, { name, start, end, people, exam, kpi, answers, beforeSubmit }) {
  await page.goto(`${url}#/programme`);
  await page.waitForSelector('#programme-form');
  await page.fill('#programme-name', name);
  await page.fill('#programme-start', start);
  await page.fill('#programme-end', end);
  for (const id of people) await page.check(`.programme-people input[value="${id}"]`);
  await page.check(`.programme-exams input[value="${exam}"]`);
  await page.check(`.programme-kpis input[value="${kpi}"]`);
  await page.click('#programme-save');
  await page.waitForSelector('section.programme');
  const programmeId = await page.$eval('section.programme', (el) => el.dataset.programmeId);
  for (const [id, ratings] of Object.entries(answers)) {
    await page.goto(`${url}#/survey/${programmeId}`);
    await page.waitForSelector('#survey-form');
    await page.fill('#survey-person', id);
    for (const [i, v] of ratings.entries()) await page.check(`fieldset[data-question="q${i + 1}"] input[value="${v}"]`);
    if (beforeSubmit) await beforeSubmit(id);
    await page.click('#survey-submit');
    await page.waitForSelector('#survey-thanks');
  }
  await page.goto(`${url}#/programme`);
  await page.waitForSelector(`#report-${programmeId}`);
  const shown = await page.$$eval(`#report-${programmeId} tbody tr`, (rows) => rows.map((r) => (r.dataset.value === '' ? null : Number(r.dataset.value))));
  return { programmeId, shown };
}

/**
 * Answers the item in `fieldset` the way a person would, by its type: the first radio, the first
 * `boxes` checkboxes, 退货 in each blank, 7, one move down, the second option of each select, and
 * `shortAnswer` in the text box.
 */
export async function answerItem(fieldset, { boxes = 1, shortAnswer = '先道歉，再核实订单，给出方案并约定回电时间。' } = {}) {
  const type = await fieldset.getAttribute('data-type');
  switch (type) {
    case 'single': case 'situational': case 'trueFalse':
      await fieldset.locator('input[type=radio]').first().check();
      break;
    case 'multiple':
      for (let i = 0; i < boxes; i += 1) await fieldset.locator('input[type=checkbox]').nth(i).check();
      break;
    case 'fillBlank':
      for (const input of await fieldset.locator('input[type=text]').all()) await input.fill('退货');
      break;
    case 'numeric':
      await fieldset.locator('input').fill('7');
      break;
    case 'ordering':
      await fieldset.locator('button[data-move="down"]').first().click();
      break;
    case 'matching':
      for (const select of await fieldset.locator('select').all()) await select.selectOption({ index: 1 });
      break;
    case 'shortAnswer':
      await fieldset.locator('textarea').fill(shortAnswer);
      break;
    default:
      throw new Error(`unknown item type ${type}`);
  }
}
