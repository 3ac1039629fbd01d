// The competency dashboard's data: the sample team on first visit, the evidence gathered from
// every store (entered and imported evidence, stored exam and rubric results), and one
// evaluated `Team` kept per page view.
import {
  Team, importKpiCsv, evidenceFromRecords, validateModel, validateRubric, scoreScorecard, kpiNames,
} from './kaohe/index.js';
import { toScorecard } from './views/rubric/common.js';
import { pick } from './i18n.js';

const SAMPLE_KEY = 'sample:team';
/** `meta` key of the model the trainer chose (else the first stored model that validates). */
export const ACTIVE_MODEL = 'model:active';

async function fetchOk(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response;
}

/** A stable id, so importing the same file twice replaces instead of duplicating. */
export function evidenceId(record) {
  return [record.personId, record.kind, record.key, record.date, record.sourceId ?? ''].join('|');
}

/** Stores a KPI import (the file's summary in `kpis`, its records in `evidence`) in one transaction. */
export async function storeKpiImport(store, fileName, imported) {
  const records = imported.evidence.map((r) => ({ ...r, sourceId: r.sourceId ?? fileName }));
  await store.transaction(['kpis', 'evidence'], 'readwrite', async (s) => {
    s.kpis.put({
      id: fileName,
      importedAt: Date.now(),
      rows: imported.rows,
      columns: imported.columns,
      ignoredColumns: imported.ignoredColumns,
      records: records.length,
    });
    for (const record of records) s.evidence.put({ id: evidenceId(record), ...record });
  });
  return records.length;
}

/** On first visit: the sample model, people, evidence, KPIs, 表扬 / 投诉 and notes, all in one transaction. */
export async function installTeamSample(store) {
  if (await store.get('meta', SAMPLE_KEY)) return false;
  let model; let team; let kpiText; let notes;
  try {
    [model, team, kpiText, notes] = await Promise.all([
      fetchOk('samples/model.json').then((r) => r.json()),
      fetchOk('samples/team.json').then((r) => r.json()),
      fetchOk('samples/kpi.csv').then((r) => r.text()),
      fetchOk('samples/notes.json').then((r) => r.json()),
    ]);
  } catch {
    return false; // offline with nothing cached: try again next visit
  }
  const kpis = importKpiCsv(kpiText);
  const kpiRecords = kpis.evidence.map((r) => ({ ...r, sourceId: r.sourceId ?? 'kpi.csv' }));
  // A person the trainer already has (same 工号, e.g. from a roster import) is kept as it is.
  const existing = new Set((await store.getAll('people')).map((p) => p.id));
  await store.transaction(['models', 'people', 'evidence', 'kpis', 'feedback', 'observations', 'meta'], 'readwrite', async (s) => {
    s.models.put(model);
    // The team's 表扬 / 投诉 and observation notes (no levels: notes only), so the person view,
    // the trend and the quarterly report show them from the first visit.
    for (const record of notes.feedback) s.feedback.put(record);
    for (const record of notes.observations) s.observations.put(record);
    for (const person of team.people) if (!existing.has(person.id)) s.people.put(person);
    for (const record of [...team.evidence, ...kpiRecords]) s.evidence.put({ id: evidenceId(record), ...record });
    s.kpis.put({ id: 'kpi.csv', importedAt: Date.now(), rows: kpis.rows, columns: kpis.columns, ignoredColumns: kpis.ignoredColumns, records: kpiRecords.length });
    s.meta.put({ key: SAMPLE_KEY, installedAt: Date.now(), modelId: model.id });
  });
  return true;
}

const day = (ms) => new Date(ms).toISOString().slice(0, 10);

/**
 * Role plays from the stored scorecards: the complete ones, scored with their rubric, grouped by
 * performance, so a role play scored by two raters is ONE panel result (the core averages the
 * raters' section scores) for the performance's candidate (工号).
 */
function rolePlays(scorecards, rubrics) {
  const byId = new Map();
  for (const raw of rubrics) {
    try { const r = validateRubric(raw); byId.set(r.id, r); } catch { /* unreadable: skipped */ }
  }
  const plays = new Map();
  for (const card of scorecards) {
    const rubric = byId.get(card.rubricId);
    if (!card.complete || !rubric || !card.candidateId) continue;
    let result;
    try { result = scoreScorecard({ rubric, scorecard: toScorecard(card) }); } catch { continue; }
    const play = plays.get(card.performanceId) ?? {
      personId: card.candidateId, date: '', sourceId: card.performanceId, raters: [],
    };
    play.raters.push(result.sections);
    const when = day(card.updatedAt ?? Date.now());
    if (when > play.date) play.date = when;
    plays.set(card.performanceId, play);
  }
  return [...plays.values()];
}

