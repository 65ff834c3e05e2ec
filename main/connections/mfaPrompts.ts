// Turns the SDK's mfaCodeProvider callback into a round trip with the UI: an 'mfa-prompt' event goes out,
// the UI answers with answer(promptId, code) (null to cancel). Unanswered prompts time out.
import { randomUUID } from 'node:crypto';
import type { MfaPrompt } from '../../shared/contract/connections';

export class MfaCancelledError extends Error {
  override readonly name = 'CredentialsProviderError';
  constructor(profile: string, why: string) {
    super(`Profile ${profile} requires multi-factor authentication: ${why}`);
  }
}

interface Pending {
  prompt: MfaPrompt;
  resolve: (code: string) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class MfaPrompts {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly onPrompt: (prompt: MfaPrompt) => void,
    private readonly onClosed: (promptId: string) => void,
    private readonly timeoutMs: number,
  ) {}

  /** The mfaCodeProvider for one connection. */
  providerFor(connectionId: string, profile: string): (mfaSerial: string) => Promise<string> {
    return (mfaSerial) =>
      new Promise<string>((resolve, reject) => {
        const prompt: MfaPrompt = { promptId: randomUUID(), connectionId, profile, mfaSerial };
        const timer = setTimeout(() => this.close(prompt.promptId, null, 'no code was entered in time'), this.timeoutMs);
        this.pending.set(prompt.promptId, { prompt, resolve, reject, timer });
        this.onPrompt(prompt);
      });
  }

  /** Returns false when no such prompt is waiting (answered already, timed out, or unknown). */
  answer(promptId: string, code: string | null): boolean {
    return this.close(promptId, code, 'the prompt was cancelled');
  }

  open(): MfaPrompt[] {
    return [...this.pending.values()].map((p) => p.prompt);
  }

  cancelFor(connectionId: string): void {
    for (const p of [...this.pending.values()]) {
      if (p.prompt.connectionId === connectionId) this.close(p.prompt.promptId, null, 'the connection changed');
    }
  }

  private close(promptId: string, code: string | null, why: string): boolean {
    const p = this.pending.get(promptId);
    if (!p) return false;
    this.pending.delete(promptId);
    clearTimeout(p.timer);
    if (code === null) p.reject(new MfaCancelledError(p.prompt.profile, why));
    else p.resolve(code);
    this.onClosed(promptId);
    return true;
  }
}
