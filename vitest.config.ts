import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Vitest runs the files that took longest last time first, so that no long file starts at the
  // end while the other worker sits idle. It keeps those durations in Vite's cache folder, which
  // defaults to node_modules/.vite, and `npm ci` (.ci/run) deletes node_modules: kept here
  // instead (ignored by git; .ci/run hands it to its second Node's copy).
  cacheDir: '.cache/vite',
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one on a 2-core machine, which runs
    // the suite file by file although most of it waits on a database or a child process. Two
    // at least (issue 15: test/today and test/commitments took 336 s with one, 197 s with two).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
