// forbidden: web-not-src
import { problem } from '../../src/core/kernel/errors.ts';

export const page = problem;
