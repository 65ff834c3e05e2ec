// The shape of a contract: named commands, subscriptions and events, each described by zod schemas.
// Types for both sides are derived from these schemas (see the helpers below); they are never written twice.
import type { z } from 'zod';

export interface CommandSpec {
  readonly description: string;
  readonly params: z.ZodType;
  readonly result: z.ZodType;
}

export interface SubscriptionSpec {
  readonly description: string;
  readonly params: z.ZodType;
  readonly item: z.ZodType;
}

export interface EventSpec {
  readonly description: string;
  readonly payload: z.ZodType;
}

export interface ContractDef {
  readonly commands: Readonly<Record<string, CommandSpec>>;
  readonly subscriptions: Readonly<Record<string, SubscriptionSpec>>;
  readonly events: Readonly<Record<string, EventSpec>>;
}

/** Identity at run time; keeps the literal keys so names and payloads stay typed. */
export function defineContract<const C extends ContractDef>(contract: C): C {
  return contract;
}

export type CommandName<C extends ContractDef> = keyof C['commands'] & string;
export type SubscriptionName<C extends ContractDef> = keyof C['subscriptions'] & string;
export type EventName<C extends ContractDef> = keyof C['events'] & string;

/** What a caller may send (defaults not yet applied). */
export type ParamsIn<C extends ContractDef, K extends CommandName<C>> = z.input<C['commands'][K]['params']>;
/** What a handler receives (after parsing). */
export type ParamsOf<C extends ContractDef, K extends CommandName<C>> = z.output<C['commands'][K]['params']>;
export type ResultOf<C extends ContractDef, K extends CommandName<C>> = z.output<C['commands'][K]['result']>;

export type SubParamsIn<C extends ContractDef, K extends SubscriptionName<C>> = z.input<C['subscriptions'][K]['params']>;
export type SubParamsOf<C extends ContractDef, K extends SubscriptionName<C>> = z.output<C['subscriptions'][K]['params']>;
export type ItemOf<C extends ContractDef, K extends SubscriptionName<C>> = z.output<C['subscriptions'][K]['item']>;

export type PayloadOf<C extends ContractDef, K extends EventName<C>> = z.output<C['events'][K]['payload']>;

/** Own-property lookup, so names such as `__proto__` or `toString` are never mistaken for entries. */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
