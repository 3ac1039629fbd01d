// A development plan stored by the page becomes xAPI statements under the kaohe profile
// (docs/imports.md): the export page's planRecord() turns the stored plan into the profile's
// plan record, and the interop module builds `registered` per goal and `progressed` per goal in
// each check-in, the same ids every time; a real LRS (Ralph) accepts them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, watchErrors } from './harness.mjs';
import { createRalph, HEADERS } from './ralph.mjs';

let server;
let browser;
let lrs;

before(async () => {
  server = await serve();
  browser = await launch();
  lrs = await createRalph(new URL(server.url).origin);
});

after(async () => {
  await browser?.close();
  await server?.close();
  await lrs?.close();
});

test('a plan with a check-in goes to the LRS as registered and progressed statements', async () => {
  const page = await (await browser.newContext()).newPage();
  const errors = watchErrors(page);
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
  const out = await page.evaluate(async () => {
    const k = await import('/kaohe/index.js');
    await k.init();
    const model = await (await fetch('samples/model.json')).json();
    const { people, evidence } = await (await fetch('samples/team.json')).json();
    const team = new k.Team(model, { schemaVersion: 1, people, evidence });
    team.evaluate({ date: '2026-11-30' });
    let plan = k.generatePlan({ schemaVersion: 1, evaluation: team.person(people[0].id), startDate: '2026-12-07' });
    team.free();
    plan = k.recordCheckIn({ plan, checkIn: { date: '2027-01-15', progress: [{ goalId: plan.goals[0].id, value: plan.goals[0].target }] } });
    const { planRecord } = await import('/views/export.js');
    const { loadInterop } = await import('/kaohe/interop.js');
    const interop = await loadInterop();
    const once = interop.xapiRecordStatements({ plan: planRecord(plan, {}) });
    const again = interop.xapiRecordStatements({ plan: planRecord(plan, {}) });
    return { goals: plan.goals.length, name: plan.name, once, again };
  });
  assert.equal(out.once.length, out.goals + 1, 'registered per goal, progressed for the one check-in');
  assert.deepEqual(out.once, out.again, 'the same statements every time');
  const verbs = out.once.map((s) => s.verb.id.split('/').pop());
  assert.deepEqual(verbs, [...Array(out.goals).fill('registered'), 'progressed']);
  const progressed = out.once.at(-1);
  assert.equal(progressed.result.completion, true, 'the check-in reached the target');
  assert.equal(progressed.result.score.scaled, 1);
  assert.equal(progressed.actor.name, out.name);
  assert.ok(out.once.every((s) => s.context.contextActivities.category[0].id === 'https://kaohe.example/xapi/profile/v1'));

  const response = await fetch(`${lrs.url}/statements`, { method: 'POST', headers: { ...HEADERS, 'Content-Type': 'application/json' }, body: JSON.stringify(out.once) });
  assert.equal(response.status, 200, await response.text());
  const held = await lrs.all();
  assert.deepEqual(held.map((s) => s.id).sort(), out.once.map((s) => s.id).sort());
  assert.deepEqual(errors, []);
});

test('completed practical scorecards go out with the export as scored statements, the rater as instructor', async () => {
  const page = await (await browser.newContext()).newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}#/calibration`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.locator('#import-samples').click();
  await page.waitForSelector('#bias-table');
  await page.goto(`${server.url}#/export`);
  await page.waitForSelector('#export-scorecards');
  assert.match(await page.locator('#export-scorecards').textContent(), /已完成的实操评分表：19 份/);
  assert.equal(await page.locator('#export-xapi-json').isDisabled(), false, 'scorecards alone are worth exporting');
  const out = await page.evaluate(async () => {
    const { allStatements } = await import('/views/export.js');
    const { loadInterop } = await import('/kaohe/interop.js');
    const { openStore } = await import('/kaohe/storage.js');
    const store = await openStore();
    const interop = await loadInterop();
    const statements = await allStatements(store, interop, {});
    const cards = (await store.getAll('scorecards')).filter((c) => c.complete);
    store.close();
    return { statements, cards };
  });
  const scored = out.statements.filter((s) => s.verb.id.endsWith('/scored') && s.context?.instructor);
  assert.equal(scored.length, out.cards.length, 'one scored statement per complete scorecard');
  const first = out.cards.sort((a, b) => a.id.localeCompare(b.id))[0];
  const statement = scored[0];
  assert.equal(statement.actor.account.name, first.candidateId);
  assert.equal(statement.context.instructor.account.name, first.raterId);
  assert.ok(statement.result.score.raw >= 0 && statement.result.score.raw <= 100);
  assert.equal(statement.result.score.max, 100);

  const response = await fetch(`${lrs.url}/statements`, { method: 'POST', headers: { ...HEADERS, 'Content-Type': 'application/json' }, body: JSON.stringify(scored) });
  assert.equal(response.status, 200, await response.text());
  assert.deepEqual(errors, []);
});
