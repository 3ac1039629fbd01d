// What a candidate may see of a result, by the exam's release setting. Pure, so that Node can
// test it (tests/node/release.test.mjs) without a browser or the wasm module.

const LEVELS = {
  score: 'score', scoreOnly: 'score', sections: 'sections', scoreAndSections: 'sections', review: 'full', full: 'full',
};

/**
 * What the candidate may see of a result: 'none' (submitted, results not yet released),
 * 'score' (the verdict and total), 'sections' (and each section) or 'full' (and the review with
 * answers and 解析).
 *
 * The setting is the exam set-up's `release` (`{ content: 'score' | 'sections' | 'review',
 * timing: 'immediately' | 'afterRelease' }`, released once the set-up has `releasedAt`), read
 * from the result record, else the attempt, else the exam set-up, else the exam's `meta` record;
 * a plain string ('score', 'sections', 'full') is read as `content`. With no setting (data from
 * before exam set-up), practice exams show the review and formal exams the score and sections.
 */
export function releaseLevel(attempt, record, setup, examMeta = null) {
  const setting = record?.release ?? attempt?.release ?? setup?.release ?? examMeta?.release ?? null;
  const object = typeof setting === 'object' && setting !== null;
  const raw = object ? setting.content ?? setting.show ?? setting.level : setting;
  const level = LEVELS[raw] ?? (attempt?.practice ? 'full' : 'sections');
  const waits = object && (setting.timing === 'afterRelease' || setting.when === 'afterRelease' || setting.afterRelease === true);
  const released = Boolean(record?.released || record?.releasedAt || setup?.releasedAt);
  if (waits && !released) return 'none';
  return level;
}
