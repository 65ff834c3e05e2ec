// Handlers for a contract fragment whose service is not running: every command and subscription answers
// ConnectionUnavailable, so a dispatcher built without the connection services still serves its whole contract.
import { RpcError } from '../../shared/contract/errors';
import type { CommandSpec, EventSpec, SubscriptionSpec } from '../../shared/contract/define';
import type { Handlers } from '../rpc/handlers';

interface Fragment<Commands, Subscriptions> {
  commands: Commands;
  subscriptions: Subscriptions;
  events: Record<never, EventSpec>;
}

const unavailable = () => new RpcError('ConnectionUnavailable', 'The connection services are not running in this process.');

export function unavailableHandlers<Commands extends Record<string, CommandSpec>, Subscriptions extends Record<string, SubscriptionSpec>>(
  commands: Commands,
  subscriptions: Subscriptions,
): Handlers<Fragment<Commands, Subscriptions>> {
  const failCommand = () => Promise.reject(unavailable());
  const failSubscription = (_params: unknown, sink: { fail(error: unknown): void }) => sink.fail(unavailable());
  // The names come from the fragment itself, so the tables are complete; TypeScript cannot see that through
  // Object.fromEntries, hence the assertions.
  type Table = Handlers<Fragment<Commands, Subscriptions>>;
  const table = (names: string[], handler: unknown): unknown => Object.fromEntries(names.map((name) => [name, handler]));
  return {
    commands: table(Object.keys(commands), failCommand) as Table['commands'],
    subscriptions: table(Object.keys(subscriptions), failSubscription) as Table['subscriptions'],
  };
}
