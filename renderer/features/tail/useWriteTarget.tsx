// Where an import or replay writes: a connection and a stream. Writing to an AWS profile connection needs its
// account id typed.
import { useState } from 'react';
import type { ConnectionSummary } from '../../../shared/contract/connections';
import { Field } from '../../components/Field';
import { connectionsStore } from '../../state/connections';
import { useStore } from '../../state/store';
import { nameProblem } from '../../state/streamNameText';

/** A connection and stream to write to; on an AWS profile the account id must be typed. `problem` blocks the
 *  write; `shownProblem` is what to say under the fields (nothing before the user has typed a name). */
export function useWriteTarget() {
  const view = useStore(connectionsStore);
  const [connectionId, setConnectionId] = useState(view.state?.activeId ?? '');
  const [stream, setStream] = useState('');
  const [account, setAccount] = useState('');
  const connection: ConnectionSummary | null = view.state?.connections.find((c) => c.id === connectionId) ?? null;
  const aws = connection?.kind === 'profile';
  const problem = !stream ? 'Name the target stream.' : nameProblem(stream) ? nameProblem(stream) : aws && account.trim() !== (connection.accountId ?? '') ? (connection.accountId ? `Type the account id ${connection.accountId} to confirm.` : 'Type the 12-digit account id to confirm.') : null;
  const fields = (
    <>
      <div className="field-row tail-target">
        <Field label="Target connection">
          {(props) => (
            <select {...props} className="input" value={connectionId} onChange={(e) => setConnectionId(e.target.value)}>
              {view.state?.connections.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                  {c.id === view.state?.activeId ? ' (active)' : ''}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Target stream">{(props) => <input {...props} className="input mono" value={stream} onChange={(e) => setStream(e.target.value.trim())} placeholder="stream name" data-testid="target-stream" />}</Field>
      </div>
      {aws ? (
        <Field label={`This writes to AWS account ${connection.accountId ?? '(not checked yet)'}. Type the account id to confirm`} hint="Records written to AWS cost money and may reach production consumers.">
          {(props) => <input {...props} className="input mono input-narrow" inputMode="numeric" value={account} onChange={(e) => setAccount(e.target.value.replace(/\D/g, '').slice(0, 12))} />}
        </Field>
      ) : null}
    </>
  );
  const target = { ...(connectionId ? { connectionId } : {}), stream, ...(aws ? { confirmAccountId: account.trim() } : {}) };
  // Nothing typed yet is not a mistake: the empty name only disables the button until the user types.
  const shownProblem = stream === '' ? null : problem;
  return { fields, target, problem, shownProblem };
}
