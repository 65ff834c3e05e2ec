import { useState } from 'react';
import type { ConnectionSummary } from '../../../shared/contract/connections';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';

/** Before registering an enhanced fan-out consumer on an AWS profile: it costs money, so the account is named. */
export function FanoutConfirmDialog({ connection, stream, onConfirm, onClose }: { connection: ConnectionSummary; stream: string; onConfirm(accountId: string): void; onClose(): void }) {
  const [account, setAccount] = useState('');
  const expected = connection.accountId ?? null;
  const ok = /^\d{12}$/.test(account) && (expected === null || account === expected);
  return (
    <Dialog
      title="Register a fan-out consumer?"
      testId="fanout-confirm"
      onClose={onClose}
      onSubmit={() => ok && onConfirm(account)}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={!ok}>
            Register and tail
          </button>
        </>
      }
    >
      <div className="stack">
        <p>
          Enhanced fan-out registers a consumer on <strong className="mono">{stream}</strong> in AWS account <strong className="mono">{expected ?? '(not checked yet)'}</strong> ({connection.name}, {connection.region}). AWS bills
          consumer-shard hours and data retrieved. The consumer is deregistered when the tail stops.
        </p>
        <Field label="Type the account id to confirm">{(props) => <input {...props} className="input mono input-narrow" inputMode="numeric" value={account} onChange={(e) => setAccount(e.target.value.replace(/\D/g, '').slice(0, 12))} data-autofocus />}</Field>
      </div>
    </Dialog>
  );
}
