// The embedding demo (www/embed.html, one script tag, the app's CSP): <kaohe-exam> renders in
// shadow DOM with the host's theme, autosaves, survives a reload, submits and dispatches its
// events; <kaohe-radar> draws (or says the chart is not available in this build); no globals.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launchPersistent, watchErrors, screenshot, seriousA11yViolations } from './harness.mjs';

let server;
let profile;
let context;

before(async () => {
  server = await serve();
  profile = await mkdtemp(join(tmpdir(), 'kaohe-embed-'));
  context = await launchPersistent(profile);
});
after(async () => {
  await context?.close();
  await server?.close();
  await rm(profile, { recursive: true, force: true });
});

/** Gives some answer to the item in `set`, whatever its type. */
async function answerAny(set) {
  const choice = set.locator('input[type=radio], input[type=checkbox]');
  if (await choice.count()) { await choice.first().check(); return; }
  const down = set.locator('button[data-move="down"]');
  if (await down.count()) { await down.first().click(); return; }
  for (const input of await set.locator('input[type=text], textarea').all()) await input.fill('3');
  for (const select of await set.locator('select').all()) await select.selectOption({ index: 1 });
}

test('<kaohe-exam> and <kaohe-radar> on an intranet-like page', async () => {
  const page = await context.newPage();
  const errors = watchErrors(page);
  const globalsBefore = await (async () => {
    const p = await context.newPage();
    await p.goto(`${server.url}samples/bank.json`);
    const names = await p.evaluate(() => Object.getOwnPropertyNames(window));
    await p.close();
    return new Set(names);
  })();
  await page.goto(`${server.url}embed.html`);
  const exam = page.locator('kaohe-exam');
  await page.waitForSelector('kaohe-exam[data-state="answering"]', { timeout: 20000 });

  // Style isolation and theming: the host's custom property reaches the shadow root's button.
  const styles = await page.evaluate(() => {
    const el = document.querySelector('kaohe-exam');
    const button = el.shadowRoot.querySelector('button.primary');
    return {
      hasShadow: Boolean(el.shadowRoot),
      background: getComputedStyle(button).backgroundColor,
      font: getComputedStyle(el.shadowRoot.querySelector('legend')).fontFamily,
      leaked: document.querySelectorAll('fieldset').length,
    };
  });
  assert.equal(styles.hasShadow, true);
  assert.equal(styles.background, 'rgb(138, 63, 252)', '--kaohe-accent themes the submit button');
  assert.match(styles.font, /Georgia/, '--kaohe-font themes the text');
  assert.equal(styles.leaked, 0, 'the items live in the shadow root, not the page');

  const items = await exam.locator('fieldset.item').all();
  assert.equal(items.length, 10, 'the practice paper has 10 items');
  // The paper is drawn at random: answer its first choice item, whose checked input shows after a
  // reload (an ordering or text item has nothing to be `:checked`).
  let choiceItem = items[0];
  for (const set of items) {
    if (await set.locator('input[type=radio], input[type=checkbox]').count()) { choiceItem = set; break; }
  }
  await answerAny(choiceItem);
  await page.waitForFunction(() => document.getElementById('exam-events').textContent.startsWith('kaohe-answer'));
  const firstItem = await choiceItem.getAttribute('data-item-id');
  assert.equal(await page.locator('#exam-events').textContent(), `kaohe-answer: ${firstItem}`);
  assert.deepEqual(await seriousA11yViolations(page), [], 'embed page: axe');
  await screenshot(page, 'embed-1-exam');

  // Autosaved through the Store: a reload resumes the same attempt with the answer checked.
  const attemptId = await exam.evaluate((el) => el.attemptId);
  await page.reload();
  await page.waitForSelector('kaohe-exam[data-state="answering"]', { timeout: 20000 });
  assert.equal(await exam.evaluate((el) => el.attemptId), attemptId, 'the same attempt resumed');
  assert.equal(await exam.locator(`fieldset[data-item-id="${firstItem}"] input:checked`).count(), 1, 'the answer survived');

  for (const set of await exam.locator('fieldset.item').all()) {
    if (await set.getAttribute('data-item-id') !== firstItem) await answerAny(set);
  }
  const submitted = page.evaluate(() => new Promise((resolve) => {
    document.querySelector('kaohe-exam').addEventListener('kaohe-submitted', (e) => resolve({
      points: e.detail.points, maxPoints: e.detail.maxPoints, passed: e.detail.passed, composed: e.composed,
    }), { once: true });
  }));
  await exam.getByRole('button', { name: '交卷' }).click();
  const detail = await submitted;
  assert.equal(detail.composed, true);
  assert.ok(detail.maxPoints > 0 && detail.points >= 0 && detail.points <= detail.maxPoints);
  await page.waitForSelector('kaohe-exam[data-state="submitted"]');
  assert.match(await exam.locator('.verdict').textContent(), detail.passed ? /^合格/ : /^不合格/);
  assert.match(await page.locator('#exam-events').textContent(), new RegExp(`kaohe-submitted: ${detail.points} / ${detail.maxPoints}`));

  // Stored like the app's own attempts: the trainer view lists it.
  const stored = await page.evaluate((id) => new Promise((resolve) => {
    const open = indexedDB.open('kaohe');
    open.onsuccess = () => {
      const tx = open.result.transaction(['attempts', 'results'], 'readonly');
      const a = tx.objectStore('attempts').get(id);
      const r = tx.objectStore('results').get(id);
      tx.oncomplete = () => resolve({ status: a.result.status, packed: a.result.packed instanceof Uint8Array, points: r.result.result.points });
    };
  }), attemptId);
  assert.deepEqual(stored, { status: 'submitted', packed: true, points: detail.points });
  await screenshot(page, 'embed-2-result');

  // The radar: drawn when the module has radarSvg, otherwise a clear message.
  const radar = page.locator('kaohe-radar');
  await page.waitForSelector('kaohe-radar[data-state="drawn"], kaohe-radar[data-state="unavailable"]', { timeout: 20000 });
  const hasRadar = await page.evaluate(async () => typeof (await import('./kaohe/index.js')).radarSvg === 'function');
  if (hasRadar) {
    assert.equal(await radar.getAttribute('data-state'), 'drawn');
    assert.equal(await radar.locator('svg[role="img"]').count(), 1);
  } else {
    assert.equal(await radar.getAttribute('data-state'), 'unavailable');
    assert.match(await radar.locator('[part="unavailable"]').textContent(), /不支持雷达图/);
  }

  // No globals besides the custom elements.
  const added = (await page.evaluate(() => Object.getOwnPropertyNames(window))).filter((n) => !globalsBefore.has(n));
  assert.deepEqual(added, [], 'no globals');
  assert.ok(await page.evaluate(() => Boolean(customElements.get('kaohe-exam') && customElements.get('kaohe-radar'))));
  assert.deepEqual(errors, []);
});

