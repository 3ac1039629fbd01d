// 数据管理 (#/data): the workspace (the real records, or a separate demo workspace for
// generated demo data, removable in one click), and deleting what a trainer no longer needs:
// attempts (with filters, search, sorting and paging, so 2,000 stay usable), banks, rubrics and
// plans. Every deletion first says what goes and what stays, then runs in one transaction.
import { h, replace, announce } from '../dom.js';
import { formatTime } from '../i18n.js';
import { strings, errorBox, confirmInline, listView, fmt } from './cycle-common.js';
import { listAllExams, currentWorkspace, switchWorkspace, removeDemoWorkspace } from '../data.js';
import { generateDemoAttempts, demoRoster } from './analysis-demo.js';
import { runJob, progressPanel } from '../work.js';

const s = strings({
  title: ['数据管理', 'Data'],
  workspace: ['工作区', 'Workspace'],
  real: ['当前为正式数据。演示数据在单独的演示工作区中生成，不会混入正式记录。', 'These are the real records. Demo data is generated in a separate demo workspace, never mixed with them.'],
  demo: ['当前为演示工作区（演示数据）：这里生成的考生与作答与正式记录分开保存。', 'This is the demo workspace (demo data): what is generated here is kept apart from the real records.'],
  toDemo: ['进入演示工作区', 'Open the demo workspace'], toReal: ['返回正式数据', 'Back to the real records'],
  generate: ['生成演示数据', 'Generate demo data'], demoCount: ['考生人数', 'Candidates'], demoExam: ['考试', 'Exam'],
  generating: ['正在生成…', 'Generating…'], cancelled: ['已取消，未写入任何数据。', 'Cancelled: nothing was written.'], generated: ['已生成 {n} 份演示作答和 {p} 名演示人员。', 'Generated {n} demo attempts and {p} demo people.'],
  removeDemo: ['删除演示工作区', 'Remove the demo workspace'],
  removeDemoTitle: ['删除整个演示工作区？', 'Remove the whole demo workspace?'],
  removeDemoGoes: ['演示工作区中的全部记录：{a} 份作答、{p} 名人员、{e} 场考试', 'Everything in the demo workspace: {a} attempts, {p} people, {e} exams'],
  removeDemoStays: ['正式数据不受影响。', 'The real records are untouched.'],
  attempts: ['考试作答', 'Attempts'], exam: ['考试', 'Exam'], candidate: ['考生', 'Candidate'], team: ['班组', 'Team'],
  started: ['开始时间', 'Started'], score: ['得分率', 'Score'], state: ['状态', 'State'], actions: ['操作', 'Actions'],
  inProgress: ['作答中', 'In progress'], passed: ['合格', 'Passed'], failed: ['不合格', 'Failed'], submitted: ['已交卷', 'Submitted'],
  unmatched: ['未匹配', 'Unmatched'], matched: ['名册中', 'In the roster'], roster: ['名册', 'Roster'],
  open: ['查看', 'Open'], remove: ['删除', 'Delete'],
  removeAttempt: ['删除 {n}（{id}）在“{e}”中的作答？', 'Delete {n} ({id})’s attempt at “{e}”?'],
  removeAttemptGoes: ['这份作答、它的成绩和评分记录', 'This attempt, its result and its grading'],
  removeAttemptStays: ['此人的其他作答、实操评分、能力证据和提升计划保留。', 'Their other attempts, practical scores, evidence and plans stay.'],
  attemptRemoved: ['已删除 {n} 的作答。', 'Deleted {n}’s attempt.'],
  banks: ['题库', 'Banks'], items: ['题数', 'Items'], usedBy: ['被考试引用', 'Used by exams'],
  removeBank: ['删除题库“{t}”？', 'Delete the bank “{t}”?'],
  removeBankGoes: ['题库本身（{n} 道题）', 'The bank itself ({n} items)'],
  removeBankStays: ['已发布的考试使用各自的题库快照，不受影响；引用它的草稿（{d}）需要改选题库；{a} 份作答的成绩保留，但逐题回顾将无法显示。', 'Published exams use their own snapshot and are unaffected; drafts using it ({d}) must choose another bank; {a} attempts keep their scores, but their item-by-item review can no longer be shown.'],
  bankRemoved: ['已删除题库“{t}”。', 'Deleted the bank “{t}”.'],
  rubrics: ['实操评分表', 'Rubrics'], scorecards: ['评分记录', 'Scorecards'],
  removeRubric: ['删除评分表“{t}”？', 'Delete the rubric “{t}”?'],
  removeRubricGoes: ['评分表本身', 'The rubric itself'],
  removeRubricStays: ['已保存的 {n} 份评分记录及其结果保留。', 'The {n} saved scorecards and their results stay.'],
  rubricRemoved: ['已删除评分表“{t}”。', 'Deleted the rubric “{t}”.'],
  plans: ['提升计划', 'Plans'], person: ['人员', 'Person'], saved: ['保存时间', 'Saved'],
  removePlan: ['删除 {n} 的提升计划？', 'Delete {n}’s plan?'],
  removePlanGoes: ['这份计划及其 {c} 次跟进记录', 'This plan and its {c} check-ins'],
  removePlanStays: ['此人的作答、评分和能力证据保留。', 'Their attempts, scores and evidence stay.'],
  planRemoved: ['已删除提升计划。', 'Deleted the plan.'],
  none: ['（无）', '(none)'],
});

