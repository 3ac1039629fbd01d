// Safe rendering: a bank, a blueprint, a sealed package and candidate names carrying 36 XSS
// payloads go through every view (home, exam, result, trainer, sealed). Each payload would call
// `__pwned(n)` if it ran; none may, no element may come out of payload text, the CSP must not
// even have to block anything (nothing was parsed as markup), and the text shows literally.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WWW, watchErrors, screenshot, pageRig } from './harness.mjs';

const P = (n) => `__pwned(${n})`;
export const PAYLOADS = [
  (n) => `<script>${P(n)}</script>`,
  (n) => `<img src=x onerror="${P(n)}">`,
  (n) => `<svg onload="${P(n)}"></svg>`,
  (n) => `<svg><script>${P(n)}</script></svg>`,
  (n) => `<a href="javascript:${P(n)}">点击领取</a>`,
  (n) => `<iframe srcdoc="<script>parent.${P(n)}</script>"></iframe>`,
  (n) => `<iframe src="javascript:parent.${P(n)}"></iframe>`,
  (n) => `<div style="background:url(javascript:${P(n)})">x</div>`,
  (n) => `<div style="width: expression(${P(n)})">x</div>`,
  (n) => `{{constructor.constructor('${P(n)}')()}}`,
  (n) => `\${${P(n)}}`,
  (n) => `<body onload="${P(n)}">`,
  (n) => `<input autofocus onfocus="${P(n)}">`,
  (n) => `<details open ontoggle="${P(n)}">`,
  (n) => `<video><source onerror="${P(n)}"></video>`,
  (n) => `<audio src=x onerror=${P(n)}>`,
  (n) => `<object data="javascript:${P(n)}"></object>`,
  (n) => `<embed src="javascript:${P(n)}">`,
  (n) => `<math><mtext><table><mglyph><style><img src=x onerror=${P(n)}>`,
  (n) => `"><script>${P(n)}</script>`,
  (n) => `'><img src=x onerror=${P(n)}>`,
  (n) => `</textarea><script>${P(n)}</script>`,
  (n) => `</title><script>${P(n)}</script>`,
  (n) => `<scr<script>ipt>${P(n)}</scr</script>ipt>`,
  (n) => `\u003cscript\u003e${P(n)}\u003c/script\u003e`,
  (n) => `＜script＞${P(n)}＜/script＞`,
  (n) => `<img src=x onerror=&#x5f;&#x5f;pwned(${n})>`,
  (n) => `<meta http-equiv="refresh" content="0;url=javascript:${P(n)}">`,
  (n) => `<form action="javascript:${P(n)}"><button>提交</button></form>`,
  (n) => `<base href="javascript:${P(n)}//">`,
  (n) => `<link rel=stylesheet href="javascript:${P(n)}">`,
  (n) => `<marquee onstart="${P(n)}">客服</marquee>`,
  (n) => `javascript:${P(n)}`,
  (n) => `data:text/html,<script>${P(n)}</script>`,
  (n) => `\u202e<img src=x onerror=${P(n)}>\u202c`,
  (n) => `<noscript><p title="</noscript><img src=x onerror=${P(n)}>">`,
].map((make, n) => make(n));

const rig = pageRig();

async function hostileExam() {
  const bank = JSON.parse(await readFile(join(WWW, 'samples/bank.json'), 'utf8'));
  const blueprint = JSON.parse(await readFile(join(WWW, 'samples/blueprint.json'), 'utf8'));
  bank.id = 'xss-bank';
  bank.title = PAYLOADS[0];
  bank.items.forEach((item, i) => {
    const payload = PAYLOADS[i % PAYLOADS.length];
    item.stem = `${item.stem} ${payload}`;
    item.explanation = `解析 ${PAYLOADS[(i + 7) % PAYLOADS.length]}`;
    if (item.options) item.options[0].text = `${item.options[0].text} ${PAYLOADS[(i + 3) % PAYLOADS.length]}`;
    if (item.prompts) item.prompts[0].text = `${item.prompts[0].text} ${PAYLOADS[(i + 5) % PAYLOADS.length]}`;
    if (item.unit) item.unit = PAYLOADS[(i + 11) % PAYLOADS.length];
  });
  blueprint.id = 'xss-exam';
  blueprint.bankId = bank.id;
  blueprint.title = `考核 ${PAYLOADS[1]}`;
  blueprint.sections.forEach((s, i) => { s.title = `${s.title} ${PAYLOADS[(i + 13) % PAYLOADS.length]}`; });
  return { bank, blueprint };
}

/** Elements or attributes that could only come from payload text. */
async function injected(page) {
  return page.evaluate(() => {
    const found = [];
    for (const el of document.querySelectorAll('script')) {
      // The page's own two: app.js and boot-hints.js (index.html).
      if (!(el.type === 'module' && ['app.js', 'boot-hints.js'].includes(el.getAttribute('src')))) found.push(`script ${el.outerHTML.slice(0, 80)}`);
    }
    // The page's own disclosures (技术详情, folding sections) carry a class; a payload's would not.
    for (const sel of ['img', 'iframe', 'object', 'embed', 'video', 'audio', 'math', 'marquee', 'details:not(.tech):not(.rubric-section):not(.disclosure)', 'base', 'meta[http-equiv=refresh]', 'main svg', 'main form[action]', 'main a[href^="javascript"]', 'body[onload]']) {
      for (const el of document.querySelectorAll(sel)) found.push(`${sel}: ${el.outerHTML.slice(0, 80)}`);
    }
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.attributes) {
        // The page sets bar widths through the CSSOM (`width: 62%`): only such styles are allowed.
        const barStyle = attr.name === 'style' && /^((width|left): [\d.]+%; ?)+$/.test(attr.value.trim().replace(/;?$/, ';'));
        if (/^on/i.test(attr.name) || /javascript:/i.test(attr.value) || (attr.name === 'style' && !barStyle)) found.push(`${el.tagName} ${attr.name}`);
      }
    }
    return found;
  });
}

