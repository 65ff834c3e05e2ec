// On AWS, shard-level metrics exist only where enhanced monitoring is on, and AWS bills each shard-level metric
// per shard like a custom CloudWatch metric. The screen says which are off and offers to turn them on, with the
// cost worked out for this stream and where the price comes from.
import { useState } from 'react';
import { SHARD_LEVEL_METRIC_NAMES } from '../../../shared/contract/metrics';
import { useClient } from '../../api/ClientContext';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { useAction } from '../../components/useAction';

/** CloudWatch's price of a custom metric per month, first 10,000 metrics, US East (N. Virginia). */
export const METRIC_MONTH_USD = 0.3;
export const PRICE_SOURCE = 'Amazon CloudWatch pricing (aws.amazon.com/cloudwatch/pricing), custom metrics, first 10,000 metrics per month in US East (N. Virginia), as published in 2025';

type ShardMetric = (typeof SHARD_LEVEL_METRIC_NAMES)[number];

export function missingShardMetrics(enabled: readonly string[]): ShardMetric[] {
  if (enabled.includes('ALL')) return [];
  return SHARD_LEVEL_METRIC_NAMES.filter((m) => !enabled.includes(m));
}

/** Dollars per month for `metrics` shard-level metrics on `shards` shards (billed pro rata by the hour). */
export function monthlyCost(shards: number, metrics: number): number {
  return shards * metrics * METRIC_MONTH_USD;
}

const usd = (n: number) => n.toLocaleString(undefined, { style: 'currency', currency: 'USD', maximumFractionDigits: 2 });

export function EnhancedMonitoringNotice({ stream, enabled, openShards, onChanged }: { stream: string; enabled: readonly string[]; openShards: number; onChanged(): void }) {
  const [open, setOpen] = useState(false);
  const missing = missingShardMetrics(enabled);
  if (missing.length === 0) return null;
  const none = missing.length === SHARD_LEVEL_METRIC_NAMES.length;
  return (
    <div className="notice metrics-enhanced" data-testid="metrics-enhanced-off">
      <p>
        <strong>Enhanced (shard-level) monitoring is {none ? 'off' : 'partly off'} for this stream.</strong> CloudWatch has stream-level figures only{none ? '' : ` for ${missing.join(', ')}`}, so the per-shard
        heat strip and shard charts stay empty. Turning it on costs money: AWS bills each shard-level metric per shard as a custom CloudWatch metric.
      </p>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Enable shard-level metrics…
      </button>
      {open ? (
        <EnableDialog
          stream={stream}
          missing={missing}
          openShards={openShards}
          onClose={() => setOpen(false)}
          onDone={() => {
            setOpen(false);
            onChanged();
          }}
        />
      ) : null}
    </div>
  );
}

function EnableDialog({ stream, missing, openShards, onClose, onDone }: { stream: string; missing: readonly ShardMetric[]; openShards: number; onClose(): void; onDone(): void }) {
  const client = useClient();
  const [picked, setPicked] = useState<ReadonlySet<ShardMetric>>(() => new Set(missing));
  const action = useAction();
  const cost = monthlyCost(openShards, picked.size);
  const enable = () => {
    if (!client || picked.size === 0) return;
    void action.run(() => client.call('metrics.setShardLevel', { stream, metrics: [...picked], enabled: true }), onDone);
  };
  return (
    <Dialog
      title="Enable shard-level metrics"
      onClose={onClose}
      busy={action.busy}
      onSubmit={enable}
      testId="metrics-enable-dialog"
      actions={
        <>
          <button type="button" className="button" onClick={onClose} disabled={action.busy}>
            Cancel
          </button>
          <button type="button" className="button button-primary" onClick={enable} disabled={action.busy || picked.size === 0}>
            {action.busy ? 'Enabling…' : `Enable ${picked.size} metric${picked.size === 1 ? '' : 's'}`}
          </button>
        </>
      }
    >
      <p>EnableEnhancedMonitoring on {stream}, for:</p>
      <div className="metrics-enable-list" role="group" aria-label="Shard-level metrics">
        {missing.map((m) => (
          <label key={m} className="check">
            <input
              type="checkbox"
              checked={picked.has(m)}
              onChange={(e) =>
                setPicked((old) => {
                  const next = new Set(old);
                  if (e.target.checked) next.add(m);
                  else next.delete(m);
                  return next;
                })
              }
            />{' '}
            <span className="mono">{m}</span>
          </label>
        ))}
      </div>
      <p data-testid="metrics-enable-cost">
        About <strong>{usd(cost)} a month</strong> while it stays on: {openShards} open shard{openShards === 1 ? '' : 's'} × {picked.size} metric{picked.size === 1 ? '' : 's'} × {usd(METRIC_MONTH_USD)} per metric-month
        (billed by the hour; more shards after a reshard cost more). Reading them with GetMetricData is billed too, per 1,000 metrics asked.
      </p>
      <p className="small muted">
        Price from {PRICE_SOURCE}. It may be out of date and differs by region and volume tier: check the pricing page for your region. Turn it off again with DisableEnhancedMonitoring (the AWS console or CLI).
      </p>
      {action.error ? <ErrorNote error={action.error} title="Could not enable shard-level metrics" /> : null}
    </Dialog>
  );
}
