// Create a stream: provisioned with a shard count, or on-demand. The name is checked as it is typed, with the
// same rule AWS applies, so nothing invalid is sent.
import { useState } from 'react';
import { useClient } from '../../api/ClientContext';
import { toUiError, type UiError } from '../../api/errors';
import { Dialog, DialogButtons } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { Field } from '../../components/Field';
import { nameProblem } from '../../state/streamNameText';
import { parseTagLines } from './tagText';

export function CreateStreamDialog({ onClose, onCreated }: { onClose(): void; onCreated(name: string): void }) {
  const client = useClient();
  const [name, setName] = useState('');
  const [mode, setMode] = useState<'PROVISIONED' | 'ON_DEMAND'>('PROVISIONED');
  const [shards, setShards] = useState('1');
  const [tags, setTags] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);

  const nameIssue = nameProblem(name);
  const shardCount = Number(shards);
  const shardIssue = mode === 'PROVISIONED' && (!Number.isInteger(shardCount) || shardCount < 1 || shardCount > 10_000) ? 'A whole number of shards from 1 to 10,000.' : null;
  const parsedTags = parseTagLines(tags);
  const invalid = nameIssue !== null || shardIssue !== null || 'problem' in parsedTags;

  const submit = async () => {
    setTouched(true);
    if (invalid || !client || busy) return;
    setBusy(true);
    setError(null);
    try {
      const tagSet = 'tags' in parsedTags && Object.keys(parsedTags.tags).length > 0 ? { tags: parsedTags.tags } : {};
      await client.call('streams.create', {
        name,
        capacity: mode === 'PROVISIONED' ? { mode, shardCount } : { mode },
        ...tagSet,
      });
      onCreated(name);
    } catch (e) {
      setError(toUiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Create stream"
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={busy}
      testId="create-stream-dialog"
      actions={<DialogButtons busy={busy} busyLabel="Creating…" label="Create stream" disabled={touched && invalid} onCancel={onClose} />}
    >
      <Field label="Name" hint="Letters, digits, _ . and -; up to 128 characters." problem={touched || name ? nameIssue : null}>
        {(props) => <input {...props} className="input" value={name} data-autofocus autoComplete="off" spellCheck={false} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <fieldset className="choice">
        <legend>Capacity mode</legend>
        <label className="radio">
          <input type="radio" name="capacity" checked={mode === 'PROVISIONED'} onChange={() => setMode('PROVISIONED')} />
          <span>
            <strong>Provisioned</strong> <span className="muted">— you choose the shards; each takes 1 MiB/s or 1,000 records/s in.</span>
          </span>
        </label>
        <label className="radio">
          <input type="radio" name="capacity" checked={mode === 'ON_DEMAND'} onChange={() => setMode('ON_DEMAND')} />
          <span>
            <strong>On-demand</strong> <span className="muted">— Kinesis scales the shards with the traffic.</span>
          </span>
        </label>
      </fieldset>
      {mode === 'PROVISIONED' ? (
        <Field label="Shards" problem={shardIssue}>
          {(props) => <input {...props} className="input input-narrow" type="number" min={1} max={10000} value={shards} onChange={(e) => setShards(e.target.value)} />}
        </Field>
      ) : null}
      <Field label="Tags (optional)" hint="One per line: key=value" problem={'problem' in parsedTags ? parsedTags.problem : null}>
        {(props) => <textarea {...props} className="input textarea" rows={3} value={tags} spellCheck={false} onChange={(e) => setTags(e.target.value)} />}
      </Field>
      {error ? <ErrorNote error={error} title="The stream was not created" /> : null}
    </Dialog>
  );
}
