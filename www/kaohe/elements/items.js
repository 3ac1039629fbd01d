// One form control per item type, inside the exam element's shadow root. `save(value)` is
// called on every change; labels come from the item text, options are lettered by position.
import { h, replace } from './dom.js';

const letter = (i) => String.fromCharCode(65 + (i % 26));

/** True when `value` counts as an answer. */
export function isAnswered(value) {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.some((v) => v !== '' && v !== null && v !== undefined);
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

function choices(item, name, value, save, multiple) {
  const chosen = new Set(Array.isArray(value) ? value : []);
  return item.options.map((o, i) => h('label', { class: 'choice' },
    h('input', {
      type: multiple ? 'checkbox' : 'radio', name, value: o.id,
      checked: multiple ? chosen.has(o.id) : value === o.id,
      onchange: (e) => {
        if (!multiple) { save(o.id); return; }
        if (e.target.checked) chosen.add(o.id); else chosen.delete(o.id);
        save(item.options.map((x) => x.id).filter((x) => chosen.has(x)));
      },
    }),
    h('span', {}, `${letter(i)}. ${o.text}`)));
}

function ordering(item, value, save, tr) {
  const byId = new Map(item.options.map((o) => [o.id, o]));
  const order = Array.isArray(value) && value.length === item.options.length ? [...value] : item.options.map((o) => o.id);
  const list = h('ol', { class: 'ordering' });
  const move = (i, j, id, dir) => { [order[i], order[j]] = [order[j], order[i]]; save([...order]); draw(id, dir); };
  const draw = (focusId, dir) => {
    replace(list, order.map((id, i) => {
      const text = byId.get(id)?.text ?? id;
      return h('li', {}, h('span', {}, text),
        h('button', { type: 'button', disabled: i === 0, 'aria-label': `${tr('moveUp')}: ${text}`, dataset: { move: 'up', id }, onclick: () => move(i, i - 1, id, 'up') }, '↑'),
        h('button', { type: 'button', disabled: i === order.length - 1, 'aria-label': `${tr('moveDown')}: ${text}`, dataset: { move: 'down', id }, onclick: () => move(i, i + 1, id, 'down') }, '↓'));
    }));
    if (focusId) {
      const buttons = [...list.querySelectorAll('button:not([disabled])')].filter((b) => b.dataset.id === focusId);
      (buttons.find((b) => b.dataset.move === dir) ?? buttons[0])?.focus();
    }
  };
  draw();
  return [list];
}

/** The fieldset for `item` (from `Exam.view`), numbered `number`, showing `value`. */
export function itemControl(item, number, value, save, tr) {
  const name = `q-${item.id}`;
  const legendId = `${name}-legend`;
  const legend = h('legend', { id: legendId }, `${tr('question', { n: number })}　${item.stem}　`,
    h('span', { class: 'muted' }, `（${tr('points', { n: item.points })}）`));
  let body;
  switch (item.type) {
    case 'single': case 'situational': body = choices(item, name, value, save, false); break;
    case 'multiple': body = choices(item, name, value, save, true); break;
    case 'trueFalse':
      body = [[true, tr('trueLabel')], [false, tr('falseLabel')]].map(([v, label]) => h('label', { class: 'choice' },
        h('input', { type: 'radio', name, value: String(v), checked: value === v, onchange: () => save(v) }), h('span', {}, label)));
      break;
    case 'fillBlank': {
      const values = Array.isArray(value) ? [...value] : [];
      body = Array.from({ length: item.blankCount }, (_, i) => h('div', {},
        h('label', { for: `${name}-b${i}` }, tr('blank', { n: i + 1 })), ' ',
        h('input', {
          type: 'text', id: `${name}-b${i}`, value: values[i] ?? '', autocomplete: 'off',
          oninput: (e) => { values[i] = e.target.value; for (let k = 0; k < item.blankCount; k += 1) values[k] ??= ''; save(values.slice(0, item.blankCount)); },
        })));
      break;
    }
    case 'numeric':
      body = [h('label', { for: `${name}-n` }, `${tr('numberAnswer')}${item.unit ? `（${item.unit}）` : ''}`), ' ',
        h('input', { type: 'text', id: `${name}-n`, inputmode: 'decimal', autocomplete: 'off', value: value ?? '', oninput: (e) => save(e.target.value.trim() || null) })];
      break;
    case 'ordering': body = ordering(item, value, save, tr); break;
    case 'matching': {
      const pairs = value && typeof value === 'object' && !Array.isArray(value) ? { ...value } : {};
      body = item.prompts.map((p) => h('div', {},
        h('label', { for: `${name}-${p.id}` }, p.text), ' ',
        h('select', { id: `${name}-${p.id}`, onchange: (e) => { if (e.target.value) pairs[p.id] = e.target.value; else delete pairs[p.id]; save({ ...pairs }); } },
          h('option', { value: '' }, tr('choose')),
          item.options.map((o) => h('option', { value: o.id, selected: pairs[p.id] === o.id }, o.text)))));
      break;
    }
    case 'shortAnswer':
      body = [h('label', { for: `${name}-text`, class: 'muted' }, tr('yourAnswer')),
        h('textarea', { id: `${name}-text`, oninput: (e) => save(e.target.value) }, value ?? '')];
      break;
    default: body = [h('p', { class: 'bad' }, item.type)];
  }
  const group = ['single', 'situational', 'trueFalse', 'multiple'].includes(item.type)
    ? { role: item.type === 'multiple' ? 'group' : 'radiogroup', 'aria-labelledby': legendId } : {};
  return h('fieldset', { class: 'item', part: 'item', dataset: { itemId: item.id, type: item.type } }, legend, h('div', group, body));
}
