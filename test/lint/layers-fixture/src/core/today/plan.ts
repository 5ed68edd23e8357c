// allowed
import { rule } from '../deals/rules.ts';

export const plan = rule;
