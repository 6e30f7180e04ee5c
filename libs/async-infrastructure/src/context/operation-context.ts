import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import type { CancellationToken } from '../cancellation/cancellation-token';
import type { ProgressReporter } from '../progress/progress-reporter';
import { NoOperationContextError } from './operation-context.errors';
import type { OperationRunContext } from './operation-run-context';

/**
 * The context of the operation running in the current async call chain, for code deep in the
 * chain that was not handed `ctx` explicitly. Backed by AsyncLocalStorage: two concurrent
 * operations each see only their own context (there is no shared "current token").
 *
 * @example
 * constructor(private readonly operation: OperationContext) {}
 * async fetchSegment() { await http.get(url, { signal: this.operation.token.signal }); }
 */
@Injectable()
export class OperationContext {
  private readonly storage = new AsyncLocalStorage<OperationRunContext>();

  /** Runs `fn` (and everything it awaits or schedules) inside `ctx`. */
  run<T>(ctx: OperationRunContext, fn: () => T): T {
    return this.storage.run(ctx, fn);
  }

  /** The current operation's context, or undefined outside any operation. */
  get current(): OperationRunContext | undefined {
    return this.storage.getStore();
  }

  /** The current operation's id. Throws NoOperationContextError outside an operation. */
  get operationId(): string {
    return this.require('operationId').operationId;
  }

  /** The current operation's token. Throws NoOperationContextError outside an operation. */
  get token(): CancellationToken {
    return this.require('token').token;
  }

  /** The current operation's progress reporter. Throws NoOperationContextError outside one. */
  get progress(): ProgressReporter {
    return this.require('progress').progress;
  }

  private require(what: string): OperationRunContext {
    const ctx = this.storage.getStore();
    if (!ctx) throw new NoOperationContextError(what);
    return ctx;
  }
}
