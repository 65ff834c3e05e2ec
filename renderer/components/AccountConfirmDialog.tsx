// Before an action on an AWS profile that costs money or reaches other consumers: what it will do, in which account,
// and the account id typed to confirm (it must match the connection's, when known).
import { useState, type ReactNode } from 'react';
import type { ConnectionSummary } from '../../shared/contract/connections';
import { Dialog } from './Dialog';
import { Field } from './Field';

export function AccountConfirmDialog({ title, connection, children, confirmLabel, onConfirm, onClose, testId }: { title: string; connection: ConnectionSummary; children: ReactNode; confirmLabel: string; onConfirm(accountId: string): void; onClose(): void; testId: string }) {
  const [account, setAccount] = useState('');
  const expected = connection.accountId ?? null;
  const ok = /^\d{12}$/.test(account) && (expected === null || account === expected);
  return (
    <Dialog
      title={title}
      testId={testId}
      onClose={onClose}
      onSubmit={() => ok && onConfirm(account)}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={!ok}>
            {confirmLabel}
          </button>
        </>
      }
    >
      <div className="stack">
        {children}
        <Field label="Type the account id to confirm">{(props) => <input {...props} className="input mono input-narrow" inputMode="numeric" value={account} onChange={(e) => setAccount(e.target.value.replace(/\D/g, '').slice(0, 12))} data-autofocus data-testid={`${testId}-account`} />}</Field>
      </div>
    </Dialog>
  );
}

/** The account as the dialog names it: its id, or that it has not been checked yet. */
export function accountLabel(connection: ConnectionSummary): string {
  return connection.accountId ?? '(not checked yet)';
}
