// Permalinks on the Tail screen: copy the selected record's link, and open a link (from the address or a later
// hash change) by reopening the tail AT_SEQUENCE_NUMBER on its shard and selecting the record when it arrives.
import { useCallback, useEffect, useRef } from 'react';
import { useStore } from '../../state/store';
import { pendingPermalink, permalinkUrl, type Permalink } from './permalink';
import type { TailController } from './tailController';
import { patchForm } from './tailForm';
import { patchTailUi, tailUi } from './tailUi';

export function useTailPermalink(
  controller: TailController,
  { activeId, connectionId: activeConnectionId, begin, notify }: { activeId: string | null; connectionId: string | undefined; begin(): void; notify(notice: string): void },
): { link: Permalink | null; copyPermalink(): void } {
  const link = useStore(pendingPermalink);
  const selectOnArrival = useRef<{ link: Permalink; scanned: number } | null>(null);

  const copyPermalink = useCallback(() => {
    const s = tailUi.get().selected;
    const row = s === null ? undefined : controller.rows.at(s);
    const params = controller.state.get().params;
    const connectionId = controller.state.get().started?.connectionId ?? activeConnectionId;
    if (!row || !params || !connectionId) return notify('Select a row first to copy its permalink.');
    const url = permalinkUrl({ connectionId, stream: params.stream, shardId: row.shardId, sequenceNumber: row.sequenceNumber, subIndex: row.subIndex });
    navigator.clipboard?.writeText(url).then(
      () => notify('Permalink copied.'),
      () => notify(`The clipboard is not available; the permalink is ${url}`),
    );
  }, [controller, activeConnectionId, notify]);

  // A link for the active connection: reopen its shard at the record's sequence number.
  useEffect(() => {
    if (!link || activeId === null || link.connectionId !== activeId) return;
    const timer = setTimeout(() => {
      pendingPermalink.set(null);
      patchForm({ stream: link.stream, shards: [link.shardId], start: 'AT_SEQUENCE_NUMBER', startSequence: link.sequenceNumber, end: 'none', order: 'oldest-first', filterText: '', regex: '', jsonata: '' });
      selectOnArrival.current = { link, scanned: 0 };
      begin();
    });
    return () => clearTimeout(timer);
  }, [link, activeId, begin]);

  // Select the linked record when it arrives, scanning each row only once.
  useEffect(
    () =>
      controller.frame.subscribe(() => {
        const want = selectOnArrival.current;
        if (!want) return;
        const rows = controller.rows;
        for (let p = Math.max(rows.first, want.scanned); p < rows.pushed; p++) {
          const row = rows.at(p);
          if (row && row.shardId === want.link.shardId && row.sequenceNumber === want.link.sequenceNumber && row.subIndex === want.link.subIndex) {
            selectOnArrival.current = null;
            patchTailUi({ selected: p, detail: true, following: false });
            return;
          }
        }
        want.scanned = rows.pushed;
      }),
    [controller],
  );

  return { link, copyPermalink };
}
