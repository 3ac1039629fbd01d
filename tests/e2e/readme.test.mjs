// Every ```js example in README.md and docs/*.md runs in Chromium against the real build, and
// prints what the `<!-- expect: … -->` lines under it say. (```javascript blocks are
// illustrations that need data from elsewhere and are not run.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const files = ['README.md', ...(await readdir(resolve(root, 'docs'))).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];

/** The README's js blocks, each with the expectations that follow it. */
function examples(text) {
  const found = [];
  const pattern = /```js\n([\s\S]*?)```([\s\S]*?)(?=```|$)/g;
  for (const match of text.matchAll(pattern)) {
    const expects = [...match[2].matchAll(/<!-- expect: (.*?) -->/g)].map((m) => m[1].trim());
    found.push({ code: match[1], expects });
  }
  return found;
}

const blocks = [];
for (const file of files) {
  const text = await readFile(resolve(root, file), 'utf8');
  examples(text).forEach((block, n) => blocks.push({ ...block, name: `${file} example ${n + 1}` }));
}
let server;
let browser;

before(async () => {
  const routes = {};
  blocks.forEach((block, i) => {
    // The package's bare specifiers ('kaohe', 'kaohe/elements') resolve to the served package,
    // as a bundler would resolve them; ```javascript blocks are illustrations and are not run.
    const code = block.code
      .replaceAll("from 'kaohe'", "from './kaohe/index.js'")
      .replaceAll("import 'kaohe/elements'", "import './kaohe/elements.js'");
    routes[`/readme-${i}.js`] = ['text/javascript', `${code}\nconsole.log('__done__');\n`];
    routes[`/readme-${i}.html`] = ['text/html', `<!doctype html><meta charset="utf-8"><title>readme ${i}</title><script type="module" src="readme-${i}.js"></script>`];
  });
  server = await serve(undefined, routes);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the README and docs/ have runnable examples', () => {
  assert.ok(blocks.length >= 8, `found ${blocks.length} js examples`);
  assert.ok(blocks.some((b) => b.name.startsWith('README.md')), 'the README has one');
});

blocks.forEach((block, i) => {
  test(`${block.name} runs and prints what it says`, async () => {
    const page = await browser.newPage();
    const logs = [];
    const errors = [];
    page.on('console', (m) => logs.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    const done = page.waitForEvent('console', { predicate: (m) => m.text() === '__done__', timeout: 20000 });
    await page.goto(`${server.url}readme-${i}.html`);
    await done.catch(() => {});
    assert.deepEqual(errors, [], `${block.name} threw`);
    assert.ok(logs.includes('__done__'), `${block.name} did not finish: ${logs.join(' | ')}`);
    for (const expected of block.expects) {
      assert.ok(logs.includes(expected), `${block.name}: expected "${expected}" in ${JSON.stringify(logs)}`);
    }
    await page.close();
  });
});
