// Where the result rows also go, as JSON records (one per row): nowhere, a Kinesis stream or a delivery stream of
// the current connection. On AWS the account is confirmed when the query starts (AwsConfirmDialog).
import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Segmented } from '../../components/Segmented';
import { nameProblem } from '../../state/streamNameText';
import { patchAnalyticsForm, type AnalyticsForm } from './analyticsForm';

type OutputKind = AnalyticsForm['output']['kind'];

export function outputProblem(kind: OutputKind, name: string): string | null {
  if (kind === 'none') return null;
  if (kind === 'stream') return nameProblem(name);
  return /^[a-zA-Z0-9_.-]{1,64}$/.test(name) ? null : 'A delivery stream name is 1 to 64 letters, digits, _ . or -.';
}

export function OutputDialog({ form, streams, onClose }: { form: AnalyticsForm; streams: string[]; onClose(): void }) {
  const [kind, setKind] = useState<OutputKind>(form.output.kind);
  const [name, setName] = useState(form.output.name);
  const problem = outputProblem(kind, name);
  const apply = () => {
    if (problem) return;
    patchAnalyticsForm({ output: { kind, name: kind === 'none' ? '' : name } });
    onClose();
  };
  return (
    <Dialog
      title="Write the results to"
      testId="output-dialog"
      onClose={onClose}
      onSubmit={apply}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={problem !== null}>
            Use this output
          </button>
        </>
      }
    >
      <div className="stack">
        <p className="small muted">Each result row is written as one JSON record (column names as keys) while the query runs, as a KDA application's output did. The screen shows the rows either way.</p>
        <Segmented
          label="Output"
          options={[
            { id: 'none', label: 'The screen only' },
            { id: 'stream', label: 'A Kinesis stream' },
            { id: 'deliveryStream', label: 'A delivery stream' },
          ]}
          value={kind}
          onChange={setKind}
        />
        {kind !== 'none' ? (
          <Field label={kind === 'stream' ? 'Stream' : 'Delivery stream'} problem={name ? problem : null}>
            {(props) => (
              <>
                <input {...props} className="input mono" list={kind === 'stream' ? 'analytics-output-streams' : undefined} value={name} onChange={(e) => setName(e.target.value.trim())} data-autofocus data-testid="output-name" />
                <datalist id="analytics-output-streams">
                  {streams.map((s) => (
                    <option key={s} value={s} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
        ) : null}
      </div>
    </Dialog>
  );
}
