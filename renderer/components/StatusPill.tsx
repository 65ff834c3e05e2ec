// A Kinesis status (ACTIVE, CREATING, …) as a coloured pill; transitions say they are in progress.
const tone: Record<string, string> = {
  ACTIVE: 'ok',
  CREATING: 'busy',
  UPDATING: 'busy',
  DELETING: 'bad',
  GONE: 'idle',
};

export function StatusPill({ status }: { status: string | null }) {
  if (status === null) return <span className="muted">—</span>;
  const kind = tone[status] ?? 'idle';
  return (
    <span className={`status-pill status-${kind}`}>
      {kind === 'busy' || status === 'DELETING' ? <span className="pulse" aria-hidden="true" /> : null}
      {status}
    </span>
  );
}
