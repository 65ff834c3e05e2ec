// The input schema: "Discover schema" samples the source (or takes the format as given) and infers columns, as
// KDA's DiscoverInputSchema did; the user renames, retypes or drops them before running. The samples are shown as
// the schema maps them, and the ones that did not parse with their reasons.
import { useEffect, useRef, useState } from 'react';
import type { ColumnSpec, DiscoverResult, SqlBaseType } from '../../../shared/contract/analytics';
import type { AppClient } from '../../api/connect';
import { ErrorNote } from '../../components/ErrorNote';
import { Field } from '../../components/Field';
import { Segmented } from '../../components/Segmented';
import { Spinner } from '../../components/Spinner';
import { useAction } from '../../components/useAction';
import { useStore } from '../../state/store';
import { analyticsRequest, claimRequest } from './analyticsUi';
import { patchAnalyticsForm, sourceOf, sourceProblems, type AnalyticsForm } from './analyticsForm';
import { formatValue } from './resultFormat';

const SAMPLE_SIZE = 100;
const WAIT_MS = 3000;
const baseTypes: SqlBaseType[] = ['VARCHAR', 'INTEGER', 'BIGINT', 'DOUBLE', 'BOOLEAN', 'TIMESTAMP'];

function nameProblem(name: string, columns: ColumnSpec[]): string | null {
  if (!name) return 'Give the column a name.';
  if (name.length > 128) return 'At most 128 characters.';
  return columns.filter((c) => c.name.toLowerCase() === name.toLowerCase()).length > 1 ? 'Another column has this name.' : null;
}

export function schemaProblems(columns: ColumnSpec[]): number {
  return columns.filter((c) => nameProblem(c.name, columns) !== null).length;
}

