// The chain helper's views in Chromium, from an empty browser: the results overview of an exam
// (figures from the core, charts as SVG, CSV of exactly what is shown) for rostered people; the
// change over time on the team and person views; 表扬 / 投诉 and observation notes added,
// edited and deleted on the person view, an observation cited under the level it moved.
// Screenshots at 1366×768 and 390×844, in Chinese and English, go to tests/artifacts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve, launch, watchErrors, screenshot, waitReady, readStore, seriousA11yViolations } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const WIDE = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

async function open(viewport, path, lang = '') {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}${lang ? `?lang=${lang}` : ''}${path}`);
  await waitReady(page);
  return { context, page, errors };
}

/** Stores one scored attempt per [工号, name, items answered correctly], as the exam view does. */
async function takeExam(page, takers) {
  return page.evaluate(async (list) => {
    const m = await import('./kaohe/index.js'); await m.init();
    const { startAttempt } = await import('./views/home.js');
    const { listExams, installSamples } = await import('./data.js');
    const store = await m.openStore();
    await installSamples(store);
    const exam = (await listExams(store)).find((e) => e.exam.id === 'bp-theory-2026q4');
    const engine = new m.Exam(exam.bank, exam.blueprint);
    const out = [];
    try {
      const items = new Map(exam.bank.items.map((i) => [i.id, i]));
      for (const [id, name, right] of list) {
        const attempt = await startAttempt(store, exam, { name, id });
        const responses = {};
        for (const itemId of attempt.paper.sections.flatMap((s) => s.itemIds).slice(0, right)) {
          const answer = items.get(itemId)?.answer;
          if (typeof answer === 'string' || typeof answer === 'boolean' || (Array.isArray(answer) && answer.every((a) => typeof a === 'string'))) responses[itemId] = answer;
        }
        const result = engine.score({ paper: attempt.paper, responses, timeUsedSeconds: 900 });
        await store.submitAttempt(attempt.attemptId, { result, packed: engine.encode(responses) });
        out.push({ id, attemptId: attempt.attemptId, percent: result.percent, passed: result.passed, sections: result.sections.map((x) => x.percent) });
      }
    } finally {
      engine.free();
      store.close();
    }
    return out;
  }, takers);
}

test('results overview: rostered candidates by team, charts, CSV of what is shown', async () => {
  const { context, page, errors } = await open(WIDE, '#/exams');
  const taken = await takeExam(page, [
    ['E1001', '李娜', 10], ['E1001', '李娜', 200], // a retake: the latest counts
    ['E1002', '王伟', 200], ['E1004', '刘洋', 20], ['E1008', '黄丽', 200],
  ]);
  await page.goto(`${server.url}#/results/bp-theory-2026q4`);
  await page.waitForSelector('#results-summary');
  const latest = taken.slice(1);
  assert.match(await page.textContent('#results-summary'), /考生\s*4/);
  const passed = latest.filter((x) => x.passed).length;
  const rate = Math.round((passed / 4) * 1000) / 10;
  assert.match(await page.textContent('#results-summary'), new RegExp(`通过率\\s*${rate}%`));
  // The charts are SVG with their text alternative; team names from the roster.
  assert.equal(await page.locator('#results-histogram svg').count(), 1);
  assert.match(await page.textContent('#results-team-chart'), /售后一组/);
  assert.match(await page.textContent('#results-team-chart figcaption'), /售后一组：2 人/);
  const teams = await page.$$eval('#results-teams tbody tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
  assert.deepEqual(teams.map((r) => [r[0], r[1]]), [['售前一组', '1'], ['售后一组', '2'], ['售后二组', '1']]);
  // The distribution table adds up to the candidates.
  const bands = await page.$$eval('#results-distribution tbody td', (cells) => cells.map((c) => Number(c.textContent)));
  assert.equal(bands.reduce((a, b) => a + b, 0), 4);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#results-csv')]);
  const csv = await readFile(await download.path(), 'utf8');
  for (const [team] of teams) assert.ok(csv.includes(team), team);
  assert.ok(csv.includes('李娜（E1001）'));
  assert.deepEqual(await seriousA11yViolations(page), []);
  await screenshot(page, 'chain-results-1366-zh');
  await page.setViewportSize(PHONE);
  await screenshot(page, 'chain-results-390-zh');
  await page.goto(`${server.url}?lang=en#/results/bp-theory-2026q4`);
  await page.waitForSelector('#results-summary');
  assert.match(await page.textContent('#results-histogram'), /Score distribution/);
  await screenshot(page, 'chain-results-390-en');
  await page.setViewportSize(WIDE);
  await screenshot(page, 'chain-results-1366-en');
  assert.deepEqual(errors, []);
  await context.close();
});

