// A module worker for bench/psychometrics.js: simulates a seeded 2PL right/wrong table and times
// the full module's `calibrateIrt` on it (the estimator the analysis view's IRT tab runs in the
// page's worker), the module's load and the simulation left out of the time.
import * as kaohe from '../kaohe/index.js';
import { mulberry32 as rng } from '../random.js';

function normal(random) {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

onmessage = async ({ data: { persons, items, seed } }) => {
  try {
    await kaohe.init();
    const random = rng(seed);
    const a = Array.from({ length: items }, () => 0.5 + 1.5 * random());
    const b = Array.from({ length: items }, () => normal(random));
    const cells = new Uint8Array(persons * items);
    for (let p = 0; p < persons; p += 1) {
      const theta = normal(random);
      for (let i = 0; i < items; i += 1) {
        cells[p * items + i] = random() < 1 / (1 + Math.exp(-a[i] * (theta - b[i]))) ? 1 : 0;
      }
    }
    const t0 = performance.now();
    const report = kaohe.calibrateIrt({ model: 'twoPl', persons, items }, cells);
    const ms = performance.now() - t0;
    postMessage({ ms, steps: report.iterations ?? report.emCycles ?? null });
  } catch (error) {
    postMessage({ error: String(error?.message ?? error) });
  }
};