export function SchemaEditor({ client, form, disabled }: { client: AppClient; form: AnalyticsForm; disabled: boolean }) {
  const discovery = useAction();
  const [found, setFound] = useState<DiscoverResult | null>(null);
  const canDiscover = Object.keys(sourceProblems(form)).length === 0;
  const setColumn = (i: number, change: Partial<ColumnSpec>) => patchAnalyticsForm({ columns: form.columns.map((c, j) => (j === i ? { ...c, ...change } : c)) });
  const discover = () =>
    discovery.run(
      () =>
        client.call('analytics.discover', {
          source: sourceOf({ ...form, start: form.start === 'LATEST' ? 'TRIM_HORIZON' : form.start }),
          format: form.format === 'csv' ? { kind: 'csv', delimiter: form.delimiter || ',' } : { kind: 'json' },
          csvHeader: form.format === 'csv' && form.csvHeader,
          sampleSize: SAMPLE_SIZE,
          waitMs: WAIT_MS,
        }),
      (result) => {
        setFound(result);
        patchAnalyticsForm({ columns: result.schema.columns });
      },
    );
  const discoverRef = useRef(discover);
  useEffect(() => {
    discoverRef.current = discover;
  });
  // "Discover schema" from the command palette.
  const request = useStore(analyticsRequest);
  useEffect(() => {
    if (claimRequest(request, (a) => a === 'discover')) void discoverRef.current();
  }, [request]);
  const samples = found?.samples ?? [];
  const parsed = samples.filter((s) => s.parsed.ok).slice(0, 8);
  const rejected = samples.filter((s) => !s.parsed.ok);

  return (
    <div className="stack" data-testid="analytics-schema">
      <fieldset className="analytics-fieldset analytics-inline" disabled={disabled}>
        <legend className="visually-hidden">Record format</legend>
        <Segmented
          label="Record format"
          options={[
            { id: 'json', label: 'JSON' },
            { id: 'csv', label: 'CSV' },
          ]}
          value={form.format}
          onChange={(format) => patchAnalyticsForm({ format })}
        />
        {form.format === 'csv' ? (
          <>
            <Field label="Delimiter" problem={form.delimiter ? null : 'Give the delimiter.'}>
              {(props) => <input {...props} className="input mono input-tiny" maxLength={8} value={form.delimiter} onChange={(e) => patchAnalyticsForm({ delimiter: e.target.value })} />}
            </Field>
            <label className="checkbox">
              <input type="checkbox" checked={form.csvHeader} onChange={(e) => patchAnalyticsForm({ csvHeader: e.target.checked })} /> First record is a header
            </label>
          </>
        ) : null}
        <button type="button" className="button" onClick={discover} disabled={discovery.busy || !canDiscover} data-testid="discover-schema" title={canDiscover ? 'Sample records from the oldest kept (or the start you chose)' : 'Pick a source first'}>
          Discover schema
        </button>
        {discovery.busy ? <Spinner label={`Sampling up to ${SAMPLE_SIZE} records (${WAIT_MS / 1000} s at most)…`} /> : null}
      </fieldset>
      {discovery.error ? <ErrorNote error={discovery.error} title="Discovery failed" /> : null}
      {found?.note ? <p className="analytics-note">{found.note}</p> : null}

      {form.columns.length === 0 ? (
        <p className="analytics-note" data-testid="schema-empty">
          No columns yet: queries see only ROWTIME, PARTITION_KEY, SEQUENCE_NUMBER and SHARD_ID. Discover the schema to read fields from the payloads.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="table table-compact schema-table" data-testid="schema-columns">
            <caption className="visually-hidden">Input columns</caption>
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">Path</th>
                <th scope="col">Type</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {form.columns.map((c, i) => {
                const problem = nameProblem(c.name, form.columns);
                return (
                  <tr key={`${c.path}-${i}`}>
                    <td>
                      <input className="input mono input-cell" aria-label={`Name of the column at ${c.path}`} aria-invalid={problem !== null} title={problem ?? undefined} value={c.name} disabled={disabled} onChange={(e) => setColumn(i, { name: e.target.value.trim() })} />
                    </td>
                    <td className="mono small">{c.path}</td>
                    <td>
                      <span className="schema-type">
                        <select className="input input-cell" aria-label={`Type of ${c.name}`} value={c.type.base} disabled={disabled} onChange={(e) => setColumn(i, { type: e.target.value === 'VARCHAR' ? { base: 'VARCHAR', length: c.type.length ?? 256 } : { base: e.target.value as SqlBaseType } })}>
                          {baseTypes.map((t) => (
                            <option key={t}>{t}</option>
                          ))}
                        </select>
                        {c.type.base === 'VARCHAR' ? (
                          <input className="input input-cell input-tiny" type="number" min={1} aria-label={`Length of ${c.name}`} value={c.type.length ?? ''} disabled={disabled} onChange={(e) => setColumn(i, { type: { base: 'VARCHAR', ...(Number(e.target.value) >= 1 ? { length: Math.floor(Number(e.target.value)) } : {}) } })} />
                        ) : null}
                      </span>
                    </td>
                    <td>
                      <button type="button" className="icon-button" disabled={disabled} onClick={() => patchAnalyticsForm({ columns: form.columns.filter((_, j) => j !== i) })} aria-label={`Remove ${c.name}`} title={`Remove ${c.name}`}>
                        <span aria-hidden="true">×</span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {found && parsed.length > 0 ? (
        <details className="analytics-details">
          <summary>
            Sample rows ({parsed.length} of {samples.length - rejected.length} parsed)
          </summary>
          <div className="table-scroll">
            <table className="table table-compact" data-testid="schema-samples">
              <thead>
                <tr>
                  {found.schema.columns.map((c) => (
                    <th key={c.path} scope="col" className="mono">
                      {c.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {parsed.map((s, i) => (
                  <tr key={i}>
                    {s.parsed.ok
                      ? s.parsed.values.map((v, j) => (
                          <td key={j} className="mono small">
                            {formatValue(v, found.schema.columns[j])}
                          </td>
                        ))
                      : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
      {found && rejected.length > 0 ? (
        <details className="analytics-details" open data-testid="schema-rejected">
          <summary className="analytics-bad">
            {found.unparseable} sample{found.unparseable === 1 ? '' : 's'} did not parse
          </summary>
          <ul className="rejected-list">
            {rejected.slice(0, 20).map((s, i) => (
              <li key={i}>
                <span className="analytics-bad">{s.parsed.ok ? '' : s.parsed.reason}</span>
                <code className="mono small">{s.text.slice(0, 200)}</code>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
