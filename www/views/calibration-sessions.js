// Calibration sessions (校准会), as QA teams run them: the trainer picks a few recorded role plays
// and the expert whose scoring is the reference; every rater scores them on their own, blind
// (until the reveal, the calibration report leaves these role plays out, so nobody sees another
// rater's marks); then the reveal shows each rater's 校准得分 against the expert, and the drift
// table follows each rater's score from session to session.
// Sessions are one `meta` record (`calibration:sessions`), written in one transaction each time.
import { h, announce } from '../dom.js';
import { uiLocale } from '../i18n.js';
import { fmt, raterLabel, performanceLabel } from './rubric/common.js';
import { calibrationScores } from './calibration-score.js';

const KEY = 'calibration:sessions';

const S = {
  title: ['校准会', 'Calibration sessions'],
  intro: ['选几场通话录音和一位专家：每位评分人独立打分（揭晓前互相看不到分数），揭晓后按与专家打分相同的比例给出校准得分，并跟踪每人每次校准会的变化。',
    'Pick a few recorded role plays and an expert: each rater scores them alone (no one sees the others’ marks before the reveal); the reveal gives each rater’s calibration score against the expert, and the drift table follows it from session to session.'],
  none: ['还没有校准会。先在下方选择场次和专家，新建一次。', 'No session yet. Pick the role plays and the expert below to create one.'],
  create: ['新建校准会', 'New session'],
  name: ['名称', 'Name'],
  date: ['日期', 'Date'],
  expert: ['专家', 'Expert'],
  pick: ['参加校准的场次', 'Role plays to calibrate on'],
  pickOne: ['请至少选择一场。', 'Pick at least one role play.'],
  save: ['新建', 'Create'],
  created: ['已新建校准会。', 'Session created.'],
  blind: ['评分中（互不可见）', 'Scoring (blind)'],
  revealed: ['已揭晓', 'Revealed'],
  reveal: ['揭晓结果', 'Reveal'],
  progress: ['{r}：已评 {a} / {b} 场', '{r}: {a} of {b} scored'],
  expertMissing: ['专家尚未评完全部场次，揭晓后部分场次无法比较。', 'The expert has not scored every role play: some cannot be compared.'],
  score: ['校准得分', 'Calibration score'],
  drift: ['校准得分变化', 'Calibration score over sessions'],
  driftHelp: ['每列一次已揭晓的校准会，按日期排列；箭头表示比上一次升高或降低。', 'One column per revealed session, by date; arrows show the change from the previous one.'],
  rater: ['评分人', 'Rater'],
  defaultName: ['{d} 校准会', 'Calibration {d}'],
};
const s = (key, params = {}) => {
  let text = S[key][uiLocale() === 'en' ? 1 : 0];
  for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, String(v));
  return text;
};

export async function loadSessions(store) {
  return (await store.get('meta', KEY))?.value ?? [];
}

/** Replaces one session (or adds it) in one read-modify-write transaction. */
async function saveSession(store, session) {
  return store.transaction('meta', 'readwrite', async (st) => {
    const current = await new Promise((resolve, reject) => {
      const request = st.meta.get(KEY);
      request.onsuccess = () => resolve(request.result?.value ?? []);
      request.onerror = () => reject(request.error);
    });
    const next = [...current.filter((x) => x.id !== session.id), session];
    st.meta.put({ key: KEY, value: next });
    return next;
  });
}

/** Role plays of sessions not yet revealed: the calibration report leaves them out. */
export function blindPerformances(sessions) {
  return new Set(sessions.filter((x) => !x.revealed).flatMap((x) => x.performanceIds));
}

/** A session's scores: each rater (not the expert) against the expert, on its role plays only. */
export function sessionScores(session, cards) {
  const inSession = new Set(session.performanceIds);
  return calibrationScores(cards.filter((c) => inSession.has(c.performanceId)), session.expertId);
}

function sessionCard(session, cards, roster, onReveal) {
  const inSession = new Set(session.performanceIds);
  const done = new Map();
  for (const c of cards) if (inSession.has(c.performanceId)) done.set(c.raterId, (done.get(c.raterId) ?? 0) + 1);
  const raters = [...new Set([...done.keys(), session.expertId])];
  const expertDone = done.get(session.expertId) ?? 0;
  const performances = session.performanceIds.map((id) => roster.performances.find((p) => p.id === id)).filter(Boolean);
  const scores = session.revealed ? sessionScores(session, cards) : [];
  return h('article', { class: 'card session', dataset: { sessionId: session.id, revealed: String(Boolean(session.revealed)) } },
    h('div', { class: 'page-head' },
      h('h4', {}, `${session.title} · ${session.date}`),
      h('span', { class: `pill ${session.revealed ? 'good' : 'warn'}` }, session.revealed ? s('revealed') : s('blind'))),
    h('p', { class: 'muted small' }, `${s('expert')}：${raterLabel(session.expertId)} · ${performances.map(performanceLabel).join('；')}`),
    session.revealed
      ? h('table', { class: 'session-scores' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, s('rater')), h('th', { scope: 'col', class: 'num' }, s('score')))),
        h('tbody', {}, scores.map((r) => h('tr', { dataset: { raterId: r.raterId, value: r.percent ?? '' } },
          h('th', { scope: 'row' }, raterLabel(r.raterId)),
          h('td', { class: `num ${r.percent !== null && r.percent < 80 ? 'bad' : 'good'}` }, r.percent === null ? '—' : `${fmt(r.percent, 0)}%`)))))
      : [
        h('ul', { class: 'plain small' }, raters.map((r) => h('li', {}, s('progress', { r: raterLabel(r), a: done.get(r) ?? 0, b: session.performanceIds.length })))),
        expertDone < session.performanceIds.length ? h('p', { class: 'warn small' }, s('expertMissing')) : null,
        h('p', {}, h('button', { type: 'button', class: 'primary reveal-session', onclick: () => onReveal(session) }, s('reveal'))),
      ]);
}

