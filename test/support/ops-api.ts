import type { OperationEvent, OperationRecord } from '@ktrdr/operations';
import { openSse, payloadOf, type SseEvent, type SseStream } from './sse-stream';

/** A response whose body was read as JSON (undefined when it had none). */
export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export type StatusEvent = Extract<OperationEvent, { kind: 'status' }>;
export type ProgressEvent = Extract<OperationEvent, { kind: 'progress' }>;

/** The operations API of a running app, over real HTTP (`/api/v1`). */
export class OpsApi {
  constructor(
    readonly baseUrl: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  /** Any request; a string body is sent as is (malformed JSON), anything else as JSON. */
  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<JsonResponse<T>> {
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...this.headers,
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
  }

  /** Starts a dummy operation; throws unless 202. */
  async startDummy(params: {
    steps: number;
    step_ms: number;
    fail_at_step?: number;
  }): Promise<string> {
    return this.start('/operations/dummy', params);
  }

  /** POSTs a start request; throws unless 202 `{ operation_id }`. */
  async start(path: string, params: unknown): Promise<string> {
    const res = await this.request<{ operation_id: string }>('POST', path, params);
    if (res.status !== 202)
      throw new Error(`not started: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.operation_id;
  }

  async get(id: string): Promise<OperationRecord> {
    const res = await this.request<OperationRecord>('GET', `/operations/${id}`);
    if (res.status !== 200) throw new Error(`GET ${id}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  cancel(id: string, reason?: string): Promise<JsonResponse<OperationRecord>> {
    return this.request<OperationRecord>(
      'DELETE',
      `/operations/${id}`,
      reason === undefined ? undefined : { reason },
    );
  }

  /** How many operations the registry holds. */
  async total(): Promise<number> {
    const res = await this.request<{ total: number }>('GET', '/operations?limit=1');
    if (res.status !== 200) throw new Error(`list: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.total;
  }

  /** The operation's SSE stream; `lastEventId` resumes after that seq. */
  events(id: string, lastEventId?: string): Promise<SseStream> {
    return openSse(`${this.baseUrl}/api/v1/operations/${id}/events`, {
      ...this.headers,
      ...(lastEventId !== undefined && { 'last-event-id': lastEventId }),
    });
  }

  /** Resolves once the operation reports progress (it is running), seen through SSE. */
  async waitRunning(id: string): Promise<SseStream> {
    const sse = await this.events(id);
    await sse.waitFor((e) => e.event === 'progress');
    return sse;
  }

  /** Follows the SSE stream to its end; returns the final status event. */
  async followToEnd(id: string): Promise<StatusEvent> {
    const sse = await this.events(id);
    return finalStatus(await sse.ended);
  }
}

/** The last event of a finished stream, which must be the status event. */
export function finalStatus(events: SseEvent[]): StatusEvent {
  const last = events.at(-1);
  if (last?.event !== 'status') throw new Error(`no final status event: ${JSON.stringify(events)}`);
  return payloadOf<StatusEvent>(last);
}

/** The progress events of a stream, parsed. */
export function progressOf(events: SseEvent[]): ProgressEvent[] {
  return events.filter((e) => e.event === 'progress').map((e) => payloadOf<ProgressEvent>(e));
}
