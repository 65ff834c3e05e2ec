// Raw HTTP/1.1 requests to a Kinesis endpoint, below the SDK: for the CBOR suite and for malformed input.
import { Agent, request, type IncomingHttpHeaders } from 'node:http';

export const JSON_TYPE = 'application/x-amz-json-1.1';
export const CBOR_TYPE = 'application/x-amz-cbor-1.1';

export type RawResult =
  | { kind: 'response'; status: number; headers: IncomingHttpHeaders; body: Buffer }
  | { kind: 'closed'; error: string }
  | { kind: 'timeout' };

/**
 * Headers a signing client would send. The engine accepts any SigV4 credentials, so a well-formed Authorization
 * header is all it needs; peers such as kinesalite insist on its presence.
 */
export function kinesisHeaders(action: string | undefined, contentType: string | undefined): Record<string, string> {
  const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const headers: Record<string, string> = {
    'X-Amz-Date': amzDate,
    Authorization: `AWS4-HMAC-SHA256 Credential=AKIDSHARDSCOPETEST/${amzDate.slice(0, 8)}/us-east-1/kinesis/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${'0'.repeat(64)}`,
  };
  if (action !== undefined) headers['X-Amz-Target'] = `Kinesis_20131202.${action}`;
  if (contentType !== undefined) headers['Content-Type'] = contentType;
  return headers;
}

export interface RawRequest {
  method?: string;
  path?: string;
  headers: Record<string, string>;
  body?: Buffer | string;
  timeoutMs?: number;
  agent?: Agent;
}

export function rawRequest(endpoint: string, options: RawRequest): Promise<RawResult> {
  const url = new URL(endpoint);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: RawResult) => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: options.method ?? 'POST',
        path: options.path ?? '/',
        // An explicit length, so that a body on GET or DELETE is framed as a body, not read as the next request.
        headers: options.body === undefined ? options.headers : { 'Content-Length': String(Buffer.byteLength(options.body)), ...options.headers },
        agent: options.agent ?? false,
        timeout: options.timeoutMs ?? 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => settle({ kind: 'response', status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', (error) => settle({ kind: 'closed', error: error.message }));
        res.on('aborted', () => settle({ kind: 'closed', error: 'response aborted' }));
      },
    );
    req.on('timeout', () => {
      settle({ kind: 'timeout' });
      req.destroy();
    });
    req.on('error', (error) => settle({ kind: 'closed', error: error.message }));
    req.end(options.body);
  });
}
