// What the Tail screen reads about streams before a tail starts: the names to choose from, and the chosen
// stream's shards and retention.
import { useEffect, useState } from 'react';
import type { ShardRow } from '../../../shared/contract/streams';
import { isResourceName } from '../../../shared/domain/resourceNames';
import type { AppClient } from '../../api/connect';
import { toUiError } from '../../api/errors';
import type { StreamChoice } from './TailSetup';

export function useStreamChoice(client: AppClient): StreamChoice {
  const [choice, setChoice] = useState<StreamChoice>({ names: [], loading: true, error: null });
  useEffect(() => {
    let live = true;
    client
      .call('streams.list', { limit: 1000 })
      .then((r) => live && setChoice({ names: r.streams.map((s) => s.name), loading: false, error: null }))
      .catch((e: unknown) => live && setChoice({ names: [], loading: false, error: `Could not list the streams: ${toUiError(e).message}` }));
    return () => {
      live = false;
    };
  }, [client]);
  return choice;
}

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
