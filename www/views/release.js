// What a candidate may see of a result, by the exam's release setting. Pure, so that Node can
// test it (tests/node/release.test.mjs) without a browser or the wasm module.

/**
 * What the candidate may see of a result: 'score' (the verdict and total), 'sections' (and each
 * section) or 'full' (and the review with answers and 解析). The setting comes from the result
 * record, else the attempt, else the exam's stored set-up; with none, practice exams show the
 * review and formal exams the score and sections. A setting that waits for the trainer's
 * release (`afterRelease`) shows the score only until the record says `released`.
 */
export function releaseLevel(attempt, record, examMeta) {
  const setting = record?.release ?? attempt?.release ?? examMeta?.release ?? null;
  const raw = typeof setting === 'object' && setting !== null ? setting.show ?? setting.level : setting;
  const level = { scoreOnly: 'score', score: 'score', sections: 'sections', scoreAndSections: 'sections', full: 'full', review: 'full' }[raw]
    ?? (attempt?.practice ? 'full' : 'sections');
  const waits = typeof setting === 'object' && setting !== null && (setting.afterRelease || setting.when === 'afterRelease');
  if (waits && !record?.released) return 'score';
  return level;
}
