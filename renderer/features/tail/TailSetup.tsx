// Where a tail starts: the stream (on the active connection), all or chosen shards, the start position (with
// time presets in local time or UTC, or a pasted sequence number), an optional end, the read mode, the order,
// JSON-path columns and the buffer size.
import { useState } from 'react';
import { parseJsonPath } from '../../../shared/domain/jsonPath';
import type { ShardRow } from '../../../shared/contract/streams';
import { Field } from '../../components/Field';
import { Segmented } from '../../components/Segmented';
import { Spinner } from '../../components/Spinner';
import type { StreamNames } from '../../components/useStreamNames';
import { useStore } from '../../state/store';
import { isFast, patchForm, tailForm, timePresets, toInputTime, type FormProblems, type StartKind, type Zone } from './tailForm';
import { shortShard } from './tailFormat';

export interface TailSetupProps {
  streams: StreamNames;
  shards: ShardRow[] | null;
  shardsLoading: boolean;
  problems: FormProblems;
  showProblems: boolean;
  connectionKind: 'local' | 'profile' | 'custom' | null;
}

const startOptions: { id: StartKind; label: string }[] = [
  { id: 'LATEST', label: 'Latest' },
  { id: 'TRIM_HORIZON', label: 'Oldest (trim horizon)' },
  { id: 'AT_TIMESTAMP', label: 'At a time' },
  { id: 'AT_SEQUENCE_NUMBER', label: 'At sequence no.' },
  { id: 'AFTER_SEQUENCE_NUMBER', label: 'After sequence no.' },
];

