// Sealed exams (密封考试). A trainer exports a package whose answer key is encrypted with a
// passphrase; a candidate's device loads it and takes the exam without ever holding the key;
// the trainer imports the attempts (or uses the same browser) and unlocks them to score.
// Loading a package and taking it run on the candidate module; sealing and unlocking are the
// trainer's, on the full module, loaded only when the trainer presses one of those buttons.
import { SealedExam, readSealedPackage, MIN_PASSPHRASE } from '../kaohe/candidate.js';
import { h, replace, download, announce } from '../dom.js';
import { t, uiLocale } from '../i18n.js';
import { listAllExams } from '../data.js';
import { beginAttempt } from './home.js';

const LOCAL = {
  title: ['密封考试', 'Sealed exams'],
  intro: ['密封考试包只含题目，答案用培训师设定的口令锁住：考生的电脑上看不到答案，也无法打开；交卷后，培训师在自己的电脑上输入口令解封并评分。',
    'A sealed package carries the questions only; the answers are locked with the trainer\'s passphrase, so candidates\' devices can neither see nor open them. After the exam the trainer unlocks them on their own device to score.'],
  introTech: ['加密方式：AES-GCM，口令经 PBKDF2-SHA-256 60 万次迭代生成密钥。', 'Encryption: AES-GCM, key derived from the passphrase with PBKDF2-SHA-256 at 600,000 iterations.'],
  exportTitle: ['培训师：导出密封考试', 'Trainer: export a sealed exam'],
  passphrase: ['口令', 'Passphrase'],
  passphraseAgain: ['再次输入口令', 'Passphrase again'],
  passphraseRule: [`至少 ${MIN_PASSPHRASE} 个字符；不能是常见口令、纯数字或重复字符。可以用一句只有你知道的话。`, `At least ${MIN_PASSPHRASE} characters; not a common password, digits only or one character repeated. A sentence only you know works well.`],
  noOwnExam: ['没有可密封的考试：示例考试的题库和答案随页面下发到每台设备，密封没有意义。请先在“导入”中导入自己的题库和组卷方案。', 'No exam to seal: the sample exams\' bank and answers ship to every device with the page, so sealing them protects nothing. Import your own bank and blueprint first.'],
  mismatch: ['两次输入的口令不一致。', 'The two passphrases differ.'],
  export: ['导出密封考试包', 'Export the sealed package'],
  exported: ['已导出：{f}', 'Exported: {f}'],
  loadTitle: ['考生：载入密封考试', 'Candidate: load a sealed exam'],
  file: ['密封考试包（.json）', 'Sealed package (.json)'],
  loaded: ['已载入：{t}', 'Loaded: {t}'],
  startTitle: ['开始密封考试', 'Start a sealed exam'],
  none: ['尚未载入密封考试。', 'No sealed exam loaded yet.'],
  attemptsTitle: ['作答记录', 'Attempts'],
  exportAttempts: ['导出作答记录', 'Export attempts'],
  importAttempts: ['导入作答记录（.json）', 'Import attempts (.json)'],
  imported: ['已导入 {n} 份作答记录。', '{n} attempts imported.'],
  unlockTitle: ['培训师：解封并评分', 'Trainer: unlock and score'],
  unlock: ['解封并评分', 'Unlock and score'],
  unlocked: ['已评分 {n} 份作答（{e} 个考试已解封）。', '{n} attempts scored ({e} exams unlocked).'],
  waiting: ['待解封评分：{n} 份', 'Awaiting unlock: {n}'],
  working: ['正在处理…', 'Working…'],
};
const L = (key, vars = {}) => (uiLocale() === 'en' ? LOCAL[key][1] : LOCAL[key][0])
  .replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));

const ATTEMPTS_FORMAT = 'kaohe-attempts';

