// A lean Kinesis client for the throughput benchmarks: AWS JSON 1.1 over node:http keep-alive, SigV4-signed by hand.
// Why not the SDK here: on a 2-core machine the SDK's per-record work (about 3 µs to serialize, sign and parse)
// competes with the server it measures, so the figure showed the client, not the engine. This client is the same
// code for every peer, sends real, signed requests and parses every response in full; the SDK keeps the latency and
// seek figures and all of the tests. See bench/RESULTS.md ("Clients").
import { createHash, createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';

const REGION = 'us-east-1';
const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text).digest();
const sha256Hex = (body: Buffer | string) => createHash('sha256').update(body).digest('hex');

/** A request body with its payload hash worked out once, so a body sent many times is hashed once. */
export interface PreparedBody {
  body: Buffer;
  payloadHash: string;
}

export function prepareBody(value: unknown): PreparedBody {
  const body = Buffer.from(JSON.stringify(value));
  return { body, payloadHash: sha256Hex(body) };
}

/** The API a client speaks: its X-Amz-Target prefix and SigV4 signing name. */
export interface WireApi {
  target: string;
  signingName: string;
}

export const KINESIS_API: WireApi = { target: 'Kinesis_20131202', signingName: 'kinesis' };
export const FIREHOSE_API: WireApi = { target: 'Firehose_20150804', signingName: 'firehose' };

export class WireClient {
  private readonly agent: Agent;
  private readonly url: URL;
  private signingDay = '';
  private signingKey = Buffer.alloc(0);

  constructor(endpoint: string, maxSockets: number, private readonly api: WireApi = KINESIS_API) {
    this.url = new URL(endpoint);
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  /** Calls `<target>.<action>` and returns the parsed response; rejects with the AWS error type on failure. */
  call<T>(action: string, input: PreparedBody | unknown): Promise<T> {
    const prepared = isPrepared(input) ? input : prepareBody(input);
    const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
    const headers: Record<string, string | number> = {
      'content-type': 'application/x-amz-json-1.1',
      'content-length': prepared.body.length,
      host: this.url.host,
      'x-amz-date': amzDate,
      'x-amz-target': `${this.api.target}.${action}`,
    };
    headers.authorization = this.authorization(headers, prepared.payloadHash, amzDate);
    return new Promise<T>((resolve, reject) => {
      const req = request({ agent: this.agent, hostname: this.url.hostname, port: this.url.port, method: 'POST', path: '/', headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text ? JSON.parse(text) : {};
          } catch {
            reject(new Error(`${action}: HTTP ${res.statusCode} with a body that is not JSON`));
            return;
          }
          if (res.statusCode === 200) resolve(parsed as T);
          else reject(new Error(`${action}: HTTP ${res.statusCode} ${(parsed as { __type?: string }).__type ?? ''}`));
        });
      });
      req.on('error', reject);
      req.end(prepared.body);
    });
  }

  destroy(): void {
    this.agent.destroy();
  }

  /** SigV4 over the headers above (all signed), with the day's signing key derived once. */
  private authorization(headers: Record<string, string | number>, payloadHash: string, amzDate: string): string {
    const day = amzDate.slice(0, 8);
    if (day !== this.signingDay) {
      this.signingDay = day;
      this.signingKey = hmac(hmac(hmac(hmac(`AWS4${SECRET_KEY}`, day), REGION), this.api.signingName), 'aws4_request');
    }
    const names = Object.keys(headers).sort();
    const canonical = ['POST', '/', '', ...names.map((name) => `${name}:${headers[name]}`), '', names.join(';'), payloadHash].join('\n');
    const scope = `${day}/${REGION}/${this.api.signingName}/aws4_request`;
    const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonical)].join('\n');
    const signature = createHmac('sha256', this.signingKey).update(toSign).digest('hex');
    return `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  }
}

function isPrepared(input: unknown): input is PreparedBody {
  return typeof input === 'object' && input !== null && Buffer.isBuffer((input as { body?: unknown }).body) && typeof (input as { payloadHash?: unknown }).payloadHash === 'string';
}
