// A self-signed certificate for the engine's optional TLS, for clients that insist on https.
import { generate } from 'selfsigned';
import type { TlsMaterial } from './engineServer';

export async function selfSignedCertificate(hosts: readonly string[] = ['localhost', '127.0.0.1']): Promise<TlsMaterial> {
  const altNames = hosts.map((host) => (/^[\d.]+$/.test(host) ? { type: 7 as const, ip: host } : { type: 2 as const, value: host }));
  const pems = await generate([{ name: 'commonName', value: 'Shardscope local engine' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 825 * 86_400_000),
    extensions: [{ name: 'subjectAltName', altNames }],
  });
  return { key: pems.private, cert: pems.cert };
}
