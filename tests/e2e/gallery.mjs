// Makes the README's screenshots (docs/gallery/*.png): the tour's eight views, from an empty
// browser, driven the way the page tests drive them. Not a test (no assertions beyond reaching
// each view) and not part of .ci/test; run it after a visible change:
//
//   bash .ci/build && (cd tests && node e2e/gallery.mjs)
//
// Each picture is the top of the view at 1366×768, taken at device scale 0.6 (820×461 px) so the
// files stay small; pass --check to only report their sizes.
import { mkdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { serve, launch, waitReady } from './harness.mjs';

const OUT = resolve(import.meta.dirname, '../../docs/gallery');
const MAX_BYTES = 100 * 1024;

async function shoot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(OUT, `${name}.png`), scale: 'device' });
  const { size } = await stat(join(OUT, `${name}.png`));
  console.log(`${name}.png ${(size / 1024).toFixed(0)} KB${size > MAX_BYTES ? '  (over 100 KB)' : ''}`);
}

await mkdir(OUT, { recursive: true });
const server = await serve();
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 0.6, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.goto(server.url);
  await waitReady(page);
  await page.getByLabel('姓名').fill('王小明');
  await page.getByLabel('工号').fill('E2041');
  await page.getByLabel('选择考试').selectOption({ label: '2026年第四季度客服理论考核' });
  await shoot(page, 'home');

  await page.getByRole('button', { name: '开始考试' }).click();
  await page.waitForSelector('fieldset.item');
  for (const item of (await page.locator('fieldset.item').all()).slice(0, 12)) {
    const radio = item.locator('input[type=radio]');
    if (await radio.count()) await radio.first().check();
  }
  await page.locator('#submit-exam').click();
  await page.locator('#confirm-yes').click();
  await page.waitForSelector('#result-summary');
  await shoot(page, 'result');

  // The trainer's lists and the item analysis over 200 demo candidates, in the demo workspace.
  await page.evaluate(() => localStorage.setItem('kaoheWorkspace', 'demo'));
  await page.goto(`${server.url}#/data`);
  await page.reload();
  await page.waitForSelector('#demo-generate');
  await page.selectOption('#demo-exam', { label: '2026年第四季度客服理论考核' });
  await page.fill('#demo-count', '200');
  await page.click('#demo-generate');
  await page.waitForSelector('#data-status:has-text("已生成")', { timeout: 120000 });
  await page.goto(`${server.url}#/trainer`);
  await page.waitForSelector('#attempts-table');
  await page.selectOption('#filter-team', '售后一组');
  await page.waitForFunction(() => /份作答/.test(document.querySelector('#filter-count')?.textContent ?? ''));
  await shoot(page, 'trainer');

  await page.goto(`${server.url}#/analysis/bp-theory-2026q4`);
  await page.waitForSelector('#item-table', { timeout: 120000 });
  await shoot(page, 'analysis');
  await page.goto(`${server.url}#/desk`);
  await page.waitForSelector('#desk-todo li');
  await shoot(page, 'desk');
  await page.evaluate(() => localStorage.setItem('kaoheWorkspace', 'real'));
  await page.goto(`${server.url}#/home`);
  await page.reload();
  await waitReady(page);

  await page.goto(`${server.url}#/team`);
  await page.waitForSelector('#weakness-list li', { timeout: 30000 });
  await page.selectOption('#subject', 'E1001');
  await page.waitForSelector('#radar svg');
  await page.locator('#radar').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUT, 'team.png'), scale: 'device' });
  console.log('team.png');

  await page.click('text=为此人生成提升计划');
  await page.waitForSelector('#generate-plan');
  await page.click('#generate-plan');
  await page.waitForSelector('#plan-sheet');
  await shoot(page, 'plan');

  await page.goto(`${server.url}#/rubric/E1001-late-delivery/qa-chen`);
  await page.waitForSelector('fieldset, .criterion', { timeout: 30000 });
  await shoot(page, 'rubric');
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
