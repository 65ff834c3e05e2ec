// The one way tests and benchmarks make a scratch folder: unique under the OS temp folder, removed on demand.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDir {
  path: string;
  remove(): void;
}

/** A fresh folder named `shardscope-<label>-XXXXXX`. */
export function tempDir(label: string): TempDir {
  const path = mkdtempSync(join(tmpdir(), `shardscope-${label}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
