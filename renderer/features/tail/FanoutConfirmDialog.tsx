import type { ConnectionSummary } from '../../../shared/contract/connections';
import { AccountConfirmDialog, accountLabel } from '../../components/AccountConfirmDialog';

/** Before registering an enhanced fan-out consumer on an AWS profile: it costs money, so the account is named. */
export function FanoutConfirmDialog({ connection, stream, onConfirm, onClose }: { connection: ConnectionSummary; stream: string; onConfirm(accountId: string): void; onClose(): void }) {
  return (
    <AccountConfirmDialog title="Register a fan-out consumer?" testId="fanout-confirm" connection={connection} confirmLabel="Register and tail" onConfirm={onConfirm} onClose={onClose}>
      <p>
        Enhanced fan-out registers a consumer on <strong className="mono">{stream}</strong> in AWS account <strong className="mono">{accountLabel(connection)}</strong> ({connection.name}, {connection.region}). AWS bills
        consumer-shard hours and data retrieved. The consumer is deregistered when the tail stops.
      </p>
    </AccountConfirmDialog>
  );
}
