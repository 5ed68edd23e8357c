import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/*
 * Files that must not share a process with others (decision 027): those that change
 * process-wide state (the host's time zone, process.env.TZ) and the property tests that compare
 * Intl with the Temporal polyfill over every zone, both of which keep per-process caches. Every
 * other file runs in a worker that keeps the modules it has loaded for the next file (Vitest's
 * `isolate: false`): the suite loads the server, Kysely and Fastify once per worker rather than
 * once per file, which took its import time from 108 s to 12 s.
 */
const OWN_PROCESS = [
  'test/extraction/chrono-host-zone.test.ts',
  'test/calendar/feed.test.ts',
  'test/calendar/read-ics.test.ts',
  'src/**/*.property.test.ts',
];
const ALL = ['src/**/*.test.ts', 'test/**/*.test.ts'];

export default defineConfig({
  // Vitest runs the files that took longest last time first, so that no long file starts at the
  // end while the other worker sits idle. It keeps those durations in Vite's cache folder, which
  // defaults to node_modules/.vite, and `npm ci` (.ci/run) deletes node_modules: kept here
  // instead (ignored by git; .ci/run hands it to its second Node's copy).
  cacheDir: '.cache/vite',
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one on a 2-core machine, which runs
    // the suite file by file although most of it waits on a database or a child process. Two
    // at least (issue 15: test/today and test/commitments took 336 s with one, 197 s with two).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: { name: 'shared', include: ALL, exclude: OWN_PROCESS, isolate: false },
      },
      {
        extends: true,
        test: { name: 'own-process', include: OWN_PROCESS, isolate: true },
      },
    ],
  },
});