/** An error in words; its code (for tests and support) only in a data attribute, not on screen. */
function errorLines(error) {
  return [h('span', { dataset: { code: error?.code ?? '', path: error?.path ?? '' } }, error?.message ?? String(error)),
    error?.code ? h('details', { class: 'tech error-code' }, h('summary', {}, uiLocale() === 'en' ? 'Technical details' : '技术详情'),
      `${error.code}${error.path ? ` · ${error.path}` : ''}`) : null];
}

async function readJsonFile(input) {
  const file = input.files?.[0];
  if (!file) return null;
  return JSON.parse(await file.text());
}

/** Sealed packages stored on this device: [{ key, package, loadedAt }]. */
async function sealedPackages(store) {
  return (await store.getAll('meta')).filter((m) => m.key.startsWith('sealed:'));
}

/** Stores a package after checking its envelope and its bank + blueprint (through the module). */
export async function loadPackage(store, pkg) {
  readSealedPackage(pkg, uiLocale());
  const exam = new SealedExam(pkg.bank, pkg.blueprint);
  exam.free();
  const record = { key: `sealed:${pkg.blueprint.id}`, package: pkg, loadedAt: Date.now() };
  await store.put('meta', record);
  return record;
}

/** Starts an attempt on a sealed exam: the paper comes from the public bank. */
export function startSealedAttempt(store, sealed, candidate) {
  const fields = { practice: false, sealed: true, sealedId: sealed.key };
  return beginAttempt(store, SealedExam, sealed.package, candidate, fields);
}

/**
 * Unlocks every stored package with `passphrase` and scores its submitted attempts that have no
 * result. The joined bank and blueprint are stored so results and grading work as usual.
 * Throws WRONG_PASSPHRASE when the passphrase opens none of the packages that have attempts.
 * The third argument is the full module (index.js, initialised): its `unsealBank` and `Exam`.
 */
export async function unlockAndScore(store, passphrase, { unsealBank, Exam }) {
  const packages = await sealedPackages(store);
  const [attempts, results] = await Promise.all([store.getAll('attempts'), store.getAll('results')]);
  const scored = new Set(results.map((r) => r.attemptId));
  let count = 0;
  let opened = 0;
  let lastError = null;
  for (const sealed of packages) {
    const waiting = attempts.filter((a) => a.sealedId === sealed.key && a.status === 'submitted' && !scored.has(a.attemptId));
    if (waiting.length === 0) continue;
    let bank;
    try {
      bank = await unsealBank(sealed.package, passphrase, uiLocale());
    } catch (error) {
      lastError = error;
      continue;
    }
    opened += 1;
    const { blueprint } = sealed.package;
    const exam = new Exam(bank, blueprint);
    // Papers come from the seed and the sealed package, never from the candidate's file: a
    // paper edited down to the answered items scores as the paper the seed builds.
    const papers = new SealedExam(sealed.package.bank, blueprint);
    try {
      await store.put('banks', bank);
      await store.put('blueprints', blueprint);
      for (const attempt of waiting) {
        const responses = Object.fromEntries(Object.entries(attempt.responses ?? {}).map(([id, r]) => [id, r.value]));
        const timeUsedSeconds = Math.round(((attempt.submittedAt ?? attempt.startedAt) - attempt.startedAt) / 1000);
        const paper = papers.assemble(attempt.seed);
        const result = exam.score({ paper, responses, timeUsedSeconds });
        await store.storeResult(attempt.attemptId, result, exam.encode(responses));
        count += 1;
      }
    } finally {
      exam.free();
      papers.free();
    }
  }
  if (opened === 0 && lastError) throw lastError;
  return { scored: count, unlocked: opened };
}

