// Custom-endpoint connections: their in-memory model (with live secrets) and how they are kept in the
// settings database. Non-secret settings are JSON; the static key pair goes through the SecretVault or,
// without one, is not kept at all and the connection comes back as 'static-missing'.
import { z } from 'zod';
import type { SettingsStore, StoredConnectionRow } from '../storage/settingsStore';
import type { StaticSecret } from './credentials';
import { safeJson } from './safeJson';
import type { SecretVault } from './secretVault';

export type CustomCredentials =
  | { type: 'none' }
  | { type: 'static'; secret: StaticSecret }
  /** Static keys were configured but could not be kept across restarts: the user must enter them again. */
  | { type: 'static-missing' }
  | { type: 'profile'; profile: string };

export interface CustomConnection {
  id: string;
  name: string;
  endpoint: string;
  region: string;
  credentials: CustomCredentials;
  createdMs: number;
}

const StoredConfig = z.object({
  name: z.string(),
  endpoint: z.string(),
  region: z.string(),
  credentials: z.discriminatedUnion('type', [
    z.object({ type: z.literal('none') }),
    z.object({ type: z.literal('static') }),
    z.object({ type: z.literal('profile'), profile: z.string() }),
  ]),
});
type StoredConfig = z.infer<typeof StoredConfig>;

const StoredSecret = z.object({
  accessKeyId: z.string(),
  secretAccessKey: z.string(),
  sessionToken: z.string().optional(),
});

function storedCredentials(credentials: CustomCredentials): StoredConfig['credentials'] {
  switch (credentials.type) {
    case 'none':
      return { type: 'none' };
    case 'profile':
      return { type: 'profile', profile: credentials.profile };
    case 'static':
    case 'static-missing':
      return { type: 'static' };
  }
}

function sealSecret(credentials: CustomCredentials, vault: SecretVault): Buffer | null {
  if (credentials.type !== 'static' || !vault.available()) return null;
  return vault.encrypt(JSON.stringify(credentials.secret));
}

function openSecret(sealed: Buffer | null, vault: SecretVault): StaticSecret | undefined {
  if (!sealed || !vault.available()) return undefined;
  try {
    return StoredSecret.parse(JSON.parse(vault.decrypt(sealed)));
  } catch {
    // A keychain reset or another OS user: the sealed blob is useless, so ask again.
    return undefined;
  }
}

export class CustomConnectionStore {
  constructor(
    private readonly settings: SettingsStore,
    private readonly vault: SecretVault,
  ) {}

  /** Rows that fail to parse are skipped with a warning rather than blocking the app. */
  load(): CustomConnection[] {
    return this.settings.listConnections().flatMap((row) => {
      const parsed = StoredConfig.safeParse(safeJson(row.config));
      if (!parsed.success) {
        console.warn(`Skipping unreadable custom connection ${row.id}`);
        return [];
      }
      const config = parsed.data;
      let credentials: CustomCredentials;
      if (config.credentials.type === 'static') {
        const secret = openSecret(row.secret, this.vault);
        credentials = secret ? { type: 'static', secret } : { type: 'static-missing' };
      } else {
        credentials = config.credentials;
      }
      return [{ id: row.id, name: config.name, endpoint: config.endpoint, region: config.region, credentials, createdMs: row.createdMs }];
    });
  }

  save(connection: CustomConnection): void {
    const config: StoredConfig = {
      name: connection.name,
      endpoint: connection.endpoint,
      region: connection.region,
      credentials: storedCredentials(connection.credentials),
    };
    const row: StoredConnectionRow = {
      id: connection.id,
      config: JSON.stringify(config),
      secret: sealSecret(connection.credentials, this.vault),
      createdMs: connection.createdMs,
      updatedMs: Date.now(),
    };
    this.settings.putConnection(row);
  }

  remove(id: string): boolean {
    return this.settings.deleteConnection(id);
  }
}