/**
 * Every stored record about the rostered people as one evidence set (the core's
 * `evidenceFromRecords`): exam results by 工号, one panel result per role play, KPI rows and
 * ratings, 表扬 / 投诉 and observation notes. Records of people not on the roster come back in
 * `unused`.
 */
function storedEvidence({ people, results, scorecards, rubrics, records, feedback, observations }) {
  const exams = results
    .filter((r) => r.result?.dimensions && r.candidate?.id)
    .map((r) => ({ personId: r.candidate.id, date: day(r.submittedAt ?? Date.now()), sourceId: r.attemptId, dimensions: r.result.dimensions }));
  const plays = rolePlays(scorecards, rubrics);
  const out = evidenceFromRecords({
    people: people.map((p) => p.id),
    exams,
    rolePlays: plays,
    evidence: records.map(({ id, ...record }) => record),
    feedback: feedback.map(({ id, personId, date, kind }) => ({ id, personId, date, kind })),
    observations: observations.map(({ id, personId, date, dimensionId, level }) => ({ id, personId, date, dimensionId, level: level ?? null })),
  });
  // The records derived from stored exam results and role plays (not typed-in evidence).
  const derivedFrom = new Set([...exams.map((e) => `exam|${e.sourceId}`), ...plays.map((p) => `rubric|${p.sourceId}`)]);
  out.fromResults = out.evidence.filter((r) => derivedFrom.has(`${r.kind}|${r.sourceId}`));
  return out;
}

/** The stored models that validate (a model this build cannot read stays stored, not offered). */
function readableModels(stored) {
  const models = [];
  for (const raw of stored) {
    try {
      models.push(validateModel(raw));
    } catch {
      // skipped
    }
  }
  return models;
}

/** The model in use: the trainer's choice, else the first stored model that validates. */
export async function activeModel(store) {
  const [stored, chosen] = await Promise.all([store.getAll('models'), store.get('meta', ACTIVE_MODEL)]);
  const models = readableModels(stored);
  return models.find((m) => m.id === chosen?.value) ?? models[0];
}

/**
 * Every KPI the model can name, in the page's language: `[[id, name], …]`, the built-in KPIs
 * first. One list, the module's, for every view that names a KPI (a model's own KPIs join or
 * redefine the built-in ones).
 */
export function kpiNameList(model) {
  return kpiNames(model ? { model } : {}).map((k) => [k.id, pick(k.name)]);
}

/**
 * Everything the evaluation reads: { model, models, people, evidence, fromResults }: the model in
 * use (the trainer's choice, else the first), every readable model, and the evidence.
 * `fromResults` counts the records derived from stored exam and rubric results.
 */
export async function loadTeamData(store) {
  const [stored, people, records, results, scorecards, rubrics, feedback, observations, chosen] = await Promise.all([
    store.getAll('models'), store.getAll('people'), store.getAll('evidence'),
    store.getAll('results'), store.getAll('scorecards'), store.getAll('rubrics'),
    store.getAll('feedback').catch(() => []), store.getAll('observations').catch(() => []),
    store.get('meta', ACTIVE_MODEL),
  ]);
  const models = readableModels(stored);
  const model = models.find((m) => m.id === chosen?.value) ?? models[0];
  const { evidence, unused, fromResults } = storedEvidence({ people, results, scorecards, rubrics, records, feedback, observations });
  return { model, models, people, evidence, fromResults, unused, feedback, observations };
}

/** The latest evidence day (the natural "as of" day), or the given fallback. */
export function latestDate(evidence, fallback = '2026-12-01') {
  let latest = '';
  for (const r of evidence) if (r.date > latest) latest = r.date;
  return latest || fallback;
}

/** Builds and evaluates the team; the caller frees it. */
export function evaluateTeam(data, date) {
  const team = new Team(data.model, { schemaVersion: 1, people: data.people, evidence: data.evidence });
  try {
    const view = team.evaluate({ date });
    return { team, view };
  } catch (error) {
    team.free();
    throw error;
  }
}
