// The house rules on imports, checked by `npm run check` (dependency-cruiser). The layer list is the
// one in docs/ARCHITECTURE.md ("Modules, lowest first"): a module imports only modules of lower layers,
// and only through their index.ts; platform/ and db/ import no module; nothing imports the composition
// root, the CLI, the HTTP layer or the demo from below. Tests are outside these rules.

/** Modules by layer, lowest first; a module may import its own layer's earlier entries too. */
const LAYERS = [
  ['access', 'rate-limit', 'audit', 'catalogs'],
  ['org-units'],
  ['accounts'],
  ['employees'],
  ['personnel-actions'],
  [
    'calendar',
    'notifications',
    'consent',
    'requests',
    'approvals',
    'restructuring',
    'transfers',
    'deadlines',
  ],
  ['extracts', 'sharing', 'imports', 'analytics', 'backups', 'federation'],
];
const ORDER = LAYERS.flat();
const alt = (names) => `(${names.map((n) => n.replace('-', '\\-')).join('|')})`;

/** For each module, the modules after it in ORDER: importing them is upward. */
const upward = ORDER.slice(0, -1).map((m, i) => ({
  name: `layers-${m}`,
  comment: `${m} imports a module above it (see the layer list in docs/ARCHITECTURE.md)`,
  severity: 'error',
  from: { path: `^src/modules/${m}/`, pathNot: '\\.test\\.ts$' },
  to: { path: `^src/modules/${alt(ORDER.slice(i + 1))}/` },
}));

export default {
  forbidden: [
    ...upward,
    {
      name: 'modules-through-index',
      comment: 'another module is reached only through its index.ts (its one public surface)',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/modules/([^/]+)/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'outside-modules-through-index',
      comment: 'http, cli, demo and main reach a module only through its index.ts',
      severity: 'error',
      from: { path: '^src/(http|cli|demo|main\\.ts)', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/modules/[^/]+/', pathNot: '^src/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'platform-and-db-below-modules',
      comment: 'platform/ and db/ are below every module and the HTTP layer',
      severity: 'error',
      from: { path: '^src/(platform|db)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/(modules|http|cli|demo|main\\.ts)' },
    },
    {
      name: 'modules-below-http-and-cli',
      comment: 'modules do not import the HTTP wiring beyond the route helpers, the CLI, the demo or main',
      severity: 'error',
      from: { path: '^src/modules/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/(cli|demo|main\\.ts)' },
    },
    // Module cycles cannot happen under the strict order above; within a module, files may share types
    // both ways, but no cycle of values (imports that run code at load time).
    {
      name: 'no-value-cycles',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.test\\.ts$' },
      to: {
        circular: true,
        dependencyTypesNot: ['type-only'],
        viaOnly: { dependencyTypesNot: ['type-only'] },
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|portal|bench|test)/|\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.json'] },
  },
};
