// The interop module (imports, exports, xAPI), loaded on first use: it is a separate wasm
// (pkg-interop/, the crate kaohe-wasm-interop) so the exam pages never download it.
//
//   const interop = await loadInterop();
//   const out = interop.importBank(bytes, { format: 'csv' });

let ready = null;

/**
 * Loads and instantiates the interop module once; later calls return the same promise.
 * @param {{ wasmUrl?: string | URL, locale?: 'zh-CN' | 'en' }} [options]
 */
export function loadInterop(options = {}) {
  if (!ready) {
    ready = import('../pkg-interop/kaohe_interop.js').then(async (module) => {
      const wasmUrl = options.wasmUrl ?? new URL('../pkg-interop/kaohe_interop_bg.wasm', import.meta.url);
      await module.default({ module_or_path: wasmUrl });
      return module;
    }).catch((error) => {
      ready = null;
      throw error;
    });
  }
  return ready.then((module) => {
    if (options.locale) module.setLocale(options.locale);
    return module;
  });
}
