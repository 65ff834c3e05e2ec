// A Service made of action modules: looks the action up, builds the request's context, runs the interceptors
// (which may refuse or delay the request), then the action.
import type { ActionContext, ActionModule } from './action';
import { KinesisError } from './errors';
import type { RequestContext } from './request';
import type { Service } from './service';

/** Runs before every action of a service; may throw a KinesisError or delay the action (a promise). */
export type ActionInterceptor<C extends ActionContext> = (action: string, ctx: C, body: unknown) => void | Promise<void>;

export interface ActionServiceSpec<C extends ActionContext> {
  targetPrefix: string;
  signed: boolean;
  actions: readonly ActionModule<C>[];
  context(request: RequestContext): C;
  clock(): number;
  /** Read on every request, so interceptors added after the service is built apply. */
  interceptors?: readonly ActionInterceptor<C>[];
  /** Refuses a request before anything else (e.g. the admin API refuses browsers). */
  admit?(request: RequestContext): void;
}

export function actionService<C extends ActionContext>(spec: ActionServiceSpec<C>): Service {
  const modules = new Map<string, ActionModule<C>>(spec.actions.map((module) => [module.name, module]));
  const interceptors = spec.interceptors ?? [];
  return {
    targetPrefix: spec.targetPrefix,
    signed: spec.signed,
    has: (action) => modules.has(action),
    async dispatch(action, body, request) {
      spec.admit?.(request);
      const module = modules.get(action);
      if (!module) throw new KinesisError('UnknownOperationException');
      const ctx = spec.context(request);
      for (const interceptor of interceptors) {
        const pending = interceptor(action, ctx, body);
        if (pending) {
          await pending;
          // A delayed request (injected latency) reaches the action when the wait ends, and is stamped then: a
          // record never reads as arrived before it could be read (the tailer's merge relies on that).
          ctx.now = spec.clock();
        }
      }
      return module.run(ctx, body);
    },
  };
}
