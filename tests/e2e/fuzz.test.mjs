// The boundary fuzzer (tests/fuzz/boundary.mjs) in Chromium, over every export of the modules
// the page loads: the full one (kaohe/index.js), the candidate one (kaohe/candidate.js), the lite
// one, the interop one and the adaptive one (kaohe/adaptive.js). No trap, a code and a path on every error, a valid call after each.
// Bounded for .ci/test; KAOHE_FUZZ_N=<calls per entry point> runs longer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve, launch, watchErrors, WWW } from './harness.mjs';

const N = Number(process.env.KAOHE_FUZZ_N ?? 15);
const SEED = Number(process.env.KAOHE_FUZZ_SEED ?? 16);

let server;
let browser;
before(async () => {
  const fuzzer = await readFile(new URL('../fuzz/boundary.mjs', import.meta.url), 'utf8');
  const corpus = await readFile(new URL('../fuzz/corpus.json', import.meta.url), 'utf8');
  const publicBank = await readFile(new URL('../fuzz/public-bank.json', import.meta.url), 'utf8');
  const adaptiveNext = await readFile(new URL('../fuzz/adaptive-next.json', import.meta.url), 'utf8');
  server = await serve(WWW, {
    '/__fuzz/public-bank.json': ['application/json; charset=utf-8', publicBank],
    '/__fuzz/adaptive-next.json': ['application/json; charset=utf-8', adaptiveNext],
    '/__fuzz/boundary.mjs': ['text/javascript; charset=utf-8', fuzzer],
    '/__fuzz/corpus.json': ['application/json; charset=utf-8', corpus],
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

for (const [name, entry, pkg] of [
  ['full', './kaohe/index.js', './pkg/kaohe.js'],
  ['candidate', './kaohe/candidate.js', './pkg-candidate/kaohe_candidate.js'],
  ['lite', './kaohe/lite.js', './pkg-lite/kaohe_lite.js'],
  ['interop', './kaohe/interop.js', './pkg-interop/kaohe_interop.js'],
  ['adaptive', './kaohe/adaptive.js', './pkg-adaptive/kaohe_adaptive.js'],
]) {
  test(`the ${name} module survives ${N} fuzzed calls per entry point in Chromium`, { timeout: 600000 }, async (t) => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}embed.html`);
    const out = await page.evaluate(async ({ entry, pkg, n, seed }) => {
      const { fuzzModule } = await import('/__fuzz/boundary.mjs');
      const spec = await (await fetch('/__fuzz/corpus.json')).json();
      const corpus = [
        ...await Promise.all(spec.files.map(async (f) => (await fetch(f)).json())),
        ...await Promise.all(spec.texts.map(async (f) => (await fetch(f)).text())),
        ...await Promise.all(spec.local.map(async (f) => (await fetch(`/__fuzz/${f}`)).json())),
        ...spec.values,
      ];
      const api = await import(entry);
      if (api.init) await api.init();
      else await api.loadInterop();
      // The module's exports as the entry point exports them (it shadows a few with guards).
      const raw = await import(pkg);
      const mod = Object.fromEntries(Object.keys(raw).map((k) => [k, api[k] ?? raw[k]]));
      const alive = mod.chainEvent
        ? () => { if (mod.chainEvent('', { type: 'start', at: 1000 }).length !== 64) throw new Error('chainEvent'); }
        : () => { if (mod.getLocale() !== 'zh-CN' && mod.getLocale() !== 'en') throw new Error('getLocale'); };
      const r = fuzzModule(mod, { corpus, alive, n, seed });
      mod.setLocale('zh-CN');
      return { calls: r.calls, entryPoints: r.entryPoints, failures: r.failures.slice(0, 40), count: r.failures.length };
    }, { entry, pkg, n: N, seed: SEED });
    t.diagnostic(`${out.calls} calls over ${out.entryPoints.length} entry points`);
    const summary = out.failures.map((f) => `${f.kind} ${f.entry}: ${f.detail}`).join('\n');
    assert.equal(out.count, 0, `${out.count} failures in ${out.calls} calls over ${out.entryPoints.length} entry points:\n${summary}`);
    assert.ok(out.entryPoints.length >= (name === 'full' ? 60 : 3), out.entryPoints.join(', '));
    assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
    await page.close();
  });
}