function driftTable(sessions, cards) {
  const revealed = sessions.filter((x) => x.revealed).sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  if (revealed.length < 2) return null;
  const perSession = revealed.map((x) => new Map(sessionScores(x, cards).map((r) => [r.raterId, r.percent])));
  const raters = [...new Set(perSession.flatMap((m) => [...m.keys()]))].sort();
  return h('div', {},
    h('h4', { id: 'drift-title' }, s('drift')),
    h('p', { class: 'muted small' }, s('driftHelp')),
    h('div', { class: 'table-scroll' }, h('table', { id: 'drift-table', 'aria-labelledby': 'drift-title' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, s('rater')), revealed.map((x) => h('th', { scope: 'col', class: 'num' }, `${x.title}`)))),
      h('tbody', {}, raters.map((r) => h('tr', { dataset: { raterId: r } },
        h('th', { scope: 'row' }, raterLabel(r)),
        perSession.map((m, i) => {
          const value = m.get(r);
          const before = i > 0 ? perSession[i - 1].get(r) : undefined;
          const arrow = value == null || before == null || value === before ? '' : value > before ? ' ↑' : ' ↓';
          return h('td', { class: 'num', dataset: { value: value ?? '' } }, value == null ? '—' : `${fmt(value, 0)}%${arrow}`);
        })))))));
}

/**
 * The sessions panel of the calibration view. `cards`: every complete scorecard of the rubric;
 * `roster`: { performances, raters }.
 */
export async function sessionsPanel(store, { cards, roster, rerender }) {
  const sessions = await loadSessions(store);
  const status = h('p', { role: 'status', id: 'session-status' });
  const today = new Date().toISOString().slice(0, 10);
  const name = h('input', { type: 'text', id: 'session-name', value: s('defaultName', { d: today }) });
  const date = h('input', { type: 'date', id: 'session-date', value: today });
  const expert = h('select', { id: 'session-expert' }, roster.raters.map((r) => h('option', { value: r.id, selected: r.id === 'expert-zhou' }, raterLabel(r.id))));
  const boxes = roster.performances.map((p) => h('label', { class: 'choice' },
    h('input', { type: 'checkbox', name: 'session-performance', value: p.id }), h('span', {}, performanceLabel(p))));
  const reveal = async (session) => {
    await saveSession(store, { ...session, revealed: true, revealedAt: Date.now() });
    announce(s('revealed'));
    rerender();
  };
  const form = h('form', {
    id: 'session-form',
    onsubmit: async (event) => {
      event.preventDefault();
      const performanceIds = boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => i.value);
      if (performanceIds.length === 0) {
        status.textContent = s('pickOne');
        status.className = 'bad';
        return;
      }
      await saveSession(store, {
        id: `cal-${Date.now().toString(36)}`, title: name.value.trim() || s('defaultName', { d: date.value }),
        date: date.value || today, expertId: expert.value, performanceIds, revealed: false,
      });
      announce(s('created'));
      rerender();
    },
  },
  h('div', { class: 'row' },
    h('div', {}, h('label', { for: 'session-name' }, s('name')), name),
    h('div', {}, h('label', { for: 'session-date' }, s('date')), date),
    h('div', {}, h('label', { for: 'session-expert' }, s('expert')), expert)),
  h('fieldset', { class: 'plain-set' }, h('legend', {}, s('pick')), boxes),
  h('p', {}, h('button', { type: 'submit', id: 'session-create' }, s('save'))),
  status);
  const sorted = [...sessions].sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id));
  return h('section', { class: 'card', id: 'calibration-sessions', 'aria-labelledby': 'sessions-title' },
    h('h3', { id: 'sessions-title' }, s('title')),
    h('p', { class: 'muted' }, s('intro')),
    sessions.length === 0 ? h('p', { id: 'sessions-empty' }, s('none')) : null,
    sorted.map((x) => sessionCard(x, cards, roster, reveal)),
    driftTable(sessions, cards),
    h('details', { class: 'disclosure', open: sessions.length === 0 }, h('summary', {}, s('create')), form));
}
