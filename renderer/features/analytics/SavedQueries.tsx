// The current connection's saved queries (main keeps them per connection): open one, save the editor's text under
// a name (the same name replaces it), delete one.
import { useEffect, useState } from 'react';
import type { SavedQuery } from '../../../shared/contract/analytics';
import type { AppClient } from '../../api/connect';
import { ErrorNote } from '../../components/ErrorNote';
import { useAction } from '../../components/useAction';
import { patchAnalyticsForm, schemaOf, sourceOf, sourceProblems, type AnalyticsForm } from './analyticsForm';

/** Epoch milliseconds as a `datetime-local` input's value, in the user's time zone. */
function localInputTime(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 19);
}

export function SavedQueries({ client, form, text }: { client: AppClient; form: AnalyticsForm; text: string }) {
  const [queries, setQueries] = useState<SavedQuery[]>([]);
  const [name, setName] = useState('');
  const [picked, setPicked] = useState('');
  const action = useAction();
  useEffect(() => {
    let live = true;
    client
      .call('analytics.saved.list')
      .then((r) => live && setQueries(r.queries))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [client]);

  const open = (queryName: string) => {
    setPicked(queryName);
    const q = queries.find((x) => x.name === queryName);
    if (!q) return;
    setName(q.name);
    const source = q.source;
    patchAnalyticsForm({
      dialect: q.dialect,
      sql: { ...form.sql, [q.dialect]: q.sql },
      ...(q.schema ? { columns: q.schema.columns, format: q.schema.format.kind, ...(q.schema.format.kind === 'csv' ? { delimiter: q.schema.format.delimiter } : {}) } : {}),
      ...(source?.kind === 'stream' ? { sourceKind: 'stream' as const, stream: source.streamName, mode: source.mode, start: source.start.type, ...(source.start.type === 'AT_TIMESTAMP' ? { startTime: localInputTime(source.start.timestamp) } : {}) } : {}),
      ...(source?.kind === 'deliveryStream' ? { sourceKind: 'deliveryStream' as const, deliveryStream: source.name, deliveryStart: source.start } : {}),
    });
  };
  const save = () =>
    action.run(
      () =>
        client.call('analytics.saved.save', {
          name: name.trim(),
          sql: text,
          dialect: form.dialect,
          schema: schemaOf(form),
          ...(Object.keys(sourceProblems(form)).length === 0 ? { source: sourceOf(form) } : {}),
        }),
      (r) => {
        setQueries(r.queries);
        setPicked(name.trim());
      },
    );
  const remove = () =>
    action.run(
      () => client.call('analytics.saved.delete', { name: picked }),
      (r) => {
        setQueries(r.queries);
        setPicked('');
      },
    );

  return (
    <div className="saved-queries">
      <label className="analytics-inline-label">
        Saved
        <select className="input" value={picked} onChange={(e) => open(e.target.value)} data-testid="saved-queries" disabled={queries.length === 0}>
          <option value="">{queries.length === 0 ? 'No saved query yet' : 'Open a saved query…'}</option>
          {queries.map((q) => (
            <option key={q.name} value={q.name}>
              {q.name} ({q.dialect === 'kda' ? 'KDA' : 'Flink'})
            </option>
          ))}
        </select>
      </label>
      <input className="input input-name" aria-label="Name to save the query under" placeholder="query name" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
      <button type="button" className="button" onClick={save} disabled={action.busy || !name.trim() || !text.trim()} title="Save the query for this connection (the same name replaces it)">
        Save
      </button>
      {picked ? (
        <button type="button" className="link-button" onClick={remove} disabled={action.busy}>
          Delete “{picked}”
        </button>
      ) : null}
      {action.error ? <ErrorNote error={action.error} title="Saving failed" /> : null}
    </div>
  );
}
