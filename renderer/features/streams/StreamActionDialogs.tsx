// The stream actions: retention, tags, capacity mode and delete. Each says what AWS answered when it refuses;
// anything that destroys data (delete, a shorter retention) asks for the stream's name typed again.
import { useState, type ReactNode } from 'react';
import type { StreamDetail } from '../../../shared/contract/streams';
import { useClient } from '../../api/ClientContext';
import { Dialog, DialogButtons } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { Field } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { parseTagLines, tagLines } from './tagText';

export type StreamAction = 'retention' | 'tags' | 'mode' | 'delete';

interface ActionProps {
  detail: StreamDetail;
  onClose(): void;
  /** The action was accepted; `watch` says whether the stream now goes through a transition to follow. */
  onDone(message: string, watch: 'active' | 'gone' | null): void;
}

function TypeName({ name, value, onChange, children, autoFocus }: { name: string; value: string; onChange(v: string): void; children: ReactNode; autoFocus?: boolean }) {
  return (
    <div className="danger-zone">
      {children}
      <Field label={`Type the stream name to confirm`} hint={<code className="confirm-name">{name}</code>}>
        {(props) => <input {...props} className="input" value={value} autoComplete="off" spellCheck={false} onChange={(e) => onChange(e.target.value)} data-testid="confirm-name" {...(autoFocus ? { 'data-autofocus': true } : {})} />}
      </Field>
    </div>
  );
}

/** Hours as days, in words: "1 day", "1.5 days", "7 days". */
function dayWords(hours: number): string {
  const days = hours / 24;
  return `${days.toFixed(hours % 24 ? 1 : 0)} day${days === 1 ? '' : 's'}`;
}

export function RetentionDialog({ detail, onClose, onDone }: ActionProps) {
  const client = useClient();
  const current = detail.summary.retentionHours;
  const [hours, setHours] = useState(String(current));
  const [confirm, setConfirm] = useState('');
  const { busy, error, run } = useAction();
  const value = Number(hours);
  const problem = !Number.isInteger(value) || value < 24 || value > 8760 ? 'Whole hours from 24 (1 day) to 8,760 (365 days).' : null;
  const shorter = problem === null && value < current;
  const confirmed = !shorter || confirm === detail.summary.name;
  const submit = () => {
    if (!client || problem || !confirmed) return;
    void run(
      () => client.call('streams.setRetention', { name: detail.summary.name, hours: value }),
      (r) => onDone(r.change === 'unchanged' ? `Retention stays at ${r.hours} hours.` : `Retention ${r.change} from ${r.previousHours} to ${r.hours} hours.`, r.change === 'unchanged' ? null : 'active'),
    );
  };
  return (
    <Dialog title="Change retention" onClose={onClose} onSubmit={submit} busy={busy} testId="retention-dialog" actions={<DialogButtons busy={busy} busyLabel="Changing…" label="Change retention" danger={shorter} disabled={problem !== null || !confirmed} onCancel={onClose} />}>
      <p className="muted">
        Now {current} hours ({dayWords(current)}). Records older than the retention period are no longer readable.
      </p>
      <Field label="Retention in hours" hint={problem ? undefined : dayWords(value)} problem={problem}>
        {(props) => <input {...props} className="input input-narrow" type="number" min={24} max={8760} value={hours} data-autofocus onChange={(e) => setHours(e.target.value)} />}
      </Field>
      {shorter ? (
        <TypeName name={detail.summary.name} value={confirm} onChange={setConfirm}>
          <p>
            <strong>A shorter retention deletes data:</strong> records older than {value} hours become unreadable at once and cannot be brought back.
          </p>
        </TypeName>
      ) : null}
      {error ? <ErrorNote error={error} title="Retention was not changed" /> : null}
    </Dialog>
  );
}

