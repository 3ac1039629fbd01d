// The demo page's listener: shows the events the elements dispatch (no inline script under CSP).
const out = document.getElementById('exam-events');
document.addEventListener('kaohe-answer', (event) => {
  out.textContent = `kaohe-answer: ${event.detail.itemId}`;
});
document.addEventListener('kaohe-submitted', (event) => {
  const r = event.detail;
  out.textContent = `kaohe-submitted: ${r.points} / ${r.maxPoints}（${r.passed ? '合格' : '不合格'}）`;
});
