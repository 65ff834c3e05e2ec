// Permalinks to one record: #/tail?c=<connection>&s=<stream>&shard=<shard>&seq=<sequence number>[&sub=<n>].
// Opening one reopens the tailer AT_SEQUENCE_NUMBER on that shard and selects the record. In web mode the
// address may also carry the access token (#/tail?…&token=…): renderer/api reads it from the same hash and
// then clears the hash, so this module reads the address when it is first imported, which is before
// main.tsx connects.
import { isResourceName } from '../../../shared/domain/resourceNames';
import { navigation } from '../../state/navigation';
import { createStore } from '../../state/store';

export interface Permalink {
  connectionId: string;
  stream: string;
  shardId: string;
  sequenceNumber: string;
  subIndex: number;
}

export function permalinkHash(link: Permalink): string {
  const q = new URLSearchParams({ c: link.connectionId, s: link.stream, shard: link.shardId, seq: link.sequenceNumber });
  if (link.subIndex > 0) q.set('sub', String(link.subIndex));
  return `#/tail?${q.toString()}`;
}

/** The whole address to copy: this page's origin and path with the record's hash (never the token). */
export function permalinkUrl(link: Permalink): string {
  return `${window.location.origin}${window.location.pathname}${window.location.search}${permalinkHash(link)}`;
}

export function parsePermalink(hash: string): Permalink | null {
  const m = /^#\/tail\?(.*)$/.exec(hash);
  if (!m) return null;
  const q = new URLSearchParams(m[1]);
  const connectionId = q.get('c');
  const stream = q.get('s');
  const shardId = q.get('shard');
  const sequenceNumber = q.get('seq');
  const sub = Number(q.get('sub') ?? '0');
  if (!connectionId || !stream || !shardId || !sequenceNumber || !/^\d{1,128}$/.test(sequenceNumber) || !isResourceName(stream)) return null;
  return { connectionId, stream, shardId, sequenceNumber, subIndex: Number.isInteger(sub) && sub >= 0 ? sub : 0 };
}

/** A permalink waiting to be opened: from the address at load, or from a later hash change in this tab. */
export const pendingPermalink = createStore<Permalink | null>(parsePermalink(window.location.hash));
if (pendingPermalink.get()) navigation.set('tail');

window.addEventListener('hashchange', () => {
  const link = parsePermalink(window.location.hash);
  if (!link) return;
  pendingPermalink.set(link);
  navigation.set('tail');
});
