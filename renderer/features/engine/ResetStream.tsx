// Reset a local stream: every record dropped, shards and settings kept; the name is typed again to confirm.
import { useState } from 'react';
import { useClient } from '../../api/ClientContext';
import { Dialog, DialogButtons } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { Field } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { streamNameProblem } from './LimitsControls';

export function ResetStream({ streamList }: { streamList: string }) {
  const [stream, setStream] = useState('');
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const problem = streamNameProblem(stream);
  return (
    <div className="engine-block" data-testid="engine-reset">
      <h3 className="panel-subtitle">Reset a stream</h3>
      <p className="muted small">Drops every record of a local stream. Its shards, sequence positions, settings, tags, limits and faults stay.</p>
      <form
        className="engine-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (stream && !problem) setOpen(true);
        }}
      >
        <Field label="Stream" problem={problem}>
          {(props) => <input {...props} className="input mono" list={streamList} value={stream} placeholder="orders" spellCheck={false} autoComplete="off" onChange={(e) => setStream(e.target.value.trim())} />}
        </Field>
        <button type="submit" className="button button-danger-outline" disabled={!stream || problem !== null}>
          Reset stream…
        </button>
      </form>
      {done ? (
        <p className="notice" role="status">
          {done}
        </p>
      ) : null}
      {open ? (
        <ResetDialog
          stream={stream}
          onClose={() => setOpen(false)}
          onDone={(message) => {
            setOpen(false);
            setDone(message);
          }}
        />
      ) : null}
    </div>
  );
}

function ResetDialog({ stream, onClose, onDone }: { stream: string; onClose(): void; onDone(message: string): void }) {
  const client = useClient();
  const [confirm, setConfirm] = useState('');
  const { busy, error, run } = useAction();
  const submit = () => {
    if (!client || confirm !== stream) return;
    void run(
      () => client.call('engine.resetStream', { stream, confirmName: confirm }),
      (r) => onDone(`${r.stream}: ${r.recordsDeleted.toLocaleString()} record${r.recordsDeleted === 1 ? '' : 's'} dropped.`),
    );
  };
  return (
    <Dialog title={`Reset ${stream}?`} onClose={onClose} onSubmit={submit} busy={busy} testId="reset-dialog" actions={<DialogButtons busy={busy} busyLabel="Resetting…" label="Drop every record" danger disabled={confirm !== stream} onCancel={onClose} />}>
      <div className="danger-zone">
        <p>
          <strong>Every record of {stream} on the local engine is dropped</strong> and cannot be brought back (take a snapshot first if you need them).
        </p>
        <Field label="Type the stream name to confirm" hint={<code className="confirm-name">{stream}</code>}>
          {(props) => <input {...props} className="input" value={confirm} autoComplete="off" spellCheck={false} data-autofocus data-testid="confirm-name" onChange={(e) => setConfirm(e.target.value)} />}
        </Field>
      </div>
      {error ? <ErrorNote error={error} title="The stream was not reset" /> : null}
    </Dialog>
  );
}
