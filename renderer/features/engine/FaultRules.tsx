// Injected faults: the engine's rules in words, each removable, and a form to add one per stream and action.
// The form checks every value against the engine's bounds before sending; what the engine still refuses is shown.
import { useState } from 'react';
import { FAULT_ERROR_TYPES, type FaultRule, type FaultsState } from '../../../shared/contract/engine';
import { useClient } from '../../api/ClientContext';
import { ErrorNote } from '../../components/ErrorNote';
import { Field } from '../../components/Field';
import { useAction } from '../../components/useAction';
import { checkDraft, COMMON_ACTIONS, describeEffects, emptyDraft, ruleKey, type FaultDraft } from './faultDraft';

export function FaultRules({ faults, streamList, onChange }: { faults: FaultsState; streamList: string; onChange(faults: FaultsState): void }) {
  const client = useClient();
  const action = useAction();
  const [draft, setDraft] = useState<FaultDraft>(emptyDraft);
  const [tried, setTried] = useState(false);
  const check = checkDraft(draft);
  const shown = tried ? (check.problems ?? {}) : {};
  const save = (rules: FaultRule[], after?: () => void) =>
    client &&
    void action.run(
      () => client.call('engine.faults.set', { rules }),
      (next) => {
        onChange(next);
        after?.();
      },
    );
  const add = () => {
    setTried(true);
    if (!check.rule) return;
    save([...faults.rules, check.rule], () => {
      setDraft(emptyDraft);
      setTried(false);
    });
  };
  const edit = (change: Partial<FaultDraft>) => setDraft((d) => ({ ...d, ...change }));
  const text = (field: keyof FaultDraft, label: string, hint: string, placeholder: string) => (
    <Field label={label} hint={hint} problem={shown[field] ?? null}>
      {(props) => <input {...props} className="input" inputMode="decimal" value={draft[field]} placeholder={placeholder} onChange={(e) => edit({ [field]: e.target.value })} />}
    </Field>
  );

  return (
    <div className="engine-block" data-testid="engine-faults">
      <h3 className="panel-subtitle">Injected faults</h3>
      <p className="muted small">
        Errors, added latency, refused PutRecords entries and short-lived iterators, per stream and action. When several rules match, each effect comes from the
        most specific one. Seed <code>{faults.seed}</code>.
      </p>
      {faults.rules.length === 0 ? (
        <p className="muted small" data-testid="engine-faults-empty">
          No faults: every request runs normally.
        </p>
      ) : (
        <ul className="engine-list" aria-label="Fault rules">
          {faults.rules.map((rule) => (
            <li key={ruleKey(rule)} className="engine-list-item" data-testid="fault-rule">
              <span>
                <code>{rule.stream ?? 'every stream'}</code> · <code>{rule.action && rule.action !== '*' ? rule.action : 'every action'}</code>
                <span className="engine-effects">{describeEffects(rule).join('; ') || 'no effect'}</span>
              </span>
              <button
                type="button"
                className="button button-danger-outline"
                disabled={action.busy}
                aria-label={`Remove the rule for ${rule.stream ?? 'every stream'}, ${rule.action ?? 'every action'}`}
                onClick={() => save(faults.rules.filter((r) => ruleKey(r) !== ruleKey(rule)))}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="engine-fault-form"
        aria-label="Add a fault rule"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <div className="field-row">
          <Field label="Stream" hint="Empty: every stream" problem={shown.stream ?? null}>
            {(props) => <input {...props} className="input mono" list={streamList} value={draft.stream} placeholder="every stream" spellCheck={false} autoComplete="off" onChange={(e) => edit({ stream: e.target.value })} />}
          </Field>
          <Field label="Action" hint="* is every action" problem={shown.action ?? null}>
            {(props) => <input {...props} className="input mono" list="engine-fault-actions" value={draft.action} spellCheck={false} autoComplete="off" onChange={(e) => edit({ action: e.target.value })} />}
          </Field>
          <datalist id="engine-fault-actions">
            {COMMON_ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </div>
        <div className="field-row">
          {text('errorRate', 'Error rate %', 'Requests that fail', '0–100')}
          <Field label="Error type">
            {(props) => (
              <select {...props} className="input" value={draft.errorType} onChange={(e) => edit({ errorType: e.target.value as FaultDraft['errorType'] })}>
                {FAULT_ERROR_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text('latencyMs', 'Latency ms', 'Added to each request', '0–60000')}
          {text('jitterMs', 'Jitter ms', 'Plus up to this much', '0–60000')}
          {text('partialFailureRate', 'PutRecords partial %', 'Entries refused', '0–100')}
          {text('iteratorExpirySeconds', 'Iterator expiry s', 'Instead of 300 s', '1–300')}
        </div>
        {shown.rule ? <p className="field-problem">{shown.rule}</p> : null}
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={!client || action.busy}>
            Add rule
          </button>
          {faults.rules.length > 0 ? (
            <button type="button" className="button" disabled={!client || action.busy} onClick={() => save([])}>
              Clear all rules
            </button>
          ) : null}
        </div>
      </form>
      {action.error ? <ErrorNote error={action.error} title="The engine did not take the rules" testId="engine-faults-error" /> : null}
    </div>
  );
}
