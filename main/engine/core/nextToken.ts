// NextTokens for paginated listings: sealed (see tokens.ts), bound to the action and the region, valid for
// config.nextTokenTtlMs. A bad token is InvalidArgumentException, an old one ExpiredNextTokenException.
import type { ActionContext } from './action';
import { invalidArgument, KinesisError } from './errors';

interface Sealed<T> {
  r: string;
  x: number;
  p: T;
}

export function issueNextToken<T>(ctx: ActionContext, action: string, payload: T): string {
  const sealed: Sealed<T> = { r: ctx.region, x: ctx.now + ctx.config.nextTokenTtlMs, p: payload };
  return ctx.engine.tokens.seal(`next-token:${action}`, sealed);
}

export function readNextToken<T>(ctx: ActionContext, action: string, token: string): T {
  const sealed = ctx.engine.tokens.open(`next-token:${action}`, token) as Sealed<T> | undefined;
  if (!sealed || typeof sealed !== 'object' || sealed.r !== ctx.region) throw invalidArgument(`Invalid NextToken.`);
  if (sealed.x < ctx.now) throw new KinesisError('ExpiredNextTokenException', `The NextToken has expired. Tokens are valid for ${ctx.config.nextTokenTtlMs / 1000} seconds.`);
  return sealed.p;
}
