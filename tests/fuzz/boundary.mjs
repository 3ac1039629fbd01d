// A seeded mutation fuzzer of a wasm-bindgen module's whole JS API, the same code in Node
// (tests/node/fuzz.test.mjs) and in Chromium (tests/e2e/fuzz.test.mjs). The exports are
// enumerated from the module itself: every function, every class's constructor, static
// functions, methods and getters, on live instances (built from the corpus or returned by other
// calls), on freed ones and on a wrong `this`. Each is called with corpus values, mutated corpus
// values and wrongly-typed values. What counts as a failure:
// - a `WebAssembly.RuntimeError` (a trap: the instance is dead);
// - an error without a string `code` and a string `path` (every error must be a coded one);
// - a valid call failing after the call (the instance broke without saying so).
// No Node or DOM API is used here, so the browser imports this file as is.

// The same seed gives the same inputs everywhere. In Chromium this file is served as
// /__fuzz/boundary.mjs and tests/e2e/fuzz.test.mjs maps /www/random.js to the page's copy.
import { mulberry32 as prng } from '../../www/random.js';

/** Values of every JS type that a string, number, object or typed-array parameter may receive. */
export function wrongValues() {
  const cyclic = { a: 1 };
  cyclic.self = cyclic;
  const hostile = new Proxy({}, { get() { throw new Error('proxy get'); }, ownKeys() { throw new Error('proxy keys'); } });
  return [
    undefined, null, 0, -1, 7, 1.5, Number.NaN, Infinity, -Infinity, -0, 2 ** 53, 2 ** 32, -(2 ** 31),
    true, false, '', 'x', '7', '   ', '\u0000', '\ud800', 'é'.repeat(3), '考'.repeat(10000),
    {}, [], [1, 2], ['a', 'b'], [null], { a: 1 }, Object.create(null), () => 1, Symbol('s'), 10n,
    new Uint8Array([1, 2, 3]), new Uint8Array(0), new Float64Array([1, Number.NaN]), new Uint32Array([4294967295]),
    new ArrayBuffer(4), new Date(0), new Map([[1, 2]]), new Set([1]), /re/, new Error('e'), cyclic, hostile,
    { toString() { throw new Error('toString'); } }, { valueOf() { return 3; } }, [[[[[[[[[[[]]]]]]]]]]],
  ];
}

const isPlain = (v) => v !== null && typeof v === 'object' && !ArrayBuffer.isView(v) && (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype);

function clone(v) {
  try {
    return isPlain(v) ? JSON.parse(JSON.stringify(v)) : v;
  } catch {
    return v; // a hostile value (a proxy, a cycle): passed as is
  }
}

/** Paths to every node of a plain JSON value. */
function paths(value, at = [], out = []) {
  out.push(at);
  if (out.length > 4000) return out;
  try {
    if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
    else if (isPlain(value)) for (const k of Object.keys(value)) paths(value[k], [...at, k], out);
  } catch {
    // a hostile value inserted by an earlier edit: not walked into
  }
  return out;
}

/** A copy of `value` with 1–3 random edits: a node replaced by a wrong value, deleted, duplicated. */
export function mutate(value, rand, wrong) {
  if (!isPlain(value)) return wrong[Math.floor(rand() * wrong.length)];
  const copy = clone(value);
  const edits = 1 + Math.floor(rand() * 3);
  for (let e = 0; e < edits; e += 1) {
    try {
    const all = paths(copy);
    const path = all[Math.floor(rand() * all.length)];
    if (path.length === 0) continue;
    let parent = copy;
    for (const k of path.slice(0, -1)) parent = parent[k];
    const key = path[path.length - 1];
    const r = rand();
    if (r < 0.55) parent[key] = wrong[Math.floor(rand() * wrong.length)];
    else if (r < 0.75) { if (Array.isArray(parent)) parent.splice(key, 1); else delete parent[key]; }
    else if (r < 0.9 && Array.isArray(parent)) parent.push(clone(parent[key]));
    else parent[key] = typeof parent[key] === 'string' ? `${parent[key]}${parent[key]}` : -1;
    } catch {
      // the path ran into a hostile value: this edit is skipped
    }
  }
  return copy;
}

