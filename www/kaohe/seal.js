// Sealed exam packages: the questions in clear, the answer key encrypted with AES-GCM under a
// key derived from the trainer's passphrase (PBKDF2-SHA-256, 600,000 iterations), all through
// WebCrypto. The candidate's page reads the package and never decrypts; the trainer unlocks it
// on their own device to score the attempts.
//
// {
//   "format": "kaohe-sealed-exam", "schemaVersion": 1,
//   "bank": <PublicBank>, "blueprint": <Blueprint>,
//   "key": { "kdf": "PBKDF2-SHA-256", "iterations": 600000, "salt": <base64, 16 bytes>,
//            "cipher": "AES-256-GCM", "iv": <base64, 12 bytes>, "ciphertext": <base64> }
// }
// The ciphertext is the AnswerKey as UTF-8 JSON. The GCM additional data is the canonical JSON
// (keys sorted, no whitespace) of the whole package without `key.ciphertext`: the public bank
// (stems, points, options), the blueprint (pass mark, time limit, draws) and the key's
// parameters. Any edit anywhere in the package makes unsealing fail, so a trainer never scores
// against a package a candidate changed. (Schema version 1 bound only the two ids; it is refused.)
//
// Passphrases: at least MIN_PASSPHRASE characters, not one of the common passwords attackers try
// first (common-passwords.js), not digits only, not one character repeated. PBKDF2 makes each
// guess cost (docs/security.md gives the measured figure); a guessable passphrase defeats it.
//
// Splitting and joining the bank is the module's work, and the page may run either module (the
// full one or the candidate one): `sealing(module)` binds `sealExam` and `unsealBank` to the
// module the entry point loaded (index.js and candidate.js each export their own pair).

export const SEALED_FORMAT = 'kaohe-sealed-exam';
export const SEALED_SCHEMA_VERSION = 2;
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256; packages with fewer are refused. */
export const PBKDF2_ITERATIONS = 600000;
/** Shortest passphrase the page accepts (characters: a Chinese character counts as one). */
export const MIN_PASSPHRASE = 10;

const MESSAGES = {
  WRONG_PASSPHRASE: ['口令不正确，或密封包已被改动，无法解封答案。', 'Wrong passphrase, or the package was altered: the answer key cannot be opened.'],
  INVALID_PACKAGE: ['这不是有效的密封考试包。', 'This is not a valid sealed exam package.'],
  UNSUPPORTED_SCHEMA_VERSION: ['密封考试包的版本不受支持。', 'This sealed package version is not supported.'],
  WEAK_PASSPHRASE: [`口令太弱：至少 ${MIN_PASSPHRASE} 个字符，不能是常见口令（如 12345678、password），不能只有数字或同一个字符。建议用一句只有你知道的话，例如“华东售后二〇二六春季抽考”。`,
    `The passphrase is too weak: at least ${MIN_PASSPHRASE} characters, not a common password (like 12345678 or password), not digits only or one character repeated. Use a sentence only you know.`],
  UNSUPPORTED_SCHEMA_VERSION_1: ['这是旧版密封包（只保护了部分内容），请在培训师设备上重新密封该考试。', 'This is an old sealed package (only partly protected): seal the exam again on the trainer\'s device.'],
  CRYPTO_UNAVAILABLE: ['此浏览器不支持加密功能（需要 HTTPS 或本机地址）。', 'This browser offers no WebCrypto here (it needs HTTPS or localhost).'],
};

/** A sealing failure with a stable `code`, a `path` and both messages. */
export class KaoheSealError extends Error {
  constructor(code, path = '', locale = 'zh-CN', message = code) {
    const [zh, en] = MESSAGES[message] ?? MESSAGES[code] ?? MESSAGES.INVALID_PACKAGE;
    super(locale === 'en' ? en : zh);
    this.name = 'KaoheSealError';
    this.code = code;
    this.path = path;
    this.messages = { zh, en };
  }
}

const enc = new TextEncoder();

/** Canonical JSON: object keys sorted by code unit, no whitespace (as backup.js writes it). */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).filter((k) => value[k] !== undefined).sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
const toBase64 = (bytes) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
function fromBase64(text, path, locale) {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    throw new KaoheSealError('INVALID_PACKAGE', path, locale);
  }
}

function subtle(locale) {
  if (!globalThis.crypto?.subtle) throw new KaoheSealError('CRYPTO_UNAVAILABLE', '', locale);
  return globalThis.crypto.subtle;
}

