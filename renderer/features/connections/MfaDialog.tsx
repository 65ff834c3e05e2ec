// Main asks for an MFA code while it resolves a role profile's credentials; the user answers or cancels.
import { useState } from 'react';
import type { MfaPrompt } from '../../../shared/contract/connections';
import { useClient } from '../../api/ClientContext';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { Field } from '../../components/Field';
import { useAction } from '../../components/useAction';

export function MfaDialog({ prompt }: { prompt: MfaPrompt }) {
  const client = useClient();
  const [code, setCode] = useState('');
  const [gone, setGone] = useState(false);
  const { busy, error, run } = useAction();
  const valid = /^\d{6}$/.test(code);
  const answer = (value: string | null) => {
    if (!client) return;
    void run(() => client.call('connections.answerMfa', { promptId: prompt.promptId, code: value }), (r) => setGone(!r.accepted));
  };
  return (
    <Dialog
      title="MFA code needed"
      onClose={() => answer(null)}
      onSubmit={() => valid && answer(code)}
      busy={busy}
      testId="mfa-dialog"
      actions={
        <>
          <button type="button" className="button" onClick={() => answer(null)} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={!valid || busy}>
            {busy ? 'Sending…' : 'Continue'}
          </button>
        </>
      }
    >
      <p>
        The profile <strong>{prompt.profile}</strong> assumes a role that needs a code from your MFA device.
      </p>
      <p className="muted small">
        Device: <code>{prompt.mfaSerial}</code>
      </p>
      <Field label="Six-digit code" problem={code && !valid ? 'An MFA code is six digits.' : null}>
        {(props) => <input {...props} className="input input-narrow mono" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} data-autofocus onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} />}
      </Field>
      {gone ? <p className="problem">This request has expired. Check the connection again to get a new one.</p> : null}
      {error ? <ErrorNote error={error} title="The code was not taken" /> : null}
    </Dialog>
  );
}
