// allowed
import { rule } from '../rules.ts';

export const closeDeal = rule;
