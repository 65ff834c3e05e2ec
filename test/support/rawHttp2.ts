// Raw requests over cleartext HTTP/2 (prior knowledge, as the JS SDK v3 speaks it), for malformed input on the
// engine's h2 path. One session is shared and replaced when the server closes it.
import { connect, constants, type ClientHttp2Session } from 'node:http2';
import type { RawResult } from './rawHttp';

export interface H2Client {
  request(method: string, headers: Record<string, string>, body: Buffer, timeoutMs?: number): Promise<RawResult>;
  close(): void;
}

export function h2Client(endpoint: string): H2Client {
  let session: ClientHttp2Session | undefined;
  const current = () => {
    if (!session || session.closed || session.destroyed) {
      session = connect(endpoint);
      session.on('error', () => undefined);
    }
    return session;
  };
  return {
    request(method, headers, body, timeoutMs = 15_000) {
      return new Promise((resolve) => {
        let settled = false;
        const settle = (result: RawResult) => {
          if (!settled) {
            settled = true;
            resolve(result);
          }
        };
        const h2Headers: Record<string, string> = { ':method': method, ':path': '/', 'content-length': String(body.length) };
        for (const [name, value] of Object.entries(headers)) h2Headers[name.toLowerCase()] = value;
        let stream;
        try {
          stream = current().request(h2Headers);
        } catch (error) {
          settle({ kind: 'closed', error: error instanceof Error ? error.message : String(error) });
          return;
        }
        let status = 0;
        let responseHeaders: Record<string, string | string[] | undefined> = {};
        const chunks: Buffer[] = [];
        stream.setTimeout(timeoutMs, () => {
          settle({ kind: 'timeout' });
          stream.close(constants.NGHTTP2_CANCEL);
        });
        stream.on('response', (received) => {
          status = Number(received[':status'] ?? 0);
          responseHeaders = received;
        });
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => settle(status ? { kind: 'response', status, headers: responseHeaders, body: Buffer.concat(chunks) } : { kind: 'closed', error: 'stream ended without a response' }));
        stream.on('error', (error) => settle({ kind: 'closed', error: error.message }));
        stream.on('close', () => settle({ kind: 'closed', error: `stream closed (code ${stream.rstCode})` }));
        stream.end(body);
      });
    },
    close() {
      session?.close();
    },
  };
}
