// forbidden: kernel-is-the-bottom core-layers
import { rule } from '../deals/rules.ts';

export const up = rule;
