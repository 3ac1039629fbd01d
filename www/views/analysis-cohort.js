// One exam's cohort scored and analysed by the module: run by the worker (worker.js, task
// `analysis`) so thousands of attempts never freeze the page, and on the page where no worker
// can start. Plain data in, plain data out: nothing of the module outlives the call.

/**
 * Scores the packed attempts (`bytes`, `offsets`: concatenated per attempt) of `bank` and
 * `blueprint` with `Exam` (the module's class), analyses the cohort with `options` and returns
 * `{ analysis, totals, csv, ms }` (`ms`: the module's work, without pauses). `job` (optional):
 * `onProgress(done, total)` between the steps, and `isCancelled()`, checked between them (a
 * cancelled run throws an AbortError).
 */
export async function analyseCohort(Exam, { bank, blueprint }, bytes, offsets, options, job = {}) {
  const steps = 3;
  const step = async (done) => {
    job.onProgress?.(done, steps);
    // Lets a cancel message in between the steps.
    if (job.isCancelled) await new Promise((resolve) => { setTimeout(resolve, 0); });
    if (job.isCancelled?.()) throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
  };
  const exam = new Exam(bank, blueprint);
  try {
    let ms = 0;
    const timed = (work) => {
      const begun = performance.now();
      const out = work();
      ms += performance.now() - begun;
      return out;
    };
    await step(0);
    const cohort = timed(() => exam.scoreCohort(bytes, offsets));
    try {
      await step(1);
      // The distractor tables as typed arrays (`analysis.distractors`): the same numbers as
      // objects per item, without their JSON text, parsing and garbage.
      const analysis = timed(() => cohort.analyze({ ...options, distractors: 'columns' }));
      await step(2);
      const totals = Array.from(cohort.totals());
      const csv = cohort.analysisCsv(options);
      job.onProgress?.(steps, steps);
      return { analysis, totals, csv, ms };
    } finally {
      cohort.free();
    }
  } finally {
    exam.free();
  }
}
