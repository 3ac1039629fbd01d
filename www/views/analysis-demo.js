// Demo data for the item-analysis view: N synthetic candidates take the exam through the real
// API (a paper assembled per candidate, responses scored and packed by the module), and every
// attempt and result is written in one transaction. Candidates answer by a one-parameter
// logistic model (ability against the item's difficulty tag), so the statistics look like a
// real cohort's: easy items pass, weak candidates pick the plausible distractors.
import { Exam } from '../kaohe/index.js';
import { mulberry32 as rng } from '../random.js';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗'];
const GIVEN = ['静', '敏', '伟', '芳', '磊', '婷', '洋', '丽', '超', '娜', '晨', '雪', '浩', '颖', '佳怡', '子涵', '欣然', '宇航', '思远', '梓萱', '雨桐', '俊杰', '晓燕', '海峰'];

/** The demo roster's teams: the generated candidates are spread over them in turn. */
const TEAMS = ['售后一组', '售后二组', '售后三组', '售前一组', '售前二组', 'VIP 组'];

/**
 * The demo cohort's roster: one person per generated candidate, spread over the teams, for
 * `generateDemoAttempts`'s `extra` (written in the same transaction as the attempts).
 */
export function demoRoster(attempts) {
  const people = new Map();
  for (const a of attempts) {
    if (people.has(a.candidate.id)) continue;
    const team = TEAMS[people.size % TEAMS.length];
    people.set(a.candidate.id, { id: a.candidate.id, name: a.candidate.name, role: 'frontline', group: team.startsWith('VIP') ? 'VIP' : team.slice(0, 2), team, fields: {}, active: true });
  }
  return { people: [...people.values()] };
}


function normal(random) {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** A wrong option, weighted so the first distractors are plausible and the last rarely chosen. */
function distractor(random, ids) {
  const weights = ids.map((_, i) => 0.55 ** i);
  let roll = random() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < ids.length; i += 1) {
    roll -= weights[i];
    if (roll <= 0) return ids[i];
  }
  return ids[ids.length - 1];
}

function swapTwo(random, list) {
  const out = [...list];
  if (out.length < 2) return out;
  const i = Math.floor(random() * (out.length - 1));
  [out[i], out[i + 1]] = [out[i + 1], out[i]];
  return out;
}

/** One candidate's response to `item`: right with probability `p`, otherwise plausibly wrong. */
function respond(item, p, random) {
  const right = random() < p;
  const ids = (item.options ?? []).map((o) => o.id);
  switch (item.type) {
    case 'single':
      return right ? item.answer : distractor(random, ids.filter((id) => id !== item.answer));
    case 'multiple': {
      if (right) return [...item.answer];
      const wrong = ids.filter((id) => !item.answer.includes(id));
      return random() < 0.6 || wrong.length === 0
        ? item.answer.slice(0, Math.max(1, item.answer.length - 1))
        : [...item.answer, distractor(random, wrong)];
    }
    case 'trueFalse':
      return right ? item.answer : !item.answer;
    case 'situational': {
      const ranked = [...item.options].sort((a, b) => b.points - a.points).map((o) => o.id);
      return right ? ranked[0] : distractor(random, ranked.slice(1));
    }
    case 'fillBlank':
      return item.blanks.map((b) => (right || random() < 0.5 ? b.accepted[0] : '不清楚'));
    case 'numeric':
      return right ? item.answer.value : Math.round(item.answer.value * 1.5 + 1);
    case 'ordering':
      return right ? [...item.answer] : swapTwo(random, item.answer);
    case 'matching': {
      const prompts = item.prompts.map((q) => q.id);
      const chosen = prompts.map((id) => item.answer[id]);
      const given = right ? chosen : swapTwo(random, chosen);
      return Object.fromEntries(prompts.map((id, i) => [id, given[i]]));
    }
    case 'shortAnswer':
      return (item.keywords ?? [])
        .filter(() => random() < p + 0.1)
        .map((k) => k.terms[0])
        .join('，') || '会认真处理客户的问题';
    default:
      return undefined;
  }
}

