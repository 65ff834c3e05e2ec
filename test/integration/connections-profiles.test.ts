// Profile discovery and resolution from a temporary AWS config directory, through the SDK's real providers.
// STS is pointed at a closed local port (AWS_ENDPOINT_URL_STS), so anything needing STS fails fast and we
// check that it fails clearly.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionEvent, ConnectionHealth, HealthFailure } from '../../shared/contract/connections';
import { ConnectionManager } from '../../main/connections/connectionManager';
import { credentialProvider } from '../../main/connections/credentials';
import { awsConfigPaths, discoverProfiles } from '../../main/connections/profileDiscovery';
import { openSettingsStore, type SettingsStore } from '../../main/storage/settingsStore';
import { makeAwsHome, type AwsHome } from '../fixtures/connections/awsHome';
import { freePort } from '../support/peers';

const script = fileURLToPath(new URL('../fixtures/connections/credential-process.mjs', import.meta.url));
const processCommand = `"${process.execPath}" "${script}"`;

const CREDENTIALS = `
[static-dev]
aws_access_key_id = AKIASTATICFIXTURE001
aws_secret_access_key = static-secret-fixture-value-abcdefghij
`;

const CONFIG = `
[profile static-dev]
region = eu-west-1

[profile proc]
region = us-west-2
credential_process = ${processCommand}

[profile proc-expired]
credential_process = ${processCommand} expired

[profile chain]
role_arn = arn:aws:iam::123456789012:role/Reader
source_profile = static-dev
region = eu-central-1

[profile mfa-chain]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = static-dev
mfa_serial = arn:aws:iam::123456789012:mfa/alice

[profile dangling]
role_arn = arn:aws:iam::123456789012:role/Reader
source_profile = nowhere

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile sso-dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Dev
region = us-east-1

[profile bare]
region = ap-south-1
`;

function failureOf(health: ConnectionHealth): HealthFailure {
  if (health.status !== 'error') throw new Error(`expected an error, got ${JSON.stringify(health)}`);
  return health.failure;
}

