// forbidden: core-layers
import { closeDeal } from '../../deals/flows/close-deal.ts';

export const signUp = closeDeal;
