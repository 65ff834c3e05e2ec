// Local only: AWS has no such action. Makes a Lambda function ARN stand for a JavaScript module on the engine's
// machine, so record processors naming that ARN run the module's handler in a worker (Lambda's event, response,
// timeout and payload limits); ModulePath null (or absent) removes the mapping, and the ARN goes to the Lambda
// endpoint the engine was started with, if any. Kept in the engine's database; used from the next invocation on.
import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { invalidArgument, KinesisError } from '../../core/errors';
import { t } from '../../core/rules';
import { defineAction } from '../firehose';

/** Lambda's FunctionArn pattern (an unqualified, version or alias ARN), as its service model gives it. */
export const LAMBDA_FUNCTION_ARN = 'arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}(-gov)?-[a-z]+-\\d{1}:\\d{12}:function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?';

export const rules = t.struct({
  FunctionArn: t.string({ min: 1, max: 10000, pattern: LAMBDA_FUNCTION_ARN, required: true }),
  ModulePath: t.string({ min: 1, max: 4096 }),
});

export const LOCAL_SET_LAMBDA_MODULE_ACTION = 'LocalSetLambdaModule';

export const LocalSetLambdaModule = defineAction(LOCAL_SET_LAMBDA_MODULE_ACTION, rules, (ctx, input) => {
  // It makes the engine run a file of this machine: a web page the user visits must not be able to ask for that.
  if (ctx.origin !== undefined) throw new KinesisError('AccessDeniedException', 'LocalSetLambdaModule does not accept browser requests.', 403);
  const path = input.ModulePath ?? null;
  if (path !== null) {
    // The engine may run elsewhere than its client's folder: only an absolute path means the same file to both.
    if (!isAbsolute(path)) throw invalidArgument(`ModulePath must be an absolute path on the engine's machine, got '${path}'.`);
    if (!statSync(path, { throwIfNoEntry: false })?.isFile()) throw invalidArgument(`No file at ModulePath '${path}' on the engine's machine.`);
  }
  ctx.firehose.lambdaModules.setModule(input.FunctionArn, path);
  return {};
});
