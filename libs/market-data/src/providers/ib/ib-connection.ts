import { EventName } from '@stoqey/ib';
import { abortError } from '../provider-abort';
import { ProviderUnavailableError, type ProviderError } from '../provider-errors';
import type { IbApiLike, IbEndpoint } from './ib-api';
import { mapIbError } from './ib-error-map';

/** The socket's state: `closed` is final (after {@link IbConnection.close}). */
export type IbConnectionState = 'idle' | 'connecting' | 'connected' | 'disconnected' | 'closed';

/** Options of {@link IbConnection}. */
export interface IbConnectionOptions {
  readonly endpoint: IbEndpoint;
  readonly clientId: number;
  /** Give up a connection attempt after this long (default 10 s). */
  readonly connectTimeoutMs?: number;
  /** First reconnect delay, doubled per failed attempt (default 1 s)… */
  readonly reconnectBaseMs?: number;
  /** …up to this (default 30 s). */
  readonly reconnectMaxMs?: number;
  readonly now?: () => number;
}

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

/**
 * Keeps one TWS / IB Gateway API connection up: connects with the client id, notices loss
 * (socket closed, IB codes 502/504/1100/2110) and reconnects with capped exponential backoff,
 * and reports the real state for health. Request-level events are not its business.
 */
export class IbConnection {
  private state: IbConnectionState = 'idle';
  /** The gateway is up but has lost IB's servers (1100/2110) until 1101/1102. */
  private upstreamLost = false;
  private lastError: string | null = null;
  /** Whether IB reported an error since the last successful connect (it explains a close). */
  private errorSinceConnect = false;
  private lastConnectedAt: number | null = null;
  private reconnectAttempts = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private connectTimer: NodeJS.Timeout | undefined;
  private readonly waiters = new Set<Waiter>();
  private readonly lostListeners = new Set<(error: ProviderError) => void>();
  private readonly now: () => number;

  constructor(
    private readonly api: IbApiLike,
    private readonly options: IbConnectionOptions,
  ) {
    this.now = options.now ?? Date.now;
    api.on(EventName.connected, this.onConnected);
    api.on(EventName.disconnected, this.onDisconnected);
    api.on(EventName.error, this.onError);
    api.on(EventName.info, this.onInfo);
  }

  /** True only when the socket is up and the gateway is connected to IB. */
  get connected(): boolean {
    return this.state === 'connected' && !this.upstreamLost;
  }

  /** Starts connecting (no-op unless idle or disconnected). */
  start(): void {
    if (this.state !== 'idle' && this.state !== 'disconnected') return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.state = 'connecting';
    this.connectTimer = setTimeout(() => {
      this.lastError = `no answer within ${this.connectTimeoutMs} ms`;
      this.api.disconnect();
      this.markDown();
    }, this.connectTimeoutMs);
    this.connectTimer.unref();
    this.api.connect(this.options.clientId);
  }

