// Lists the profiles in the user's AWS files the way the SDK will read them (its own loader, so what we
// show is what fromIni resolves), plus what our lint pass found wrong. Reads only; never writes these files.
import { getHomeDir, parseKnownFiles } from '@smithy/core/config';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AwsConfigProblem, CredentialKind } from '../../shared/contract/connections';
import { lintIni, type IniFileRole } from './iniLint';

export interface AwsConfigPaths {
  config: string;
  credentials: string;
}

/** Non-secret facts about one profile. */
export interface ProfileInfo {
  name: string;
  region?: string;
  credentialKind: CredentialKind;
  sourceProfile?: string;
  mfaSerial?: string;
  /** Lint problems inside this profile's sections. */
  problems: AwsConfigProblem[];
}

export interface ProfileDiscovery {
  paths: AwsConfigPaths;
  profiles: ProfileInfo[];
  problems: AwsConfigProblem[];
}

type TaggedProblem = AwsConfigProblem & { profile?: string };

function expandHome(path: string): string {
  return path.startsWith('~/') ? join(getHomeDir(), path.slice(2)) : path;
}

/** The same files the SDK reads: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/… */
export function awsConfigPaths(env: NodeJS.ProcessEnv = process.env): AwsConfigPaths {
  return {
    config: expandHome(env.AWS_CONFIG_FILE || join(getHomeDir(), '.aws', 'config')),
    credentials: expandHome(env.AWS_SHARED_CREDENTIALS_FILE || join(getHomeDir(), '.aws', 'credentials')),
  };
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

async function lintFile(file: string, role: IniFileRole): Promise<TaggedProblem[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    const reason = errorCode(error) ?? (error instanceof Error ? error.message : String(error));
    return [{ file, message: `Cannot read the AWS ${role} file (${reason})` }];
  }
  return lintIni(text, role).map((p) => ({ file, line: p.line, message: p.message, profile: p.profile }));
}

type ProfileData = Record<string, string | undefined>;

/** Mirrors the order in which the SDK's fromIni picks a resolver for a profile. */
export function credentialKindOf(data: ProfileData): CredentialKind {
  if (data.role_arn && (data.source_profile || data.credential_source)) return 'role';
  if (data.aws_access_key_id && data.aws_secret_access_key) {
    return data.aws_session_token ? 'static-session' : 'static';
  }
  if (data.web_identity_token_file && data.role_arn) return 'web-identity';
  if (data.credential_process) return 'process';
  if (data.sso_session || data.sso_start_url) return 'sso';
  if (data.login_session) return 'login';
  return 'unknown';
}

function isProfileKey(key: string): boolean {
  return !key.startsWith('sso-session.') && !key.startsWith('services.');
}

export async function discoverProfiles(paths: AwsConfigPaths = awsConfigPaths()): Promise<ProfileDiscovery> {
  const linted = await Promise.all([lintFile(paths.config, 'config'), lintFile(paths.credentials, 'credentials')]);
  const tagged: TaggedProblem[] = linted.flat();
  let merged: Record<string, ProfileData> = {};
  try {
    merged = await parseKnownFiles({ configFilepath: paths.config, filepath: paths.credentials, ignoreCache: true });
  } catch (error) {
    tagged.push({ file: paths.config, message: `The AWS SDK could not read your AWS files: ${String(error)}` });
  }
  // A section whose every line is broken is absent from the SDK's view; list it anyway, with its problems.
  const named = [...Object.keys(merged).filter(isProfileKey), ...tagged.flatMap((p) => (p.profile ? [p.profile] : []))];
  const profiles = [...new Set(named)]
    .sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)))
    .map((name): ProfileInfo => {
      const data = merged[name] ?? {};
      const kind = credentialKindOf(data);
      return {
        name,
        region: data.region,
        credentialKind: kind,
        sourceProfile: kind === 'role' ? data.source_profile : undefined,
        mfaSerial: kind === 'role' ? data.mfa_serial : undefined,
        problems: tagged.filter((p) => p.profile === name).map(({ file, line, message }) => ({ file, line, message })),
      };
    });
  const problems = tagged.map(({ file, line, message }) => (line === undefined ? { file, message } : { file, line, message }));
  return { paths, profiles, problems };
}
