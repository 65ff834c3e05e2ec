// A small busy indicator with words beside it, so waiting is never silent.
export function Spinner({ label }: { label: string }) {
  return (
    <span className="spinner-wrap" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </span>
  );
}
