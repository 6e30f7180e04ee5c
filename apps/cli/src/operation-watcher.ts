import { setTimeout as delay } from 'node:timers/promises';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { ApiClient } from './api-client';
import {
  isFinalStatus,
  type OperationEvent,
  type OperationRecord,
  type ProgressSnapshot,
} from './api.types';
import { ApiError } from './cli.errors';

export interface WatchHandlers {
  onProgress?: (progress: ProgressSnapshot) => void;
  /** A non-final status event (e.g. `cancelling`), if the server sends one. */
  onStatus?: (operation: OperationRecord) => void;
  /** The stream dropped and the watcher is about to reconnect. */
  onReconnect?: (attempt: number, error: unknown) => void;
}

export interface OperationWatcherOptions {
  /** Delay before each reconnection attempt; the last value repeats. */
  backoffMs?: readonly number[];
  /** Consecutive attempts without a single event before giving up. */
  maxAttempts?: number;
}

const DEFAULT_BACKOFF_MS = [200, 500, 1000, 2000];
const DEFAULT_MAX_ATTEMPTS = 8;

/**
 * Follows an operation's SSE stream until its final status. A dropped connection is resumed
 * with `Last-Event-ID` after a short backoff; a stream that ends without the status event is
 * checked with a GET (and resumed if the operation is still active).
 */
export class OperationWatcher {
  private readonly backoffMs: readonly number[];
  private readonly maxAttempts: number;

  constructor(
    private readonly api: ApiClient,
    options: OperationWatcherOptions = {},
  ) {
    this.backoffMs = options.backoffMs?.length ? options.backoffMs : DEFAULT_BACKOFF_MS;
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  }

  /** Resolves with the operation in its final state; rejects when `signal` aborts. */
  async watch(
    operationId: string,
    handlers: WatchHandlers = {},
    signal?: AbortSignal,
  ): Promise<OperationRecord> {
    let lastEventId: string | undefined;
    let failures = 0;
    for (;;) {
      let lastError: unknown;
      try {
        const final = await this.follow(operationId, lastEventId, signal, (event, id) => {
          failures = 0;
          if (id !== undefined) lastEventId = id;
          this.dispatch(event, handlers);
        });
        if (final) return final;
        const operation = await this.api.getOperation(operationId, signal);
        if (isFinalStatus(operation.status)) return operation;
        lastError = new Error('event stream ended before the operation finished');
      } catch (error) {
        if (signal?.aborted || !isRetryable(error)) throw error;
        lastError = error;
      }
      failures += 1;
      if (failures > this.maxAttempts) throw lastError;
      handlers.onReconnect?.(failures, lastError);
      const wait = this.backoffMs[Math.min(failures, this.backoffMs.length) - 1] ?? 0;
      await delay(wait, undefined, { signal });
    }
  }

  /** Reads one connection; returns the final operation, or undefined if the stream ended. */
  private async follow(
    operationId: string,
    lastEventId: string | undefined,
    signal: AbortSignal | undefined,
    onEvent: (event: OperationEvent, id: string | undefined) => void,
  ): Promise<OperationRecord | undefined> {
    const body = await this.api.openEvents(operationId, lastEventId, signal);
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let final: OperationRecord | undefined;
    const parser = createParser({
      onEvent: (message: EventSourceMessage) => {
        if (final || (message.event !== 'progress' && message.event !== 'status')) return;
        const event = JSON.parse(message.data) as OperationEvent;
        onEvent(event, message.id);
        if (event.kind === 'status' && isFinalStatus(event.status)) final = event.operation;
      },
    });
    try {
      while (!final) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(value);
      }
      return final;
    } finally {
      // Closes the connection when we stop early (final status seen, abort, parse error).
      await reader.cancel().catch(() => undefined);
    }
  }

  private dispatch(event: OperationEvent, handlers: WatchHandlers): void {
    switch (event.kind) {
      case 'progress':
        handlers.onProgress?.(event.progress);
        return;
      case 'status':
        if (event.operation.progress) handlers.onProgress?.(event.operation.progress);
        if (!isFinalStatus(event.status)) handlers.onStatus?.(event.operation);
        return;
    }
  }
}

/** Client errors (4xx: unknown id, no key) and malformed events are not worth retrying. */
function isRetryable(error: unknown): boolean {
  if (error instanceof ApiError) return error.status >= 500 || error.status === 429;
  return !(error instanceof SyntaxError);
}
