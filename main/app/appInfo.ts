// app.info: what is running, where its data lives, and how this client reaches it.
import os from 'node:os';
import type { AppInfo, Transport } from '../../shared/contract/index';

export interface AppIdentity {
  version: string;
  dataDir: string;
  /** process.versions.electron / .chrome in the desktop shell; absent in web mode. */
  electron?: string | undefined;
  chrome?: string | undefined;
}

export function appInfo(identity: AppIdentity, transport: Transport): AppInfo {
  return {
    name: 'Shardscope',
    version: identity.version,
    dataDir: identity.dataDir,
    transport,
    platform: process.platform,
    arch: os.arch(),
    versions: { node: process.versions.node, electron: identity.electron ?? null, chrome: identity.chrome ?? null },
  };
}
