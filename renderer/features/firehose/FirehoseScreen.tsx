// The Firehose screen: the active connection's delivery streams, or one delivery stream's detail with its
// preview, delivered objects and live state. Alt+Shift+N opens the create wizard (local engine), Alt+R reloads.
import { useEffect, useState } from 'react';
import type { FirehoseListResult } from '../../../shared/contract/firehose';
import { useClient } from '../../api/ClientContext';
import type { AppClient } from '../../api/connect';
import { toUiError, type UiError } from '../../api/errors';
import { ErrorNote } from '../../components/ErrorNote';
import { Spinner } from '../../components/Spinner';
import { StatusPill } from '../../components/StatusPill';
import { activeConnection, connectionsStore } from '../../state/connections';
import { useStore } from '../../state/store';
import { CreateWizard } from './CreateWizard';
import { DeliveryStreamView } from './DeliveryStreamView';
import './firehose.css';
import { FirehoseHeader } from './FirehoseHeader';
import { DESTINATION_LABELS } from './labels';
import { firehoseUi, patchFirehoseUi, resetFirehoseForConnection } from './firehoseUi';

/** `onMetrics`: opens a delivery stream's charts on the Metrics screen (lent by the app: features do not import each other). */
export function FirehoseScreen({ onMetrics }: { onMetrics(deliveryStream: string): void }) {
  const client = useClient();
  const connections = useStore(connectionsStore);
  const ui = useStore(firehoseUi);
  useEffect(() => resetFirehoseForConnection(connections.epoch), [connections.epoch]);
  if (!client) {
    return (
      <section className="screen" aria-labelledby="screen-title">
        <FirehoseHeader subtitle="Not connected to Shardscope" />
      </section>
    );
  }
  const local = activeConnection(connections)?.kind === 'local';
  return (
    <section
      className="screen fh-screen"
      aria-labelledby="screen-title"
      onKeyDown={(event) => {
        // Alt+N is the app's "create stream" everywhere; the delivery stream takes Alt+Shift+N.
        if (!event.altKey || event.ctrlKey || event.metaKey) return;
        const change = event.code === 'KeyN' && event.shiftKey && local ? { creating: true } : event.code === 'KeyR' && !event.shiftKey ? { listVersion: ui.listVersion + 1 } : null;
        if (!change) return;
        event.preventDefault();
        patchFirehoseUi(change);
      }}
    >
      {ui.open && ui.epoch === connections.epoch ? (
        <DeliveryStreamView key={`${connections.epoch}:${ui.open}`} client={client} name={ui.open} local={local} onBack={() => patchFirehoseUi({ open: null })} onMetrics={onMetrics} />
      ) : (
        <DeliveryStreamList client={client} epoch={connections.epoch} version={ui.listVersion} local={local} />
      )}
      {ui.creating && local ? <CreateWizard client={client} onClose={() => patchFirehoseUi({ creating: false })} /> : null}
    </section>
  );
}

function DeliveryStreamList({ client, epoch, version, local }: { client: AppClient; epoch: number; version: number; local: boolean }) {
  const [list, setList] = useState<FirehoseListResult | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [loaded, setLoaded] = useState<string | null>(null);
  const want = `${epoch}:${version}`;
  const loading = loaded !== want;
  useEffect(() => {
    let live = true;
    client
      .call('firehose.list', {})
      .then((r) => live && (setList(r), setError(null)))
      .catch((e: unknown) => live && setError(toUiError(e)))
      .finally(() => live && setLoaded(`${epoch}:${version}`));
    return () => {
      live = false;
    };
  }, [client, epoch, version]);
  const where = list ? (list.connection.local ? 'the local engine' : list.connection.name) : 'this connection';
  return (
    <>
      <FirehoseHeader subtitle={`Delivery streams on ${where}`}>
        {loading ? <Spinner label="Loading delivery streams…" /> : null}
        <button type="button" className="button" onClick={() => patchFirehoseUi({ listVersion: version + 1 })} title="Reload (Alt+R)">
          Refresh
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={!local}
          title={local ? 'Create a delivery stream on the local engine (Alt+Shift+N)' : 'Delivery streams are created on the local engine only; switch to it to create one.'}
          onClick={() => patchFirehoseUi({ creating: true })}
        >
          Create delivery stream
        </button>
      </FirehoseHeader>
      {error ? <ErrorNote error={error} title="Could not list the delivery streams" /> : null}
      {list && list.streams.length === 0 && list.problems.length === 0 ? (
        <div className="empty" data-testid="firehose-empty">
          <p className="empty-title">No delivery streams on {where}</p>
          <p className="empty-text">
            {local
              ? 'Create one to deliver a Kinesis stream or direct puts to S3 files under the engine’s data folder, an HTTP endpoint, OpenSearch, Splunk or Redshift, and preview exactly what each receives.'
              : 'This account has no delivery streams in this region. Create them in AWS, or switch to the local engine to try settings first.'}
          </p>
        </div>
      ) : null}
      {list && list.streams.length > 0 ? (
        <div className="table-scroll">
          <table className="table fh-table" data-testid="firehose-list">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Source</th>
                <th scope="col">Destination</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Version
                </th>
              </tr>
            </thead>
            <tbody>
              {list.streams.map((s) => (
                <tr key={s.name}>
                  <th scope="row">
                    <button type="button" className="link-button mono" onClick={() => patchFirehoseUi({ open: s.name })}>
                      {s.name}
                    </button>
                  </th>
                  <td>{s.sourceStream ? <span>Kinesis stream <code>{s.sourceStream}</code></span> : s.type === 'DirectPut' ? 'Direct PUT' : s.type}</td>
                  <td>{DESTINATION_LABELS[s.destination]}</td>
                  <td>
                    <StatusPill status={s.status} />
                  </td>
                  <td className="num">{s.version}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list?.problems.map((p) => (
        <p key={p.name} className="notice">
          {p.name}: {p.message}
        </p>
      ))}
    </>
  );
}
