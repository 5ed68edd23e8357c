// allowed
import { problem } from '../kernel/errors.ts';

export const day = problem;
