import { io, type Socket } from 'socket.io-client';
import { currentKey, keyEpoch, keyRefused } from '../api';
import type { OperationFeedEntry, OperationEvent, ProgressEvent, StatusEvent } from '../api';
import { createStore } from '../state';

/**
 * `connecting` (first attempt), `connected`, `lost` (it was up and dropped; socket.io keeps
 * retrying), `refused` (the key was refused: waits for a new key).
 */
export type ConnectionStatus = 'connecting' | 'connected' | 'lost' | 'refused';

export interface ConnectionState {
  status: ConnectionStatus;
  /** Times the socket came back after a drop (0 on the first connection). */
  reconnects: number;
}

export const connectionState = createStore<ConnectionState>({
  status: 'connecting',
  reconnects: 0,
});

type FeedListener = (entry: OperationFeedEntry) => void;
type EventListener = (event: OperationEvent) => void;

interface Followed {
  listeners: Set<EventListener>;
  /** The last seq seen: a re-subscribe resumes after it (`since_seq`). */
  lastSeq: number;
}

/**
 * The page's one socket.io connection to `/operations`, with the key as `auth.token`. Pages
 * follow the list feed (`onFeed`) and single operations (`follow`); after a drop the socket
 * reconnects by itself, joins the feed again, re-subscribes every followed operation from the
 * last seq it saw, and tells `onReconnect` listeners to reload what the feed cannot replay.
 */
class OperationsConnection {
  private socket: Socket | null = null;
  private readonly feedListeners = new Set<FeedListener>();
  private readonly reconnectListeners = new Set<() => void>();
  private readonly followed = new Map<string, Followed>();

  constructor() {
    keyEpoch.subscribe(() => this.restart());
  }

  /** Opens the socket (once; later calls do nothing). */
  start(): void {
    if (this.socket === null) this.open();
  }

  /** Follows the list feed: `operation_created` and `operation_status`. */
  onFeed(listener: FeedListener): () => void {
    this.start();
    const first = this.feedListeners.size === 0;
    this.feedListeners.add(listener);
    if (first && this.socket?.connected === true) this.socket.emit('subscribe_all');
    return () => {
      this.feedListeners.delete(listener);
      if (this.feedListeners.size === 0) this.socket?.emit('unsubscribe_all');
    };
  }

  /** Called after every reconnect (not the first connect): reload what may have been missed. */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  /** Follows one operation's `progress` and final `status` events, from `sinceSeq` on. */
  follow(operationId: string, listener: EventListener, sinceSeq = 0): () => void {
    this.start();
    let entry = this.followed.get(operationId);
    if (entry === undefined) {
      entry = { listeners: new Set(), lastSeq: sinceSeq };
      this.followed.set(operationId, entry);
      this.subscribe(operationId, entry);
    }
    entry.listeners.add(listener);
    return () => {
      const current = this.followed.get(operationId);
      if (current === undefined) return;
      current.listeners.delete(listener);
      if (current.listeners.size > 0) return;
      this.followed.delete(operationId);
      this.socket?.emit('unsubscribe', { operation_id: operationId });
    };
  }

  private subscribe(operationId: string, entry: Followed): void {
    if (this.socket?.connected !== true) return; // the connect handler subscribes
    this.socket.emit('subscribe', { operation_id: operationId, since_seq: entry.lastSeq });
  }

  private restart(): void {
    if (this.socket === null) return;
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.open();
  }

  private open(): void {
    const key = currentKey();
    const socket = io('/operations', {
      transports: ['websocket'],
      auth: key === null ? {} : { token: key },
      reconnectionDelay: 250,
      reconnectionDelayMax: 2000,
    });
    this.socket = socket;
    let wasConnected = false;
    socket.on('connect', () => {
      const reconnected = wasConnected || connectionState.get().status === 'lost';
      wasConnected = true;
      if (this.feedListeners.size > 0) socket.emit('subscribe_all');
      for (const [operationId, entry] of this.followed) this.subscribe(operationId, entry);
      connectionState.update((state) => ({
        status: 'connected',
        reconnects: state.reconnects + (reconnected ? 1 : 0),
      }));
      if (reconnected) for (const listener of [...this.reconnectListeners]) listener();
    });
    socket.on('disconnect', (reason) => {
      // The server ends a refused socket itself ("io server disconnect"): no retry until a new key.
      if (reason === 'io server disconnect' && connectionState.get().status === 'refused') return;
      connectionState.update((state) => ({ ...state, status: 'lost' }));
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', () => {
      if (connectionState.get().status !== 'refused') {
        connectionState.update((state) => ({
          ...state,
          status: wasConnected || state.reconnects > 0 ? 'lost' : 'connecting',
        }));
      }
    });
    socket.on('error', (error: { code?: string }) => {
      if (error.code !== 'UNAUTHORIZED') return;
      connectionState.update((state) => ({ ...state, status: 'refused' }));
      keyRefused();
    });
    socket.on('operation_created', (entry: OperationFeedEntry) => this.emitFeed(entry));
    socket.on('operation_status', (entry: OperationFeedEntry) => this.emitFeed(entry));
    socket.on('progress', (event: ProgressEvent) => this.emitEvent(event));
    socket.on('status', (event: StatusEvent) => this.emitEvent(event));
  }

  private emitFeed(entry: OperationFeedEntry): void {
    for (const listener of [...this.feedListeners]) listener(entry);
  }

  private emitEvent(event: OperationEvent): void {
    const entry = this.followed.get(event.operation_id);
    if (entry === undefined) return;
    entry.lastSeq = Math.max(entry.lastSeq, event.seq);
    for (const listener of [...entry.listeners]) listener(event);
  }
}

/** The page's connection (one per tab). */
export const operationsConnection = new OperationsConnection();
