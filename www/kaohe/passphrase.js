// The passphrase rule of sealed exams (seal.js loads it when sealing, so exam pages that only
// read packages never download the list): at least MIN_PASSPHRASE characters, not a common
// password, not digits only, not one or two characters repeated.
import { COMMON_PASSPHRASES } from './common-passwords.js';
import { MIN_PASSPHRASE } from './seal.js';

/**
 * Why `passphrase` is too weak to seal with (`'length'`, `'common'`, `'digits'`, `'repeated'`),
 * or null when it is acceptable.
 */
export function passphraseProblem(passphrase) {
  if (typeof passphrase !== 'string') return 'length';
  const text = passphrase.normalize('NFC').trim();
  const chars = [...text];
  if (chars.length < MIN_PASSPHRASE) return 'length';
  if (COMMON_PASSPHRASES.has(text.toLowerCase())) return 'common';
  if (/^[0-9\s]+$/.test(text)) return 'digits';
  if (new Set(chars).size <= 2) return 'repeated';
  return null;
}

