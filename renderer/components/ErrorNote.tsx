// An error as the user sees it: the code, the message, and what to do.
import type { UiError } from '../api/errors';

export function ErrorNote({ error, title, testId }: { error: UiError; title?: string; testId?: string }) {
  return (
    <div className="error-note" role="alert" data-testid={testId}>
      <p className="error-note-title">
        {title ?? 'It did not work'} <code className="error-code">{error.code}</code>
      </p>
      <p className="error-note-message">{error.message}</p>
      {error.advice ? <p className="error-note-advice">{error.advice}</p> : null}
    </div>
  );
}
