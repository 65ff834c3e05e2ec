// The local engine's own Firehose action LocalReadDeliveryRecords (AWS has none): the records a delivery stream
// accepted recently, after a cursor. The SDK has no command for it, so this is one SigV4-signed JSON 1.1 POST
// with the connection's credentials, as the SDK would send it.
import { createHash, createHmac } from 'node:crypto';
import type { AwsCredentialIdentity } from '@smithy/types';
import { RpcError } from '../../../shared/contract/errors';

export interface LocalFirehoseTarget {
  endpoint: string;
  region: string;
  credentials: () => Promise<AwsCredentialIdentity>;
}

export interface DeliveryRecordsPage {
  records: { data: Uint8Array; arrivalMs: number; recordId: string }[];
  nextCursor: string;
  missed: number;
}

interface WirePage {
  Records?: { Data?: string; ApproximateArrivalTimestamp?: number; RecordId?: string }[];
  NextCursor?: string;
  MissedRecords?: number;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const hmac = (key: string | Buffer, text: string): Buffer => createHmac('sha256', key).update(text).digest();

/** AWS Signature Version 4 for a POST of `body` to `url` (headers in lower case). */
export function signRequest(url: URL, headers: Record<string, string>, body: string, region: string, service: string, credentials: AwsCredentialIdentity, now: Date): Record<string, string> {
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const date = amzDate.slice(0, 8);
  const all: Record<string, string> = { ...headers, host: url.host, 'x-amz-date': amzDate, ...(credentials.sessionToken ? { 'x-amz-security-token': credentials.sessionToken } : {}) };
  const names = Object.keys(all).sort();
  const canonical = ['POST', url.pathname || '/', '', ...names.map((n) => `${n}:${(all[n] ?? '').trim()}`), '', names.join(';'), sha256(body)].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const key = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, date), region), service), 'aws4_request');
  const signature = createHmac('sha256', key).update(['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n')).digest('hex');
  return { ...all, authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}` };
}

export async function readDeliveryRecords(target: LocalFirehoseTarget, name: string, afterCursor: string | null, limit: number, signal?: AbortSignal): Promise<DeliveryRecordsPage> {
  const url = new URL(target.endpoint);
  const body = JSON.stringify({ DeliveryStreamName: name, Limit: limit, ...(afterCursor !== null ? { AfterCursor: afterCursor } : {}) });
  const headers = signRequest(url, { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Firehose_20150804.LocalReadDeliveryRecords' }, body, target.region, 'firehose', await target.credentials(), new Date());
  delete headers.host;
  const response = await fetch(url, { method: 'POST', headers, body, ...(signal ? { signal } : {}) });
  const text = await response.text();
  const parsed = (text ? JSON.parse(text) : {}) as WirePage & { __type?: string; message?: string };
  if (!response.ok) {
    const code = (parsed.__type ?? `HTTP${response.status}`).split('#').pop() ?? 'InternalFailure';
    throw new RpcError(code, parsed.message ?? `LocalReadDeliveryRecords failed with HTTP ${response.status}`);
  }
  return {
    records: (parsed.Records ?? []).map((r) => ({ data: Buffer.from(r.Data ?? '', 'base64'), arrivalMs: Math.round((r.ApproximateArrivalTimestamp ?? 0) * 1000), recordId: r.RecordId ?? '' })),
    nextCursor: parsed.NextCursor ?? afterCursor ?? '0',
    missed: parsed.MissedRecords ?? 0,
  };
}
