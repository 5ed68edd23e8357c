// forbidden: cli-not-http
import { route } from '../../http/routes/deals.ts';

export const command = route;
