// Test data and deletion. Putting records into a delivery stream of an AWS account asks for that account's id,
// typed, and main checks it against STS before anything is sent.
import { useState } from 'react';
import { MAX_SAMPLE_RECORDS } from '../../../shared/contract/firehose';
import type { AppClient } from '../../api/connect';
import { Dialog, DialogButtons } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { Field } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { activeConnection, connectionsStore } from '../../state/connections';
import { useStore } from '../../state/store';
import { linesAsRecords } from './sampleRecords';

export function PutDialog({ client, name, local, onClose }: { client: AppClient; name: string; local: boolean; onClose(): void }) {
  const connection = activeConnection(useStore(connectionsStore));
  const needsAccount = connection?.kind === 'profile';
  const [text, setText] = useState('{"hello":"firehose"}');
  const [account, setAccount] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  const records = linesAsRecords(text, true);
  const accountOk = !needsAccount || (/^\d{12}$/.test(account) && (!connection?.accountId || account === connection.accountId));
  const problem = records.length === 0 ? 'Type at least one record.' : records.length > MAX_SAMPLE_RECORDS ? `At most ${MAX_SAMPLE_RECORDS} records per batch.` : null;
  const submit = () => {
    if (problem || !accountOk) return;
    void action.run(
      () => client.call('firehose.put', { name, records, ...(needsAccount ? { confirmAccountId: account } : {}) }),
      (r) => setDone(`${r.recordIds.length - r.failed} records accepted${r.failed ? `, ${r.failed} failed: ${r.errors.join('; ')}` : ''}.`),
    );
  };
  return (
    <Dialog title="Put test data" onClose={onClose} busy={action.busy} onSubmit={submit} testId="fh-put-dialog" actions={<DialogButtons busy={action.busy} busyLabel="Putting…" label={needsAccount ? 'Put into this AWS account' : 'Put records'} danger={needsAccount} disabled={!!problem || !accountOk} onCancel={onClose} />}>
      <p className="small">
        One record per line, sent with PutRecordBatch to <code>{name}</code>. Records are concatenated with no delimiter unless the stream appends one. {local ? 'Use Flush now to deliver them without waiting for the buffer.' : ''}
      </p>
      <Field label="Records" problem={problem}>
        {(props) => <textarea {...props} className="textarea mono" rows={6} value={text} onChange={(e) => setText(e.target.value)} data-autofocus />}
      </Field>
      {needsAccount ? (
        <Field label="Type the account id to confirm" hint={connection?.accountId ? <>This writes to AWS account <code className="confirm-name">{connection.accountId}</code>.</> : 'The 12-digit account id; Shardscope checks it with STS first.'}>
          {(props) => <input {...props} className="input mono" value={account} onChange={(e) => setAccount(e.target.value.trim())} inputMode="numeric" />}
        </Field>
      ) : null}
      {done ? (
        <p className="notice" role="status">
          {done}
        </p>
      ) : null}
      {action.error ? <ErrorNote error={action.error} /> : null}
    </Dialog>
  );
}

export function DeleteDialog({ client, name, onClose, onDeleted }: { client: AppClient; name: string; onClose(): void; onDeleted(): void }) {
  const [typed, setTyped] = useState('');
  const action = useAction();
  const submit = () => typed === name && void action.run(() => client.call('firehose.delete', { name }), onDeleted);
  return (
    <Dialog title="Delete delivery stream" onClose={onClose} busy={action.busy} onSubmit={submit} actions={<DialogButtons busy={action.busy} busyLabel="Deleting…" label="Delete" danger disabled={typed !== name} onCancel={onClose} />}>
      <p>
        Records still in its buffers are not delivered. Type <code className="confirm-name">{name}</code> to confirm.
      </p>
      <Field label="Delivery stream name">
        {(props) => <input {...props} className="input mono" value={typed} onChange={(e) => setTyped(e.target.value)} data-autofocus />}
      </Field>
      {action.error ? <ErrorNote error={action.error} /> : null}
    </Dialog>
  );
}
