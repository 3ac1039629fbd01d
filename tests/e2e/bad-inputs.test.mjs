// The bad-input corpus (tests/fixtures/bad/) in Chromium: every file with a JS entry point goes
// through the public API of ONE main-module instance (and one interop-module instance for the
// bank importers), in one page. Each must throw an Error with the expected `code` and `path`
// (importBank: an outcome with no bank and that first problem), never a WebAssembly.RuntimeError,
// and after each the same instance still validates the sample bank and scores an attempt.
// parseRubric, scoreScorecard and parseTranscript have no JS export yet (native test only).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve, dirname, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { watchErrors, pageRig } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const BAD = resolve(here, '../fixtures/bad');
const NATIVE_ONLY = new Set(['parseRubric', 'scoreScorecard', 'parseTranscript']);

const rig = pageRig();

async function corpus() {
  const cases = [];
  for (const folder of (await readdir(BAD, { withFileTypes: true })).filter((d) => d.isDirectory())) {
    for (const name of (await readdir(join(BAD, folder.name))).sort()) {
      if (name.endsWith('.expect.json')) continue;
      const stem = name.slice(0, name.length - extname(name).length);
      const expect = JSON.parse(await readFile(join(BAD, folder.name, `${stem}.expect.json`), 'utf8'));
      const bytes = await readFile(join(BAD, folder.name, name));
      cases.push({ file: `${folder.name}/${name}`, ext: extname(name).slice(1), expect, base64: bytes.toString('base64') });
    }
  }
  return cases;
}

test('every bad file fails precisely and the one module instance survives each', async () => {
  const cases = await corpus();
  assert.ok(cases.length >= 50, `${cases.length} files`);
  const page = await rig.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${rig.url}index.html`);
  const report = await page.evaluate(async (cases) => {
    const kaohe = await import('/kaohe/index.js');
    await kaohe.init();
    const { loadInterop } = await import('/kaohe/interop.js');
    const interop = await loadInterop();
    const text = async (url) => (await fetch(url)).text();
    const bank = JSON.parse(await text('/samples/bank.json'));
    const blueprint = JSON.parse(await text('/samples/blueprint.json'));
    const modelText = await text('/samples/model.json');
    const exam = new kaohe.Exam(bank, blueprint);
    const decode = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const FORMAT = { xlsx: 'xlsx', csv: 'csv', gift: 'gift', aiken: 'aiken' };

    const call = {
      validateBank: (t) => kaohe.validateBank(JSON.parse(t)),
      'new Exam': (t) => new kaohe.Exam(bank, JSON.parse(t)),
      'Exam.encode': (t) => exam.encode(JSON.parse(t)),
      validateModel: (t) => kaohe.validateModel(JSON.parse(t)),
      'Team.fromJson': (t) => kaohe.Team.fromJson(modelText, t),
      importKpiCsv: (t) => kaohe.importKpiCsv(t),
      generatePlan: (t) => kaohe.generatePlan(JSON.parse(t)),
      readBackup: (t) => kaohe.readBackup(t),
      importBank: (t, bytes, ext) => {
        const out = interop.importBank(bytes, { format: FORMAT[ext] });
        if (out.bank === null && out.problems.length) {
          const e = new Error(out.problems[0].message.en);
          e.code = out.problems[0].code;
          e.path = out.problems[0].path;
          throw e;
        }
        return out;
      },
    };

    /** The instance still works: a valid bank validates and an attempt scores. */
    const alive = () => {
      kaohe.validateBank(bank);
      const paper = exam.assemble(7);
      const result = exam.score({ paper, responses: {}, grades: {} });
      interop.importBank(new TextEncoder().encode('编号,题型,题干,选项A,选项B,正确答案\nq1,单选,您好?,是,否,A\n'), { format: 'csv' });
      return typeof result.points === 'number';
    };

    const out = [];
    for (const c of cases) {
      const fn = call[c.expect.entry];
      if (!fn) { out.push({ file: c.file, skipped: c.expect.entry }); continue; }
      const bytes = decode(c.base64);
      const t = new TextDecoder().decode(bytes);
      let thrown = null;
      try { await fn(t, bytes, c.ext); } catch (e) { thrown = e; }
      let ok = false;
      let dead = false;
      try { ok = alive(); } catch (e) { dead = String(e); }
      out.push({
        file: c.file,
        entry: c.expect.entry,
        thrown: thrown === null ? null : {
          isError: thrown instanceof Error,
          runtimeError: thrown instanceof WebAssembly.RuntimeError,
          code: thrown.code,
          path: thrown.path,
          message: thrown.message,
        },
        alive: ok,
        dead,
      });
    }
    return out;
  }, cases);

  const byFile = new Map(cases.map((c) => [c.file, c.expect]));
  let checked = 0;
  for (const r of report) {
    const expect = byFile.get(r.file);
    if (r.skipped) {
      assert.ok(NATIVE_ONLY.has(r.skipped), `${r.file}: no JS call for ${r.skipped}`);
      continue;
    }
    assert.ok(r.thrown, `${r.file}: ${r.entry} accepted a bad file`);
    assert.equal(r.thrown.runtimeError, false, `${r.file}: the wasm instance trapped`);
    assert.equal(r.thrown.isError, true, `${r.file}: not an Error`);
    assert.deepEqual({ code: r.thrown.code, path: r.thrown.path }, { code: expect.code, path: expect.path }, r.file);
    assert.ok(r.thrown.message.length > 0, `${r.file}: empty message`);
    assert.equal(r.dead, false, `${r.file}: the instance failed afterwards: ${r.dead}`);
    assert.equal(r.alive, true, r.file);
    checked += 1;
  }
  assert.ok(checked >= 50, `${checked} files went through the JS API`);
  console.log(`# ${checked} files through the JS API, ${report.length - checked} native only`);
  assert.deepEqual(errors, [], 'no uncaught page errors');
  await page.close();
});