async function workspaceCard(store, rerender) {
  const demo = currentWorkspace() === 'demo';
  const status = h('p', { role: 'status', id: 'demo-status' });
  const confirmSlot = h('div', { id: 'demo-confirm' });
  if (!demo) {
    return h('section', { class: 'card', 'aria-labelledby': 'workspace-title' },
      h('h3', { id: 'workspace-title' }, s('workspace')), h('p', {}, s('real')),
      h('p', {}, h('button', { type: 'button', id: 'to-demo', onclick: () => switchWorkspace('demo') }, s('toDemo'))));
  }
  const exams = (await listAllExams(store)).filter((e) => !e.practice);
  const count = h('input', { type: 'number', id: 'demo-count', min: '1', max: '5000', step: '1', value: '200' });
  const examSelect = h('select', { id: 'demo-exam' }, exams.map((e, i) => h('option', { value: String(i) }, e.exam.title)));
  const generate = h('button', { type: 'button', class: 'primary', id: 'demo-generate', onclick: async () => {
    const n = Math.round(Number(count.value));
    const entry = exams[Number(examSelect.value)];
    if (!entry || !(n >= 1 && n <= 5000)) { count.focus(); return; }
    generate.disabled = true;
    status.textContent = s('generating');
    // In the worker (the page stays responsive), with a progress bar and a cancel button; the
    // demo cohort's roster (the generated candidates, spread over teams) is written in the same
    // transaction as the attempts. The in-memory store lives in the page: generated there.
    const panel = progressPanel(s('generating'));
    status.after(panel.node);
    try {
      const { attempts: written, people } = typeof Worker === 'undefined' || store.persistent === false
        ? await (async () => {
          let n2 = 0;
          const a = await generateDemoAttempts(store, entry, n, undefined, {}, (list) => { const out = demoRoster(list); n2 = out.people.length; return out; });
          return { attempts: a, people: n2 };
        })()
        : await runJob('demo', { bank: entry.bank, blueprint: entry.blueprint, count: n, locale: store.locale, db: store.name, roster: true },
          { onProgress: (done, total) => panel.update(done, total), signal: panel.signal });
      status.textContent = s('generated', { n: written, p: people });
      announce(status.textContent);
      await rerender(status.textContent);
    } catch (error) {
      if (error?.name === 'AbortError') status.textContent = s('cancelled');
      else replace(status, errorBox(error));
    } finally {
      panel.node.remove();
      generate.disabled = false;
    }
  } }, s('generate'));
  const remove = h('button', { type: 'button', class: 'danger', id: 'demo-remove', onclick: async () => {
    const [a, p, e] = await Promise.all([store.getAll('attempts'), store.getAll('people'), store.getAll('exams')]);
    const ok = await confirmInline(confirmSlot, { title: s('removeDemoTitle'), goes: [s('removeDemoGoes', { a: a.length, p: p.length, e: e.length })], stays: [s('removeDemoStays')], confirmLabel: s('removeDemo') });
    if (!ok) return;
    await removeDemoWorkspace(store);
    location.hash = '#/data';
    location.reload();
  } }, s('removeDemo'));
  return h('section', { class: 'card', 'aria-labelledby': 'workspace-title' },
    h('h3', { id: 'workspace-title' }, s('workspace')), h('p', {}, h('strong', {}, s('demo'))),
    h('div', { class: 'row' },
      h('label', { for: 'demo-exam' }, s('demoExam')), examSelect,
      h('label', { for: 'demo-count' }, s('demoCount')), count, generate),
    status,
    h('p', { class: 'row' }, h('button', { type: 'button', id: 'to-real', onclick: () => switchWorkspace('real') }, s('toReal')), remove),
    confirmSlot);
}

