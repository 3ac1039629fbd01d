// What the two entry points (index.js: the full module; candidate.js: the candidate module)
// share: loading a wasm once, and the stores bound to that module's attempt-log hash chain.
// Both modules compile the same `chainEvent`, so a store opened with either one verifies the
// other's logs.
import { openStore as openIndexedDb, MemoryStore } from './storage.js';

/** `init(options)` for one wasm-bindgen module: instantiates it once, retries after a failure. */
export function loader(initWasm, defaultWasmUrl) {
  let ready = null;
  return function init(options = {}) {
    if (!ready) {
      const wasmUrl = options.wasmUrl ?? defaultWasmUrl;
      ready = initWasm({ module_or_path: wasmUrl }).catch((error) => {
        ready = null;
        throw error;
      });
    }
    return ready;
  };
}

/** `openStore` and `openMemoryStore` hashing attempt events with the module's `chainEvent`. */
export function storeOpeners(chainEvent) {
  return {
    openStore: (options = {}) => openIndexedDb({ hashEvent: chainEvent, ...options }),
    openMemoryStore: ({ name = 'kaohe', locale = 'zh-CN' } = {}) => new MemoryStore(name, locale, chainEvent),
  };
}

/** True when `error` is a wasm trap: the instance is dead and the page must reload it. */
export function isInstanceDead(error) {
  return typeof WebAssembly !== 'undefined' && error instanceof WebAssembly.RuntimeError;
}