export function TailSetup({ streams, shards, shardsLoading, problems, showProblems, connectionKind }: TailSetupProps) {
  const form = useStore(tailForm);
  const [column, setColumn] = useState('');
  const show = (p: string | undefined) => (showProblems ? (p ?? null) : null);
  let columnProblem: string | null = null;
  if (column.trim()) {
    try {
      parseJsonPath(column.trim());
    } catch (e) {
      columnProblem = e instanceof Error ? e.message : String(e);
    }
  }
  const addColumn = () => {
    const path = column.trim();
    if (!path || columnProblem || form.columns.includes(path) || form.columns.length >= 20) return;
    patchForm({ columns: [...form.columns, path] });
    setColumn('');
  };
  const zoneWords = form.zone === 'utc' ? 'UTC' : 'local time';
  const toggleShard = (id: string) => {
    const chosen = new Set(form.shards ?? []);
    if (chosen.has(id)) chosen.delete(id);
    else chosen.add(id);
    patchForm({ shards: chosen.size === 0 ? null : [...chosen] });
  };

  return (
    <div className="tail-setup" data-testid="tail-setup">
      <div className="ts-row">
        <Field label="Stream" problem={show(problems.stream) ?? (form.stream ? (problems.stream ?? null) : null) ?? streams.error} hint={streams.loading ? 'Loading the streams…' : `${streams.names.length.toLocaleString()} stream${streams.names.length === 1 ? '' : 's'} on this connection`}>
          {(props) => (
            <>
              <input
                {...props}
                className="input mono ts-stream"
                list="tail-stream-names"
                value={form.stream}
                placeholder="Choose a stream"
                onChange={(e) => patchForm({ stream: e.target.value.trim(), shards: null })}
                data-testid="tail-stream"
                autoComplete="off"
              />
              <datalist id="tail-stream-names">
                {streams.names.map((n) => (
                  <option key={n} value={n} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <div className="field ts-shards">
          <span className="ts-label" id="ts-shards-label">
            Shards
          </span>
          <div className="ts-chips" role="group" aria-labelledby="ts-shards-label">
            <label className="ts-chip">
              <input type="checkbox" checked={form.shards === null} onChange={() => patchForm({ shards: null })} /> All{shards ? ` (${shards.filter((s) => s.open).length} open)` : ''}
            </label>
            {shardsLoading ? <Spinner label="Reading shards…" /> : null}
            {shards?.map((s) => (
              <label key={s.shardId} className="ts-chip" title={`${s.shardId}${s.open ? '' : ' (closed)'}`}>
                <input type="checkbox" checked={form.shards?.includes(s.shardId) ?? false} onChange={() => toggleShard(s.shardId)} /> {shortShard(s.shardId)}
                {s.open ? '' : ' · closed'}
              </label>
            ))}
          </div>
          {show(problems.shards) ? <p className="field-problem">{problems.shards}</p> : null}
        </div>
      </div>

      <div className="ts-row">
        <div className="field">
          <span className="ts-label">Start</span>
          <Segmented<StartKind> label="Start position" value={form.start} onChange={(start) => patchForm({ start, ...(start === 'AT_TIMESTAMP' && !form.startTime ? { startTime: toInputTime(Date.now() - 15 * 60_000, form.zone) } : {}) })} options={startOptions} />
        </div>
        {form.start === 'AT_TIMESTAMP' ? (
          <>
            <Field label={`Start (${zoneWords})`} problem={show(problems.startTime)}>
              {(props) => <input {...props} type="datetime-local" step="1" className="input" value={form.startTime} onChange={(e) => patchForm({ startTime: e.target.value })} data-testid="tail-start-time" />}
            </Field>
            <div className="field">
              <span className="ts-label">Presets</span>
              <div className="button-row">
                {timePresets.map((p) => (
                  <button key={p.label} type="button" className="button button-small" onClick={() => patchForm({ startTime: toInputTime(Date.now() - p.ms, form.zone) })}>
                    {p.label}
                  </button>
                ))}
              </div>
            </div>
          </>
        ) : null}
        {form.start === 'AT_SEQUENCE_NUMBER' || form.start === 'AFTER_SEQUENCE_NUMBER' ? (
          <Field label="Sequence number" problem={show(problems.startSequence)} hint="Paste it from a record; choose its shard above.">
            {(props) => <input {...props} className="input mono ts-seq" inputMode="numeric" value={form.startSequence} onChange={(e) => patchForm({ startSequence: e.target.value.trim() })} data-testid="tail-start-seq" />}
          </Field>
        ) : null}
        {form.start === 'AT_TIMESTAMP' || form.end === 'time' ? (
          <div className="field">
            <span className="ts-label">Times in</span>
            <Segmented<Zone>
              label="Time zone of the times typed"
              value={form.zone}
              onChange={(zone) => patchForm({ zone })}
              options={[
                { id: 'local', label: 'Local' },
                { id: 'utc', label: 'UTC' },
              ]}
            />
          </div>
        ) : null}
      </div>

      <div className="ts-row">
        <div className="field">
          <span className="ts-label">Stop</span>
          <Segmented<'none' | 'time' | 'sequence'>
            label="End position"
            value={form.end}
            onChange={(end) => patchForm({ end, ...(end === 'time' && !form.endTime ? { endTime: toInputTime(Date.now(), form.zone) } : {}) })}
            options={[
              { id: 'none', label: 'Never (live)' },
              { id: 'time', label: 'At a time' },
              { id: 'sequence', label: 'At a sequence no.' },
            ]}
          />
        </div>
        {form.end === 'time' ? (
          <Field label={`End (${zoneWords}, inclusive)`} problem={show(problems.endTime)}>
            {(props) => <input {...props} type="datetime-local" step="1" className="input" value={form.endTime} onChange={(e) => patchForm({ endTime: e.target.value })} />}
          </Field>
        ) : null}
        {form.end === 'sequence' ? (
          <Field label="End sequence number (inclusive)" problem={show(problems.endSequence)}>
            {(props) => <input {...props} className="input mono ts-seq" inputMode="numeric" value={form.endSequence} onChange={(e) => patchForm({ endSequence: e.target.value.trim() })} />}
          </Field>
        ) : null}
        <div className="field">
          <span className="ts-label">Order</span>
          <Segmented<'oldest-first' | 'newest-first'>
            label="Order"
            value={form.order}
            onChange={(order) => patchForm({ order })}
            options={[
              { id: 'oldest-first', label: 'Oldest first' },
              { id: 'newest-first', label: 'Newest first' },
            ]}
          />
          {show(problems.order) ? <p className="field-problem">{problems.order}</p> : null}
        </div>
      </div>

      <div className="ts-row">
        <div className="field">
          <span className="ts-label">Read mode</span>
          <Segmented<'polling' | 'fanout'>
            label="Read mode"
            value={form.mode}
            onChange={(mode) => patchForm({ mode })}
            options={[
              { id: 'polling', label: 'Polling (GetRecords)' },
              { id: 'fanout', label: 'Enhanced fan-out' },
            ]}
          />
        </div>
        {form.mode === 'polling' ? (
          <label className="checkbox ts-note">
            <input type="checkbox" checked={isFast(form, connectionKind)} onChange={(e) => patchForm({ fast: e.target.checked })} data-testid="tail-fast" />
            <span data-testid="tail-fast-cost">
              Lowest latency: 5 GetRecords calls/s per shard every 200 ms, the whole per-shard read budget, so other consumers of this stream are throttled while the tail runs. Off: 4 calls/s every 250 ms, leaving one for them.
              {form.fast === null ? (connectionKind === 'local' ? ' On by default for the local engine; off by default on AWS and custom endpoints.' : ' Off by default on AWS and custom endpoints.') : ''}
            </span>
          </label>
        ) : (
          <p className="ts-note small">
            Registers a consumer (<code>shardscope-tail-…</code>) on the stream, subscribes to each shard, and deregisters it when the tail stops.
            {connectionKind === 'profile' ? ' On AWS this costs money: you confirm the account first.' : ''}
          </p>
        )}
      </div>

      <div className="ts-row">
        <Field label="Columns from JSON paths" problem={columnProblem} hint="e.g. user.id, items[0].sku, meta.&quot;content-type&quot;; computed in main.">
          {(props) => (
            <div className="ts-inline">
              <input
                {...props}
                className="input mono"
                value={column}
                onChange={(e) => setColumn(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    addColumn();
                  }
                }}
                placeholder="user.id"
                data-testid="tail-column-input"
              />
              <button type="button" className="button" onClick={addColumn} disabled={!column.trim() || columnProblem !== null}>
                Add
              </button>
            </div>
          )}
        </Field>
        {form.columns.length > 0 ? (
          <div className="ts-chips" aria-label="Columns">
            {form.columns.map((c) => (
              <span key={c} className="ts-chip mono">
                {c}
                <button type="button" className="ts-remove" aria-label={`Remove column ${c}`} onClick={() => patchForm({ columns: form.columns.filter((x) => x !== c) })}>
                  ×
                </button>
              </span>
            ))}
          </div>
        ) : null}
        <Field label="Rows kept" hint="The oldest rows drop off beyond this; a counter shows how many.">
          {(props) => (
            <input
              {...props}
              type="number"
              className="input input-narrow"
              min={100}
              max={1_000_000}
              step={1000}
              value={form.bufferSize}
              onChange={(e) => patchForm({ bufferSize: Math.min(1_000_000, Math.max(100, Math.round(Number(e.target.value) || 100))) })}
              data-testid="tail-buffer"
            />
          )}
        </Field>
      </div>
    </div>
  );
}
