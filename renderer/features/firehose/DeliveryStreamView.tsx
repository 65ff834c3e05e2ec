// One delivery stream: what Describe says (source, destination, buffering, processors, compression, encryption,
// status, version), and its tabs: the preview beside what was delivered, the live state, the configuration.
import { useCallback, useEffect, useState } from 'react';
import type { DeliveryStreamDetail } from '../../../shared/contract/firehose';
import type { AppClient } from '../../api/connect';
import { toUiError, type UiError } from '../../api/errors';
import { Card, Facts } from '../../components/Card';
import { ErrorNote } from '../../components/ErrorNote';
import { Spinner } from '../../components/Spinner';
import { StatusPill } from '../../components/StatusPill';
import { Tabs } from '../../components/Tabs';
import { useAction } from '../../components/useAction';
import { DeleteDialog, PutDialog } from './DeliveryStreamDialogs';
import { DeliveredPanel } from './DeliveredPanel';
import { FirehoseHeader } from './FirehoseHeader';
import { bumpDeliveryStreams, patchFirehoseUi } from './firehoseUi';
import { DESTINATION_LABELS } from './labels';
import { LivePanel } from './LivePanel';
import { PreviewPanel } from './PreviewPanel';

type Tab = 'preview' | 'live' | 'config';

export function DeliveryStreamView({ client, name, local, onBack, onMetrics }: { client: AppClient; name: string; local: boolean; onBack(): void; onMetrics(deliveryStream: string): void }) {
  const [detail, setDetail] = useState<DeliveryStreamDetail | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [tab, setTab] = useState<Tab>('preview');
  const [dialog, setDialog] = useState<null | 'put' | 'delete'>(null);
  const [deliveredVersion, setDeliveredVersion] = useState(0);
  const flush = useAction();
  const load = useCallback(() => {
    client
      .call('firehose.describe', { name })
      .then((d) => (setDetail(d), setError(null)))
      .catch((e: unknown) => setError(toUiError(e)));
  }, [client, name]);
  useEffect(load, [load]);
  // A stream being created or deleted changes by itself: follow it until it settles.
  useEffect(() => {
    if (!detail || detail.status === 'ACTIVE') return;
    const timer = setTimeout(load, 1000);
    return () => clearTimeout(timer);
  }, [detail, load]);

  return (
    <>
      <FirehoseHeader subtitle={`Delivery stream ${name}`}>
        <button type="button" className="button" onClick={onBack}>
          ← All delivery streams
        </button>
        {local ? (
          <button
            type="button"
            className="button fh-local-only"
            data-testid="flush-now"
            disabled={flush.busy || detail?.status !== 'ACTIVE'}
            title="Local engine only: AWS has no such control. Flushes every buffer now instead of waiting for its size or interval."
            onClick={() => void flush.run(() => client.call('firehose.flush', { name }), () => setDeliveredVersion((v) => v + 1))}
          >
            {flush.busy ? 'Flushing…' : 'Flush now (local only)'}
          </button>
        ) : null}
        <button type="button" className="button" disabled={detail?.type !== 'DirectPut'} title={detail?.type === 'DirectPut' ? 'PutRecordBatch of test records' : 'Records come from the source Kinesis stream: put them there.'} onClick={() => setDialog('put')}>
          Put test data…
        </button>
        <button type="button" className="button button-danger-outline" onClick={() => setDialog('delete')}>
          Delete…
        </button>
      </FirehoseHeader>
      {error ? <ErrorNote error={error} title={`Could not describe ${name}`} /> : null}
      {flush.error ? <ErrorNote error={flush.error} title="Flush did not work" /> : null}
      {!detail && !error ? <Spinner label={`Describing ${name}…`} /> : null}
      {detail ? (
        <>
          <Card id="firehose-detail" title="Configuration" aside={<StatusPill status={detail.status} />} wide>
            <Facts
              rows={[
                ['Source', detail.sourceStream ? `Kinesis stream ${detail.sourceStream}` : 'Direct PUT', 'fh-source'],
                ['Destination', `${DESTINATION_LABELS[detail.destination]}${detail.endpoint ? ` → ${detail.endpoint}` : ''}`, 'fh-destination'],
                ['S3', detail.bucket ? `s3://${detail.bucket}/${detail.prefix ?? ''}` : '—'],
                ['Error prefix', detail.errorPrefix || '(default)'],
                ['Buffering', `${detail.buffering.sizeInMBs ?? '—'} MiB or ${detail.buffering.intervalInSeconds ?? '—'} s, whichever comes first`, 'fh-buffering'],
                ['Processors', detail.processors.length ? detail.processors.map((p) => p.type).join(' → ') : 'none', 'fh-processors'],
                ['Dynamic partitioning', detail.dynamicPartitioning ? 'on' : 'off'],
                ['Compression', detail.compression ?? '—'],
                ['Encryption', detail.encryption],
                ['Version', detail.version, 'fh-version'],
              ]}
            />
          </Card>
          <Tabs<Tab>
            label="Delivery stream views"
            current={tab}
            onChange={setTab}
            tabs={[
              { id: 'preview', label: 'Preview and delivered' },
              { id: 'live', label: 'Live state and metrics' },
              { id: 'config', label: 'Describe output' },
            ]}
          >
            {tab === 'preview' ? (
              <div className="fh-split">
                <PreviewPanel client={client} detail={detail} />
                <DeliveredPanel client={client} detail={detail} version={deliveredVersion} />
              </div>
            ) : null}
            {tab === 'live' ? <LivePanel client={client} detail={detail} local={local} onMetrics={onMetrics} /> : null}
            {tab === 'config' ? (
              <pre className="fh-code" data-testid="fh-describe-json">
                {detail.descriptionJson}
              </pre>
            ) : null}
          </Tabs>
        </>
      ) : null}
      {dialog === 'put' && detail ? <PutDialog client={client} name={name} local={local} onClose={() => setDialog(null)} /> : null}
      {dialog === 'delete' ? (
        <DeleteDialog
          client={client}
          name={name}
          onClose={() => setDialog(null)}
          onDeleted={() => {
            setDialog(null);
            bumpDeliveryStreams();
            patchFirehoseUi({ open: null });
          }}
        />
      ) : null}
    </>
  );
}
