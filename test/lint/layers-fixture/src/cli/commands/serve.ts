// allowed
import { server } from '../../http/server.ts';

export const serve = server;
