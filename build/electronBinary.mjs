// Finding Electron's binary without side effects. (Requiring the `electron` package would start a download when
// the binary is missing, printing to the console; `npm start` does that on purpose, quietly, and only once.)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** @returns {{ path: string } | { missing: string }} */
export function findElectronBinary(root) {
  const dir = path.join(root, 'node_modules', 'electron');
  if (!existsSync(path.join(dir, 'package.json'))) return { missing: 'the electron package is not installed' };
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return { missing: 'the Electron binary has not been downloaded (node_modules/electron/path.txt is absent)' };
  const binary = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { missing: `${binary} does not exist` };
}

/** Runs Electron's own installer once, capturing its output. @returns {{ ok: true } | { ok: false, reason: string }} */
export function downloadElectronBinary(root) {
  const installer = path.join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return { ok: false, reason: 'the electron package has no installer' };
  const result = spawnSync(process.execPath, [installer], { encoding: 'utf8', stdio: 'pipe', timeout: 15 * 60_000 });
  if (result.status === 0) return { ok: true };
  const firstLine = `${result.stderr ?? ''}\n${result.stdout ?? ''}`.split('\n').find((line) => line.trim()) ?? `exit code ${result.status}`;
  return { ok: false, reason: firstLine.replace(/^\w*Error: /, '').trim() };
}
