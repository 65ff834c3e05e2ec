// Filters: quick text, a regular expression and a JSONata expression, checked with tail.validateFilter as the
// user types (the problem's position marked under the expression); saved filters per stream. During a tail the
// filter applies to the rows kept and to those arriving, without reading the stream again: text and regex as
// the user types, JSONata when applied. Starting a tail (or Re-read) sends it to main, which filters whole
// records.
import { useEffect, useState, type RefObject } from 'react';
import type { FilterProblem, SavedFilter, TailFilter } from '../../../shared/contract/tail';
import { isResourceName } from '../../../shared/domain/resourceNames';
import { useClient } from '../../api/ClientContext';
import { toUiError, type UiError } from '../../api/errors';
import { ErrorNote } from '../../components/ErrorNote';
import { useStore } from '../../state/store';
import { formFilter, patchForm, tailForm } from './tailForm';

function compiles(regex: NonNullable<TailFilter['regex']>): boolean {
  try {
    new RegExp(regex.pattern, (regex.flags ?? 'i').replace(/[gy]/g, ''));
    return true;
  } catch {
    return false;
  }
}

function Marked({ text, problem }: { text: string; problem: FilterProblem }) {
  if (problem.position === null) return null;
  const at = Math.max(0, Math.min(text.length, problem.position - 1));
  return (
    <pre className="tf-mark" aria-hidden="true">
      {text.slice(0, at)}
      <mark>{text.slice(at, at + Math.max(1, problem.token?.length ?? 1)) || ' '}</mark>
      {text.slice(at + Math.max(1, problem.token?.length ?? 1))}
    </pre>
  );
}

export interface TailFilterBarProps {
  inputRef: RefObject<HTMLInputElement | null>;
  /** The filter main applies in the current session, to tell whether the typed one differs. */
  appliedKey: string | null;
  /** The filter applied to the rows kept (see KeptRowsView). */
  viewFilter: TailFilter | null;
  /** A session exists (running or ended): filters apply to its rows instead of starting one. */
  hasSession: boolean;
  /** Filters the rows kept and those arriving, without restarting. */
  onView(filter: TailFilter | undefined): void;
  /** Starts the tail (again) with the typed filter sent to main. */
  onApply(): void;
  onProblems(count: number): void;
}

const TYPING_PAUSE_MS = 250;

