import type { ProgressSnapshot } from '@ktrdr/async-infrastructure';
import type { OperationEvent, OperationRecord, OperationStatus } from '@ktrdr/operations';
import type { DataLoadResult } from '../../../src/data';
import { monotonicMs } from './bench-stats';
import { expectJson, requestJson } from './json-http';
import { openSseStream, type ReceivedEvent, type SseStream } from './sse-stream';

/** The body of `POST /data/load`. */
export interface LoadRequest {
  symbol: string;
  timeframe: string;
  mode: string;
  start_date?: string;
  end_date?: string;
}

/** A load's terminal status event, with when it arrived (monotonic ms). */
export interface TerminalStatus {
  status: OperationStatus;
  operation: OperationRecord & { result?: DataLoadResult };
  receivedMs: number;
}

/** `POST /data/load`; resolves with the operation id (throws unless 202). */
export async function startLoad(api: string, body: LoadRequest): Promise<string> {
  const res = await expectJson<{ operation_id: string }>(202, 'POST', `${api}/data/load`, body);
  return res.body.operation_id;
}

/**
 * An open SSE stream of one operation: waits for a progress event matching a predicate, or for
 * the terminal status event (the stream replays it when the operation already ended).
 */
export class OperationWatch {
  private readonly seen: ReceivedEvent[] = [];
  private readonly waiters: {
    match: (e: ReceivedEvent) => boolean;
    resolve: (e: ReceivedEvent) => void;
  }[] = [];

  private constructor(private stream: SseStream | null) {}

  static async open(api: string, operationId: string): Promise<OperationWatch> {
    const watch = new OperationWatch(null);
    watch.stream = await openSseStream(`${api}/operations/${operationId}/events`, (event) =>
      watch.push(event),
    );
    return watch;
  }

  /** The first event matching `match`, as soon as it arrived (or at once if it already did). */
  next(match: (e: ReceivedEvent) => boolean): Promise<ReceivedEvent> {
    const found = this.seen.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  /** The terminal status event (rejects if the stream ends without one). */
  async terminal(): Promise<TerminalStatus> {
    const ended = this.stream ? this.stream.ended : Promise.resolve();
    const status = await Promise.race([
      this.next((e) => e.event === 'status'),
      ended.then(() => this.seen.find((e) => e.event === 'status') ?? null),
    ]);
    if (!status) throw new Error('the event stream ended without a status event');
    const event = JSON.parse(status.data) as OperationEvent;
    if (event.kind !== 'status') throw new Error(`unexpected status event ${status.data}`);
    const operation = event.operation as TerminalStatus['operation'];
    return { status: event.status, operation, receivedMs: status.receivedMs };
  }

  /** Every event received so far, in order. */
  get events(): readonly ReceivedEvent[] {
    return this.seen;
  }

  close(): void {
    this.stream?.close();
  }

  private push(event: ReceivedEvent): void {
    this.seen.push(event);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i]!;
      if (waiter.match(event)) {
        this.waiters.splice(i, 1);
        waiter.resolve(event);
      }
    }
  }
}

/** The progress snapshot of a progress event, null for any other event. */
export function progressOf(event: ReceivedEvent): ProgressSnapshot | null {
  if (event.event !== 'progress') return null;
  const parsed = JSON.parse(event.data) as OperationEvent;
  return parsed.kind === 'progress' ? parsed.progress : null;
}

/**
 * A full load from POST to its terminal status event: the SSE stream is opened right after the
 * 202 (it replays the end if the load was faster), the time runs from just before the POST.
 */
export async function timedLoad(
  api: string,
  body: LoadRequest,
): Promise<{ ms: number; terminal: TerminalStatus; progress: ProgressSnapshot[] }> {
  const sentAt = monotonicMs();
  const id = await startLoad(api, body);
  const watch = await OperationWatch.open(api, id);
  try {
    const terminal = await watch.terminal();
    const progress = watch.events.map(progressOf).filter((p) => p !== null);
    return { ms: terminal.receivedMs - sentAt, terminal, progress };
  } finally {
    watch.close();
  }
}

/** The counters of the data host's `/health` the benchmarks read. */
export interface DataHostHealth {
  requests_total: number;
  requests_in_flight: number;
  requests_cancelled: number;
  requests_failed: number;
  /** How many requests the host's provider takes at once (the API keeps at most that in flight). */
  max_concurrent_requests?: number;
}

export async function dataHostHealth(hostUrl: string): Promise<DataHostHealth> {
  return (await expectJson<DataHostHealth>(200, 'GET', `${hostUrl}/health`)).body;
}

/** `GET /operations/:id`; returns the round trip in ms. */
export async function getOperationMs(api: string, operationId: string): Promise<number> {
  const res = await requestJson('GET', `${api}/operations/${encodeURIComponent(operationId)}`);
  if (res.status !== 200) throw new Error(`GET operation answered ${res.status}`);
  return res.ms;
}

/** The socket counters of the API's data host adapter (diagnostics route). */
export async function dataHostAdapterSockets(
  api: string,
): Promise<{ created: number; reused: number }> {
  const diag = await expectJson<{
    adapters: { name: string; sockets: { created: number; reused: number } }[];
  }>(200, 'GET', `${api}/health/diagnostics`);
  const sockets = diag.body.adapters.find((a) => a.name === 'ib')?.sockets;
  if (!sockets) throw new Error('no data host adapter in the diagnostics');
  return sockets;
}

/**
 * Step 5 alone, from the API's own progress timestamps: the first `fetch_segments` snapshot
 * (0 segments done) to the first `merge_save` one. NaN when the stream missed either.
 */
export function fetchStepMs(progress: readonly ProgressSnapshot[]): number {
  const start = progress.find(
    (p) => p.step_name === 'fetch_segments' && p.context.segments_done === 0,
  );
  const end = progress.find((p) => p.step_name === 'merge_save');
  if (!start || !end) return Number.NaN;
  return Date.parse(end.updated_at) - Date.parse(start.updated_at);
}
