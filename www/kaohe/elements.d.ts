// Types of kaohe/elements: importing it registers <kaohe-exam> and <kaohe-radar>.
import type { ExamResult } from './index.js';

/** detail of the `kaohe-answer` event. */
export interface KaoheAnswerDetail { attemptId: string; itemId: string; value: unknown }

/** <kaohe-exam bank-src blueprint-src candidate-id candidate-name lang store-name> */
export class KaoheExamElement extends HTMLElement {
  /** The current attempt's id (null until the paper is ready). */
  readonly attemptId: string | null;
  /** Scores and stores the attempt, shows the result and dispatches `kaohe-submitted`. */
  submit(): Promise<ExamResult | null>;
}

/** The data `<kaohe-radar>` draws; `model` and `evaluation` as the competency API defines them. */
export interface KaoheRadarData { model: unknown; evaluation: unknown; team?: unknown }

/** <kaohe-radar model-src evaluation-src team-src lang>, or set `.data`. */
export class KaoheRadarElement extends HTMLElement {
  data: KaoheRadarData | null;
}

/** Registers both elements (done on import; idempotent). */
export function defineElements(registry?: CustomElementRegistry): void;

declare global {
  interface HTMLElementTagNameMap {
    'kaohe-exam': KaoheExamElement;
    'kaohe-radar': KaoheRadarElement;
  }
  interface HTMLElementEventMap {
    'kaohe-answer': CustomEvent<KaoheAnswerDetail>;
    'kaohe-submitted': CustomEvent<ExamResult>;
  }
}
