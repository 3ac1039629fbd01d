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

const RECEIVER = {
  zh: (name) => `“${name}” 对象已释放（free），或调用时的对象不是 ${name}`,
  en: (name) => `this ${name} has been freed, or the method was called on something that is not a ${name}`,
};

/**
 * Free functions that take one of the module's objects (`generatePlans(team, …)`): the generated
 * glue throws an uncoded "expected instance of Team" for anything else. These wrappers check the
 * object first and throw a KaoheError at the parameter's name: `MISSING_FIELD` for null or
 * undefined, `WRONG_TYPE` for anything that is not an instance, `INVALID_VALUE` for a freed one.
 * Found from the glue itself (`_assertClass(param, Class)`), so a new such export is covered
 * without a list. Returns `{ name: wrapper }`.
 */
export function guardedFunctions(mod) {
  const locale = () => (typeof mod.getLocale === 'function' && mod.getLocale() === 'en' ? 'en' : 'zh');
  const fail = (code, path, zh, en) => {
    const messages = { zh, en };
    return Object.assign(new Error(messages[locale()]), { name: 'KaoheError', code, path, messages });
  };
  const out = {};
  for (const [name, fn] of Object.entries(mod)) {
    if (typeof fn !== 'function' || /^class\b/.test(Function.prototype.toString.call(fn))) continue;
    const source = Function.prototype.toString.call(fn);
    const params = (source.match(/^function\s*[\w$]*\s*\(([^)]*)\)/)?.[1] ?? '').split(',').map((p) => p.trim());
    const checks = [...source.matchAll(/_assertClass\(([\w$]+), ([\w$]+)\)/g)]
      .map(([, param, cls]) => [params.indexOf(param), param, mod[cls]])
      .filter(([i, , C]) => i >= 0 && typeof C === 'function');
    if (checks.length === 0) continue;
    out[name] = function guarded(...args) {
      for (const [i, param, C] of checks) {
        const value = args[i];
        if (value === null || value === undefined) {
          throw fail('MISSING_FIELD', param, `缺少参数 “${param}”`, `missing argument "${param}"`);
        }
        if (!(value instanceof C)) {
          throw fail('WRONG_TYPE', param, `参数 “${param}” 应为 ${C.name} 对象`, `argument "${param}" must be a ${C.name}`);
        }
        if (!value.__wbg_ptr) {
          throw fail('INVALID_VALUE', param, `${C.name} 对象已释放（free() 之后不能再使用）`,
            `the ${C.name} was freed; it cannot be used after free()`);
        }
      }
      return fn.apply(this, args);
    };
  }
  return out;
}

/**
 * Guards every method and getter of the module's classes against a freed or foreign `this`: the
 * generated glue would hand Rust a null pointer (an uncoded error) or another class's pointer
 * (memory misread). Such a call throws a KaoheError `WRONG_TYPE` at path `this` instead, and a
 * second `free()` does nothing. Argument types are checked inside the module (convert.rs).
 * Patches the classes in place, once; returns `mod`.
 */
export function harden(mod) {
  const locale = () => (typeof mod.getLocale === 'function' && mod.getLocale() === 'en' ? 'en' : 'zh');
  for (const [name, C] of Object.entries(mod)) {
    if (typeof C !== 'function' || !C.prototype || !/^class\b/.test(Function.prototype.toString.call(C))) continue;
    if (Object.prototype.hasOwnProperty.call(C, '__kaoheHardened')) continue;
    Object.defineProperty(C, '__kaoheHardened', { value: true });
    const live = (self) => self instanceof C && Boolean(self.__wbg_ptr);
    const refuse = () => {
      const messages = { zh: RECEIVER.zh(name), en: RECEIVER.en(name) };
      return Object.assign(new Error(messages[locale()]), { name: 'KaoheError', code: 'WRONG_TYPE', path: 'this', messages });
    };
    for (const [key, d] of Object.entries(Object.getOwnPropertyDescriptors(C.prototype))) {
      if (key === 'constructor' || key.startsWith('__')) continue;
      if (key === 'free' && typeof d.value === 'function') {
        const free = d.value;
        Object.defineProperty(C.prototype, key, { ...d, value: function freeOnce() {
          if (!(this instanceof C)) throw refuse();
          if (this.__wbg_ptr) free.call(this);
        } });
      } else if (typeof d.value === 'function') {
        const method = d.value;
        Object.defineProperty(C.prototype, key, { ...d, value: function guarded(...args) {
          if (!live(this)) throw refuse();
          return method.apply(this, args);
        } });
      } else if (d.get) {
        const get = d.get;
        Object.defineProperty(C.prototype, key, { ...d, get: function guarded() {
          if (!live(this)) throw refuse();
          return get.call(this);
        } });
      }
    }
  }
  // A CommonJS exports object (the Node build) takes the guarded functions in place; an ES module
  // namespace cannot, so the entry points export them by name.
  for (const [name, guarded] of Object.entries(guardedFunctions(mod))) {
    try { mod[name] = guarded; } catch { /* a module namespace: exported by the entry point */ }
  }
  return mod;
}
