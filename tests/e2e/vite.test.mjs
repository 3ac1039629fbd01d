// The package as a bundler sees it: Vite builds tests/vite-app, which imports `kaohe` and
// `kaohe/elements` by name (a file: dependency resolved through the exports map); the build
// output is served on 127.0.0.1 and run in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { serve, launch, watchErrors } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const APP = resolve(here, '../vite-app');
let server;
let browser;

before(async () => {
  await build({ configFile: resolve(APP, 'vite.config.js'), logLevel: 'error' });
  server = await serve(resolve(APP, 'dist'));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('a Vite app bundles kaohe and scores an attempt in Chromium', async () => {
  const assets = await readdir(resolve(APP, 'dist/assets'));
  assert.ok(assets.some((a) => a.endsWith('.wasm')), `the wasm is emitted as an asset: ${assets}`);
  const js = await Promise.all(assets.filter((a) => a.endsWith('.js')).map((a) => readFile(resolve(APP, 'dist/assets', a), 'utf8')));
  assert.ok(js.join('').includes('kaohe-radar'), 'kaohe/elements is bundled');

  const page = await (await browser.newContext()).newPage();
  const errors = watchErrors(page);
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready]', { timeout: 20000 });
  assert.equal(await page.locator('body').getAttribute('data-ready'), 'true', await page.locator('#status').textContent());
  const bank = JSON.parse(await readFile(resolve(here, '../../www/samples/bank.json'), 'utf8'));
  // Every answer is the key, so the score is the paper's maximum and the attempt passes.
  const [count, score, verdict, format] = (await page.locator('#score').textContent()).split(' · ');
  assert.equal(Number(count), bank.items.length);
  const [points, max] = score.split('/').map(Number);
  assert.ok(max > 0);
  assert.equal(points, max);
  assert.equal(verdict, '合格');
  assert.equal(format, 'kaohe-backup');
  assert.equal(await page.evaluate(() => Boolean(customElements.get('kaohe-radar'))), true);
  assert.deepEqual(errors, []);
});
