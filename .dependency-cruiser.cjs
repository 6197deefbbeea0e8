/** Module boundaries (docs/ARCHITECTURE.md). Run by `npm run deps`, inside `npm test`. */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Import cycles make modules inseparable.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'modules-meet-through-index',
      severity: 'error',
      comment: "A module uses another only through that module's index.ts.",
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/([^/]+)/(?!index\\.ts$)', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'entrypoints-use-module-index',
      severity: 'error',
      from: { path: '^src/entrypoints/' },
      to: { path: '^src/modules/[^/]+/(?!index\\.ts$)' },
    },
    {
      name: 'platform-knows-no-module',
      severity: 'error',
      comment: 'Shared infrastructure must not depend on a domain module.',
      from: { path: '^src/platform/' },
      to: { path: '^src/(modules|entrypoints)/' },
    },
    {
      name: 'repository-never-imports-service',
      severity: 'error',
      from: { path: '\\.repository\\.ts$' },
      to: { path: '\\.(service|routes|views)\\.tsx?$' },
    },
    {
      name: 'views-hold-no-sql',
      severity: 'error',
      from: { path: '\\.views\\.tsx$' },
      to: { path: '(\\.repository\\.ts$|/platform/db/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
