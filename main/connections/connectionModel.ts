// The three kinds of connection, their ids, their effective region, and the credential-free summary the
// renderer gets. The summary is built field by field (never by spreading a connection) so that a secret
// added to a model later cannot leak into it by accident.
import type { ConnectionHealth, ConnectionSummary, RegionSource } from '../../shared/contract/connections';
import type { CustomConnection } from './customConnections';
import type { ProfileInfo } from './profileDiscovery';

export const LOCAL_ID = 'local';
export const LOCAL_NAME = 'Local engine';
export const DEFAULT_REGION = 'us-east-1';

export type Connection =
  | { kind: 'local'; id: typeof LOCAL_ID }
  | { kind: 'profile'; id: string; profile: ProfileInfo }
  | { kind: 'custom'; id: string; custom: CustomConnection };

export const profileConnectionId = (profile: string): string => `profile:${profile}`;

export interface EffectiveRegion {
  region: string;
  source: RegionSource;
}

export function effectiveRegion(
  connection: Connection,
  override: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): EffectiveRegion {
  if (connection.kind === 'custom') return { region: connection.custom.region, source: 'connection' };
  if (override) return { region: override, source: 'override' };
  if (connection.kind === 'profile') {
    if (connection.profile.region) return { region: connection.profile.region, source: 'profile' };
    const fromEnv = env.AWS_REGION || env.AWS_DEFAULT_REGION;
    if (fromEnv) return { region: fromEnv, source: 'environment' };
  }
  return { region: DEFAULT_REGION, source: 'default' };
}

export interface SummaryContext {
  region: EffectiveRegion;
  localEndpoint: string | undefined;
  health: ConnectionHealth;
}

export function summarize(connection: Connection, ctx: SummaryContext): ConnectionSummary {
  const accountId = ctx.health.status === 'ok' ? ctx.health.accountId : undefined;
  const base = {
    id: connection.id,
    region: ctx.region.region,
    regionSource: ctx.region.source,
    health: ctx.health,
    ...(accountId ? { accountId } : {}),
  };
  switch (connection.kind) {
    case 'local':
      return {
        ...base,
        name: LOCAL_NAME,
        kind: 'local',
        ...(ctx.localEndpoint ? { endpoint: ctx.localEndpoint } : {}),
        credentialKind: 'engine',
        mfaRequired: false,
        secretMissing: false,
      };
    case 'profile': {
      const p = connection.profile;
      return {
        ...base,
        name: p.name,
        kind: 'profile',
        credentialKind: p.credentialKind,
        ...(p.sourceProfile ? { sourceProfile: p.sourceProfile } : {}),
        mfaRequired: p.mfaSerial !== undefined,
        secretMissing: false,
      };
    }
    case 'custom': {
      const c = connection.custom;
      const creds = c.credentials;
      return {
        ...base,
        name: c.name,
        kind: 'custom',
        endpoint: c.endpoint,
        credentialKind: creds.type === 'static-missing' ? 'static' : creds.type,
        ...(creds.type === 'profile' ? { sourceProfile: creds.profile } : {}),
        mfaRequired: false,
        secretMissing: creds.type === 'static-missing',
      };
    }
  }
}