export function TailFilterBar({ inputRef, appliedKey, viewFilter, hasSession, onView, onApply, onProblems }: TailFilterBarProps) {
  const client = useClient();
  const form = useStore(tailForm);
  // Problems are kept with the filter they were found in, so a stale answer never shows for newer text.
  const [checked, setChecked] = useState<{ key: string; problems: FilterProblem[] }>({ key: 'null', problems: [] });
  const [saved, setSaved] = useState<SavedFilter[]>([]);
  const [savedError, setSavedError] = useState<UiError | null>(null);
  const [saveName, setSaveName] = useState('');
  const [naming, setNaming] = useState(false);
  const filter = formFilter(form);
  const key = JSON.stringify(filter ?? null);

  const needsCheck = Boolean(filter?.regex || filter?.jsonata);
  const checking = needsCheck && checked.key !== key;
  const problems = needsCheck && checked.key === key ? checked.problems : [];
  useEffect(() => {
    if (!client || !needsCheck) return;
    let live = true;
    const timer = setTimeout(() => {
      client
        .call('tail.validateFilter', { filter: JSON.parse(key) as NonNullable<ReturnType<typeof formFilter>> })
        .then((r) => live && setChecked({ key, problems: r.problems }))
        .catch(() => live && setChecked({ key, problems: [] }));
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, key, needsCheck]);
  useEffect(() => onProblems(problems.length + (checking ? 1 : 0)), [problems.length, checking, onProblems]);

  useEffect(() => {
    // A name that breaks the stream-name rule is shown as a problem on the Stream field; asking would only fail.
    if (!client || !isResourceName(form.stream)) return;
    let live = true;
    client
      .call('tail.filters.list', { stream: form.stream })
      .then((r) => live && (setSaved(r.filters), setSavedError(null)))
      .catch((e: unknown) => live && setSavedError(toUiError(e)));
    return () => {
      live = false;
    };
  }, [client, form.stream]);

  const save = async () => {
    if (!client || !filter || !saveName.trim() || !form.stream) return;
    try {
      setSaved((await client.call('tail.filters.save', { stream: form.stream, name: saveName.trim(), filter })).filters);
      setNaming(false);
      setSaveName('');
      setSavedError(null);
    } catch (e) {
      setSavedError(toUiError(e));
    }
  };
  const load = (name: string) => {
    const f = saved.find((s) => s.name === name)?.filter;
    if (!f) return;
    patchForm({ filterText: f.text ?? '', regex: f.regex?.pattern ?? '', regexFlags: f.regex?.flags ?? 'i', jsonata: f.jsonata ?? '' });
  };
  const remove = async (name: string) => {
    if (!client || !form.stream) return;
    try {
      setSaved((await client.call('tail.filters.delete', { stream: form.stream, name })).filters);
    } catch (e) {
      setSavedError(toUiError(e));
    }
  };

  // Text and regex act as the user types (after a short pause), with the JSONata part last applied.
  const viewJsonata = viewFilter?.jsonata;
  const typedText = form.filterText;
  const typedRegex = form.regex;
  const typedFlags = form.regexFlags;
  useEffect(() => {
    if (!hasSession) return;
    const timer = setTimeout(() => {
      const typed = formFilter({ ...tailForm.get(), filterText: typedText, regex: typedRegex, regexFlags: typedFlags, jsonata: viewJsonata ?? '' });
      if (typed?.regex && !compiles(typed.regex)) return;
      onView(typed);
    }, TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [hasSession, typedText, typedRegex, typedFlags, viewJsonata, onView]);

  const regexProblem = problems.find((p) => p.part === 'regex');
  const jsonataProblem = problems.find((p) => p.part === 'jsonata');
  const viewKey = JSON.stringify(viewFilter);
  const pending = hasSession ? key !== viewKey : false;
  const rereadable = hasSession && key !== (appliedKey ?? 'null');
  const apply = () => {
    if (problems.length > 0 || checking) return;
    if (hasSession) onView(filter);
    else onApply();
  };
  const submit = (e: { key: string; preventDefault(): void }) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      apply();
    }
  };

  return (
    <div className="tail-filters" data-testid="tail-filters">
      <div className="tf-row">
        <label className="tf-field tf-text">
          <span className="ts-label">Text</span>
          <input
            ref={inputRef}
            className="input"
            type="search"
            placeholder="Key or data contains…   /"
            aria-keyshortcuts="/"
            value={form.filterText}
            onChange={(e) => patchForm({ filterText: e.target.value })}
            onKeyDown={submit}
            data-testid="filter-text"
          />
        </label>
        <label className="tf-field tf-regex">
          <span className="ts-label">Regex</span>
          <span className="ts-inline">
            <input className="input mono" placeholder="^order-\d+" value={form.regex} aria-invalid={regexProblem ? true : undefined} onChange={(e) => patchForm({ regex: e.target.value })} onKeyDown={submit} data-testid="filter-regex" />
            <input className="input mono tf-flags" aria-label="Regex flags (i, m, s, u)" value={form.regexFlags} onChange={(e) => patchForm({ regexFlags: e.target.value.replace(/[^imsu]/g, '') })} title="Flags: i m s u" />
          </span>
        </label>
        <label className="tf-field tf-jsonata">
          <span className="ts-label">JSONata</span>
          <input
            className="input mono"
            placeholder='user.id = "42" and amount > 100'
            value={form.jsonata}
            aria-invalid={jsonataProblem ? true : undefined}
            onChange={(e) => patchForm({ jsonata: e.target.value })}
            onKeyDown={submit}
            data-testid="filter-jsonata"
            spellCheck={false}
          />
        </label>
        <div className="tf-actions">
          <button
            type="button"
            className="button button-primary"
            disabled={problems.length > 0 || checking || (hasSession && !pending)}
            onClick={apply}
            data-testid="filter-apply"
            title={hasSession ? 'Filters the rows kept and those arriving, without reading the stream again (Enter in a filter field)' : 'Starts the tail with this filter (Enter in a filter field)'}
          >
            {hasSession ? (pending ? 'Apply' : 'Applied') : 'Apply and start'}
          </button>
          {hasSession ? (
            <button type="button" className="button" disabled={problems.length > 0 || checking || !rereadable} onClick={onApply} data-testid="filter-reread" title="Starts the tail again with this filter, applied in main to whole records">
              Re-read with filter
            </button>
          ) : null}
          <select className="input tf-saved" aria-label="Saved filters" value="" onChange={(e) => load(e.target.value)} disabled={saved.length === 0}>
            <option value="">{saved.length === 0 ? 'No saved filters' : `Saved filters (${saved.length})`}</option>
            {saved.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name}
              </option>
            ))}
          </select>
          {naming ? (
            <span className="ts-inline">
              <input
                className="input tf-name"
                aria-label="Name for this filter"
                placeholder="Name"
                value={saveName}
                autoFocus
                onChange={(e) => setSaveName(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') void save();
                  if (e.key === 'Escape') setNaming(false);
                }}
              />
              <button type="button" className="button" onClick={() => void save()} disabled={!saveName.trim()}>
                Save
              </button>
            </span>
          ) : (
            <button type="button" className="button" disabled={!filter || !isResourceName(form.stream) || problems.length > 0} onClick={() => setNaming(true)}>
              Save…
            </button>
          )}
        </div>
      </div>
      {regexProblem ? (
        <p className="field-problem" data-testid="regex-problem">
          Regex: {regexProblem.message}
        </p>
      ) : null}
      {jsonataProblem ? (
        <div className="tf-problem" data-testid="jsonata-problem" role="status">
          <p className="field-problem">
            {/* Main's message already names the character where the problem is. */}
            JSONata: {jsonataProblem.message}
          </p>
          <Marked text={form.jsonata} problem={jsonataProblem} />
        </div>
      ) : null}
      {hasSession && viewKey !== (appliedKey ?? 'null') ? (
        <p className="small muted tf-note" data-testid="filter-note">
          Filtering the rows kept, and those arriving, by their key and preview (the first 200 characters).{' '}
          {appliedKey && appliedKey !== 'null' ? 'This tail started with a filter in main, so rows it skipped were never received. ' : ''}
          Re-read with filter applies it in main to whole records.
        </p>
      ) : null}
      {saved.length > 0 ? (
        <div className="tf-saved-list" aria-label="Saved filters of this stream">
          {saved.map((s) => (
            <span key={s.name} className="ts-chip">
              <button type="button" className="link-button" onClick={() => load(s.name)} title={JSON.stringify(s.filter)}>
                {s.name}
              </button>
              <button type="button" className="ts-remove" aria-label={`Delete saved filter ${s.name}`} onClick={() => void remove(s.name)}>
                ×
              </button>
            </span>
          ))}
        </div>
      ) : null}
      {savedError ? <ErrorNote error={savedError} title="Saved filters" /> : null}
    </div>
  );
}