test('change over time and notes on the person view; an observation is cited under its level', async () => {
  const { context, page, errors } = await open(WIDE, '#/team');
  await page.waitForSelector('#team-trend svg');
  // The team's share below target per dimension over six months, with its figures.
  assert.equal(await page.locator('#team-trend-below svg').count(), 1);
  assert.equal(await page.locator('#team-trend-below-table thead th').count(), 7);
  await page.selectOption('#team-trend-group', '售后一组');
  await page.waitForSelector('#team-trend-levels svg');
  assert.match(await page.textContent('#team-trend-levels'), /售后一组/);
  await page.selectOption('#subject', 'E1001');
  await page.waitForSelector('#person-trend svg');
  assert.match(await page.textContent('#person-trend-levels'), /李娜/);
  assert.equal(await page.locator('#person-trend-kpis svg').count(), 1);
  await page.selectOption('#person-trend-period', 'quarter');
  await page.waitForFunction(() => [...document.querySelectorAll('#person-trend-levels-table thead th')].some((t) => /-Q4$/.test(t.textContent)));
  assert.equal(await page.locator('#person-trend-levels-table thead th').count(), 5);

  // An observation with a level on 投诉处理, dated the evaluation day: cited under that level.
  const asOf = await page.inputValue('#eval-date');
  await page.selectOption('#note-kind', 'observation');
  await page.fill('#note-date', asOf);
  await page.selectOption('#note-dimension', 'complaint_handling');
  await page.selectOption('#note-level', '1');
  await page.fill('#note-text', '抽听录音：客户投诉时没有先道歉。');
  await page.click('#save-note');
  await page.waitForSelector('#notes-table');
  const [obs] = await readStore(page, 'observations');
  assert.equal(obs.personId, 'E1001');
  assert.equal(obs.level, 1);
  const cited = page.locator(`ul.source-records[data-dimension="complaint_handling"] li[data-source-id="${obs.id}"]`);
  assert.equal(await cited.count(), 1);
  assert.match(await cited.textContent(), new RegExp(asOf));
  // Edit: level 2; the same record, changed.
  await page.click(`#notes-table tr[data-note-id="${obs.id}"] .note-edit`);
  await page.waitForSelector('#cancel-note-edit');
  await page.selectOption('#note-level', '2');
  await page.click('#save-note');
  await page.waitForSelector('#cancel-note-edit', { state: 'detached' });
  await page.waitForSelector('#notes-status .good');
  const edited = await readStore(page, 'observations');
  assert.deepEqual(edited.map((o) => [o.id, o.level]), [[obs.id, 2]]);
  assert.match(await cited.textContent(), /· 2/);
  // A 投诉 and a 表扬 the same month.
  for (const kind of ['complaint', 'praise']) {
    await page.selectOption('#note-kind', kind);
    await page.fill('#note-date', asOf);
    await page.fill('#note-text', kind === 'praise' ? '客户来电表扬：耐心细致。' : '客户投诉：承诺回电未回。');
    const rows = await page.locator('#notes-table tbody tr').count();
    await page.click('#save-note');
    await page.waitForFunction((n) => document.querySelectorAll('#notes-table tbody tr').length === n + 1, rows);
  }
  assert.equal((await readStore(page, 'feedback')).length, 2);
  assert.equal(await page.locator('#notes-table tbody tr').count(), 3);
  assert.deepEqual(await seriousA11yViolations(page), []);
  await screenshot(page, 'chain-person-1366-zh');
  await page.setViewportSize(PHONE);
  await screenshot(page, 'chain-person-390-zh');
  // Delete the observation: confirmed inline; its citation goes with it.
  await page.click(`#notes-table tr[data-note-id="${obs.id}"] .note-delete`);
  await page.click('#notes-confirm [data-confirm="yes"]');
  await page.waitForSelector(`#notes-table tr[data-note-id="${obs.id}"]`, { state: 'detached' });
  assert.equal((await readStore(page, 'observations')).length, 0);
  assert.equal(await cited.count(), 0);
  await page.goto(`${server.url}?lang=en#/team`);
  await page.waitForSelector('#team-trend svg');
  await page.selectOption('#subject', 'E1001');
  await page.waitForSelector('#person-trend svg');
  assert.match(await page.textContent('#person-notes'), /Complaint/);
  await screenshot(page, 'chain-person-390-en');
  await page.setViewportSize(WIDE);
  await screenshot(page, 'chain-person-1366-en');
  assert.deepEqual(errors, []);
  await context.close();
});

