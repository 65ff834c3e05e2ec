// Layer and cycle rules, checked by `npm run depcheck` (part of `npm test`). Each rule's name is what a violation
// reports; CONTRIBUTING.md explains the layers. Type-only imports count: a cycle through types still ties the
// modules together.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles anywhere in main/, renderer/ or shared/.',
      severity: 'error',
      from: { path: '^(main|renderer|shared)/' },
      to: { circular: true },
    },
    {
      name: 'engine-core-knows-no-service',
      comment: 'main/engine/core is the service-neutral base: it imports no service (kinesis, firehose, …).',
      severity: 'error',
      from: { path: '^main/engine/core/' },
      to: { path: '^main/engine/', pathNot: '^main/engine/core/' },
    },
    {
      name: 'engine-knows-no-host',
      comment: 'The engine (core included) is hosted by main/server and driven by main/app; it imports neither, nor the services.',
      severity: 'error',
      from: { path: '^main/engine/' },
      to: { path: '^main/(server|services|app)/' },
    },
    {
      name: 'features-stay-apart',
      comment: 'A renderer feature never imports another feature; shared pieces live in renderer/components.',
      severity: 'error',
      from: { path: '^renderer/features/([^/]+)/' },
      to: { path: '^renderer/features/', pathNot: '^renderer/features/$1/' },
    },
    {
      name: 'renderer-not-main',
      comment: 'The renderer talks to main only through renderer/api and the contract.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^main/' },
    },
    {
      name: 'renderer-no-node',
      comment: 'The renderer is a sandboxed web page: no Node builtins.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-imports-neither-side',
      comment: 'shared/ is imported by both sides: no main/, renderer/, Node builtins, electron or react.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(main|renderer)/|(^|/)node_modules/(electron|react|react-dom)/' },
    },
    {
      name: 'shared-no-node',
      comment: 'shared/ runs on both sides: no Node builtins.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'electron-only-in-shell',
      comment: 'Only main/electron and main/preload import electron.',
      severity: 'error',
      from: { pathNot: '^main/(electron|preload)/' },
      to: { path: '(^|/)node_modules/electron/' },
    },
    {
      name: 'sqlite-only-in-storage',
      comment: 'Only main/storage imports better-sqlite3.',
      severity: 'error',
      from: { pathNot: '^main/storage/' },
      to: { path: '(^|/)node_modules/better-sqlite3/' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    // node_modules may be a symlink that resolves outside the repo, so these paths are not anchored.
    doNotFollow: { path: 'node_modules' },
  },
};