export function TagsDialog({ detail, onClose, onDone }: ActionProps) {
  const client = useClient();
  const [text, setText] = useState(tagLines(detail.tags ?? {}));
  const { busy, error, run } = useAction();
  const parsed = parseTagLines(text);
  const submit = () => {
    if (!client || !('tags' in parsed)) return;
    void run(
      () => client.call('streams.setTags', { name: detail.summary.name, tags: parsed.tags }),
      (r) => {
        const parts = [r.added.length && `${r.added.length} added`, r.updated.length && `${r.updated.length} updated`, r.removed.length && `${r.removed.length} removed`].filter(Boolean);
        onDone(parts.length ? `Tags saved: ${parts.join(', ')}.` : 'The tags were already like this.', null);
      },
    );
  };
  return (
    <Dialog title="Edit tags" onClose={onClose} onSubmit={submit} busy={busy} testId="tags-dialog" actions={<DialogButtons busy={busy} busyLabel="Saving…" label="Save tags" disabled={'problem' in parsed} onCancel={onClose} />}>
      {detail.tags === null ? <p className="problem">The current tags could not be read; saving replaces whatever is there with this list.</p> : null}
      <Field label="Tags" hint="One per line: key=value. Remove a line to remove the tag. At most 50." problem={'problem' in parsed ? parsed.problem : null}>
        {(props) => <textarea {...props} className="input textarea" rows={8} value={text} spellCheck={false} data-autofocus onChange={(e) => setText(e.target.value)} />}
      </Field>
      {error ? <ErrorNote error={error} title="The tags were not saved" /> : null}
    </Dialog>
  );
}

export function CapacityDialog({ detail, onClose, onDone }: ActionProps) {
  const client = useClient();
  const current = detail.summary.mode;
  const target = current === 'ON_DEMAND' ? 'PROVISIONED' : 'ON_DEMAND';
  const { busy, error, run } = useAction();
  const submit = () => {
    if (!client) return;
    void run(
      () => client.call('streams.setCapacityMode', { name: detail.summary.name, mode: target }),
      (r) => onDone(r.change === 'unchanged' ? `Already ${r.mode}.` : `Switching from ${r.previousMode} to ${r.mode}.`, r.change === 'unchanged' ? null : 'active'),
    );
  };
  return (
    <Dialog title="Switch capacity mode" onClose={onClose} onSubmit={submit} busy={busy} testId="mode-dialog" actions={<DialogButtons busy={busy} busyLabel="Switching…" label={`Switch to ${target === 'ON_DEMAND' ? 'on-demand' : 'provisioned'}`} onCancel={onClose} />}>
      <p>
        The stream is <strong>{current === 'ON_DEMAND' ? 'on-demand' : 'provisioned'}</strong> now.
      </p>
      <p className="muted">
        {target === 'ON_DEMAND'
          ? 'On-demand scales the shards with the traffic and is billed per GB. The stream is UPDATING for a while.'
          : `Provisioned keeps the current ${detail.summary.openShardCount} open shard(s); you reshard yourself from then on.`}{' '}
        AWS allows two switches per stream in 24 hours.
      </p>
      {error ? <ErrorNote error={error} title="The capacity mode was not switched" /> : null}
    </Dialog>
  );
}

export function DeleteDialog({ detail, onClose, onDone }: ActionProps) {
  const client = useClient();
  const name = detail.summary.name;
  const [confirm, setConfirm] = useState('');
  const consumers = detail.consumers?.length ?? detail.summary.consumerCount ?? 0;
  const [withConsumers, setWithConsumers] = useState(false);
  const { busy, error, run } = useAction();
  const submit = () => {
    if (!client || confirm !== name) return;
    void run(
      () => client.call('streams.delete', { name, confirmName: confirm, enforceConsumerDeletion: withConsumers }),
      () => onDone(`Deleting ${name}…`, 'gone'),
    );
  };
  return (
    <Dialog title="Delete stream" onClose={onClose} onSubmit={submit} busy={busy} testId="delete-dialog" actions={<DialogButtons busy={busy} busyLabel="Deleting…" label="Delete stream" danger disabled={confirm !== name} onCancel={onClose} />}>
      <TypeName name={name} value={confirm} onChange={setConfirm} autoFocus>
        <p>
          <strong>This deletes the stream and every record in it.</strong> Producers and consumers using it start failing. It cannot be undone.
        </p>
      </TypeName>
      {consumers > 0 ? (
        <label className="checkbox">
          <input type="checkbox" checked={withConsumers} onChange={(e) => setWithConsumers(e.target.checked)} />
          <span>
            Also deregister its {consumers} enhanced fan-out consumer{consumers === 1 ? '' : 's'} (otherwise AWS refuses while they exist)
          </span>
        </label>
      ) : null}
      {error ? <ErrorNote error={error} title="The stream was not deleted" /> : null}
    </Dialog>
  );
}
