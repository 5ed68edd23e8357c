// allowed
import { day } from '../time/days.ts';

export const member = day;