export async function render(main, context) {
  const { store } = context;
  const [attempts, results, people, exams, banks, rubrics, scorecards, plans, checkins] = await Promise.all([
    store.getAll('attempts'), store.getAll('results'), store.getAll('people'), store.getAll('exams'), store.getAll('banks'),
    store.getAll('rubrics'), store.getAll('scorecards'), store.getAll('plans'), store.getAll('checkins'),
  ]);
  const status = h('p', { role: 'status', id: 'data-status' });
  const confirmSlot = h('div', { id: 'data-confirm' });
  const rerender = async (message) => { await render(main, context); document.getElementById('data-status').textContent = message; announce(message); };
  const run = async (work) => { try { await work(); } catch (error) { replace(confirmSlot, errorBox(error)); } };

  const byAttempt = new Map(results.map((r) => [r.attemptId, r]));
  const person = new Map(people.map((p) => [p.id, p]));
  const examTitle = new Map(exams.map((e) => [e.id, e.title]));
  const rows = attempts.map((a) => {
    const record = byAttempt.get(a.attemptId);
    const p = person.get(a.candidate?.id);
    const state = a.status !== 'submitted' ? 'inProgress' : !record?.result ? 'submitted' : record.result.passed ? 'passed' : 'failed';
    return { a, record, team: p?.team ?? '', matched: Boolean(p), state, percent: record?.result?.percent ?? null, exam: examTitle.get(a.examId ?? a.blueprintId) ?? a.examTitle ?? '' };
  });
  const removeAttempt = (row) => run(async () => {
    const ok = await confirmInline(confirmSlot, { title: s('removeAttempt', { n: row.a.candidate?.name ?? '', id: row.a.candidate?.id ?? '', e: row.exam }), goes: [s('removeAttemptGoes')], stays: [s('removeAttemptStays')], confirmLabel: s('remove') });
    if (!ok) return;
    await store.deleteMany({ attempts: [row.a.attemptId], results: [row.a.attemptId] });
    await rerender(s('attemptRemoved', { n: row.a.candidate?.name ?? '' }));
  });
  const distinct = (list) => [...new Set(list.filter(Boolean))].sort().map((v) => [v, v]);
  const attemptList = listView({
    id: 'attempts-list', caption: s('attempts'), rows, pageSize: 25,
    search: (r) => `${r.a.candidate?.name ?? ''} ${r.a.candidate?.id ?? ''}`,
    initialSort: { col: 3, dir: -1 },
    rowAttrs: (r) => ({ dataset: { attemptId: r.a.attemptId, state: r.state } }),
    filters: [
      { id: 'exam', label: s('exam'), options: distinct(rows.map((r) => r.exam)), test: (r, v) => r.exam === v },
      { id: 'team', label: s('team'), options: distinct(rows.map((r) => r.team)), test: (r, v) => r.team === v },
      { id: 'state', label: s('state'), options: ['inProgress', 'submitted', 'passed', 'failed'].map((v) => [v, s(v)]), test: (r, v) => r.state === v },
      { id: 'roster', label: s('roster'), options: [['yes', s('matched')], ['no', s('unmatched')]], test: (r, v) => r.matched === (v === 'yes') },
    ],
    columns: [
      { label: s('candidate'), value: (r) => r.a.candidate?.id ?? '', cell: (r) => [`${r.a.candidate?.name ?? ''}（${r.a.candidate?.id ?? ''}）`, r.matched ? null : h('span', { class: 'pill warn' }, s('unmatched'))] },
      { label: s('team'), value: (r) => r.team, cell: (r) => r.team },
      { label: s('exam'), value: (r) => r.exam, cell: (r) => r.exam },
      { label: s('started'), value: (r) => r.a.startedAt ?? 0, cell: (r) => formatTime(r.a.startedAt) },
      { label: s('score'), num: true, value: (r) => r.percent ?? -1, cell: (r) => (r.percent === null ? '—' : `${fmt(r.percent)}%`) },
      { label: s('state'), value: (r) => r.state, cell: (r) => h('span', { class: `pill ${r.state === 'passed' ? 'good' : r.state === 'failed' ? 'bad' : ''}` }, s(r.state)) },
      { label: s('actions'), cell: (r) => h('span', { class: 'row' },
        r.record ? h('a', { href: `#/result/${encodeURIComponent(r.a.attemptId)}`, class: 'button' }, s('open')) : null,
        h('button', { type: 'button', dataset: { action: 'remove' }, 'aria-label': `${s('remove')} ${r.a.candidate?.name ?? ''}`, onclick: () => removeAttempt(r) }, s('remove'))) },
    ],
  });

  const userBanks = banks.filter((b) => !String(b.id).startsWith('exam-bank:'));
  const bankList = listView({
    id: 'banks-list', caption: s('banks'), rows: userBanks, pageSize: 10, search: (b) => b.title,
    rowAttrs: (b) => ({ dataset: { bankId: b.id } }),
    columns: [
      { label: s('banks'), value: (b) => b.title, cell: (b) => b.title },
      { label: s('items'), num: true, value: (b) => b.items.length, cell: (b) => String(b.items.length) },
      { label: s('usedBy'), cell: (b) => exams.filter((e) => (e.bankIds ?? []).includes(b.id)).map((e) => e.title).join('、') || s('none') },
      { label: s('actions'), cell: (b) => h('button', { type: 'button', dataset: { action: 'remove' }, onclick: () => run(async () => {
        const drafts = exams.filter((e) => e.status === 'draft' && (e.bankIds ?? []).includes(b.id)).map((e) => e.title).join('、') || s('none');
        const a = attempts.filter((x) => x.bankId === b.id).length;
        const ok = await confirmInline(confirmSlot, { title: s('removeBank', { t: b.title }), goes: [s('removeBankGoes', { n: b.items.length })], stays: [s('removeBankStays', { d: drafts, a })], confirmLabel: s('remove') });
        if (!ok) return;
        await store.deleteMany({ banks: [b.id] });
        await rerender(s('bankRemoved', { t: b.title }));
      }) }, s('remove')) },
    ],
  });

  const rubricList = listView({
    id: 'rubrics-list', caption: s('rubrics'), rows: rubrics, pageSize: 10, search: (r) => r.title,
    columns: [
      { label: s('rubrics'), value: (r) => r.title, cell: (r) => r.title },
      { label: s('scorecards'), num: true, value: (r) => scorecards.filter((c) => c.rubricId === r.id).length, cell: (r) => String(scorecards.filter((c) => c.rubricId === r.id).length) },
      { label: s('actions'), cell: (r) => h('button', { type: 'button', onclick: () => run(async () => {
        const n = scorecards.filter((c) => c.rubricId === r.id).length;
        const ok = await confirmInline(confirmSlot, { title: s('removeRubric', { t: r.title }), goes: [s('removeRubricGoes')], stays: [s('removeRubricStays', { n })], confirmLabel: s('remove') });
        if (!ok) return;
        await store.deleteMany({ rubrics: [r.id] });
        await rerender(s('rubricRemoved', { t: r.title }));
      }) }, s('remove')) },
    ],
  });

  const planList = listView({
    id: 'plans-list', caption: s('plans'), rows: plans, pageSize: 10,
    search: (p) => `${p.personId} ${person.get(p.personId)?.name ?? ''}`,
    columns: [
      { label: s('person'), value: (p) => p.personId, cell: (p) => `${person.get(p.personId)?.name ?? ''}（${p.personId}）` },
      { label: s('saved'), value: (p) => p.savedAt ?? 0, cell: (p) => formatTime(p.savedAt) },
      { label: s('actions'), cell: (p) => h('button', { type: 'button', onclick: () => run(async () => {
        const own = checkins.filter((c) => c.planId === (p.plan?.planId ?? p.id));
        const ok = await confirmInline(confirmSlot, { title: s('removePlan', { n: person.get(p.personId)?.name ?? p.personId }), goes: [s('removePlanGoes', { c: own.length })], stays: [s('removePlanStays')], confirmLabel: s('remove') });
        if (!ok) return;
        await store.deleteMany({ plans: [p.id], checkins: own.map((c) => c.id) });
        await rerender(s('planRemoved'));
      }) }, s('remove')) },
    ],
  });

  replace(main,
    h('h2', {}, s('title')),
    status,
    await workspaceCard(store, rerender),
    confirmSlot,
    h('section', { class: 'card', 'aria-labelledby': 'attempts-title' }, h('h3', { id: 'attempts-title' }, s('attempts')), attemptList.node),
    h('section', { class: 'card', 'aria-labelledby': 'banks-title' }, h('h3', { id: 'banks-title' }, s('banks')), bankList.node),
    h('section', { class: 'card', 'aria-labelledby': 'rubrics-title' }, h('h3', { id: 'rubrics-title' }, s('rubrics')), rubricList.node),
    h('section', { class: 'card', 'aria-labelledby': 'plans-title' }, h('h3', { id: 'plans-title' }, s('plans')), planList.node));
}
