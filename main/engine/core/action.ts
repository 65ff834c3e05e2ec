// What an action module is: a name, its input rules, and a handler typed from those rules.
import type { EngineStore } from '../../storage/engineStore';
import type { EngineConfig } from './config';
import type { Engine } from './engine';
import { checkInput, type AnyRule, type TypeOf } from './rules';
import type { WireEncoder } from './wire';

/** What the HTTP front knows about a request. */
export interface RequestContext {
  /** From the SigV4 credential scope, else the engine's default region. */
  region: string;
  requestId: string;
  wire: WireEncoder;
}

export interface ActionContext extends RequestContext {
  engine: Engine;
  store: EngineStore;
  config: EngineConfig;
  accountId: string;
  /** The request's time, epoch ms (from the engine clock). */
  now: number;
}

export interface ActionModule {
  readonly name: string;
  readonly rules: AnyRule;
  /** Checks the raw body against the rules, then runs the handler. */
  run(ctx: ActionContext, body: unknown): unknown;
}

export function defineAction<R extends AnyRule>(
  name: string,
  rules: R,
  handler: (ctx: ActionContext, input: TypeOf<R>) => unknown,
): ActionModule {
  return {
    name,
    rules,
    run: (ctx, body) => handler(ctx, checkInput(body, rules, ctx.wire.protocol) as TypeOf<R>),
  };
}
