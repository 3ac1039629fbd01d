// The benchmark's synthetic exam and cohort, shared by every path that is timed: the module
// (packed through `Exam.encode`), the plain-JS scorer and SurveyJS all read the same responses.
//
// Items cycle single choice (60 %), multiple choice (25 %, exact-set credit) and true/false
// (15 %): the types all three scorers understand. Candidates answer by a logistic model of
// ability against difficulty; 3 % of answers are left blank.

// Served at /bench/ beside www/ at the root (bench/bench.mjs), so this is www/random.js.
import { mulberry32 as rng } from '../random.js';

const LETTERS = 'ABCDE';

function item(k) {
  const id = `q${String(k).padStart(4, '0')}`;
  const slot = k % 20;
  const tags = { dimension: 'product_knowledge', knowledgePoint: `知识点${k % 7}`, difficulty: 1 + (k * 7) % 5 };
  if (slot < 12) {
    const options = [...LETTERS.slice(0, 4)].map((o) => ({ id: o, text: `选项${o}` }));
    return { id, type: 'single', stem: `第 ${k + 1} 题（单选）`, options, answer: LETTERS[k % 4], points: 1 + (k % 2), tags };
  }
  if (slot < 17) {
    const options = [...LETTERS].map((o) => ({ id: o, text: `选项${o}` }));
    const answer = k % 2 ? ['A', 'C'] : ['B', 'D', 'E'];
    return { id, type: 'multiple', stem: `第 ${k + 1} 题（多选）`, options, answer, points: 3, tags };
  }
  return { id, type: 'trueFalse', stem: `第 ${k + 1} 题（判断）`, answer: k % 3 !== 0, points: 1, tags };
}

/** A bank of `items` items and a blueprint that puts all of them on every paper, unshuffled. */
export function syntheticExam(items) {
  const bank = {
    schemaVersion: 1, id: `bench-${items}`, title: `基准题库（${items} 题）`,
    multipleChoicePolicy: { kind: 'exact' },
    items: Array.from({ length: items }, (_, k) => item(k)),
  };
  const blueprint = {
    schemaVersion: 1, id: `bench-bp-${items}`, title: `基准考试（${items} 题）`, bankId: bank.id,
    passMarkPercent: 60, shuffleItems: false, shuffleOptions: false,
    sections: [{ id: 's1', title: '全部', fixed: bank.items.map((i) => i.id) }],
  };
  return { bank, blueprint };
}

function wrongOption(random, options, key) {
  const wrong = options.filter((o) => o !== key);
  return wrong[Math.floor(random() * wrong.length)];
}

/** One candidate's responses (item id → value), from `random` and the candidate's ability. */
function candidateResponses(bank, random) {
  const u = Math.max(random(), 1e-12);
  const ability = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  const responses = {};
  for (const it of bank.items) {
    if (random() < 0.03) continue;
    const p = 1 / (1 + Math.exp(-1.7 * (ability - 0.6 * (it.tags.difficulty - 3) + 0.5)));
    const right = random() < p;
    if (it.type === 'single') {
      responses[it.id] = right ? it.answer : wrongOption(random, it.options.map((o) => o.id), it.answer);
    } else if (it.type === 'multiple') {
      responses[it.id] = right ? [...it.answer] : (random() < 0.5 ? it.answer.slice(1) : [...it.answer, 'A' === it.answer[0] ? 'B' : 'A']);
    } else {
      responses[it.id] = right ? it.answer : !it.answer;
    }
  }
  return responses;
}

/** `count` candidates' responses, deterministic from `seed`; `each(c, responses)` per candidate. */
export function eachCandidate(bank, count, seed, each) {
  const random = rng(seed);
  for (let c = 0; c < count; c += 1) each(c, candidateResponses(bank, random));
}

/** A straightforward plain-JS scorer: totals and correct counts over the response objects. */
export function scorePlain(bank, cohort) {
  const keys = bank.items.map((it) => ({
    id: it.id, type: it.type, points: it.points,
    key: it.type === 'multiple' ? new Set(it.answer) : it.answer,
  }));
  const totals = new Float64Array(cohort.length);
  const correct = new Uint32Array(cohort.length);
  for (let c = 0; c < cohort.length; c += 1) {
    const responses = cohort[c];
    let total = 0;
    let right = 0;
    for (const k of keys) {
      const r = responses[k.id];
      if (r === undefined) continue;
      const ok = k.type === 'multiple'
        ? r.length === k.key.size && r.every((o) => k.key.has(o))
        : r === k.key;
      if (ok) {
        total += k.points;
        right += 1;
      }
    }
    totals[c] = total;
    correct[c] = right;
  }
  return { totals, correct };
}

/** The same questions as a SurveyJS model JSON, with `correctAnswer`. */
export function surveyJson(bank) {
  return {
    pages: [{
      name: 'p1',
      elements: bank.items.map((it) => {
        if (it.type === 'single') return { type: 'radiogroup', name: it.id, title: it.stem, choices: it.options.map((o) => o.id), correctAnswer: it.answer };
        if (it.type === 'multiple') return { type: 'checkbox', name: it.id, title: it.stem, choices: it.options.map((o) => o.id), correctAnswer: it.answer };
        return { type: 'boolean', name: it.id, title: it.stem, correctAnswer: it.answer };
      }),
    }],
  };
}
