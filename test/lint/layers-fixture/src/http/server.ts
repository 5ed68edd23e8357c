// allowed
import { context } from '../app/context.ts';

export const server = context;
