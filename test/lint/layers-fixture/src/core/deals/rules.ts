// allowed
import { member } from '../workspaces/types.ts';

export const rule = member;
