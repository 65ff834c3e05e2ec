// The layering rules must bite: a renderer file importing node:* or main/** fails both lint and the type-check,
// and so does shared/ importing a host API. The probes are virtual files: nothing is written into the tree that
// other people are building at the same time.
import path from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');

async function lintAs(relativePath: string, source: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(source, { filePath: path.join(root, relativePath) });
  return (result?.messages ?? []).map((message) => `${message.ruleId ?? ''}: ${message.message}`);
}

/** Type-checks the project in `projectDir` with one extra, in-memory file. */
function typeCheckWith(projectDir: string, relativePath: string, source: string): string[] {
  const configPath = path.join(root, projectDir, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  const probe = path.join(root, relativePath);
  const host = ts.createCompilerHost(parsed.options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => path.resolve(file) === probe || fileExists.call(host, file);
  host.readFile = (file) => (path.resolve(file) === probe ? source : readFile.call(host, file));
  host.getSourceFile = (file, language, onError, shouldCreate) =>
    path.resolve(file) === probe ? ts.createSourceFile(file, source, language) : getSourceFile.call(host, file, language, onError, shouldCreate);
  const program = ts.createProgram({
    rootNames: [...parsed.fileNames, probe],
    options: parsed.options,
    projectReferences: parsed.projectReferences ?? [],
    host,
  });
  // Only the probe's diagnostics matter: checking it alone (not the whole project, as getPreEmitDiagnostics does)
  // keeps each probe to seconds on a loaded machine.
  const probeFile = program.getSourceFile(probe);
  return [...program.getOptionsDiagnostics(), ...program.getSyntacticDiagnostics(probeFile), ...program.getSemanticDiagnostics(probeFile)]
    .filter((diagnostic) => diagnostic.file && path.resolve(diagnostic.file.fileName) === probe)
    .map((diagnostic) => `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`);
}

const rendererProbe = [
  "import { readFileSync } from 'node:fs';",
  "import { startWebHost } from '../main/server/webHost';",
  'export const leak = [readFileSync, startWebHost];',
].join('\n');

describe('layering', () => {
  it('lint rejects a renderer file importing node:fs and main/**', async () => {
    const messages = await lintAs('renderer/__layering_probe__.ts', rendererProbe);
    expect(messages).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*node:fs.*The renderer has no Node APIs/),
      expect.stringMatching(/^no-restricted-imports: .*main\/server\/webHost.*only through renderer\/api/),
    ]);
  });

  it('the renderer type-check rejects node:fs and main/**', () => {
    const nodeProbe = "import { readFileSync } from 'node:fs';\nexport const leak = readFileSync;\n";
    expect(typeCheckWith('renderer', 'renderer/__layering_probe__.ts', nodeProbe)).toEqual([expect.stringMatching(/^TS2307: Cannot find module 'node:fs'/)]);
    const mainProbe = "import { startWebHost } from '../main/server/webHost';\nexport const leak = startWebHost;\n";
    expect(typeCheckWith('renderer', 'renderer/__layering_probe__.ts', mainProbe)).toContainEqual(
      expect.stringMatching(/^TS6307: .*main\/server\/webHost\.ts' is not listed within the file list of project/),
    );
  });

  it('a clean renderer file passes both, so the probes fail for the right reason', async () => {
    const clean = "import { contract } from '../shared/contract/index';\nexport const names = Object.keys(contract.commands);\n";
    expect(await lintAs('renderer/__layering_probe__.ts', clean)).toEqual([]);
    expect(typeCheckWith('renderer', 'renderer/__layering_probe__.ts', clean)).toEqual([]);
  });

  it('shared/ may not import electron, react or node:*', async () => {
    const probe = "import { app } from 'electron';\nimport { useState } from 'react';\nimport os from 'node:os';\nexport const x = [app, useState, os];\n";
    expect(await lintAs('shared/contract/__layering_probe__.ts', probe)).toHaveLength(3);
    expect(typeCheckWith('shared', 'shared/contract/__layering_probe__.ts', "import os from 'node:os';\nexport const x = os;\n")).toContainEqual(
      expect.stringMatching(/^TS2307: Cannot find module 'node:os'/),
    );
  });

  it('only main/electron and main/preload may import electron', async () => {
    const probe = "import { app } from 'electron';\nexport const x = app;\n";
    expect(await lintAs('main/rpc/__layering_probe__.ts', probe)).toEqual([expect.stringMatching(/Only main\/electron and main\/preload may import electron/)]);
    expect(await lintAs('main/electron/__layering_probe__.ts', probe)).toEqual([]);
    expect(await lintAs('main/preload/__layering_probe__.ts', probe)).toEqual([]);
  });
});
