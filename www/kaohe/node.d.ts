// Types of kaohe/node: the Node build of the same crate (loaded synchronously, no init()).
import type * as Kaohe from '../pkg/kaohe.js';

export const Exam: typeof Kaohe.Exam;
export const Cohort: typeof Kaohe.Cohort;
export const validateBank: typeof Kaohe.validateBank;
export const setLocale: typeof Kaohe.setLocale;
export const getLocale: typeof Kaohe.getLocale;
export const all: typeof Kaohe;
declare const kaohe: typeof Kaohe;
export default kaohe;
