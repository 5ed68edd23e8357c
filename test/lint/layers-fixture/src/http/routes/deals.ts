// forbidden: http-not-storage
import { repository } from '../../storage/repository.ts';

export const route = repository;
