// What the Tail screen reads about the chosen stream before a tail starts: its shards and retention (the names to
// choose from come from the shared useStreamNames).
import { useEffect, useState } from 'react';
import type { ShardRow } from '../../../shared/contract/streams';
import { isResourceName } from '../../../shared/domain/resourceNames';
import type { AppClient } from '../../api/connect';

/** The chosen stream's shards and retention (retentionHours null when it could not be read). */
export function useStreamInfo(client: AppClient, stream: string) {
  const [info, setInfo] = useState<{ stream: string; shards: ShardRow[]; retentionHours: number | null } | null>(null);
  const valid = isResourceName(stream);
  useEffect(() => {
    if (!valid) return;
    let live = true;
    const timer = setTimeout(() => {
      client
        .call('streams.describe', { name: stream })
        .then((d) => live && setInfo({ stream, shards: d.shards, retentionHours: d.summary.retentionHours }))
        .catch(() => live && setInfo({ stream, shards: [], retentionHours: null }));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, stream, valid]);
  const current = info?.stream === stream ? info : null;
  return { info: current, loading: valid && current === null };
}
