// Before a query starts on an AWS profile with effects that cost money or reach other consumers (an enhanced
// fan-out consumer, rows written to a stream or delivery stream): each is named, and the account id is typed.
import { useState } from 'react';
import type { ConnectionSummary } from '../../../shared/contract/connections';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';

export function AwsConfirmDialog({ connection, effects, onConfirm, onClose }: { connection: ConnectionSummary; effects: string[]; onConfirm(accountId: string): void; onClose(): void }) {
  const [account, setAccount] = useState('');
  const expected = connection.accountId ?? null;
  const ok = /^\d{12}$/.test(account) && (expected === null || account === expected);
  return (
    <Dialog
      title="Run this query on AWS?"
      testId="aws-confirm"
      onClose={onClose}
      onSubmit={() => ok && onConfirm(account)}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={!ok}>
            Confirm and run
          </button>
        </>
      }
    >
      <div className="stack">
        <p>
          In AWS account <strong className="mono">{expected ?? '(not checked yet)'}</strong> ({connection.name}, {connection.region}) this query will:
        </p>
        <ul>
          {effects.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
        <Field label="Type the account id to confirm">{(props) => <input {...props} className="input mono input-narrow" inputMode="numeric" value={account} onChange={(e) => setAccount(e.target.value.replace(/\D/g, '').slice(0, 12))} data-autofocus data-testid="aws-confirm-account" />}</Field>
      </div>
    </Dialog>
  );
}
