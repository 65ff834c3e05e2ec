// Statements for the local Lambda modules: which JavaScript module on this machine runs as a Lambda function ARN
// when a Firehose record processor invokes it.
import type { SqliteDatabase } from './database';

function prepare(db: SqliteDatabase) {
  return {
    get: db.prepare('SELECT module_path AS modulePath FROM lambda_modules WHERE function_arn = ?'),
    set: db.prepare(`INSERT INTO lambda_modules (function_arn, module_path) VALUES (?, ?)
      ON CONFLICT (function_arn) DO UPDATE SET module_path = excluded.module_path`),
    remove: db.prepare('DELETE FROM lambda_modules WHERE function_arn = ?'),
  };
}

export class LambdaModuleStore {
  private readonly s: ReturnType<typeof prepare>;

  constructor(db: SqliteDatabase) {
    this.s = prepare(db);
  }

  /** The module standing for the function, if one is set. */
  modulePath(functionArn: string): string | undefined {
    return (this.s.get.get(functionArn) as { modulePath: string } | undefined)?.modulePath;
  }

  /** Sets the function's module; null removes it (the function is then invoked through the Lambda endpoint). */
  setModule(functionArn: string, modulePath: string | null): void {
    if (modulePath === null) this.s.remove.run(functionArn);
    else this.s.set.run(functionArn, modulePath);
  }
}
