// The layer and cycle rules must bite: a small tree with one forbidden import per rule (and allowed neighbours of
// each) is cruised with the repo's own .dependency-cruiser.cjs, by the same CLI `npm run depcheck` runs, and
// every violation is reported under its rule's name, and nothing else is. The tree is written to a temporary
// folder, so nothing is written into the real one.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../support/tempDir';

const root = path.resolve(import.meta.dirname, '..', '..');

/** File → source; each import names a sibling module, a package or a Node builtin. */
const fixture: Record<string, string> = {
  // A cycle in the engine, and an allowed import from the core's own folder.
  'main/engine/core/action.ts': "import { rules } from './rules';\nexport const action = rules;\n",
  'main/engine/core/rules.ts': 'export const rules = 1;\n',
  'main/engine/kinesis/streams.ts': "import { records } from './records';\nimport { action } from '../core/action';\nexport const streams = [records, action];\n",
  'main/engine/kinesis/records.ts': "import { streams } from './streams';\nexport const records = () => streams;\n",
  // The core reaching into a service; the engine reaching into its host, the services and the app wiring.
  'main/engine/core/wire.ts': "import { streams } from '../kinesis/streams';\nexport const wire = streams;\n",
  'main/engine/kinesis/start.ts':
    "import { host } from '../../server/host';\nimport { tail } from '../../services/tail';\nimport { runtime } from '../../app/runtime';\nexport const start = [host, tail, runtime];\n",
  // The host may import the engine; storage may import better-sqlite3; the shell may import electron.
  'main/server/host.ts': "import { streams } from '../engine/kinesis/streams';\nexport const host = streams;\n",
  'main/services/tail.ts': "import Database from 'better-sqlite3';\nimport { app } from 'electron';\nexport const tail = [Database, app];\n",
  'main/app/runtime.ts': 'export const runtime = 1;\n',
  'main/storage/database.ts': "import Database from 'better-sqlite3';\nexport const database = Database;\n",
  'main/electron/shell.ts': "import { app } from 'electron';\nexport const shell = app;\n",
  // One feature importing another; a feature importing its own files and the shared components is fine.
  'renderer/features/streams/StreamsScreen.ts':
    "import { produce } from '../producers/ProduceTab';\nimport { own } from './own';\nimport { Card } from '../../components/Card';\nexport const screen = [produce, own, Card];\n",
  'renderer/features/streams/own.ts': 'export const own = 1;\n',
  'renderer/features/producers/ProduceTab.ts': "import { Card } from '../../components/Card';\nexport const produce = Card;\n",
  'renderer/components/Card.ts': 'export const Card = 1;\n',
  // The renderer reaching into main and Node; shared/ reaching into either side and Node.
  'renderer/api/leak.ts': "import { readFileSync } from 'node:fs';\nimport { runtime } from '../../main/app/runtime';\nexport const leak = [readFileSync, runtime];\n",
  'shared/domain/leak.ts': "import os from 'node:os';\nimport { Card } from '../../renderer/components/Card';\nimport { rules } from '../../main/engine/core/rules';\nexport const leak = [os, Card, rules];\n",
};

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

let dir: TempDir;

beforeAll(() => {
  dir = tempDir('layers');
  for (const [file, source] of Object.entries(fixture)) {
    mkdirSync(path.join(dir.path, path.dirname(file)), { recursive: true });
    writeFileSync(path.join(dir.path, file), source);
  }
  copyFileSync(path.join(root, 'tsconfig.base.json'), path.join(dir.path, 'tsconfig.base.json'));
  // electron and better-sqlite3 resolve through the repo's packages, as they do in the real tree.
  symlinkSync(path.join(root, 'node_modules'), path.join(dir.path, 'node_modules'), 'dir');
});

afterAll(() => dir?.remove());

/** Runs dependency-cruiser with the repo's config over the fixture tree; one "rule: from → to" per violation. */
function cruise(): string[] {
  const cli = path.join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  const run = spawnSync(process.execPath, [cli, '--config', path.join(root, '.dependency-cruiser.cjs'), '--output-type', 'json', 'main', 'renderer', 'shared'], {
    cwd: dir.path,
    encoding: 'utf8',
  });
  if (!run.stdout) throw new Error(`dependency-cruiser printed nothing: ${run.stderr}`);
  const result = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  // Packages resolve to wherever node_modules really lives; keep only the package's name.
  const short = (to: string) => to.replace(/^.*node_modules\/([^/]+)\/.*$/, '$1');
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${short(v.to)}`).sort();
}

describe('layer and cycle rules', () => {
  // A cycle is reported once, from one of its modules; Node builtins are reported without their node: prefix.
  it('report every forbidden import by rule name, and only those', () => {
    expect(cruise()).toEqual(
      [
        'no-circular: main/engine/kinesis/records.ts → main/engine/kinesis/streams.ts',
        'engine-core-knows-no-service: main/engine/core/wire.ts → main/engine/kinesis/streams.ts',
        'engine-knows-no-host: main/engine/kinesis/start.ts → main/server/host.ts',
        'engine-knows-no-host: main/engine/kinesis/start.ts → main/services/tail.ts',
        'engine-knows-no-host: main/engine/kinesis/start.ts → main/app/runtime.ts',
        'features-stay-apart: renderer/features/streams/StreamsScreen.ts → renderer/features/producers/ProduceTab.ts',
        'renderer-not-main: renderer/api/leak.ts → main/app/runtime.ts',
        'renderer-no-node: renderer/api/leak.ts → fs',
        'shared-imports-neither-side: shared/domain/leak.ts → renderer/components/Card.ts',
        'shared-imports-neither-side: shared/domain/leak.ts → main/engine/core/rules.ts',
        'shared-no-node: shared/domain/leak.ts → os',
        'electron-only-in-shell: main/services/tail.ts → electron',
        'sqlite-only-in-storage: main/services/tail.ts → better-sqlite3',
      ].sort(),
    );
  });
});
