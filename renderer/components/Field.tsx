// A labelled form field with its hint or its problem underneath, wired for screen readers.
import { useId, type ReactElement, type ReactNode } from 'react';

export function Field({ label, hint, problem, children }: { label: string; hint?: ReactNode; problem?: string | null; children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactElement }) {
  const id = useId();
  const note = `${id}-note`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(hint || problem ? { 'aria-describedby': note } : {}), ...(problem ? { 'aria-invalid': true } : {}) })}
      {problem ? (
        <p className="field-problem" id={note}>
          {problem}
        </p>
      ) : hint ? (
        <p className="field-hint" id={note}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
