// Credentials never reach the renderer: everything the manager hands out (state, summaries, health results,
// events, error messages) is serialised and searched for every secret value this test configured, including
// an endpoint that echoes the signed request headers back in its error message.
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionEvent } from '../../shared/contract/connections';
import { ConnectionManager } from '../../main/connections/connectionManager';
import { openSettingsStore, type SettingsStore } from '../../main/storage/settingsStore';
import { makeAwsHome, type AwsHome } from '../fixtures/connections/awsHome';
import { freePort, startPeer, type RunningPeer } from '../support/peers';

const script = fileURLToPath(new URL('../fixtures/connections/credential-process.mjs', import.meta.url));

const SECRETS = {
  profileKeyId: 'AKIASECRETPROFILE001',
  profileSecret: 'profile-secret-value-do-not-leak-1',
  sessionKeyId: 'ASIASECRETSESSION001',
  sessionSecret: 'session-secret-value-do-not-leak-2',
  sessionToken: 'session-token-value-do-not-leak-3',
  brokenLineSecret: 'broken-line-secret-do-not-leak-4',
  customKeyId: 'AKIASECRETCUSTOM0001',
  customSecret: 'custom-secret-value-do-not-leak-5',
  customToken: 'custom-token-value-do-not-leak-6',
  // What the credential_process fixture prints.
  processKeyId: 'AKIAPROCESSFIXTURE01',
  processSecret: 'process-secret-fixture-value-0123456789',
  processToken: 'process-session-token-fixture-value',
};

describe('no credential value reaches anything the renderer is given', () => {
  let home: AwsHome;
  let settings: SettingsStore;
  let manager: ConnectionManager;
  let kinesalite: RunningPeer;
  let echo: Server;
  const handedOut: unknown[] = [];

  beforeAll(async () => {
    kinesalite = await startPeer('kinesalite');
    // Answers every request with a Kinesis-shaped error quoting the signed headers it received.
    echo = createServer((req, res) => {
      const message = `Unexpected request: ${req.headers.authorization ?? ''} token=${String(req.headers['x-amz-security-token'] ?? '')}`;
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify({ __type: 'EchoedHeadersException', message }));
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const echoPort = (echo.address() as { port: number }).port;

    const echoEndpoint = `http://127.0.0.1:${echoPort}`;
    home = makeAwsHome({ AWS_ENDPOINT_URL_STS: echoEndpoint, AWS_ENDPOINT_URL_KINESIS: echoEndpoint });
    home.write({
      credentials: [
        '[keys]',
        `aws_access_key_id = ${SECRETS.profileKeyId}`,
        `aws_secret_access_key = ${SECRETS.profileSecret}`,
        '[session]',
        `aws_access_key_id = ${SECRETS.sessionKeyId}`,
        `aws_secret_access_key = ${SECRETS.sessionSecret}`,
        `aws_session_token = ${SECRETS.sessionToken}`,
        '[broken]',
        `aws_secret_access_key ${SECRETS.brokenLineSecret}`,
      ].join('\n'),
      config: ['[profile proc]', `credential_process = "${process.execPath}" "${script}"`, '[profile role]', 'role_arn = arn:aws:iam::123456789012:role/R', 'source_profile = keys'].join('\n'),
    });
    settings = openSettingsStore(join(home.dir, 'settings.db'));
    manager = await ConnectionManager.open({ settings, localEndpoint: kinesalite.endpoint });
    manager.on((event: ConnectionEvent) => handedOut.push(event));
  });

  afterAll(async () => {
    manager?.close();
    settings?.close();
    home?.restore();
    await kinesalite?.stop();
    await new Promise((resolve) => echo?.close(resolve));
  });

  it('holds for state, summaries, health results, events and errors', async () => {
    const echoEndpoint = process.env.AWS_ENDPOINT_URL_KINESIS ?? '';
    const staticCreds = { type: 'static', accessKeyId: SECRETS.customKeyId, secretAccessKey: SECRETS.customSecret, sessionToken: SECRETS.customToken } as const;
    const good = manager.addCustom({ name: 'kinesalite', endpoint: kinesalite.endpoint, region: 'us-east-1', credentials: staticCreds });
    const echoing = manager.addCustom({ name: 'echo', endpoint: echoEndpoint, region: 'us-east-1', credentials: staticCreds });
    const closed = manager.addCustom({ name: 'closed', endpoint: `http://127.0.0.1:${await freePort()}`, region: 'us-east-1', credentials: staticCreds });
    handedOut.push(good, echoing, closed);
    handedOut.push(manager.updateCustom({ id: good.id, credentials: staticCreds }));

    // Invalid input carrying secrets: the error message must not quote them.
    try {
      manager.addCustom({ name: 'bad', endpoint: 'not a url', region: 'nowhere', credentials: staticCreds });
      throw new Error('addCustom accepted invalid input');
    } catch (error) {
      handedOut.push({ message: (error as Error).message });
    }

    for (const c of manager.list()) {
      await manager.switchTo(c.id);
      handedOut.push(await manager.checkHealth(c.id));
    }
    handedOut.push(await manager.checkAllHealth(), manager.state(), manager.list(), manager.pendingMfaPrompts());

    const health = (id: string) => manager.summary(id).health;
    expect(health(good.id)).toMatchObject({ status: 'ok' });
    expect(health('profile:keys')).toMatchObject({ status: 'error' });
    expect(health('profile:proc')).toMatchObject({ status: 'error', failure: { step: 'sts' } }); // process creds resolved, then STS
    expect(health('profile:role')).toMatchObject({ status: 'error', failure: { code: 'unknown-endpoint', step: 'credentials' } });
    expect(health('local')).toMatchObject({ status: 'error', failure: { code: 'unknown-endpoint' } }); // kinesalite has no HTTP/2
    const echoed = health(echoing.id);
    // The echoing server's message passed through, with the values scrubbed out.
    expect(echoed).toMatchObject({ status: 'error', failure: { code: 'unknown', awsCode: 'EchoedHeadersException' } });
    expect(JSON.stringify(echoed)).toContain('***');
    expect(manager.state().configProblems).toEqual([{ file: home.credentials, line: 9, message: 'Expected "key = value"' }]);

    const everything = JSON.stringify(handedOut);
    expect(handedOut.length).toBeGreaterThan(20);
    for (const [label, value] of Object.entries(SECRETS)) {
      expect(everything.includes(value), `${label} leaked`).toBe(false);
    }
  });
});
