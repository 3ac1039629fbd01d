// The sample content the page ships with, and loading it into storage on first use.

/**
 * The exams the page offers; `practice` exams show feedback after each answer; `leaveLimit`:
 * leaving the exam page that many times submits the attempt.
 */
export const SAMPLE_EXAMS = [
  { blueprint: 'samples/blueprint.json', bank: 'samples/bank.json', practice: false },
  // The new-hire exam is taken on shared training-room PCs: leaving the page 5 times submits it.
  { blueprint: 'samples/blueprint-newhire.json', bank: 'samples/bank.json', practice: false, leaveLimit: 5 },
  { blueprint: 'samples/blueprint-practice.json', bank: 'samples/bank.json', practice: true },
];

async function fetchJson(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

/** Stores the sample banks and blueprints (each visit refreshes them; offline keeps the last). */
export async function installSamples(store) {
  for (const sample of SAMPLE_EXAMS) {
    try {
      const [blueprint, bank] = await Promise.all([fetchJson(sample.blueprint), fetchJson(sample.bank)]);
      await store.put('banks', bank);
      await store.put('blueprints', blueprint);
      // Settings stored with the exam (release, limits) are kept; the sample's own are refreshed.
      const previous = await store.get('meta', `exam:${blueprint.id}`);
      await store.put('meta', {
        ...previous, key: `exam:${blueprint.id}`, practice: sample.practice, leaveLimit: sample.leaveLimit ?? previous?.leaveLimit ?? null,
      });
    } catch {
      // Offline with nothing cached: what an earlier visit stored is used below.
    }
  }
}

/** The exams on offer: [{ blueprint, bank, practice }], from storage. */
export async function listExams(store) {
  const [blueprints, banks, meta] = await Promise.all([
    store.getAll('blueprints'), store.getAll('banks'), store.getAll('meta'),
  ]);
  const practice = new Map(meta.map((m) => [m.key, m.practice]));
  return blueprints
    .map((blueprint) => ({
      blueprint,
      bank: banks.find((b) => b.id === blueprint.bankId),
      practice: Boolean(practice.get(`exam:${blueprint.id}`)),
    }))
    .filter((exam) => exam.bank)
    .sort((a, b) => Number(a.practice) - Number(b.practice) || a.blueprint.id.localeCompare(b.blueprint.id));
}
