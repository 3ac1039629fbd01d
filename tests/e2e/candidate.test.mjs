// The candidate's page runs on the candidate module alone: the network log of a whole exam (start,
// answer, reload, submit, result) holds the candidate wasm and never the full module's. A trainer
// view then loads the full module, which reads what the candidate module stored (the attempt's
// log chain verifies), and the candidate's page works offline from what the worker cached.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launchPersistent, watchErrors, waitReady as ready } from './harness.mjs';

let server;
let profile;
let context;

/** An intranet page embedding only an exam: the one script tag and the element. */
const EMBED_ONLY = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>embed</title><link rel="icon" href="data:,">
<script type="module" src="/kaohe/elements.js"></script></head><body>
<kaohe-exam bank-src="/samples/bank.json" blueprint-src="/samples/blueprint.json" candidate-id="E3002"
  candidate-name="周芷若" store-name="kaohe-candidate-embed"></kaohe-exam></body></html>`;

before(async () => {
  server = await serve(undefined, { '/embed-exam-only.html': ['text/html; charset=utf-8', EMBED_ONLY] });
  profile = await mkdtemp(join(tmpdir(), 'kaohe-candidate-'));
  context = await launchPersistent(profile);
});

after(async () => {
  await context?.close();
  await server?.close();
  await rm(profile, { recursive: true, force: true });
});

const FULL_MODULE = /\/pkg\/kaohe(_bg\.wasm|\.js)$/;
const CANDIDATE_WASM = /\/pkg-candidate\/kaohe_candidate_bg\.wasm$/;

/** Every URL the context requests (pages and the service worker), from now on. */
function watchRequests() {
  const urls = [];
  const onRequest = (request) => urls.push(new URL(request.url()).pathname);
  context.on('request', onRequest);
  return { urls, stop: () => context.off('request', onRequest) };
}

/** Picks the first option of a choice item; false (nothing done) for any other item type. */
async function pickFirstOption(fieldset) {
  const radio = fieldset.locator('input[type=radio]');
  if (await radio.count()) {
    await radio.first().check();
    return true;
  }
  return false;
}

test('a candidate takes an exam on the candidate module only; the trainer view loads the full one', async () => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  const requests = watchRequests();
  await page.goto(server.url);
  await ready(page);

  await page.getByLabel('姓名').fill('赵敏');
  await page.getByLabel('工号').fill('E3001');
  await page.getByLabel('选择考试').selectOption({ label: '2026年第四季度客服理论考核' });
  await page.getByRole('button', { name: '开始考试' }).click();
  await page.waitForURL(/#\/exam\//);
  await page.waitForSelector('fieldset.item');
  const attemptUrl = page.url();

  let answered = 0;
  for (const item of await page.locator('fieldset.item').all()) {
    if (await pickFirstOption(item)) answered += 1;
    if (answered === 5) break;
  }
  assert.equal(answered, 5, 'five choice items answered');
  await page.waitForFunction(() => document.querySelector('#save-status')?.textContent !== '');
  const before = await page.$$eval('fieldset.item input:checked', (inputs) => inputs.map((i) => `${i.name}=${i.value}`));

  await page.reload();
  await ready(page);
  await page.waitForSelector('fieldset.item');
  assert.equal(page.url(), attemptUrl, 'the reload lands on the same attempt');
  const after = await page.$$eval('fieldset.item input:checked', (inputs) => inputs.map((i) => `${i.name}=${i.value}`));
  assert.deepEqual(after, before, 'the answers survived the reload');

  await page.locator('#submit-exam').click();
  await page.locator('#confirm-yes').click();
  await page.waitForURL(/#\/result\//);
  await page.waitForSelector('#result-summary');
  assert.match(await page.locator('#result-verdict').textContent(), /合格|不合格/);
  await page.waitForSelector('body[data-offline-ready="true"]', { timeout: 20000 });

  const candidateRequests = [...requests.urls];
  assert.ok(candidateRequests.some((url) => CANDIDATE_WASM.test(url)), 'the candidate wasm was loaded');
  assert.deepEqual(candidateRequests.filter((url) => FULL_MODULE.test(url)), [],
    'no request for the full module on the candidate routes');
  // The page really runs on the candidate module: it has no trainer exports.
  const exports = await page.evaluate(async () => Object.keys(await import('./kaohe/candidate.js')));
  assert.ok(exports.includes('Exam') && exports.includes('chainEvent'));
  assert.ok(!exports.includes('scoreCohort') && !exports.includes('Cohort') && !exports.includes('radarSvg'), exports.join());

  // A trainer view: the lite module (the trainer's bindings without the statistics) is fetched
  // now, not the full one; it reads the attempt stored through the candidate module and verifies
  // its log chain (hashed by the candidate module's chainEvent).
  await page.getByRole('link', { name: '考试记录', exact: true }).click();
  await page.waitForSelector('#attempts-table');
  assert.match(await page.locator('#attempts-table').textContent(), /赵敏/);
  assert.ok(requests.urls.some((url) => /\/pkg-lite\/kaohe_lite_bg\.wasm$/.test(url)), 'the trainer view loaded the lite module');
  assert.ok(!requests.urls.some((url) => FULL_MODULE.test(url)), 'the trainer view did not load the full module');
  assert.ok(await page.locator('#attempts-table [data-log="intact"]').count() >= 1, 'the candidate module\'s log chain verifies');
  requests.stop();

  // Offline, the candidate's page starts again from the worker's cache.
  await context.setOffline(true);
  try {
    await page.goto(`${server.url}#/home`);
    await page.reload();
    await ready(page);
    assert.ok(await page.getByLabel('选择考试').locator('option').count() >= 1, 'exams listed offline');
    await page.goto(attemptUrl.replace('#/exam/', '#/result/'));
    await page.waitForSelector('#result-summary');
  } finally {
    await context.setOffline(false);
  }
  assert.deepEqual(errors, []);
});

test('<kaohe-exam> alone loads only the candidate module', async () => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  const requests = watchRequests();
  await page.goto(`${server.url}embed-exam-only.html`);
  await page.waitForFunction(() => document.querySelector('kaohe-exam')?.attemptId, null, { timeout: 20000 });
  const result = await page.evaluate(() => document.querySelector('kaohe-exam').submit());
  assert.ok(result && typeof result.points === 'number', 'the element scored the attempt');
  requests.stop();
  assert.ok(requests.urls.some((url) => CANDIDATE_WASM.test(url)), 'the candidate wasm was loaded');
  assert.deepEqual(requests.urls.filter((url) => FULL_MODULE.test(url)), [], 'no request for the full module');
  assert.deepEqual(errors, []);
});
