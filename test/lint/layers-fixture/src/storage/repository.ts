// forbidden: storage-not-outer
import { context } from '../app/context.ts';

export const repository = context;
