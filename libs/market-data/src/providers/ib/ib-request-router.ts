import { EventName, type ContractDetails } from '@stoqey/ib';
import { abortError } from '../provider-abort';
import { ProviderUnavailableError } from '../provider-errors';
import type { IbApiLike } from './ib-api';
import type { IbConnection } from './ib-connection';
import { mapIbError } from './ib-error-map';

/** The answers one request listens to; each is called only with events of its own request id. */
export interface IbRequestHandlers {
  contractDetails?(details: ContractDetails): void;
  contractDetailsEnd?(): void;
  headTimestamp?(value: string): void;
  historicalData?(
    time: string,
    open: number,
    high: number,
    low: number,
    close: number,
    volume: number,
  ): void;
}

/** Settles a request from its handlers. */
export interface IbSettle<T> {
  readonly resolve: (value: T) => void;
  readonly reject: (error: Error) => void;
}

/** One IB request: how to send it, cancel it and read its answers. */
export interface IbRequestSpec<T> {
  /** For messages, e.g. `historical data for AAPL 1h`. */
  readonly label: string;
  /** The symbol, for error messages (IB 200). */
  readonly symbol: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  send(reqId: number): void;
  /** Tells IB to stop working on the request (on abort and on timeout). */
  cancel?(reqId: number): void;
  handlers(settle: IbSettle<T>): IbRequestHandlers;
}

interface Pending {
  readonly symbol: string;
  readonly handlers: IbRequestHandlers;
  readonly fail: (error: Error) => void;
}

/**
 * Gives each IB request its own id, routes `@stoqey/ib` events and errors to it by id, and
 * ends it exactly once: answered, failed (IB error mapped by {@link mapIbError}), aborted (IB
 * is told to cancel), timed out (cancelled too), or failed because the connection was lost.
 */
export class IbRequestRouter {
  private nextReqId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly api: IbApiLike,
    private readonly connection: IbConnection,
  ) {
    api.on(EventName.error, this.onError);
    api.on(EventName.contractDetails, this.onContractDetails);
    api.on(EventName.contractDetailsEnd, this.onContractDetailsEnd);
    api.on(EventName.headTimestamp, this.onHeadTimestamp);
    api.on(EventName.historicalData, this.onHistoricalData);
    connection.onLost((error) => this.failAll(error));
  }

  /** Requests waiting for an answer. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Sends the request once connected and resolves with what its handlers settle. */
  async run<T>(spec: IbRequestSpec<T>): Promise<T> {
    await this.connection.ready(spec.signal);
    const reqId = this.nextReqId++;
    return new Promise<T>((resolve, reject) => {
      const { signal } = spec;
      const cleanup = (): void => {
        this.pending.delete(reqId);
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const cancelUpstream = (): void => {
        if (this.connection.connected) spec.cancel?.(reqId);
      };
      const settle: IbSettle<T> = {
        resolve: (value) => {
          cleanup();
          resolve(value);
        },
        reject: (error) => {
          cleanup();
          reject(error);
        },
      };
      const onAbort = (): void => {
        cancelUpstream();
        settle.reject(abortError(signal!));
      };
      const timer = setTimeout(() => {
        cancelUpstream();
        settle.reject(
          new ProviderUnavailableError(
            `IB did not answer ${spec.label} within ${spec.timeoutMs} ms`,
          ),
        );
      }, spec.timeoutMs);
      timer.unref();
      this.pending.set(reqId, {
        symbol: spec.symbol,
        handlers: spec.handlers(settle),
        fail: settle.reject,
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        spec.send(reqId);
      } catch (error) {
        settle.reject(
          new ProviderUnavailableError(`Could not send ${spec.label}`, { cause: error }),
        );
      }
    });
  }

  /** Stops routing and fails what is still waiting. */
  dispose(): void {
    this.failAll(new ProviderUnavailableError('IB provider closed'));
    this.api.removeListener(EventName.error, this.onError);
    this.api.removeListener(EventName.contractDetails, this.onContractDetails);
    this.api.removeListener(EventName.contractDetailsEnd, this.onContractDetailsEnd);
    this.api.removeListener(EventName.headTimestamp, this.onHeadTimestamp);
    this.api.removeListener(EventName.historicalData, this.onHistoricalData);
  }

  private failAll(error: Error): void {
    for (const request of [...this.pending.values()]) request.fail(error);
  }

  private readonly onError = (error: Error, code: number, reqId: number): void => {
    const request = reqId === undefined ? undefined : this.pending.get(reqId);
    if (!request) return;
    const meaning = mapIbError(code, error.message, request.symbol);
    switch (meaning.kind) {
      case 'ignore':
        return;
      case 'request':
        request.fail(meaning.error);
        return;
      case 'connection':
        if (!meaning.up) request.fail(meaning.error ?? this.connection.unavailable());
        return;
      default: {
        const unreachable: never = meaning;
        return unreachable;
      }
    }
  };

  private readonly onContractDetails = (reqId: number, details: ContractDetails): void => {
    this.pending.get(reqId)?.handlers.contractDetails?.(details);
  };

  private readonly onContractDetailsEnd = (reqId: number): void => {
    this.pending.get(reqId)?.handlers.contractDetailsEnd?.();
  };

  private readonly onHeadTimestamp = (reqId: number, value: string): void => {
    this.pending.get(reqId)?.handlers.headTimestamp?.(value);
  };

  private readonly onHistoricalData = (
    reqId: number,
    time: string,
    open: number,
    high: number,
    low: number,
    close: number,
    volume: number,
  ): void => {
    this.pending.get(reqId)?.handlers.historicalData?.(time, open, high, low, close, volume);
  };
}