test('季度报告: one team\'s quarter from the dashboard\'s evidence, printable, CSV of what is shown', async () => {
  const { context, page, errors } = await open(WIDE, '#/quarterly');
  await page.waitForSelector('#quarterly-report');
  assert.match(await page.textContent('#quarterly-title'), /全队 2026年第四季度报告/);
  assert.match(await page.textContent('#quarterly-summary'), /人数\s*20/);
  await page.selectOption('#quarterly-group', '售后一组');
  await page.waitForFunction(() => /售后一组/.test(document.querySelector('#quarterly-title')?.textContent));
  assert.match(await page.textContent('#quarterly-summary'), /人数\s*4/);
  // The mean level of 产品知识 at the quarter's end, recomputed with the dashboard's evaluation.
  const expected = await page.evaluate(async () => {
    const m = await import('./kaohe/index.js'); await m.init();
    const { loadTeamData } = await import('./team-data.js');
    const store = await m.openStore();
    const data = await loadTeamData(store);
    store.close();
    const team = new m.Team(data.model, { schemaVersion: 1, people: data.people, evidence: data.evidence });
    try {
      team.evaluate({ date: '2026-12-31' });
      const members = data.people.filter((p) => p.team === '售后一组').map((p) => p.id);
      const levels = members.map((id) => team.person(id).dimensions.find((d) => d.dimensionId === 'product_knowledge').level).filter((l) => l != null);
      return Math.round((levels.reduce((a, b) => a + b, 0) / levels.length) * 100) / 100;
    } finally { team.free(); }
  });
  const row = await page.$$eval('#quarterly-dimensions tbody tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
  assert.equal(row[0][0], '产品知识');
  assert.equal(Number(row[0][1]), expected);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#quarterly-csv')]);
  const csv = await readFile(await download.path(), 'utf8');
  assert.ok(csv.includes('售后一组 2026年第四季度报告'));
  assert.ok(csv.includes('李娜（E1001）'));
  assert.ok(csv.includes(`产品知识,${row[0][1]}`));
  assert.deepEqual(await seriousA11yViolations(page), []);
  await screenshot(page, 'chain-quarterly-1366-zh');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#quarterly-print').isVisible(), false, 'controls are not printed');
  await screenshot(page, 'chain-quarterly-print');
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize(PHONE);
  await screenshot(page, 'chain-quarterly-390-zh');
  await page.goto(`${server.url}?lang=en#/quarterly`);
  await page.waitForSelector('#quarterly-report');
  assert.match(await page.textContent('#quarterly-title'), /quarterly report, 2026 Q4/);
  await screenshot(page, 'chain-quarterly-390-en');
  assert.deepEqual(errors, []);
  await context.close();
});
