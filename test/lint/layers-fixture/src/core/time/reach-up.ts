// forbidden: time-above-kernel-only core-layers
import { member } from '../workspaces/types.ts';

export const up = member;
