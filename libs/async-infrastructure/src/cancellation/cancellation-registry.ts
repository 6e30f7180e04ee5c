import { Injectable } from '@nestjs/common';
import { CancellationToken } from './cancellation-token';

/**
 * The cancellation tokens of the operations running in this process, by operation id. The
 * runner creates and releases them; the operations store cancels one on a cancel request;
 * shutdown cancels them all.
 */
@Injectable()
export class CancellationRegistry {
  private readonly tokens = new Map<string, CancellationToken>();
  private readonly createListeners = new Set<
    (operationId: string, token: CancellationToken) => void
  >();

  /** Creates the token of an operation. Throws if the operation already has one here. */
  create(operationId: string): CancellationToken {
    if (this.tokens.has(operationId)) {
      throw new Error(`A cancellation token already exists for operation ${operationId}`);
    }
    const token = new CancellationToken();
    this.tokens.set(operationId, token);
    for (const listener of [...this.createListeners]) listener(operationId, token);
    return token;
  }

  /**
   * Calls `listener` with each token created from now on, until the returned function is
   * called. Shutdown uses it to cancel work that starts while it drains, for that window only.
   */
  onCreate(listener: (operationId: string, token: CancellationToken) => void): () => void {
    this.createListeners.add(listener);
    return () => this.createListeners.delete(listener);
  }

  /** The token of an operation running in this process, if any. */
  get(operationId: string): CancellationToken | undefined {
    return this.tokens.get(operationId);
  }

  /** Cancels an operation's token. False when this process holds no token for it. */
  cancel(operationId: string, reason: string): boolean {
    const token = this.tokens.get(operationId);
    if (!token) return false;
    token.cancel(reason);
    return true;
  }

  /** Forgets an operation's token once its work has ended. */
  release(operationId: string): void {
    const token = this.tokens.get(operationId);
    if (!token) return;
    this.tokens.delete(operationId);
    token.dispose();
  }

  /**
   * Cancels every token held now and returns how many were not cancelled yet. It sets no
   * lasting flag: a token created afterwards starts uncancelled.
   */
  cancelAll(reason: string): number {
    let cancelled = 0;
    for (const token of this.tokens.values()) {
      if (token.isCancelled) continue;
      token.cancel(reason);
      cancelled += 1;
    }
    return cancelled;
  }

  /** How many tokens are held. */
  get size(): number {
    return this.tokens.size;
  }
}
