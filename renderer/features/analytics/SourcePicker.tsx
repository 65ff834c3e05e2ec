// Where the query reads: a stream of the current connection (all shards, from LATEST, TRIM_HORIZON or a time,
// polling or fan-out), or on the local engine the records a delivery stream accepts.
import { Field } from '../../components/Field';
import { Segmented } from '../../components/Segmented';
import { patchAnalyticsForm, sourceProblems, type AnalyticsForm } from './analyticsForm';
import type { StreamNames } from '../../components/useStreamNames';

const startOptions = [
  { id: 'LATEST', label: 'Latest' },
  { id: 'TRIM_HORIZON', label: 'Oldest (trim horizon)' },
  { id: 'AT_TIMESTAMP', label: 'At a time' },
] as const;

/** `streamOnly`: just the stream (ad-hoc SQLite reads the last minutes of a stream, whatever the start or mode). */
export function SourcePicker({ form, streams, local, showProblems, disabled, streamOnly }: { form: AnalyticsForm; streams: StreamNames; local: boolean; showProblems: boolean; disabled: boolean; streamOnly?: boolean }) {
  const problems = showProblems ? sourceProblems(form) : {};
  return (
    <fieldset className="analytics-fieldset" disabled={disabled}>
      <legend className="visually-hidden">Source</legend>
      {local ? (
        <Segmented
          label="Source kind"
          options={[
            { id: 'stream', label: 'Kinesis stream' },
            { id: 'deliveryStream', label: 'Delivery stream' },
          ]}
          value={form.sourceKind}
          onChange={(sourceKind) => patchAnalyticsForm({ sourceKind })}
        />
      ) : null}
      {form.sourceKind === 'stream' || !local ? (
        <>
          <Field label="Stream" problem={problems.source ?? streams.error} hint={streams.loading ? 'Listing the streams…' : streams.names.length === 0 ? 'This connection has no stream yet: create one on the Streams screen.' : undefined}>
            {(props) => (
              <>
                <input {...props} className="input mono" list="analytics-streams" value={form.stream} placeholder="stream name" onChange={(e) => patchAnalyticsForm({ stream: e.target.value.trim() })} data-testid="analytics-stream" />
                <datalist id="analytics-streams">
                  {streams.names.map((n) => (
                    <option key={n} value={n} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
          {streamOnly ? null : (
            <>
              <div className="field">
                <span className="analytics-label">Start</span>
                <Segmented label="Start position" options={startOptions} value={form.start} onChange={(start) => patchAnalyticsForm({ start })} />
              </div>
              {form.start === 'AT_TIMESTAMP' ? (
                <Field label="Start at (your time zone)" problem={problems.startTime}>
                  {(props) => <input {...props} type="datetime-local" step="1" className="input" value={form.startTime} onChange={(e) => patchAnalyticsForm({ startTime: e.target.value })} />}
                </Field>
              ) : null}
              <div className="field">
                <span className="analytics-label">Read with</span>
                <Segmented
                  label="Read mode"
                  options={[
                    { id: 'polling', label: 'Polling (GetRecords)' },
                    { id: 'fanout', label: 'Enhanced fan-out' },
                  ]}
                  value={form.mode}
                  onChange={(mode) => patchAnalyticsForm({ mode })}
                />
              </div>
            </>
          )}
        </>
      ) : (
        <>
          <Field label="Delivery stream" problem={problems.source} hint="The records the local engine's Firehose accepts, before buffering.">
            {(props) => <input {...props} className="input mono" value={form.deliveryStream} placeholder="delivery stream name" onChange={(e) => patchAnalyticsForm({ deliveryStream: e.target.value.trim() })} data-testid="analytics-delivery-stream" />}
          </Field>
          <div className="field">
            <span className="analytics-label">Records</span>
            <Segmented
              label="Delivery stream start"
              options={[
                { id: 'LATEST', label: 'From now on' },
                { id: 'KEPT', label: 'Also those still kept' },
              ]}
              value={form.deliveryStart}
              onChange={(deliveryStart) => patchAnalyticsForm({ deliveryStart })}
            />
          </div>
        </>
      )}
    </fieldset>
  );
}
