// A tiny bundled app: imports the package by name (a file: dependency in tests/package.json),
// validates the sample bank, scores an attempt and renders the result.
import { init, validateBank, Exam, BACKUP_FORMAT } from 'kaohe';
import 'kaohe/elements';
import bank from '../../www/samples/bank.json';
import blueprint from '../../www/samples/blueprint-practice.json';

const status = document.getElementById('status');
const out = document.getElementById('result');

async function main() {
  await init();
  const valid = validateBank(bank);
  const exam = new Exam(bank, blueprint);
  const paper = exam.assemble(7);
  const byId = new Map(bank.items.map((i) => [i.id, i]));
  const responses = {};
  for (const section of paper.sections) {
    for (const id of section.itemIds) {
      const item = byId.get(id);
      responses[id] = item.type === 'situational' ? item.options.reduce((a, b) => (b.points > a.points ? b : a)).id : item.answer;
    }
  }
  const result = exam.score({ paper, responses, timeUsedSeconds: 300 });
  exam.free();
  const line = document.createElement('p');
  line.id = 'score';
  line.textContent = `${valid.items.length} · ${result.points}/${result.maxPoints} · ${result.passed ? '合格' : '不合格'} · ${BACKUP_FORMAT}`;
  out.append(line);
  status.textContent = 'ready';
  document.body.dataset.ready = 'true';
}

main().catch((error) => {
  status.textContent = `${error.code ?? ''} ${error.message}`;
  document.body.dataset.ready = 'error';
});
