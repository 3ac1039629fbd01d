// Type-checks the package's declarations as a TypeScript user sees them (tsc --noEmit).
import {
  init, Exam, validateBank, openStore, exportBackup, restoreBackup, KaoheBackupError,
  type Bank, type Blueprint, type ExamResult, type KaoheError, type KaoheErrorCode, type AttemptRecord,
  type UndefinedReason,
} from 'kaohe';
import { KaoheExamElement, type KaoheAnswerDetail } from 'kaohe/elements';

export async function run(bank: Bank, blueprint: Blueprint): Promise<ExamResult | null> {
  await init();
  try {
    validateBank(bank);
  } catch (e) {
    const error = e as KaoheError;
    const code: KaoheErrorCode = error.code;
    // @ts-expect-error: a code outside the union is a type error
    const wrong: KaoheErrorCode = "NOT_A_CODE";
    console.log(wrong);
    console.log(code, error.path, error.messages.en);
    return null;
  }
  const exam = new Exam(bank, blueprint);
  const paper = exam.assemble(42);
  const result: ExamResult = exam.score({ paper, responses: {}, timeUsedSeconds: 60 });
  const packed: Uint8Array = exam.encode({});
  const cohort = exam.scoreCohort(packed, new Uint32Array([0, packed.length]));
  const analysis = cohort.analyze({ distractors: 'columns' });
  const shares: Float64Array | undefined = analysis.distractors?.share.value;
  const reason: UndefinedReason | undefined = analysis.distractors?.reasons[0];
  // @ts-expect-error: the layout is "perItem" or "columns"
  cohort.analyze({ distractors: 'table' });
  console.log(shares?.length, reason, analysis.items[0]?.options.length);
  cohort.free();
  exam.free();

  const store = await openStore({ name: 'kaohe-types', locale: 'en' });
  const attempts = await store.getAll<AttemptRecord>('attempts');
  const firstId: string | undefined = attempts[0]?.attemptId;
  const { text, counts } = await exportBackup(store);
  const attemptsCount: number | undefined = counts.attempts;
  try {
    await restoreBackup(store, text, { mode: 'replace' });
  } catch (e) {
    if (e instanceof KaoheBackupError) console.log(e.code, e.path);
  }
  console.log(firstId, attemptsCount, packed.length);

  const element = document.createElement('kaohe-exam');
  const typed: KaoheExamElement = element;
  element.addEventListener('kaohe-submitted', (event) => console.log(event.detail.percent));
  element.addEventListener('kaohe-answer', (event) => {
    const detail: KaoheAnswerDetail = event.detail;
    console.log(detail.itemId);
  });
  return typed.submit();
}

// The candidate entry: the same exam API from the smaller module, with its own init and store.
import * as candidate from 'kaohe/candidate';

export async function takeOnCandidateModule(bank: Bank, blueprint: Blueprint): Promise<ExamResult> {
  await candidate.init({ wasmUrl: '/pkg-candidate/kaohe_candidate_bg.wasm' });
  candidate.setLocale('en');
  const exam = new candidate.Exam(bank, blueprint);
  const paper = exam.assemble(7);
  const view: candidate.PaperView = exam.view(paper);
  const result: candidate.ExamResult = exam.score({ paper, responses: {}, timeUsedSeconds: 30 });
  exam.free();
  const store: candidate.Store = await candidate.openStore({ locale: 'en' });
  const attempts: candidate.AttemptRecord[] = await store.getAll<candidate.AttemptRecord>('attempts');
  const memory = candidate.openMemoryStore({ locale: 'en' });
  const hash: string = candidate.chainEvent('', { type: 'answer', at: 0 });
  const sealedPaper = new candidate.SealedExam(bank, blueprint).assemble(1);
  console.log(view, attempts.length, memory.name, hash, sealedPaper);
  // @ts-expect-error: trainer functions are not in the candidate module
  candidate.radarSvg({});
  // @ts-expect-error: nor is cohort scoring
  exam.scoreCohort(new Uint8Array(), new Uint32Array());
  return result;
}

// The adaptive entry: one step of an adaptive exam from its own small module.
import * as adaptive from 'kaohe/adaptive';

export async function adaptiveStep(pkg: adaptive.AdaptivePackage, seed: number): Promise<number | null> {
  await adaptive.init();
  const step: adaptive.AdaptiveNext = adaptive.adaptiveNext({ package: pkg, seed, answers: [{ itemId: 'pk-001', value: 'B' }] });
  // @ts-expect-error: the step's ability is a number
  const wrong: string = step.theta;
  console.log(wrong, adaptive.ADAPTIVE_FORMAT);
  return step.finished ? null : step.nextItem ?? null;
}