test('36 XSS payloads in banks, titles, names and imported packages never run', async () => {
  assert.ok(PAYLOADS.length >= 30 && new Set(PAYLOADS).size === PAYLOADS.length);
  const { bank, blueprint } = await hostileExam();
  const context = await rig.browser.newContext({ acceptDownloads: true });
  const fired = [];
  await context.exposeFunction('__pwned', (n) => { fired.push(n); });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(rig.url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.evaluate(async ({ bank, blueprint }) => {
    const { openStore } = await import('./kaohe/index.js');
    const store = await openStore();
    await store.put('banks', bank);
    await store.put('blueprints', blueprint);
    // Published, so the candidate's home page offers it (its title is a payload too).
    await store.put('exams', {
      schemaVersion: 1, id: blueprint.id, title: blueprint.title, status: 'published', bankIds: [bank.id], blueprint,
      release: { content: 'review', timing: 'immediately' }, unknownCandidates: 'recordUnmatched',
    });
    // The full review on the result page, so the candidate's own answers are shown back.
    await store.put('meta', { key: `exam:${blueprint.id}`, release: 'full' });
    store.close();
  }, { bank, blueprint });
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  const check = async (where, texts) => {
    assert.deepEqual(await injected(page), [], `${where}: no element from payload text`);
    const body = await page.evaluate(() => document.body.innerText + document.title);
    for (const text of texts) assert.ok(body.includes(text), `${where}: shown literally: ${text}`);
  };

  const name = PAYLOADS[2];
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('工号').fill(PAYLOADS[4]);
  await page.getByLabel('选择考试').selectOption({ label: blueprint.title });
  await check('home', [blueprint.title]);
  await page.getByRole('button', { name: '开始考试' }).click();
  await page.waitForSelector('fieldset.item');
  const stems = await page.$$eval('fieldset.item legend', (ls) => ls.map((l) => l.textContent));
  const shown = PAYLOADS.filter((p) => stems.some((s) => s.includes(p)));
  assert.ok(shown.length >= 15, `${shown.length} payloads on the paper`);
  await check('exam', [name, ...shown]);
  for (const set of await page.locator('fieldset.item').all()) {
    const type = await set.getAttribute('data-type');
    if (['single', 'situational', 'trueFalse'].includes(type)) await set.locator('input').first().check();
    if (type === 'fillBlank') await set.locator('input[type=text]').first().fill(PAYLOADS[0]);
    if (type === 'shortAnswer') await set.locator('textarea').fill(PAYLOADS[1]);
  }
  await page.locator('#submit-exam').click();
  await page.locator('#confirm-yes').click();
  await page.waitForSelector('#result-summary');
  await check('result', [PAYLOADS[0]]);
  await page.goto(`${rig.url}#/trainer`);
  await page.waitForSelector('#attempts-table');
  await check('trainer', [name, blueprint.title]);
  await screenshot(page, 'xss-trainer');

  // The same content as a sealed package, imported on the sealed view.
  const pkg = await page.evaluate(async ({ bank, blueprint }) => {
    // The trainer view runs on the lite module: the full one is initialised here for sealExam.
    const { init, sealExam } = await import('./kaohe/index.js');
    await init();
    return sealExam({ bank, blueprint: { ...blueprint, id: 'xss-sealed' }, passphrase: '测试口令-足够长的一句话', iterations: 600000 });
  }, { bank, blueprint });
  await page.goto(`${rig.url}#/sealed`);
  await page.waitForSelector('#sealed-file');
  await page.locator('#sealed-file').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(pkg)) });
  await page.waitForSelector('#sealed-choice');
  await check('sealed', [blueprint.title]);
  await page.locator('#sealed-name').fill(PAYLOADS[5]);
  await page.locator('#sealed-id').fill('E1');
  await page.locator('#sealed-start-title ~ p button[type=submit]').click();
  await page.waitForSelector('fieldset.item');
  await check('sealed exam', [PAYLOADS[5]]);

  // A malformed package with a payload in its format field: the error shows it as text.
  await page.goto(`${rig.url}#/sealed`);
  await page.waitForSelector('#sealed-file');
  await page.locator('#sealed-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...pkg, bank: { ...pkg.bank, items: [{ id: PAYLOADS[6], type: PAYLOADS[7] }] } })) });
  await page.waitForSelector('#load-status.bad');
  assert.match(await page.locator('#load-status [data-code]').getAttribute('data-code'), /UNKNOWN_VARIANT|WRONG_TYPE|MISSING_FIELD|INVALID/);
  await check('sealed error', []);

  await page.waitForTimeout(300);
  assert.deepEqual(fired, [], 'no payload ran');
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'the CSP had nothing to block');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the page ships a CSP without inline script and only wasm-unsafe-eval', async () => {
  const html = await readFile(join(WWW, 'index.html'), 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)[1];
  const script = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
  assert.equal(script, "script-src 'self' 'wasm-unsafe-eval'");
  assert.match(csp, /object-src 'none'/);
  assert.match(csp, /base-uri 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script element');
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handler');
  assert.doesNotMatch(html, /\sstyle=/i, 'no inline style');
});
