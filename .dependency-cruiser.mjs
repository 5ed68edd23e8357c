/*
 * The layers of the tree and the dependencies allowed between them (decision record 020).
 * `npm run lint` runs this over src/ and web/src/; test/lint/layers.test.ts runs it over a
 * fixture tree with one file breaking each rule and expects every one of them reported.
 * scripts/architecture.mjs writes the folder map and this table into docs/architecture.md.
 */

/** Folders of src/core that the rest of the core builds on; they import nothing above them. */
const BOTTOM = '^src/core/(kernel|time)/';

/**
 * The core's layers, lowest first. A concept's model (the files directly in its folder: types,
 * rules, ports and the reads built on them) may import only the models listed before it; the
 * flows (`<concept>/flows/`: the use cases that open transactions) come after every model and may
 * import any model and the flows listed before them. Nothing imports upward, so there is no
 * cycle between the folders of the core; `no-module-cycle` covers the modules inside one folder.
 * A new folder of src/core goes into this list (test/lint/architecture.test.ts checks that).
 */
const CORE_MODELS = [
  'kernel',
  'time',
  'search',
  'jobs',
  'calendar',
  'workspaces',
  'audit',
  'auth',
  'playbook',
  'webhooks',
  'deals',
  'accounts',
  'commitments',
  'next-steps',
  'touches',
  'extraction',
  'calls',
  'plans',
  'march',
  'neglect',
  'momentum',
  'today',
  'insights',
  'notifications',
  'mail',
  'import-export',
  'calendar-feeds',
];
const CORE_FLOWS = [
  'workspaces',
  'auth',
  'playbook',
  'webhooks',
  'accounts',
  'deals',
  'commitments',
  'next-steps',
  'touches',
  'plans',
  'calls',
  'mail',
  'import-export',
  'notifications',
  'calendar-feeds',
];

const anyOf = (names) => names.map((n) => n.replace(/[-/]/g, '\\$&')).join('|');

/** One rule per layer: it may not import a layer listed after it. */
const layerRules = [
  ...CORE_MODELS.map((name, i) => ({
    name: 'core-layers',
    comment: `The model of src/core/${name} imports only the layers below it.`,
    severity: 'error',
    from: { path: `^src/core/${name}/`, pathNot: `^src/core/${name}/flows/` },
    to: { path: `^src/core/(${anyOf(CORE_MODELS.slice(i + 1))})/` },
  })),
  ...CORE_FLOWS.map((name, i) => ({
    name: 'core-layers',
    comment: `The flows of src/core/${name} import models and only the flows listed before them.`,
    severity: 'error',
    from: { path: `^src/core/${name}/flows/` },
    to: {
      path: '^src/core/[^/]+/flows/',
      pathNot: `^src/core/(${anyOf(CORE_FLOWS.slice(0, i + 1))})/flows/`,
    },
  })),
].filter((rule) => !rule.to.path.endsWith('()/'));

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    ...layerRules,
    {
      name: 'no-module-cycle',
      comment: 'No module of src/ imports itself back, directly or through others.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'kernel-is-the-bottom',
      comment:
        'src/core/kernel (errors, ids, clock, transactions) imports nothing else from the core.',
      severity: 'error',
      from: { path: '^src/core/kernel/' },
      to: { path: '^src/core/', pathNot: '^src/core/kernel/' },
    },
    {
      name: 'time-above-kernel-only',
      comment:
        'src/core/time (days, zones, weekdays, formatting) imports only the kernel from the core.',
      severity: 'error',
      from: { path: '^src/core/time/' },
      to: { path: '^src/core/', pathNot: BOTTOM },
    },
    {
      name: 'model-not-flows',
      comment:
        "A concept's model (types, rules, ports, reads: the files directly in its folder) never " +
        'imports a flow (the use cases in a flows/ folder that open transactions).',
      severity: 'error',
      from: { path: '^src/core/', pathNot: '^src/core/[^/]+/flows/' },
      to: { path: '^src/core/[^/]+/flows/' },
    },
    {
      name: 'core-not-outer-layers',
      comment: 'The domain never imports the composition root, storage, HTTP, CLI or the web app.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^(src/(app|storage|http|cli)|web)/' },
    },
    {
      name: 'core-no-io',
      comment:
        'The domain imports no Node module (file system, network, crypto) and no driver, ' +
        'query builder, HTTP or CLI framework: those come in as ports.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: {
        dependencyTypes: ['core'],
      },
    },
    {
      name: 'core-no-drivers',
      comment: 'No database driver, Kysely, Fastify or commander in the domain.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: {
        path: 'node_modules/(kysely|better-sqlite3|pg|pg-[^/]+|fastify|@fastify/[^/]+|commander|graphile-worker)/',
      },
    },
    {
      name: 'cli-not-http',
      comment:
        'The CLI calls the use cases through src/app, not the HTTP layer; both present through ' +
        'src/contract. The exception: `serve` starts the HTTP server.',
      severity: 'error',
      from: { path: '^src/cli/', pathNot: '^src/cli/commands/serve\\.ts$' },
      to: { path: '^src/http/' },
    },
    {
      name: 'http-not-storage',
      comment: 'HTTP reaches storage only through src/app (the composition root) or a core port.',
      severity: 'error',
      from: { path: '^src/http/' },
      to: { path: '^src/storage/' },
    },
    {
      name: 'storage-not-outer',
      comment: 'Storage adapts the core; it never imports HTTP, the CLI or the composition root.',
      severity: 'error',
      from: { path: '^src/storage/' },
      to: { path: '^src/(app|http|cli)/' },
    },
    {
      name: 'web-not-src',
      comment: 'The web app talks to the server only over the HTTP API.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^src/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(web/)?dist/' },
    // Type-only imports count: a model that names another concept's type depends on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

/** For scripts/architecture.mjs and the tests. */
export const layers = { bottom: BOTTOM, models: CORE_MODELS, flows: CORE_FLOWS };
