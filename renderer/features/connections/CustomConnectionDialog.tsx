// Add or edit a custom endpoint (LocalStack, kinesalite, a proxy). URL and region are checked before anything
// is sent; secrets are typed into password fields and only ever travel inward.
import { useState } from 'react';
import { Region, type ConnectionSummary, type CustomCredentialsInput } from '../../../shared/contract/connections';
import { useClient } from '../../api/ClientContext';
import { Dialog, DialogButtons } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { Field } from '../../components/Field';
import { useAction } from '../../components/useAction';

type CredKind = 'none' | 'static' | 'profile' | 'keep';

export function urlProblem(text: string): string | null {
  if (!text.trim()) return 'Give the endpoint URL, e.g. http://localhost:4566.';
  try {
    const url = new URL(text.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'The URL must start with http:// or https://.';
    return null;
  } catch {
    return 'This is not a URL. Write it like http://localhost:4566.';
  }
}

export function regionProblem(text: string): string | null {
  if (!text) return 'Give a region, e.g. us-east-1.';
  return Region.safeParse(text).success ? null : 'A region looks like us-east-1 or eu-west-2.';
}

export function CustomConnectionDialog({ existing, profiles, onClose, onSaved, secretOnly }: { existing: ConnectionSummary | null; profiles: string[]; onClose(): void; onSaved(c: ConnectionSummary): void; secretOnly?: boolean }) {
  const client = useClient();
  const [name, setName] = useState(existing?.name ?? '');
  const [endpoint, setEndpoint] = useState(existing?.endpoint ?? '');
  const [region, setRegion] = useState(existing?.region ?? 'us-east-1');
  const initialKind: CredKind = secretOnly ? 'static' : existing ? 'keep' : 'none';
  const [kind, setKind] = useState<CredKind>(initialKind);
  const [accessKeyId, setAccessKeyId] = useState('');
  const [secret, setSecret] = useState('');
  const [token, setToken] = useState('');
  const [profile, setProfile] = useState(existing?.sourceProfile ?? profiles[0] ?? '');
  const [touched, setTouched] = useState(false);
  const { busy, error, run } = useAction();

  const problems = {
    name: name.trim() ? (name.trim().length > 100 ? 'At most 100 characters.' : null) : 'Give the connection a name.',
    endpoint: urlProblem(endpoint),
    region: regionProblem(region),
    accessKeyId: kind === 'static' && !accessKeyId.trim() ? 'Give the access key id.' : null,
    secret: kind === 'static' && !secret ? 'Give the secret access key.' : null,
    profile: kind === 'profile' && !profile.trim() ? 'Name the AWS profile to borrow credentials from.' : null,
  };
  const invalid = Object.values(problems).some((p) => p !== null);
  const show = (p: string | null) => (touched ? p : null);

  const credentials = (): CustomCredentialsInput | undefined => {
    if (kind === 'keep') return undefined;
    if (kind === 'none') return { type: 'none' };
    if (kind === 'profile') return { type: 'profile', profile: profile.trim() };
    return { type: 'static', accessKeyId: accessKeyId.trim(), secretAccessKey: secret, ...(token ? { sessionToken: token } : {}) };
  };

  const submit = () => {
    setTouched(true);
    if (!client || invalid) return;
    const creds = credentials();
    void run(
      () =>
        existing
          ? client.call('connections.updateCustom', { id: existing.id, name: name.trim(), endpoint: endpoint.trim(), region, ...(creds ? { credentials: creds } : {}) })
          : client.call('connections.addCustom', { name: name.trim(), endpoint: endpoint.trim(), region, credentials: creds ?? { type: 'none' } }),
      onSaved,
    );
  };

  const title = secretOnly ? `Re-enter the secret for ${existing?.name ?? ''}` : existing ? `Edit ${existing.name}` : 'Add a custom endpoint';
  return (
    <Dialog
      title={title}
      onClose={onClose}
      onSubmit={submit}
      busy={busy}
      testId="connection-dialog"
      actions={<DialogButtons busy={busy} busyLabel="Saving…" label={existing ? 'Save' : 'Add connection'} disabled={touched && invalid} onCancel={onClose} />}
    >
      {secretOnly ? null : (
        <>
          <Field label="Name" problem={show(problems.name)}>
            {(props) => <input {...props} className="input" value={name} data-autofocus autoComplete="off" onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label="Endpoint URL" hint="Where Kinesis answers, e.g. http://localhost:4566 for LocalStack." problem={show(problems.endpoint)}>
            {(props) => <input {...props} className="input mono" value={endpoint} autoComplete="off" spellCheck={false} placeholder="http://localhost:4566" onChange={(e) => setEndpoint(e.target.value)} />}
          </Field>
          <Field label="Region" problem={show(problems.region)}>
            {(props) => <input {...props} className="input input-narrow mono" value={region} autoComplete="off" spellCheck={false} onChange={(e) => setRegion(e.target.value.trim())} />}
          </Field>
          <fieldset className="choice">
            <legend>Credentials</legend>
            {existing ? (
              <label className="radio">
                <input type="radio" name="creds" checked={kind === 'keep'} onChange={() => setKind('keep')} />
                <span>Keep the current ones ({existing.credentialKind})</span>
              </label>
            ) : null}
            <label className="radio">
              <input type="radio" name="creds" checked={kind === 'none'} onChange={() => setKind('none')} />
              <span>
                None <span className="muted">— for emulators; dummy keys are sent</span>
              </span>
            </label>
            <label className="radio">
              <input type="radio" name="creds" checked={kind === 'static'} onChange={() => setKind('static')} />
              <span>Access key and secret</span>
            </label>
            <label className="radio">
              <input type="radio" name="creds" checked={kind === 'profile'} onChange={() => setKind('profile')} />
              <span>An AWS profile’s credentials</span>
            </label>
          </fieldset>
        </>
      )}
      {kind === 'static' ? (
        <>
          <Field label="Access key id" problem={show(problems.accessKeyId)}>
            {(props) => <input {...props} className="input mono" value={accessKeyId} autoComplete="off" spellCheck={false} onChange={(e) => setAccessKeyId(e.target.value)} {...(secretOnly ? { 'data-autofocus': true } : {})} />}
          </Field>
          <Field label="Secret access key" hint="Kept in the OS keychain where there is one; otherwise only until Shardscope closes." problem={show(problems.secret)}>
            {(props) => <input {...props} className="input mono" type="password" value={secret} autoComplete="new-password" onChange={(e) => setSecret(e.target.value)} />}
          </Field>
          <Field label="Session token (optional)">
            {(props) => <input {...props} className="input mono" type="password" value={token} autoComplete="new-password" onChange={(e) => setToken(e.target.value)} />}
          </Field>
        </>
      ) : null}
      {kind === 'profile' ? (
        <Field label="AWS profile" problem={show(problems.profile)} hint={profiles.length ? undefined : 'No profiles were found in your AWS config; type a name.'}>
          {(props) =>
            profiles.length ? (
              <select {...props} className="input" value={profile} onChange={(e) => setProfile(e.target.value)}>
                {profiles.map((p) => (
                  <option key={p}>{p}</option>
                ))}
              </select>
            ) : (
              <input {...props} className="input" value={profile} onChange={(e) => setProfile(e.target.value)} />
            )
          }
        </Field>
      ) : null}
      {error ? <ErrorNote error={error} title="The connection was not saved" /> : null}
    </Dialog>
  );
}
