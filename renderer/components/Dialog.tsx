// A modal dialog on the native <dialog>: focus stays inside, Escape cancels, focus returns to where it was.
import { useEffect, useRef, type ReactNode } from 'react';
import { Spinner } from './Spinner';

export interface DialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** The footer's buttons. */
  actions?: ReactNode;
  wide?: boolean;
  testId?: string;
  /** Called on Enter inside a form field (not in a textarea); usually the primary action. */
  onSubmit?(): void;
  /** Escape does nothing while busy, so a running request is never abandoned half way. */
  busy?: boolean;
}

export function Dialog({ title, onClose, children, actions, wide, testId, onSubmit, busy }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef(onClose);
  const busyRef = useRef(busy);
  useEffect(() => {
    closeRef.current = onClose;
    busyRef.current = busy;
  });
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const autofocus = dialog.querySelector<HTMLElement>('[data-autofocus]');
    autofocus?.focus();
    const onCancel = (event: Event) => {
      event.preventDefault();
      if (!busyRef.current) closeRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      previous?.focus({ preventScroll: true });
    };
  }, []);
  const titleId = `dialog-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <dialog ref={ref} className={`dialog${wide ? ' dialog-wide' : ''}`} aria-labelledby={titleId} data-testid={testId}>
      <form
        method="dialog"
        className="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit?.();
        }}
      >
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
        </header>
        <div className="dialog-body">{children}</div>
        {actions ? <footer className="dialog-actions">{actions}</footer> : null}
      </form>
    </dialog>
  );
}

/** The usual footer: what is happening, Cancel, and the primary (or dangerous) action. */
export function DialogButtons({ busy, busyLabel, label, danger, disabled, onCancel }: { busy: boolean; busyLabel: string; label: string; danger?: boolean; disabled?: boolean; onCancel(): void }) {
  return (
    <>
      {busy ? <Spinner label={busyLabel} /> : null}
      <button type="button" className="button" onClick={onCancel} disabled={busy}>
        Cancel
      </button>
      <button type="submit" className={`button ${danger ? 'button-danger' : 'button-primary'}`} disabled={busy || disabled}>
        {label}
      </button>
    </>
  );
}
