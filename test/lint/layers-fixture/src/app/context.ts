// allowed
import { problem } from '../core/kernel/errors.ts';

export const context = problem;
