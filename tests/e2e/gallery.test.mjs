// Every view, in 简体中文 and English, at 1366×768 and 390×844: a screenshot of each into
// tests/artifacts/gallery-*.png (the README's gallery comes from these), and on each the checks a
// person would notice: no sideways scrolling on a phone, no error code or snake_case id in the
// Chinese text, a menu instead of a tall header on a phone, touch targets of 44 px, and axe-core
// clean.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { watchErrors, seriousA11yViolations, ARTIFACTS, pageRig } from './harness.mjs';

const rig = pageRig();

const SIZES = { desktop: { width: 1366, height: 768 }, phone: { width: 390, height: 844 } };
const README_SHOTS = ['home', 'exam', 'result', 'desk', 'analysis', 'rubric'];
const ROUTES = ['home', 'exam', 'result', 'desk', 'trainer', 'people', 'dimensions', 'exams', 'results', 'rubric', 'calibration', 'team', 'plans', 'programme', 'quarterly', 'analysis', 'sealed', 'cat', 'adaptive', 'import', 'export', 'backup', 'data'];

/** An error code (UPPER_CASE, 6+ characters) or a snake_case id shown as text. */
const CODE = /\b[A-Z][A-Z_]{5,}\b/;
const SNAKE = /\b[a-z]+_[a-z0-9_]+\b/;
/** A camelCase key (complaintRate) or a hyphenated record id (bp-theory-2026q4) shown as text. */
const CAMEL = /\b[a-z]{2,}[A-Z][A-Za-z]+\b/;
const RECORD_ID = /\b[a-z]+-[a-z0-9]+-[a-z0-9-]+\b/;

async function settle(page) {
  await page.waitForFunction(() => document.body.dataset.ready === 'true' && !document.getElementById('view-loading'), null, { timeout: 30000 });
  await page.waitForLoadState('networkidle');
}

/** Takes one formal exam to a result and leaves another in progress; returns their ids. */
async function seed(page) {
  await page.goto(rig.url);
  await settle(page);
  const take = async (exam, who) => {
    await page.getByLabel('姓名').fill(who[0]);
    await page.getByLabel('工号').fill(who[1]);
    await page.getByLabel('选择考试').selectOption({ label: exam });
    await page.getByRole('button', { name: '开始考试' }).click();
    await page.waitForSelector('fieldset.item');
    return decodeURIComponent(page.url().split('#/exam/')[1]);
  };
  const done = await take('2026年第四季度客服理论考核', ['王小明', 'E1001']);
  for (const set of (await page.locator('fieldset.item:has(input[type=radio])').all()).slice(0, 12)) {
    await set.locator('input[type=radio]').first().check();
  }
  await page.locator('#submit-exam').click();
  await page.locator('#confirm-yes').click();
  await page.waitForSelector('#result-summary');
  await page.goto(`${rig.url}#/home`);
  await settle(page);
  const running = await take('2026年第四季度客服理论考核', ['李思远', 'E2041']);
  for (const set of (await page.locator('fieldset.item:has(input[type=radio])').all()).slice(0, 5)) {
    await set.locator('input[type=radio]').first().check();
  }
  await page.locator('fieldset.item button.flag').nth(3).click();
  return { done, running };
}

test('every view in both languages at both sizes: screenshots, no overflow, no codes, axe clean', async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  const problems = [];
  const context = await rig.browser.newContext({ viewport: SIZES.desktop });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const ids = await seed(page);

  for (const lang of ['zh', 'en']) {
    for (const [size, viewport] of Object.entries(SIZES)) {
      await page.setViewportSize(viewport);
      await page.goto(`${rig.url}?lang=${lang === 'en' ? 'en' : 'zh-CN'}#/home`);
      await settle(page);
      for (const route of ROUTES) {
        const hash = route === 'exam' ? `#/exam/${ids.running}` : route === 'result' ? `#/result/${ids.done}` : route === 'results' ? '#/results/bp-theory-2026q4' : `#/${route}`;
        await page.evaluate((h) => { location.hash = h; }, hash);
        await settle(page);
        // The item analysis runs in the worker after the view is drawn: wait for its figures.
        if (route === 'analysis') await page.waitForSelector('#analysis-summary, #analysis-empty', { timeout: 60000 });
        const where = `${route} ${lang} ${size}`;
        const name = `gallery-${route}-${lang}-${size}`;
        await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: size === 'desktop' });
        // The first screen of the main views, for the README's gallery (docs/img/).
        if (lang === 'zh' && size === 'desktop' && README_SHOTS.includes(route)) {
          await page.screenshot({ path: join(ARTIFACTS, `readme-${route}.png`) });
        }
        if (size === 'phone') {
          const { scroll, inner, header } = await page.evaluate(() => ({
            scroll: document.documentElement.scrollWidth, inner: innerWidth,
            header: document.querySelector('header.top').getBoundingClientRect().height,
          }));
          if (scroll > inner) {
            const wide = await page.evaluate(() => [...document.querySelectorAll('main *')]
              .filter((el) => el.getBoundingClientRect().right > innerWidth + 1)
              .slice(0, 3).map((el) => `${el.tagName.toLowerCase()}#${el.id}.${[...el.classList].join('.')}`));
            problems.push(`${where}: scrollWidth ${scroll} > ${inner} (${wide.join(', ')})`);
          }
          if (header > 120) problems.push(`${where}: header ${header}px tall`);
          // Touch targets: every visible button, select and text field at least 44 px tall.
          const small = await page.evaluate(() => [...document.querySelectorAll('button, select, input:not([type=checkbox]):not([type=radio]):not([type=file]):not([type=hidden]), .button')]
            .filter((el) => el.offsetParent !== null && !el.closest('[hidden]'))
            .map((el) => [el, el.getBoundingClientRect()])
            .filter(([, r]) => r.width > 0 && r.height < 43.5)
            .slice(0, 3).map(([el, r]) => `${el.tagName.toLowerCase()}#${el.id}.${[...el.classList].join('.')} ${Math.round(r.height)}px`));
          if (small.length) problems.push(`${where}: small targets ${small.join(', ')}`);
        }
        if (lang === 'zh') {
          const text = await page.evaluate(() => document.body.innerText);
          const code = text.match(CODE);
          const snake = text.match(SNAKE);
          if (code) problems.push(`${where}: code "${code[0]}" in visible text`);
          if (snake) problems.push(`${where}: snake_case "${snake[0]}" in visible text`);
          const camel = text.match(CAMEL);
          const recordId = text.match(RECORD_ID);
          if (camel) problems.push(`${where}: camelCase key "${camel[0]}" in visible text`);
          if (recordId) problems.push(`${where}: record id "${recordId[0]}" in visible text`);
          const axe = await seriousA11yViolations(page);
          if (axe.length) problems.push(`${where}: axe ${axe.join('; ')}`);
        }
      }
    }
  }
  // The phone menu opens and closes.
  await page.setViewportSize(SIZES.phone);
  await page.goto(`${rig.url}?lang=zh-CN#/home`);
  await settle(page);
  assert.equal(await page.locator('#nav').isVisible(), false, 'the nav is folded on a phone');
  await page.locator('#menu-toggle').click();
  assert.equal(await page.locator('#nav').isVisible(), true);
  await page.screenshot({ path: join(ARTIFACTS, 'gallery-menu-zh-phone.png') });
  await page.getByRole('link', { name: '工作台', exact: true }).click();
  await settle(page);
  assert.equal(await page.locator('#nav').isVisible(), false, 'the menu closes on navigation');

  assert.deepEqual(problems, []);
  assert.deepEqual(errors, []);
  await context.close();
});
