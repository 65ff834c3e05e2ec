// Measures the link to main with the diag.count subscription: how many items per second arrive, in how many batches.
import { useEffect, useRef, useState } from 'react';
import type { AppClient } from '../../api/connect';
import type { SubscriptionHandle } from '../../api/client';
import { Card, Facts } from '../../components/Card';

const ITEMS = 200_000;

type Result = { items: number; batches: number; dropped: number; ms: number; error?: string };

export function TransportCheck({ client }: { client: AppClient | null }) {
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const handle = useRef<SubscriptionHandle | null>(null);
  useEffect(() => () => handle.current?.unsubscribe(), []);

  const run = () => {
    if (!client || running) return;
    setRunning(true);
    setResult(null);
    const started = performance.now();
    let items = 0;
    let batches = 0;
    let dropped = 0;
    handle.current = client.subscribe(
      'diag.count',
      { limit: ITEMS },
      {
        onBatch(batch, info) {
          items += batch.length;
          batches++;
          dropped += info.dropped;
        },
        onEnd(error) {
          handle.current = null;
          setRunning(false);
          setResult({ items, batches, dropped, ms: performance.now() - started, ...(error ? { error: error.message } : {}) });
        },
      },
    );
  };

  return (
    <Card
      id="transport-check"
      title="Transport check"
      aside={
        <button type="button" className="button" onClick={run} disabled={!client || running}>
          {running ? 'Measuring…' : 'Run check'}
        </button>
      }
    >
      <p className="muted">
        Streams {ITEMS.toLocaleString()} small items from main through the same batching and flow control that live data uses.
      </p>
      {result ? (
        result.error ? (
          <p className="problem">{result.error}</p>
        ) : (
          <Facts
            rows={[
              ['Throughput', `${Math.round((result.items / result.ms) * 1000).toLocaleString()} items/s`, 'transport-rate'],
              ['Received', `${result.items.toLocaleString()} items in ${result.batches.toLocaleString()} batches, ${Math.round(result.ms)} ms`],
              ['Dropped', result.dropped.toLocaleString()],
            ]}
          />
        )
      ) : null}
    </Card>
  );
}
