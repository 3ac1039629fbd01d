// kaohe's custom elements. Importing this module registers <kaohe-exam> and <kaohe-radar>
// (once; a second import or a page that already defined them is left alone). Nothing else is
// global: the classes are exported for subclassing.
//
//   <script type="module" src="kaohe/elements.js"></script>
//   <kaohe-exam bank-src="bank.json" blueprint-src="blueprint.json" candidate-id="E1001" candidate-name="李娜"></kaohe-exam>
import { KaoheExamElement } from './elements/exam.js';
import { KaoheRadarElement } from './elements/radar.js';

export { KaoheExamElement, KaoheRadarElement };

/** Registers the elements under their tag names (idempotent). */
export function defineElements(registry = customElements) {
  if (!registry.get('kaohe-exam')) registry.define('kaohe-exam', KaoheExamElement);
  if (!registry.get('kaohe-radar')) registry.define('kaohe-radar', KaoheRadarElement);
}

defineElements();