async function deriveKey(passphrase, salt, iterations, usage, locale) {
  const s = subtle(locale);
  const material = await s.importKey('raw', enc.encode(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return s.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material, { name: 'AES-GCM', length: 256 }, false, [usage]);
}

/** Everything in the package but the ciphertext: what AES-GCM authenticates with the key. */
const additionalData = (pkg) => {
  const { ciphertext, ...key } = pkg.key;
  return enc.encode(canonical({ format: pkg.format, schemaVersion: pkg.schemaVersion, bank: pkg.bank, blueprint: pkg.blueprint, key }));
};

/**
 * `sealExam` and `unsealBank` working through `splitBank` and `joinBank` of one loaded module.
 * @param {{ splitBank: Function, joinBank: Function }} module
 */
export function sealing({ splitBank, joinBank }) {
  return {
    sealExam: (options) => sealExam(splitBank, options ?? {}),
    unsealBank: (pkg, passphrase, locale) => unsealBank(joinBank, pkg, passphrase, locale),
  };
}

/**
 * Seals an exam: splits `bank` (validated by the module), encrypts the answer key.
 * @returns {Promise<object>} the package, ready for JSON.stringify.
 */
async function sealExam(splitBank, { bank, blueprint, passphrase, iterations = PBKDF2_ITERATIONS, locale = 'zh-CN' }) {
  // The rule and its list load only when sealing (a trainer's action), not on exam pages.
  const { passphraseProblem } = await import('./passphrase.js');
  if (passphraseProblem(passphrase)) {
    throw new KaoheSealError('WEAK_PASSPHRASE', 'passphrase', locale);
  }
  const { publicBank, key } = splitBank(bank, blueprint);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const aes = await deriveKey(passphrase, salt, iterations, 'encrypt', locale);
  const pkg = {
    format: SEALED_FORMAT,
    schemaVersion: SEALED_SCHEMA_VERSION,
    bank: publicBank,
    blueprint,
    key: { kdf: 'PBKDF2-SHA-256', iterations, salt: toBase64(salt), cipher: 'AES-256-GCM', iv: toBase64(iv) },
  };
  // The blueprint as it will read back from the file (JSON), so the additional data matches.
  pkg.blueprint = JSON.parse(JSON.stringify(blueprint));
  const ciphertext = new Uint8Array(await subtle(locale).encrypt(
    { name: 'AES-GCM', iv, additionalData: additionalData(pkg) }, aes, enc.encode(JSON.stringify(key))));
  pkg.key.ciphertext = toBase64(ciphertext);
  return pkg;
}

/** Checks a package's envelope (not the bank: `new SealedExam(pkg.bank, pkg.blueprint)` does). */
export function readSealedPackage(pkg, locale = 'zh-CN') {
  const bad = (path) => new KaoheSealError('INVALID_PACKAGE', path, locale);
  if (!pkg || typeof pkg !== 'object' || Array.isArray(pkg)) throw bad('');
  if (pkg.format !== SEALED_FORMAT) throw bad('format');
  if (pkg.schemaVersion === 1) throw new KaoheSealError('UNSUPPORTED_SCHEMA_VERSION', 'schemaVersion', locale, 'UNSUPPORTED_SCHEMA_VERSION_1');
  if (pkg.schemaVersion !== SEALED_SCHEMA_VERSION) throw new KaoheSealError('UNSUPPORTED_SCHEMA_VERSION', 'schemaVersion', locale);
  if (!pkg.bank || typeof pkg.bank !== 'object') throw bad('bank');
  if (!pkg.blueprint || typeof pkg.blueprint !== 'object') throw bad('blueprint');
  const k = pkg.key;
  if (!k || typeof k !== 'object') throw bad('key');
  if (k.kdf !== 'PBKDF2-SHA-256') throw bad('key.kdf');
  if (!Number.isInteger(k.iterations) || k.iterations < PBKDF2_ITERATIONS || k.iterations > 10_000_000) throw bad('key.iterations');
  if (k.cipher !== undefined && k.cipher !== 'AES-256-GCM') throw bad('key.cipher');
  for (const field of ['salt', 'iv', 'ciphertext']) {
    if (typeof k[field] !== 'string' || k[field] === '') throw bad(`key.${field}`);
  }
  if (fromBase64(k.salt, 'key.salt', locale).length < 16) throw bad('key.salt');
  if (fromBase64(k.iv, 'key.iv', locale).length !== 12) throw bad('key.iv');
  return pkg;
}

/**
 * Decrypts the answer key and returns the whole bank (validated by the module). Trainer side
 * only. A wrong passphrase, or any change anywhere in the package, fails WRONG_PASSPHRASE.
 */
async function unsealBank(joinBank, pkg, passphrase, locale = 'zh-CN') {
  readSealedPackage(pkg, locale);
  const k = pkg.key;
  let plain;
  try {
    const aes = await deriveKey(String(passphrase ?? ''), fromBase64(k.salt, 'key.salt', locale), k.iterations, 'decrypt', locale);
    plain = await subtle(locale).decrypt(
      { name: 'AES-GCM', iv: fromBase64(k.iv, 'key.iv', locale), additionalData: additionalData(pkg) },
      aes, fromBase64(k.ciphertext, 'key.ciphertext', locale));
  } catch (error) {
    if (error instanceof KaoheSealError && error.code !== 'INVALID_PACKAGE') throw error;
    throw new KaoheSealError('WRONG_PASSPHRASE', 'passphrase', locale);
  }
  let key;
  try {
    key = JSON.parse(new TextDecoder().decode(plain));
  } catch {
    throw new KaoheSealError('INVALID_PACKAGE', 'key.ciphertext', locale);
  }
  return joinBank({ publicBank: pkg.bank, key });
}