const isClass = (f) => typeof f === 'function' && /^class\b/.test(Function.prototype.toString.call(f));
const SKIP = new Set(['constructor', 'free', '__destroy_into_raw', '__wrap', 'length', 'name', 'prototype', 'init', 'default', 'initSync']);

function methodsOf(C) {
  const out = [];
  for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(C.prototype))) {
    if (SKIP.has(name) || name.startsWith('__')) continue;
    if (typeof d.value === 'function') out.push({ name, kind: 'method', fn: d.value });
    else if (d.get) out.push({ name, kind: 'getter', fn: d.get });
  }
  return out;
}

function staticsOf(C) {
  return Object.getOwnPropertyNames(C)
    .filter((n) => !SKIP.has(n) && !n.startsWith('__') && typeof C[n] === 'function')
    .map((name) => ({ name, fn: C[name] }));
}

/**
 * Fuzzes every export of `mod`. `corpus`: valid values (banks, blueprints, models… and
 * primitives); `alive()`: a valid call that must keep working; `n`: calls per entry point.
 * Returns `{ calls, entryPoints, failures: [{ kind, entry, detail }] }`; stops at the first trap
 * (the instance is dead after it).
 */
export function fuzzModule(mod, { corpus, alive, n = 40, seed = 1, only = null, log = () => {} }) {
  const rand = prng(seed);
  const wrong = wrongValues();
  const failures = [];
  const entryPoints = [];
  let calls = 0;
  let dead = false;
  const classes = Object.entries(mod).filter(([, v]) => isClass(v));
  const classSet = new Set(classes.map(([, C]) => C));
  const pool = new Map(); // class → live instances found so far
  const keep = (value) => {
    if (value && classSet.has(value.constructor)) {
      const list = pool.get(value.constructor) ?? [];
      if (list.length < 3) { list.push(value); pool.set(value.constructor, list); return true; }
    }
    return false;
  };
  const pickArg = () => {
    const r = rand();
    const base = corpus[Math.floor(rand() * corpus.length)];
    if (r < 0.4) return mutate(base, rand, wrong);
    if (r < 0.8) return wrong[Math.floor(rand() * wrong.length)];
    return clone(base);
  };
  const argsFor = (fn) => {
    const count = Math.max(fn.length, 1) + (rand() < 0.2 ? 1 : 0) - (rand() < 0.1 ? 1 : 0);
    return Array.from({ length: Math.max(count, 0) }, pickArg);
  };
  const describe = (args) => {
    try {
      return JSON.stringify(args, (k, v) => (typeof v === 'bigint' ? `${v}n` : typeof v === 'string' && v.length > 60 ? `${v.slice(0, 20)}…(${v.length})` : v))?.slice(0, 300);
    } catch {
      return `[${args.map((a) => typeof a).join(', ')}]`;
    }
  };
  // One call: classify its outcome, then check the instance still works.
  const call = (entry, thunk, args) => {
    if (dead) return;
    calls += 1;
    let value;
    try {
      value = thunk();
      // Valid outputs (papers, results, views…) become inputs of later calls.
      if (isPlain(value) && corpus.length < 120 && rand() < 0.3) {
        corpus.push(value);
        // …and their parts (`splitBank` gives `{ publicBank, key }`).
        if (!Array.isArray(value)) for (const part of Object.values(value)) if (isPlain(part) && !Array.isArray(part)) corpus.push(part);
      }
      if (!keep(value) && value && typeof value.free === 'function') {
        try { value.free(); } catch { /* already freed */ }
      }
    } catch (error) {
      if (typeof WebAssembly !== 'undefined' && error instanceof WebAssembly.RuntimeError) {
        failures.push({ kind: 'trap', entry, detail: `${error.message} with ${describe(args)}` });
        dead = true;
        return;
      }
      if (typeof error?.code !== 'string' || typeof error?.path !== 'string') {
        failures.push({ kind: 'uncoded', entry, detail: `${error?.name}: ${error?.message} with ${describe(args)}` });
      }
    }
    try {
      alive();
    } catch (error) {
      failures.push({ kind: 'dead-after', entry, detail: `${error?.message} after ${describe(args)}` });
      dead = true;
    }
  };

  const wanted = (name) => !only || only.test(name);
  // Live instances of a class, built from the corpus (constructors tried on corpus tuples).
  const ensureLive = (C) => {
    if (pool.get(C)?.length) return;
    const arity = C.length;
    const tuples = arity === 0 ? [[]] : [];
    for (let i = 0; i < corpus.length && tuples.length < 5000; i += 1) {
      if (arity === 1) tuples.push([corpus[i]]);
      else for (let j = 0; j < corpus.length && tuples.length < 5000; j += 1) tuples.push([corpus[i], corpus[j], corpus[j]].slice(0, arity));
    }
    for (const args of tuples) {
      try { if (keep(new C(...args.map(clone)))) break; } catch { /* not this tuple */ }
    }
  };
  for (const [, C] of classes) ensureLive(C);
  // Free functions.
  for (const [name, fn] of Object.entries(mod)) {
    if (typeof fn !== 'function' || isClass(fn) || SKIP.has(name) || name.startsWith('__') || !wanted(name)) continue;
    entryPoints.push(name);
    for (let k = 0; k < n && !dead; k += 1) {
      const args = argsFor(fn);
      call(name, () => fn(...args), args);
    }
  }
  // Classes: constructors, statics, methods on live, freed and foreign receivers.
  for (const [name, C] of classes) {
    if (dead) break;
    if (wanted(name)) {
      entryPoints.push(`new ${name}`);
      for (let k = 0; k < n && !dead; k += 1) {
        const args = argsFor(C);
        call(`new ${name}`, () => new C(...args), args);
      }
    }
    for (const { name: s, fn } of staticsOf(C)) {
      if (!wanted(`${name}.${s}`)) continue;
      entryPoints.push(`${name}.${s}`);
      for (let k = 0; k < n && !dead; k += 1) {
        const args = argsFor(fn);
        call(`${name}.${s}`, () => fn.apply(C, args), args);
      }
    }
    ensureLive(C);
    const live = pool.get(C) ?? [];
    for (const { name: m, kind, fn } of methodsOf(C)) {
      const entry = `${name}.prototype.${m}`;
      if (!wanted(entry)) continue;
      entryPoints.push(entry);
      if (!live.length) log(`no live ${name} to call ${m} on`);
      for (let k = 0; k < n && !dead && live.length; k += 1) {
        const target = live[k % live.length];
        const args = kind === 'getter' ? [] : argsFor(fn);
        call(entry, () => fn.apply(target, args), args);
      }
      for (const receiver of [null, undefined, {}, 7]) call(`${entry} (this: ${receiver === null ? 'null' : typeof receiver})`, () => fn.apply(receiver, argsFor(fn)), []);
    }
  }
  // Freed objects: every method of a freed instance throws a coded error.
  for (const [name, C] of classes) {
    const live = pool.get(C) ?? [];
    const victim = live.pop();
    if (!victim || dead) continue;
    victim.free();
    for (const { name: m, kind, fn } of methodsOf(C)) {
      if (!wanted(`${name}.prototype.${m}`)) continue;
      call(`${name}.prototype.${m} (freed)`, () => fn.apply(victim, kind === 'getter' ? [] : argsFor(fn)), []);
    }
    call(`${name}.prototype.free (twice)`, () => victim.free(), []);
  }
  for (const list of pool.values()) for (const v of list) { try { v.free(); } catch { /* freed */ } }
  return { calls, entryPoints, failures };
}
