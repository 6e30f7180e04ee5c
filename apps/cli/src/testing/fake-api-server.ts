import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { OperationEvent, OperationStatus } from '../api.types';
import {
  closeServer,
  listenLocally,
  readBody,
  recordOf,
  requestsTo,
  sendError,
  sendJson,
  type RecordedRequest,
} from './fake-http';
import { FakeOperation } from './fake-operation';

export interface FakeApiOptions {
  /** When set, every request needs `Authorization: Bearer <key>`. */
  apiKey?: string;
  /** Destroy the first event stream's socket after it sent this many events. */
  dropFirstStreamAfter?: number;
  /** End the first event stream cleanly (no status event) after this many events. */
  endFirstStreamAfter?: number;
  /** How long a cancelled dummy stays `cancelling`. */
  cancelDelayMs?: number;
}

const ACTIVE: readonly OperationStatus[] = ['pending', 'running', 'cancelling'];

/** A real HTTP server that plays the ktrdr API (`/api/v1/operations…`) for CLI tests. */
export class FakeApiServer {
  readonly requests: RecordedRequest[] = [];
  readonly operations = new Map<string, FakeOperation>();
  private readonly server = createServer();
  private streamsOpened = 0;
  private url = '';

  private constructor(private readonly options: FakeApiOptions) {}

  static async start(options: FakeApiOptions = {}): Promise<FakeApiServer> {
    const api = new FakeApiServer(options);
    api.url = await listenLocally(api.server, (req, res) => api.handle(req, res));
    return api;
  }

  /** The server root, as a user passes it to `--api-url`. */
  get baseUrl(): string {
    return this.url;
  }

  add(operation: FakeOperation): FakeOperation {
    this.operations.set(operation.record.operation_id, operation);
    return operation;
  }

  requestsTo(method: string, pathPattern: RegExp): RecordedRequest[] {
    return requestsTo(this.requests, method, pathPattern);
  }

  async close(): Promise<void> {
    for (const operation of this.operations.values()) operation.dispose();
    await closeServer(this.server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const raw = await readBody(req);
    const body = raw ? (JSON.parse(raw) as unknown) : undefined;
    const request = recordOf(req, url, body);
    const { method } = request;
    this.requests.push(request);
    if (this.options.apiKey && req.headers.authorization !== `Bearer ${this.options.apiKey}`) {
      return sendError(res, 401, 'UNAUTHORIZED', 'missing or wrong API key');
    }
    const [, id, action] =
      /^\/api\/v1\/operations(?:\/([^/]+))?\/?(events|retry)?$/.exec(url.pathname) ?? [];
    if (!url.pathname.startsWith('/api/v1/operations'))
      return sendError(res, 404, 'NOT_FOUND', 'no route');
    if (method === 'GET' && !id) return this.list(url.searchParams, res);
    if (method === 'POST' && id === 'dummy') return this.startDummy(body, res);
    const operation = id ? this.operations.get(id) : undefined;
    if (!operation) return sendError(res, 404, 'OPERATION_NOT_FOUND', `operation ${id} not found`);
    if (method === 'GET' && action === 'events') return this.stream(operation, req, res);
    if (method === 'POST' && action === 'retry') return this.retry(operation, res);
    if (method === 'GET') return sendJson(res, 200, operation.record);
    if (method === 'DELETE') {
      if (operation.isFinal) {
        return sendError(
          res,
          409,
          'OPERATION_ALREADY_FINISHED',
          `operation ${id} is already ${operation.record.status}`,
        );
      }
      const reason = (body as { reason?: string } | undefined)?.reason ?? 'user request';
      operation.requestCancel(reason, this.options.cancelDelayMs ?? 20);
      return sendJson(res, 202, operation.record);
    }
    return sendError(res, 404, 'NOT_FOUND', 'no route');
  }

  private list(query: URLSearchParams, res: ServerResponse): void {
    const all = [...this.operations.values()].map((op) => op.record).reverse();
    const items = all.filter(
      (op) =>
        (!query.get('status') || op.status === query.get('status')) &&
        (!query.get('operation_type') || op.operation_type === query.get('operation_type')) &&
        (query.get('active_only') !== 'true' || ACTIVE.includes(op.status)),
    );
    const offset = Number(query.get('offset') ?? 0);
    const limit = Number(query.get('limit') ?? 50);
    const active_count = all.filter((op) => ACTIVE.includes(op.status)).length;
    sendJson(res, 200, {
      items: items.slice(offset, offset + limit),
      total: items.length,
      active_count,
    });
  }

  private startDummy(body: unknown, res: ServerResponse): void {
    const { steps, step_ms, fail_at_step } = (body ?? {}) as Record<string, number | undefined>;
    if (typeof steps !== 'number' || typeof step_ms !== 'number') {
      return sendError(res, 400, 'VALIDATION_FAILED', ['steps must be an integer']);
    }
    const operation = this.add(FakeOperation.create({ operation_type: 'dummy' }));
    operation.runDummy(steps, step_ms, fail_at_step);
    sendJson(res, 202, {
      operation_id: operation.record.operation_id,
      status: operation.record.status,
    });
  }

  /** Retries a failed or cancelled operation; a dummy runs again with its stored parameters. */
  private retry(original: FakeOperation, res: ServerResponse): void {
    const { record } = original;
    if (record.status !== 'failed' && record.status !== 'cancelled') {
      return sendError(
        res,
        409,
        'OPERATION_NOT_RETRYABLE',
        `Operation ${record.operation_id} cannot be retried: it is ${record.status}; only failed or cancelled operations can be retried`,
      );
    }
    const operation = this.add(
      FakeOperation.create({
        operation_type: record.operation_type,
        metadata: record.metadata,
        retry_of: record.operation_id,
      }),
    );
    const params = (record.metadata.parameters ?? {}) as Record<string, number | undefined>;
    operation.runDummy(params.steps ?? 1, params.step_ms ?? 0, params.fail_at_step);
    sendJson(res, 202, operation.record);
  }

  private stream(operation: FakeOperation, req: IncomingMessage, res: ServerResponse): void {
    const first = this.streamsOpened++ === 0;
    const since = Number(req.headers['last-event-id'] ?? 0);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
    let sent = 0;
    let unsubscribe = (): void => undefined;
    const send = (event: OperationEvent): void => {
      if (res.writableEnded || res.destroyed) return;
      sent += 1;
      const frame = `event: ${event.kind}\nid: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`;
      if (event.kind === 'status') {
        unsubscribe();
        res.end(frame);
      } else if (first && sent === this.options.dropFirstStreamAfter) {
        unsubscribe();
        // Destroy only once the frame is out, so the client really saw `sent` events.
        res.write(frame, () => res.socket?.destroy());
      } else if (first && sent === this.options.endFirstStreamAfter) {
        unsubscribe();
        res.end(frame);
      } else {
        res.write(frame);
      }
    };
    const backlog = operation.events.filter((event) => event.seq > since);
    if (!operation.isFinal) unsubscribe = operation.subscribe(send);
    req.on('close', () => unsubscribe());
    for (const event of backlog) send(event);
    if (operation.isFinal && !res.writableEnded && !res.destroyed) res.end();
  }
}