  /**
   * Resolves when usable: at once when connected, after the attempt in progress when
   * connecting; otherwise (or when that attempt fails) rejects with PROVIDER_UNAVAILABLE.
   */
  ready(signal?: AbortSignal): Promise<void> {
    if (this.connected) return Promise.resolve();
    if (this.state !== 'connecting') return Promise.reject(this.unavailable());
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        this.waiters.delete(waiter);
        reject(abortError(signal!));
      };
      const waiter: Waiter = {
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      this.waiters.add(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Calls `listener` whenever the connection (or the gateway's link to IB) is lost. */
  onLost(listener: (error: ProviderError) => void): void {
    this.lostListeners.add(listener);
  }

  /** The error requests get while not connected. */
  unavailable(): ProviderUnavailableError {
    const { host, port } = this.options.endpoint;
    const why = this.upstreamLost ? 'the gateway lost its connection to IB' : this.state;
    return new ProviderUnavailableError(
      `Not connected to IB at ${host}:${port} (${why}${this.lastError ? `; last error: ${this.lastError}` : ''})`,
    );
  }

  /** The real state, for health reports. */
  health(): Record<string, unknown> {
    return {
      state: this.state,
      upstream: this.upstreamLost ? 'lost' : 'ok',
      host: this.options.endpoint.host,
      port: this.options.endpoint.port,
      client_id: this.options.clientId,
      last_error: this.lastError,
      last_connected_at: this.lastConnectedAt && new Date(this.lastConnectedAt).toISOString(),
      reconnect_attempts: this.reconnectAttempts,
    };
  }

  /** Disconnects for good: no more reconnects; waiters are rejected. */
  close(): void {
    if (this.state === 'closed') return;
    const wasUp = this.state === 'connected' || this.state === 'connecting';
    this.state = 'closed';
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.connectTimer);
    this.rejectWaiters(new ProviderUnavailableError('IB provider closed'));
    this.api.removeListener(EventName.connected, this.onConnected);
    this.api.removeListener(EventName.disconnected, this.onDisconnected);
    this.api.removeListener(EventName.error, this.onError);
    this.api.removeListener(EventName.info, this.onInfo);
    if (wasUp) this.api.disconnect();
  }

  private get connectTimeoutMs(): number {
    return this.options.connectTimeoutMs ?? 10_000;
  }

  private readonly onConnected = (): void => {
    if (this.state === 'closed') return;
    clearTimeout(this.connectTimer);
    this.state = 'connected';
    this.upstreamLost = false;
    this.errorSinceConnect = false;
    this.reconnectAttempts = 0;
    this.lastConnectedAt = this.now();
    for (const waiter of this.waiters) waiter.resolve();
    this.waiters.clear();
  };

  private readonly onDisconnected = (): void => {
    if (this.state === 'closed') return;
    if (this.state === 'connected' && !this.errorSinceConnect) {
      this.lastError = 'the gateway closed the connection';
    }
    this.markDown();
  };

  /** Only connection-level errors (no request id) are handled here. */
  private readonly onError = (error: Error, code: number, reqId: number): void => {
    if (this.state === 'closed' || (reqId !== undefined && reqId >= 0)) return;
    this.onConnectionCode(code, error.message);
  };

  private readonly onInfo = (message: string, code: number): void => {
    if (this.state === 'closed') return;
    this.onConnectionCode(code, message);
  };

  private onConnectionCode(code: number, message: string): void {
    const meaning = mapIbError(code, message);
    if (meaning.kind === 'ignore') return;
    if (meaning.kind === 'request') {
      // Not tied to a request, e.g. 326 "client id is already in use": keep it for health.
      this.lastError = `${code} ${message}`;
      this.errorSinceConnect = true;
      return;
    }
    if (meaning.up) {
      this.upstreamLost = false;
      return;
    }
    this.lastError = `${code} ${message}`;
    this.errorSinceConnect = true;
    if (code === 1100 || code === 2110) {
      this.upstreamLost = true;
      this.notifyLost();
    } else {
      this.markDown();
    }
  }

  private markDown(): void {
    if (this.state === 'closed') return;
    const wasUsable = this.state === 'connected' || this.state === 'connecting';
    clearTimeout(this.connectTimer);
    this.state = 'disconnected';
    if (wasUsable) {
      this.rejectWaiters(this.unavailable());
      this.notifyLost();
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer || this.state === 'closed') return;
    const base = this.options.reconnectBaseMs ?? 1000;
    const delay = Math.min(
      this.options.reconnectMaxMs ?? 30_000,
      base * 2 ** this.reconnectAttempts,
    );
    this.reconnectAttempts += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.start();
    }, delay);
    this.reconnectTimer.unref();
  }

  private notifyLost(): void {
    const error = this.unavailable();
    for (const listener of this.lostListeners) listener(error);
  }

  private rejectWaiters(error: Error): void {
    for (const waiter of this.waiters) waiter.reject(error);
    this.waiters.clear();
  }
}
