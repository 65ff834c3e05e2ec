// Electron and Chromium put their own switches into process.argv (and Playwright adds --inspect and friends), so
// the shell keeps only Shardscope's options and leaves the rest to them.
const withValue = new Set(['--data-dir', '--engine-port', '--port']);
const flags = new Set(['--no-open', '--open']);

export function shardscopeArgs(argv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const name = arg.split('=')[0] ?? '';
    if (flags.has(arg)) kept.push(arg);
    else if (withValue.has(name)) {
      if (arg.includes('=')) kept.push(arg);
      else if (i + 1 < argv.length) kept.push(arg, argv[++i] ?? '');
    }
  }
  return kept;
}
