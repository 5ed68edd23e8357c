// forbidden: core-layers
import { plan } from '../today/plan.ts';

export const up = plan;
