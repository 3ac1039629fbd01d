// #/survey/<programmeId>: the reaction survey (反应层问卷) of a training programme, answered on the
// page: rating-scale questions (1–5) and free text, with the 工号 asked unless the trainer made
// the survey anonymous. Each response is stored in one transaction.
import { h, replace, announce } from '../dom.js';
import { pick, uiLocale } from '../i18n.js';

const S = {
  title: ['培训反应层问卷', 'Training reaction survey'],
  missing: ['找不到这个培训项目的问卷。', 'This programme has no survey.'],
  id: ['工号', 'Employee ID'],
  anonymous: ['本问卷匿名，不记录工号。', 'This survey is anonymous: no employee ID is recorded.'],
  scale: ['1 = 非常不同意，5 = 非常同意', '1 = strongly disagree, 5 = strongly agree'],
  submit: ['提交问卷', 'Submit'],
  incomplete: ['请为每个评分题选择 1 至 5 分。', 'Choose 1 to 5 for every rating question.'],
  needId: ['请填写工号。', 'Enter your employee ID.'],
  thanks: ['感谢填写！问卷已保存。', 'Thank you: your answers are saved.'],
};
const s = (key) => S[key][uiLocale() === 'en' ? 1 : 0];

export async function render(main, { store }, programmeId = '') {
  const programme = await store.get('programmes', programmeId);
  const survey = programme ? await store.get('surveys', programme.surveyId) : null;
  if (!survey) {
    replace(main, h('h2', {}, s('title')), h('p', {}, s('missing')));
    return;
  }
  const problem = h('div', { id: 'survey-problem', 'aria-live': 'polite' });
  const idInput = survey.anonymous ? null : h('input', { id: 'survey-person', autocomplete: 'off' });
  const fields = survey.questions.map((q) => {
    if (q.kind === 'likert') {
      const name = `survey-${q.id}`;
      return h('fieldset', { class: 'likert', dataset: { question: q.id } },
        h('legend', {}, pick(q.text)),
        [1, 2, 3, 4, 5].map((v) => h('label', {}, h('input', { type: 'radio', name, value: String(v) }), ` ${v}`)));
    }
    return h('div', { dataset: { question: q.id } }, h('label', { for: `survey-${q.id}` }, pick(q.text)),
      h('textarea', { id: `survey-${q.id}`, rows: 2 }));
  });
  const form = h('form', { class: 'card', id: 'survey-form', onsubmit: async (e) => {
    e.preventDefault();
    const answers = [];
    for (const q of survey.questions) {
      if (q.kind === 'likert') {
        const checked = form.querySelector(`input[name="survey-${q.id}"]:checked`);
        if (!checked) { replace(problem, h('p', { class: 'error-box', role: 'alert' }, s('incomplete'))); return; }
        answers.push({ questionId: q.id, rating: Number(checked.value), text: null });
      } else {
        const text = form.querySelector(`#survey-${q.id}`).value.trim();
        if (text) answers.push({ questionId: q.id, rating: null, text });
      }
    }
    const personId = idInput ? idInput.value.trim() : null;
    if (idInput && !personId) { replace(problem, h('p', { class: 'error-box', role: 'alert' }, s('needId'))); return; }
    const record = {
      id: `${programme.id}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      programmeId: programme.id, surveyId: survey.id, personId, answers, submittedAt: Date.now(),
    };
    await store.put('surveyResponses', record);
    form.reset();
    replace(problem, h('p', { class: 'good', role: 'status', id: 'survey-thanks' }, s('thanks')));
    announce(s('thanks'));
  } },
  idInput ? h('div', {}, h('label', { for: 'survey-person' }, s('id')), idInput) : h('p', { class: 'muted' }, s('anonymous')),
  h('p', { class: 'muted' }, s('scale')), fields,
  h('button', { type: 'submit', id: 'survey-submit' }, s('submit')), problem);
  replace(main, h('h2', {}, `${s('title')}：${programme.name}`), form);
}
