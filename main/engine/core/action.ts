// What an action module is: a name, its input rules, and a handler typed from those rules. The context type is
// the service's own (it extends ActionContext with the service's state).
import type { EngineStore } from '../../storage/engineStore';
import type { EngineConfig } from './config';
import type { Engine } from './engine';
import type { RequestContext } from './request';
import { checkInput, type AnyRule, type TypeOf } from './rules';

export interface ActionContext extends RequestContext {
  engine: Engine;
  store: EngineStore;
  config: EngineConfig;
  accountId: string;
  /** The request's time, epoch ms (from the engine clock). */
  now: number;
}

export interface ActionModule<C extends ActionContext = ActionContext> {
  readonly name: string;
  readonly rules: AnyRule;
  /** Checks the raw body against the rules, then runs the handler. */
  run(ctx: C, body: unknown): unknown;
}

/** A defineAction for one service's context type, so handlers get that context without annotating it. */
export function actionDefiner<C extends ActionContext>() {
  return function defineAction<R extends AnyRule>(name: string, rules: R, handler: (ctx: C, input: TypeOf<R>) => unknown): ActionModule<C> {
    return {
      name,
      rules,
      run: (ctx, body) => handler(ctx, checkInput(body, rules, ctx.wire.protocol) as TypeOf<R>),
    };
  };
}
