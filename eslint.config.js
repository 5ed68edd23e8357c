import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'web/dist',
      'data',
      'test-results',
      'coverage',
      // Generated: Vite's cache and the scripts the suites bundle (test/support/bundled-script.ts).
      '.cache',
      // Forbidden on purpose; test/lint/core-purity.test.ts lints it as a core file.
      'test/lint/*.fixture.ts',
      // Imports that break the layers on purpose; test/lint/layers.test.ts runs dependency-cruiser on it.
      'test/lint/layers-fixture/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The domain stays pure: no drivers, no HTTP, no file system, no outer layer, no ambient
    // clock or randomness (both are passed in). test/lint/core-purity.test.ts checks that each
    // way round these rules is caught.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'temporal-polyfill',
              importNames: ['Now'],
              message: 'Use the injected Clock.',
            },
          ],
          patterns: [
            {
              group: [
                'kysely',
                'kysely/*',
                'better-sqlite3',
                'pg',
                'pg-*',
                'fastify',
                '@fastify/*',
                'commander',
              ],
              message: 'src/core is pure: pass ports in instead.',
            },
            {
              group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'http'],
              message: 'src/core must not touch Node APIs.',
            },
            {
              group: ['**/app/**', '**/storage/**', '**/http/**', '**/cli/**'],
              message: 'src/core must not depend on outer layers.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'globalThis', message: 'src/core reads nothing from the global object.' },
        { name: 'performance', message: 'Use the injected Clock.' },
        { name: 'crypto', message: 'Use the injected id generator.' },
        { name: 'process', message: 'src/core is given its settings, it does not read them.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use the injected Clock.' },
        { object: 'Math', property: 'random', message: 'Use the injected id generator.' },
        { object: 'Temporal', property: 'Now', message: 'Use the injected Clock.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Use the injected Clock.',
        },
        {
          selector: "CallExpression[callee.name='Date']",
          message: 'Date() is the current time: use the injected Clock.',
        },
      ],
    },
  },
  {
    // The web app's hooks: called in the same order on every render, and every value an effect
    // or memo reads is in its dependency list (a missing one leaves it reading a stale value).
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
