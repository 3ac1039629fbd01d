// Reading a file a trainer chose: one place for the byte-order mark and the not-JSON error, so
// every import (rubrics, competency models) fails the same way before the module validates it.
import { uiLocale } from './i18n.js';

/**
 * Parses JSON text from a file (a UTF-8 byte-order mark, as Windows editors write it, is
 * skipped). Text that is not JSON throws an Error with `code` INVALID_SYNTAX and an empty `path`.
 */
export function parseJsonFile(text) {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const message = uiLocale() === 'en' ? `The file is not valid JSON: ${e.message}` : `文件不是有效的 JSON：${e.message}`;
    throw Object.assign(new Error(message), { code: 'INVALID_SYNTAX', path: '' });
  }
}