describe('profiles from a temporary AWS config directory', () => {
  let home: AwsHome;
  let settings: SettingsStore;
  let manager: ConnectionManager;
  const events: ConnectionEvent[] = [];

  beforeAll(async () => {
    const closedPort = await freePort();
    home = makeAwsHome({ AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${closedPort}` });
    home.write({ config: CONFIG, credentials: CREDENTIALS });
    // An expired token for the "corp" SSO session, where the SDK looks for it (sha1 of the session name).
    const cacheFile = createHash('sha1').update('corp').digest('hex');
    mkdirSync(join(home.dir, '.aws', 'sso', 'cache'), { recursive: true });
    writeFileSync(
      join(home.dir, '.aws', 'sso', 'cache', `${cacheFile}.json`),
      JSON.stringify({ accessToken: 'expired-sso-access-token', expiresAt: '2020-01-01T00:00:00Z', region: 'us-east-1', startUrl: 'https://corp.awsapps.com/start' }),
    );
    settings = openSettingsStore(join(home.dir, 'app', 'settings.db'));
    manager = await ConnectionManager.open({ settings, checkOnSwitch: false, mfaTimeoutMs: 10_000 });
    manager.on((e) => events.push(e));
  });

  afterEach(() => {
    events.length = 0;
  });

  afterAll(() => {
    manager.close();
    settings.close();
    home.restore();
  });

  it('lists every profile with its region and kind of credentials, reading the env-named files', async () => {
    expect(awsConfigPaths()).toEqual({ config: home.config, credentials: home.credentials });
    const { profiles, problems } = await discoverProfiles();
    expect(problems).toEqual([]);
    const byName = Object.fromEntries(profiles.map((p) => [p.name, p]));
    expect(Object.keys(byName).sort()).toEqual(['bare', 'chain', 'dangling', 'mfa-chain', 'proc', 'proc-expired', 'sso-dev', 'static-dev']);
    expect(byName['static-dev']).toMatchObject({ region: 'eu-west-1', credentialKind: 'static' });
    expect(byName['proc']).toMatchObject({ region: 'us-west-2', credentialKind: 'process' });
    expect(byName['chain']).toMatchObject({ region: 'eu-central-1', credentialKind: 'role', sourceProfile: 'static-dev' });
    expect(byName['mfa-chain']).toMatchObject({ credentialKind: 'role', mfaSerial: 'arn:aws:iam::123456789012:mfa/alice' });
    expect(byName['sso-dev']).toMatchObject({ credentialKind: 'sso' });
    expect(byName['bare']).toMatchObject({ region: 'ap-south-1', credentialKind: 'unknown' });

    const summary = manager.summary('profile:mfa-chain');
    expect(summary).toMatchObject({ kind: 'profile', mfaRequired: true, regionSource: 'default', region: 'us-east-1' });
  });

  it('resolves a static profile with the SDK provider', async () => {
    const provider = credentialProvider({ type: 'profile', profile: 'static-dev', region: 'eu-west-1', paths: awsConfigPaths() });
    const identity = await provider();
    expect(identity.accessKeyId).toBe('AKIASTATICFIXTURE001');
    expect(identity.secretAccessKey).toBe('static-secret-fixture-value-abcdefghij');
  });

  it('resolves a credential_process profile by running the script', async () => {
    const provider = credentialProvider({ type: 'profile', profile: 'proc', region: 'us-west-2', paths: awsConfigPaths() });
    const identity = await provider();
    expect(identity.accessKeyId).toBe('AKIAPROCESSFIXTURE01');
    expect(identity.sessionToken).toBe('process-session-token-fixture-value');
    expect(identity.expiration?.getTime()).toBeGreaterThan(Date.now());
  });

  it('reports expired credential_process output as an expired token', async () => {
    const failure = failureOf(await manager.checkHealth('profile:proc-expired'));
    expect(failure).toMatchObject({ code: 'expired-token', step: 'credentials' });
    expect(failure.message).toContain('proc-expired');
  });

  it('a role chain fails clearly when STS cannot be reached', async () => {
    const failure = failureOf(await manager.checkHealth('profile:chain'));
    expect(failure.code).toBe('network');
    expect(failure.step).toBe('credentials');
    expect(failure.message).toBe(
      'Could not reach STS to resolve the credentials of profile "chain": the connection was refused (is anything listening there?)',
    );
  });

  it('a static profile reaches the STS step, which fails as a network problem', async () => {
    const failure = failureOf(await manager.checkHealth('profile:static-dev'));
    expect(failure).toMatchObject({ code: 'network', step: 'sts' });
    expect(failure.message).toContain('connection was refused');
  });

  it('a source_profile that does not exist is named', async () => {
    const failure = failureOf(await manager.checkHealth('profile:dangling'));
    expect(failure.code).toBe('profile-not-found');
    expect(failure.message).toContain('"nowhere"');
  });

  it('a profile without credentials says so', async () => {
    const failure = failureOf(await manager.checkHealth('profile:bare'));
    expect(failure.code).toBe('no-credentials');
    expect(failure.message).toContain('"bare"');
  });

  it('an expired SSO session tells the user to run aws sso login for that profile', async () => {
    const failure = failureOf(await manager.checkHealth('profile:sso-dev'));
    expect(failure.code).toBe('sso-expired');
    expect(failure.message).toContain('aws sso login --profile sso-dev');
  });

  it('an MFA profile checked in the background reports that it needs a code, without prompting', async () => {
    const failure = failureOf(await manager.checkHealth('profile:mfa-chain'));
    expect(failure.code).toBe('mfa-required');
    expect(events.some((e) => e.type === 'mfa-prompt')).toBe(false);
  });

  it('the active MFA profile asks the UI for a code, then goes on to STS with it', async () => {
    await manager.switchTo('profile:mfa-chain');
    const off = manager.on((e) => {
      if (e.type === 'mfa-prompt') manager.answerMfa({ promptId: e.prompt.promptId, code: '123456' });
    });
    const failure = failureOf(await manager.checkHealth('profile:mfa-chain'));
    off();
    const prompt = events.find((e) => e.type === 'mfa-prompt');
    expect(prompt).toMatchObject({ prompt: { connectionId: 'profile:mfa-chain', profile: 'mfa-chain', mfaSerial: 'arn:aws:iam::123456789012:mfa/alice' } });
    expect(events.some((e) => e.type === 'mfa-prompt-closed')).toBe(true);
    // The code was accepted; the AssumeRole call itself cannot reach STS here.
    expect(failure).toMatchObject({ code: 'network', step: 'credentials' });
    expect(manager.pendingMfaPrompts()).toEqual([]);
  });

  it('a cancelled MFA prompt reports mfa-required', async () => {
    await manager.switchTo('profile:mfa-chain');
    manager.setRegion({ id: 'profile:mfa-chain', region: 'eu-north-1' }); // new settings: new clients, new prompt
    const off = manager.on((e) => {
      if (e.type === 'mfa-prompt') manager.answerMfa({ promptId: e.prompt.promptId, code: null });
    });
    const failure = failureOf(await manager.checkHealth('profile:mfa-chain'));
    off();
    expect(failure.code).toBe('mfa-required');
    expect(manager.summary('profile:mfa-chain')).toMatchObject({ region: 'eu-north-1', regionSource: 'override' });
  });
});

describe('malformed AWS files', () => {
  let home: AwsHome;

  afterEach(() => home.restore());

  it('gives clear errors with file and line, keeps the good profiles, and does not crash', async () => {
    home = makeAwsHome();
    home.write({
      config: ['[profile good]', 'region = us-east-2', '', '[profile broken', 'region = eu-west-1', '[profile odd]', 'this line has no equals sign', '[stray]', 'region = x'].join('\n'),
      credentials: ['orphan = value', '[good]', 'aws_access_key_id = AKIAGOODFIXTURE00001', 'aws_secret_access_key = good-secret-fixture-value-xyz'].join('\n'),
    });
    const { profiles, problems } = await discoverProfiles();
    const unclosed = 'Section header is not closed with ]: the lines below it still count for the section above';
    expect(problems).toEqual([
      { file: home.config, line: 4, message: unclosed },
      { file: home.config, line: 7, message: 'Expected "key = value"' },
      { file: home.config, line: 8, message: 'Section [stray] is ignored in the config file: did you mean [profile stray]?' },
      { file: home.credentials, line: 1, message: 'Line is outside any [section]' },
    ]);
    // As the SDK reads it, "region = eu-west-1" under the broken header lands in [profile good]: so good is flagged.
    expect(profiles.find((p) => p.name === 'good')).toMatchObject({
      region: 'eu-west-1',
      credentialKind: 'static',
      problems: [{ file: home.config, line: 4, message: unclosed }],
    });
    expect(profiles.map((p) => p.name).sort()).toEqual(['good', 'odd']);
    expect(profiles.find((p) => p.name === 'odd')?.problems).toEqual([{ file: home.config, line: 7, message: 'Expected "key = value"' }]);

    const settings = openSettingsStore(join(home.dir, 'settings.db'));
    const manager = await ConnectionManager.open({ settings, checkOnSwitch: false });
    try {
      expect(manager.state().configProblems).toHaveLength(4);
      const health = await manager.checkHealth('profile:odd');
      expect(failureOf(health)).toMatchObject({ code: 'config-invalid' });
      expect(failureOf(health).message).toBe(`Profile "odd" has a problem at ${home.config}:7: Expected "key = value"`);
    } finally {
      manager.close();
      settings.close();
    }
  });

  it('refreshProfiles picks up edits made while the app runs, and never writes the files', async () => {
    home = makeAwsHome();
    home.write({ config: '[profile one]\nregion = us-east-1\n', credentials: '' });
    const before = readFileSync(home.config, 'utf8');
    const settings = openSettingsStore(join(home.dir, 'settings.db'));
    const manager = await ConnectionManager.open({ settings, checkOnSwitch: false });
    const seen: ConnectionEvent[] = [];
    try {
      await manager.switchTo('profile:one');
      manager.on((e) => seen.push(e));
      expect(manager.list().map((c) => c.id)).toEqual(['local', 'profile:one']);
      expect(readFileSync(home.config, 'utf8')).toBe(before);
      home.write({ config: '[profile two]\nregion = eu-west-3\n' });
      const state = await manager.refreshProfiles();
      expect(state.connections.map((c) => c.id)).toEqual(['local', 'profile:two']);
      // The active profile vanished: back to the local engine, and the UI was told.
      expect(state.activeId).toBe('local');
      expect(seen.map((e) => e.type)).toEqual(['active-changed', 'connections-changed']);
    } finally {
      manager.close();
      settings.close();
    }
  });

  it('an unreadable file is reported, not thrown', async () => {
    home = makeAwsHome();
    mkdirSync(home.config, { recursive: true }); // a folder where the file should be
    const { profiles, problems } = await discoverProfiles();
    expect(profiles).toEqual([]);
    expect(problems).toEqual([{ file: home.config, message: 'Cannot read the AWS config file (EISDIR)' }]);
  });
});
