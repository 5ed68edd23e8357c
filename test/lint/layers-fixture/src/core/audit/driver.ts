// forbidden: core-no-drivers
import { Kysely } from 'kysely';

export const driver = Kysely;
