// Passphrases an attacker tries first: the most common passwords of public leak lists (the
// top of the SecLists "10k most common" list and of leaked Chinese sites' lists), lower-cased,
// those of 8 characters or more, plus the obvious words of this product. A sealed exam's key
// stands against offline guessing only if its passphrase is not among the first guesses.
// Kept small on purpose: the length rule in seal.js does most of the work; this list stops the
// guesses that are tried before any brute force.
export const COMMON_PASSPHRASES = new Set([
  '12345678', '123456789', '1234567890', '12345678910', '0123456789', '11111111', '111111111',
  '1111111111', '00000000', '000000000', '0000000000', '88888888', '888888888', '66666666',
  '99999999', '12341234', '11223344', '12344321', '123123123', '123321123', '147258369',
  '123456789a', '123456789q', '1234567890q', '12345678a', '1234qwer', '1q2w3e4r', '1q2w3e4r5t',
  '1qaz2wsx', '1qaz2wsx3edc', '1qazxsw2', 'zaq12wsx', 'qwertyui', 'qwertyuiop', 'qwerty123',
  'qwer1234', 'asdfghjkl', 'asdf1234', 'zxcvbnm123', 'a12345678', 'a123456789', 'aa123456',
  'abc12345', 'abc123456', 'abcd1234', 'abcdefgh', 'abcdefg123', 'password', 'password1',
  'password12', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'iloveyou', 'iloveyou1',
  'sunshine', 'princess', 'football', 'baseball', 'superman', 'starwars', 'whatever',
  'trustno1', 'letmein1', 'welcome1', 'welcome123', 'admin123', 'admin1234', 'administrator',
  'changeme', 'computer', 'internet', 'michelle', 'jennifer', 'charlie1', 'master123',
  'dragon123', 'monkey123', 'qazwsxedc', 'woaini1314', 'woaini520', '5201314520', '52013145',
  '1314520520', 'woaini123', 'wodemima', 'mima1234', 'mima123456', 'zhang123456', 'wang123456',
  'li123456', 'aini1314', 'kaohe123', 'kaohe2026', 'kaohe1234', 'password2026', 'password2025',
  'passphrase', '考核口令', '我的口令', '密码密码密码', '12345678密码',
]);
