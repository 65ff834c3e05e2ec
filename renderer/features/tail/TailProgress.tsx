// A job's progress in the tailer's dialogs: a bar (indeterminate until the total is known) and its words.

export function TailProgress({ label, value, max }: { label: string; value: number; max: number | null }) {
  return (
    <div className="tail-progress" data-testid="tail-progress">
      {max === null ? <progress aria-label={label} /> : <progress aria-label={label} max={Math.max(1, max)} value={value} />}
      <span className="small">{label}</span>
    </div>
  );
}
