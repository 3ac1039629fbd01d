// The candidate module's cold start, loaded as a candidate's page loads it (kaohe/candidate.js):
// bench.mjs reads `window.bench.cold`, ms from navigation start to the module ready.
import { init } from '../kaohe/candidate.js';

window.bench = { cold: init().then(() => performance.now()) };
