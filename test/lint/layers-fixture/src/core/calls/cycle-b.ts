// allowed (the cycle it closes is reported once, from cycle-a.ts)
import { a } from './cycle-a.ts';

export const b = (): string => a();
