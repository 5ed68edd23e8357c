// forbidden: model-not-flows
import { closeDeal } from './flows/close-deal.ts';

export const close = closeDeal;
