import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { ApiKeyVerifier, toErrorResponse, validatePayload } from '@ktrdr/http-kit';
import { SubscribeOperationDto, UnsubscribeOperationDto } from '../dto/operation-subscription.dto';
import { OperationNotFoundError, OperationsService } from '@ktrdr/operations';
import { coalesceOperationEvents } from './operation-events.coalescing';
import {
  CLIENT_MESSAGES,
  ERROR_EVENT,
  FEED_EVENTS,
  OPERATION_EVENTS,
  OPERATIONS_NAMESPACE,
} from './operations-socket.api';
import { isOperationIdShape } from './parse-operation-id.pipe';
import { SocketSubscriptions } from './socket-subscriptions';

/** The `error` event's payload (also the acknowledgement of a refused request). */
export interface GatewayError {
  code: string;
  message: string | string[];
  operation_id?: string;
}

/** What each request acknowledges when the client asked for an acknowledgement. */
export type GatewayAck = { ok: true; operation_id?: string } | ({ ok: false } & GatewayError);

/** A socket that failed the key check is disconnected; this only covers a message racing that. */
const NOT_CONNECTED: GatewayAck = { ok: false, code: 'UNAUTHORIZED', message: 'not connected' };

const ROOT_REFUSED = 'Only the /operations namespace is served';

function invalid(problems: string[]): GatewayError {
  return { code: 'VALIDATION_FAILED', message: problems };
}

/**
 * socket.io namespace `/operations` (operations.md, "WebSocket gateway"); its names and the
 * OpenAPI description of them come from one constant (`operations-socket.api.ts`).
 * - `subscribe { operation_id, since_seq? }` → `progress` and one final `status` event, the
 *   same JSON as SSE and coalesced the same way; `unsubscribe { operation_id }` stops them.
 * - `subscribe_all` / `unsubscribe_all` → `operation_created` / `operation_status` events with
 *   the feed entry `{ kind, operation }`.
 * - Problems come back as an `error` event `{ code, message, operation_id? }`.
 * With API_KEY set, a connection without the key (handshake `auth.token`, `Authorization:
 * Bearer` or `x-api-key`) gets `error { code: 'UNAUTHORIZED' }` and is disconnected.
 * socket.io always opens its root namespace `/`: nothing is served there, so every connection to
 * it is refused (`connect_error`), key or not.
 */
@WebSocketGateway({ namespace: OPERATIONS_NAMESPACE })
export class OperationsGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(OperationsGateway.name);
  private readonly sockets = new Map<string, SocketSubscriptions>();

  /** The `/operations` namespace (set by Nest once the server is up). */
  @WebSocketServer()
  readonly server!: Namespace;

  constructor(
    private readonly operations: OperationsService,
    private readonly verifier: ApiKeyVerifier,
  ) {}

  /** Live operation subscriptions across connected sockets (for diagnostics and tests). */
  get subscriptionCount(): number {
    let count = 0;
    for (const subscriptions of this.sockets.values()) count += subscriptions.operationCount;
    return count;
  }

  afterInit(namespace: Namespace): void {
    namespace.server.of('/').use((_socket, next) => next(new Error(ROOT_REFUSED)));
  }

  handleConnection(client: Socket): void {
    try {
      this.verifier.assertHandshake(client.handshake);
    } catch (error) {
      client.emit(ERROR_EVENT, this.describe(error));
      client.disconnect(true);
      return;
    }
    this.sockets.set(client.id, new SocketSubscriptions());
  }

  handleDisconnect(client: Socket): void {
    this.sockets.get(client.id)?.close();
    this.sockets.delete(client.id);
  }

  @SubscribeMessage(CLIENT_MESSAGES.subscribe)
  async subscribe(
    @ConnectedSocket() client: Socket,
    @MessageBody() payload: unknown,
  ): Promise<GatewayAck> {
    const subscriptions = this.sockets.get(client.id);
    if (subscriptions === undefined) return NOT_CONNECTED;
    const checked = await validatePayload(SubscribeOperationDto, payload);
    if (!checked.ok) return this.refuse(client, invalid(checked.problems));
    const { operation_id: operationId, since_seq: sinceSeq = 0 } = checked.value;

    const container = subscriptions.track(operationId);
    try {
      if (!isOperationIdShape(operationId)) throw new OperationNotFoundError(operationId);
      const events$ = await this.operations.openEvents(operationId, sinceSeq);
      if (container.closed) return { ok: true, operation_id: operationId };
      container.add(
        events$.pipe(coalesceOperationEvents()).subscribe({
          next: (event) => client.emit(OPERATION_EVENTS[event.kind], event),
          error: (error: unknown) => {
            client.emit(ERROR_EVENT, this.describe(error, operationId));
            subscriptions.release(operationId, container);
          },
          complete: () => subscriptions.release(operationId, container),
        }),
      );
      return { ok: true, operation_id: operationId };
    } catch (error) {
      subscriptions.release(operationId, container);
      return this.refuse(client, this.describe(error, operationId));
    }
  }

  @SubscribeMessage(CLIENT_MESSAGES.unsubscribe)
  async unsubscribe(
    @ConnectedSocket() client: Socket,
    @MessageBody() payload: unknown,
  ): Promise<GatewayAck> {
    const checked = await validatePayload(UnsubscribeOperationDto, payload);
    if (!checked.ok) return this.refuse(client, invalid(checked.problems));
    this.sockets.get(client.id)?.release(checked.value.operation_id);
    return { ok: true, operation_id: checked.value.operation_id };
  }

  @SubscribeMessage(CLIENT_MESSAGES.subscribeAll)
  subscribeAll(@ConnectedSocket() client: Socket): GatewayAck {
    const subscriptions = this.sockets.get(client.id);
    if (subscriptions === undefined) return NOT_CONNECTED;
    subscriptions.setFeed(
      this.operations.feed$.subscribe((entry) => client.emit(FEED_EVENTS[entry.kind], entry)),
    );
    return { ok: true };
  }

  @SubscribeMessage(CLIENT_MESSAGES.unsubscribeAll)
  unsubscribeAll(@ConnectedSocket() client: Socket): GatewayAck {
    this.sockets.get(client.id)?.clearFeed();
    return { ok: true };
  }

  private refuse(client: Socket, error: GatewayError): GatewayAck {
    client.emit(ERROR_EVENT, error);
    return { ok: false, ...error };
  }

  private describe(error: unknown, operationId?: string): GatewayError {
    const { body, unexpected } = toErrorResponse(error);
    if (unexpected) {
      const stack = error instanceof Error ? error.stack : String(error);
      this.logger.error(`correlation id ${String(body.correlation_id)}: ${String(stack)}`);
    }
    return {
      code: body.code,
      message: body.message,
      ...(operationId !== undefined && { operation_id: operationId }),
    };
  }
}
