// Misuse that wasm-bindgen's own glue catches (a null or wrong object where a class instance is
// expected, a method called after free()) throws plain Errors such as "null pointer passed to
// rust" with no `code` or `path`. The module promises that every thrown error is a KaoheError
// with both, so the glue is guarded here, before the wasm is ever entered.

/** A KaoheError built in JS, shaped exactly like the ones the wasm throws. */
export function kaoheError(code, path, zh, en, locale = 'zh-CN') {
  const error = new Error(locale === 'en' ? en : zh);
  error.name = 'KaoheError';
  error.code = code;
  error.path = path;
  error.messages = { zh, en };
  return error;
}

const isClass = (value) => typeof value === 'function' && value.prototype
  && typeof value.prototype.free === 'function';

/** Checks that `value` is a live instance of `Class`, naming `path` when it is not. */
export function liveInstance(value, Class, path) {
  if (value === null || value === undefined) {
    throw kaoheError('MISSING_FIELD', path, `缺少参数 “${path}”`, `missing argument "${path}"`);
  }
  if (!(value instanceof Class)) {
    throw kaoheError('WRONG_TYPE', path, `“${path}” 应为 ${Class.name} 对象`, `"${path}" must be a ${Class.name}`);
  }
  if (!value.__wbg_ptr) {
    throw kaoheError('INVALID_VALUE', path,
      `${Class.name} 对象已释放（free() 之后不能再使用）`,
      `the ${Class.name} was freed; it cannot be used after free()`);
  }
}

/**
 * Patches every exported class so a method or getter called on a freed instance throws a
 * KaoheError (`INVALID_VALUE` at `this`), and returns wrapped versions of the functions that
 * take a class instance (`generatePlans(team, …)`). Idempotent.
 */
export function guardModule(pkg) {
  for (const Class of Object.values(pkg).filter(isClass)) {
    const proto = Class.prototype;
    if (proto.__kaoheGuarded) continue;
    Object.defineProperty(proto, '__kaoheGuarded', { value: true });
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor' || name === 'free' || name.startsWith('__')) continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      const check = (self) => {
        if (!self.__wbg_ptr) {
          throw kaoheError('INVALID_VALUE', 'this',
            `${Class.name} 对象已释放（free() 之后不能再调用 ${name}）`,
            `the ${Class.name} was freed; ${name} cannot be called after free()`);
        }
      };
      if (typeof descriptor.value === 'function') {
        const original = descriptor.value;
        Object.defineProperty(proto, name, {
          ...descriptor,
          value: function guarded(...args) { check(this); return original.apply(this, args); },
        });
      } else if (descriptor.get) {
        const get = descriptor.get;
        Object.defineProperty(proto, name, { ...descriptor, get() { check(this); return get.call(this); } });
      }
    }
  }
  const wrapped = {};
  if (typeof pkg.generatePlans === 'function' && isClass(pkg.Team)) {
    const generatePlans = pkg.generatePlans;
    wrapped.generatePlans = (team, params) => {
      liveInstance(team, pkg.Team, 'team');
      return generatePlans(team, params);
    };
  }
  return wrapped;
}
