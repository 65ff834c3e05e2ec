// Before a reshard runs against AWS: the user types the account id and the stream's name, so a stream in the wrong
// account or a similarly named stream is never resharded by mistake. Main checks the account again (STS).
import { useState } from 'react';
import type { ConnectionSummary } from '../../../shared/contract/connections';
import type { ReshardConfirmation } from '../../../shared/contract/reshard';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';

export function ConfirmReshardDialog({ connection, stream, calls, resume, onConfirm, onClose }: { connection: ConnectionSummary; stream: string; calls: number; resume: boolean; onConfirm(confirmation: ReshardConfirmation): void; onClose(): void }) {
  const [account, setAccount] = useState('');
  const [name, setName] = useState('');
  const expected = connection.accountId ?? null;
  const accountProblem = account === '' ? null : !/^\d{12}$/.test(account) ? 'An account id has 12 digits.' : expected !== null && account !== expected ? `This connection's account is ${expected}.` : null;
  const nameProblem = name === '' || name === stream ? null : `Type the stream's name exactly: ${stream}`;
  const ok = /^\d{12}$/.test(account) && (expected === null || account === expected) && name === stream;
  return (
    <Dialog
      title={resume ? 'Resume the reshard on AWS?' : 'Reshard on AWS?'}
      testId="reshard-confirm"
      onClose={onClose}
      onSubmit={() => ok && onConfirm({ accountId: account, streamName: name })}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-danger" disabled={!ok} data-testid="reshard-confirm-go">
            {resume ? 'Resume' : `Run ${calls} call${calls === 1 ? '' : 's'}`}
          </button>
        </>
      }
    >
      <div className="stack">
        <p>
          This changes <strong className="mono">{stream}</strong> in AWS account <strong className="mono">{expected ?? '(not checked yet)'}</strong> ({connection.name}, {connection.region}). Closed shards cannot be
          reopened, and the new shards are billed from the moment they open.
        </p>
        <Field label="Type the account id" problem={accountProblem}>
          {(props) => <input {...props} className="input mono input-narrow" inputMode="numeric" autoComplete="off" value={account} onChange={(e) => setAccount(e.target.value.replace(/\D/g, '').slice(0, 12))} data-autofocus data-testid="confirm-account" />}
        </Field>
        <Field label="Type the stream's name" problem={nameProblem}>
          {(props) => <input {...props} className="input mono" autoComplete="off" spellCheck={false} value={name} onChange={(e) => setName(e.target.value)} data-testid="confirm-stream" />}
        </Field>
      </div>
    </Dialog>
  );
}