export async function render(main, context) {
  const { store, navigate, trainerModule } = context;
  // Sample exams are never sealed: their bank, answers included, ships with the page.
  const exams = (await listAllExams(store)).filter((e) => !e.practice && !e.sample && e.exam.status !== 'closed');
  const packages = await sealedPackages(store);
  const attempts = (await store.getAll('attempts')).filter((a) => a.sealed);
  const results = new Set((await store.getAll('results')).map((r) => r.attemptId));
  const waiting = attempts.filter((a) => a.status === 'submitted' && !results.has(a.attemptId));

  // Export.
  const exportNote = h('p', { role: 'status', id: 'seal-status' });
  const choice = h('select', { id: 'seal-exam' }, exams.map((e, i) => h('option', { value: String(i) }, e.blueprint.title)));
  const pass1 = h('input', { type: 'password', id: 'seal-pass', autocomplete: 'new-password', required: true, 'aria-describedby': 'seal-pass-rule' });
  const pass2 = h('input', { type: 'password', id: 'seal-pass2', autocomplete: 'new-password', required: true });
  const exportForm = h('form', {
    class: 'card', 'aria-labelledby': 'seal-title',
    onsubmit: async (event) => {
      event.preventDefault();
      exportNote.className = 'muted';
      if (pass1.value !== pass2.value) {
        replace(exportNote, L('mismatch'));
        exportNote.className = 'bad';
        return;
      }
      const exam = exams[Number(choice.value)];
      replace(exportNote, L('working'));
      try {
        const { sealExam } = await trainerModule();
        const pkg = await sealExam({ bank: exam.bank, blueprint: exam.blueprint, passphrase: pass1.value, locale: uiLocale() });
        const filename = `kaohe-sealed-${exam.blueprint.id}.json`;
        download(filename, JSON.stringify(pkg, null, 2), 'application/json');
        replace(exportNote, L('exported', { f: filename }));
        exportNote.className = 'good';
        announce(exportNote.textContent);
      } catch (error) {
        replace(exportNote, ...errorLines(error));
        exportNote.className = 'bad';
      }
    },
  },
  h('h2', { id: 'seal-title' }, L('exportTitle')),
  ...(exams.length === 0 ? [h('p', { class: 'muted', id: 'seal-none' }, L('noOwnExam'))] : [
    h('label', { for: 'seal-exam' }, t('chooseExam')), choice,
    h('label', { for: 'seal-pass' }, L('passphrase')), pass1,
    h('p', { class: 'muted small', id: 'seal-pass-rule' }, L('passphraseRule')),
    h('label', { for: 'seal-pass2' }, L('passphraseAgain')), pass2,
    h('p', {}, h('button', { type: 'submit', class: 'primary', id: 'seal-export' }, L('export'))),
    exportNote]));

  // Load a package.
  const loadNote = h('p', { role: 'status', id: 'load-status' });
  const fileInput = h('input', {
    type: 'file', id: 'sealed-file', accept: '.json,application/json',
    onchange: async () => {
      try {
        const record = await loadPackage(store, await readJsonFile(fileInput));
        context.rerender();
        announce(L('loaded', { t: record.package.blueprint.title }));
      } catch (error) {
        replace(loadNote, ...errorLines(error));
        loadNote.className = 'bad';
      }
    },
  });

  // Start a sealed attempt.
  const name = h('input', { type: 'text', id: 'sealed-name', autocomplete: 'name', required: true });
  const id = h('input', { type: 'text', id: 'sealed-id', autocomplete: 'off', required: true });
  const pick = h('select', { id: 'sealed-choice' }, packages.map((p, i) => h('option', { value: String(i) }, p.package.blueprint.title)));
  const startProblem = h('p', { class: 'bad', role: 'alert', id: 'sealed-start-problem' });
  const startForm = packages.length === 0 ? h('p', {}, L('none')) : h('form', {
    'aria-labelledby': 'sealed-start-title',
    onsubmit: async (event) => {
      event.preventDefault();
      const candidate = { name: name.value.trim(), id: id.value.trim() };
      if (!candidate.name || !candidate.id) {
        startProblem.textContent = `${t('candidateName')} / ${t('candidateId')}: ${t('required')}`;
        return;
      }
      try {
        const attempt = await startSealedAttempt(store, packages[Number(pick.value)], candidate);
        navigate(`#/exam/${attempt.attemptId}`);
      } catch (error) {
        replace(startProblem, ...errorLines(error));
      }
    },
  },
  h('h3', { id: 'sealed-start-title' }, L('startTitle')),
  h('label', { for: 'sealed-name' }, t('candidateName')), name,
  h('label', { for: 'sealed-id' }, t('candidateId')), id,
  h('label', { for: 'sealed-choice' }, t('chooseExam')), pick,
  startProblem,
  h('p', {}, h('button', { type: 'submit', class: 'primary' }, t('start'))));

  // Attempts travel between devices as a file.
  const attemptsNote = h('p', { role: 'status', id: 'attempts-status' });
  const importInput = h('input', {
    type: 'file', id: 'attempts-file', accept: '.json,application/json',
    onchange: async () => {
      try {
        const data = await readJsonFile(importInput);
        if (data?.format !== ATTEMPTS_FORMAT || data.schemaVersion !== 1 || !Array.isArray(data.attempts)) {
          throw Object.assign(new Error(uiLocale() === 'en' ? 'Not a kaohe attempts file.' : '这不是 kaohe 作答记录文件。'), { code: 'INVALID_VALUE', path: 'format' });
        }
        const valid = data.attempts.filter((a) => a && typeof a.attemptId === 'string' && a.sealed === true);
        await store.putAll('attempts', valid);
        replace(attemptsNote, L('imported', { n: valid.length }));
        attemptsNote.className = 'good';
      } catch (error) {
        replace(attemptsNote, ...errorLines(error));
        attemptsNote.className = 'bad';
      }
    },
  });

  // Unlock.
  const unlockNote = h('p', { role: 'status', id: 'unlock-status' });
  const unlockPass = h('input', { type: 'password', id: 'unlock-pass', autocomplete: 'current-password', required: true });
  const unlockForm = h('form', {
    class: 'card', 'aria-labelledby': 'unlock-title',
    onsubmit: async (event) => {
      event.preventDefault();
      replace(unlockNote, L('working'));
      unlockNote.className = 'muted';
      try {
        const { scored, unlocked } = await unlockAndScore(store, unlockPass.value, await trainerModule());
        replace(unlockNote, L('unlocked', { n: scored, e: unlocked }));
        unlockNote.className = 'good';
      } catch (error) {
        replace(unlockNote, ...errorLines(error));
        unlockNote.className = 'bad';
      }
    },
  },
  h('h2', { id: 'unlock-title' }, L('unlockTitle')),
  h('p', { class: 'muted', id: 'waiting-count' }, L('waiting', { n: waiting.length })),
  h('label', { for: 'unlock-pass' }, L('passphrase')), unlockPass,
  h('p', {}, h('button', { type: 'submit', class: 'primary', id: 'unlock-button' }, L('unlock'))),
  unlockNote);

  replace(main,
    h('h2', {}, L('title')),
    h('p', { class: 'muted' }, L('intro')),
    h('details', { class: 'tech' }, h('summary', {}, uiLocale() === 'en' ? 'Technical details' : '技术详情'), L('introTech')),
    exportForm,
    h('section', { class: 'card', 'aria-labelledby': 'load-title' },
      h('h2', { id: 'load-title' }, L('loadTitle')),
      h('label', { for: 'sealed-file' }, L('file')), fileInput, loadNote,
      startForm),
    h('section', { class: 'card', 'aria-labelledby': 'attempts-title' },
      h('h2', { id: 'attempts-title' }, L('attemptsTitle')),
      h('p', {}, h('button', {
        type: 'button', id: 'export-attempts',
        onclick: () => download('kaohe-attempts.json', JSON.stringify({ format: ATTEMPTS_FORMAT, schemaVersion: 1, attempts }, null, 2), 'application/json'),
      }, L('exportAttempts'))),
      h('label', { for: 'attempts-file' }, L('importAttempts')), importInput, attemptsNote),
    unlockForm);
}