/**
 * Writes `count` submitted attempts (and their results) for `blueprint` in one transaction.
 * Every tenth candidate retakes the exam a week later, so "first" and "last" differ.
 * Returns the number of attempts written. `job` (optional, from the worker): `onProgress(done,
 * total)` is told every few candidates, and `isCancelled()` stops the run before anything is
 * written (it then throws an AbortError).
 */
export async function generateDemoAttempts(store, { bank, blueprint }, count, seed = 20261001, job = {}, extra = null) {
  const random = rng(seed ^ count);
  const items = new Map(bank.items.map((item) => [item.id, item]));
  const exam = new Exam(bank, blueprint);
  const attempts = [];
  const results = [];
  const start = Date.UTC(2026, 9, 12, 1, 0, 0);
  const limit = blueprint.timeLimitSeconds ?? null;
  try {
    for (let c = 0; c < count; c += 1) {
      if (c % 25 === 0) {
        job.onProgress?.(c, count);
        // Let a cancel message in between steps.
        if (job.isCancelled) await new Promise((resolve) => { setTimeout(resolve, 0); });
        if (job.isCancelled?.()) throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
      }
      const candidate = {
        id: `KF${String(10001 + c)}`,
        name: `${SURNAMES[c % SURNAMES.length]}${GIVEN[Math.floor(random() * GIVEN.length)]}`,
      };
      const ability = normal(random);
      const takes = c % 10 === 9 ? 2 : 1;
      for (let take = 0; take < takes; take += 1) {
        const theta = ability + take * 0.6;
        const paperSeed = Math.floor(random() * 4294967295);
        const paper = exam.assemble(paperSeed);
        const startedAt = start + c * 60_000 + take * 7 * 86_400_000;
        // Within the exam's time limit, as a live attempt must be (its deadline is in the header).
        const timeUsedSeconds = Math.min(900 + Math.floor(random() * 1500), limit ? Math.max(1, limit - 30) : Infinity);
        const submittedAt = startedAt + timeUsedSeconds * 1000;
        const values = {};
        for (const section of paper.sections) {
          for (const itemId of section.itemIds) {
            const item = items.get(itemId);
            if (!item || random() < 0.03) continue;
            const difficulty = (item.tags?.difficulty ?? 3) - 3;
            const p = 1 / (1 + Math.exp(-1.7 * (theta - 0.7 * difficulty + 0.6)));
            const value = respond(item, p, random);
            if (value !== undefined) values[item.id] = value;
          }
        }
        const result = exam.score({ paper, responses: values, timeUsedSeconds });
        const packed = exam.encode(values);
        const attemptId = `demo-${blueprint.id}-${candidate.id}-${take + 1}`;
        const record = {
          schemaVersion: 1, attemptId, bankId: bank.id, blueprintId: blueprint.id, examId: blueprint.id,
          examTitle: blueprint.title, practice: false, demo: true, candidate, seed: paperSeed, paper,
          status: 'submitted', startedAt, submittedAt, deadlineAt: limit ? startedAt + limit * 1000 : null,
          events: [], chainHead: null,
          responses: Object.fromEntries(Object.entries(values).map(([id, value]) => [id, { value, answeredAt: submittedAt }])),
          packed,
        };
        // Written exactly as a live start + answers + submit would be: the start event carries
        // the header (candidate, ids, bank and blueprint hashes, seed, paper hash, deadline), and
        // the result is bound to the chain head, so the trainer's check finds the record intact.
        store.chain(record, [
          store.startEvent(record, { bank, blueprint }),
          ...Object.entries(values).map(([itemId, value]) => ({ type: 'answer', at: submittedAt, itemId, value })),
          { type: 'submit', at: submittedAt },
        ]);
        attempts.push(record);
        results.push(store.resultRecord(record, result));
      }
    }
  } finally {
    exam.free();
  }
  job.onProgress?.(count, count);
  // `extra(attempts)` may add records to other stores (the demo roster), in the same transaction.
  const more = extra ? extra(attempts) : {};
  await store.transaction(['attempts', 'results', ...Object.keys(more)], 'readwrite', async (s) => {
    for (const record of attempts) s.attempts.put(record);
    for (const record of results) s.results.put(record);
    for (const [name, records] of Object.entries(more)) for (const record of records) s[name].put(record);
  });
  return attempts.length;
}