test('the element works from the keyboard; a bad attribute shows the error with its code, in English', async () => {
  const page = await context.newPage();
  await page.goto(`${server.url}embed.html`);
  await page.waitForSelector('kaohe-exam[data-state="answering"]', { timeout: 20000 });
  // After the first test's submission, a new attempt was started.
  const radio = page.locator('kaohe-exam fieldset.item input[type=radio]').first();
  await radio.focus();
  await page.keyboard.press('Space');
  assert.equal(await radio.isChecked(), true);
  const outline = await radio.evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible inside the shadow root');
  await page.evaluate(() => {
    const el = document.createElement('kaohe-exam');
    el.id = 'broken';
    el.setAttribute('lang', 'en');
    el.setAttribute('bank-src', 'samples/blueprint.json');
    el.setAttribute('blueprint-src', 'samples/blueprint.json');
    el.setAttribute('candidate-id', 'E9');
    el.setAttribute('candidate-name', 'Test');
    document.querySelector('main').append(el);
  });
  await page.waitForSelector('#broken[data-state="error"]', { timeout: 20000 });
  const text = await page.locator('#broken [role="alert"]').textContent();
  assert.match(text, /Something went wrong/);
  assert.match(text, /[A-Z_]{5,}/, 'the code is shown');
});
