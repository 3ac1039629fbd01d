// Mulberry32: a small seeded PRNG (32-bit state, floats in [0, 1)). Used where the same seed must
// give the same numbers on every engine: the analysis view's demo cohort, the benchmark's
// synthetic cohort, the Node batch-scoring script and the boundary fuzzer all draw from this one
// copy. Not for anything secret (seeds and ids use crypto.getRandomValues).

/** A generator of floats in [0, 1) from `seed`; the same seed gives the same sequence. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
