// The app's tail sessions, by id: running ones and the last few finished ones (their rows stay available to
// tail.record and export until tail.close, or until newer sessions push them out).
import { RpcError } from '../../../shared/contract/errors';
import type { TailSession } from './tailSession';

const KEEP = 8;

export class TailSessions {
  private readonly sessions = new Map<string, TailSession>();

  add(session: TailSession): void {
    this.sessions.set(session.id, session);
    while (this.sessions.size > KEEP) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
  }

  get(id: string): TailSession {
    const session = this.sessions.get(id);
    if (!session) throw new RpcError('ResourceNotFoundException', `No tail session ${id} (closed, or pushed out by newer sessions).`);
    return session;
  }

  close(id: string): boolean {
    return this.sessions.delete(id);
  }
}
