import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { Subject } from 'rxjs';
import type { ProgressSnapshot } from '@ktrdr/async-infrastructure';
import type { OperationEvent, OperationRecord } from '@ktrdr/operations';
import { formatSseEvent, writeSse } from './sse-writer';

/** The part of a Node response the writer uses, recording what it was sent. */
class FakeResponse extends EventEmitter {
  statusCode = 0;
  headers: Record<string, string> = {};
  chunks: string[] = [];
  writableEnded = false;
  destroyed = false;
  flushed = false;
  setHeader(name: string, value: string): void {
    this.headers[name.toLowerCase()] = value;
  }
  flushHeaders(): void {
    this.flushed = true;
  }
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return true;
  }
  end(): void {
    this.writableEnded = true;
  }
}

const progress = (seq: number): OperationEvent => ({
  kind: 'progress',
  operation_id: 'op_dummy_20250101_000000_00000000',
  seq,
  progress: { seq, step_name: 'run' } as ProgressSnapshot,
});
const status = (seq: number): OperationEvent => ({
  kind: 'status',
  operation_id: 'op_dummy_20250101_000000_00000000',
  seq,
  status: 'completed',
  operation: {} as OperationRecord,
});

describe('writeSse', () => {
  afterEach(() => jest.useRealTimers());

  function start(keepAliveMs?: number): { res: FakeResponse; events: Subject<OperationEvent> } {
    const res = new FakeResponse();
    const events = new Subject<OperationEvent>();
    writeSse(
      res as unknown as ServerResponse,
      events,
      keepAliveMs === undefined ? {} : { keepAliveMs },
    );
    return { res, events };
  }

  it('flushes SSE headers at once and writes one frame per event', () => {
    const { res, events } = start();
    expect(res.statusCode).toBe(200);
    expect(res.flushed).toBe(true);
    expect(res.headers).toMatchObject({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
    });
    events.next(progress(1));
    expect(res.chunks).toEqual([
      `id: 1\nevent: progress\ndata: ${JSON.stringify(progress(1))}\n\n`,
    ]);
    events.complete();
  });

  it('ends the response when the stream completes after the status event', () => {
    const { res, events } = start();
    events.next(status(7));
    events.complete();
    expect(res.chunks).toEqual([formatSseEvent(status(7))]);
    expect(res.writableEnded).toBe(true);
    expect(events.observed).toBe(false);
  });

  it('sends a keep-alive comment every interval and stops with the stream', () => {
    jest.useFakeTimers();
    const { res, events } = start();
    jest.advanceTimersByTime(14_999);
    expect(res.chunks).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(res.chunks).toEqual([': keep-alive\n\n']);
    jest.advanceTimersByTime(15_000);
    expect(res.chunks).toHaveLength(2);
    events.complete();
    jest.advanceTimersByTime(60_000);
    expect(res.chunks).toHaveLength(2);
  });

  it('unsubscribes and stops the keep-alive when the client goes away', () => {
    jest.useFakeTimers();
    const { res, events } = start(1000);
    expect(events.observed).toBe(true);
    res.destroyed = true;
    res.emit('close');
    expect(events.observed).toBe(false);
    jest.advanceTimersByTime(5000);
    expect(res.chunks).toEqual([]);
  });

  it('neither subscribes nor starts a timer when the client left before it was called', () => {
    jest.useFakeTimers();
    const res = new FakeResponse();
    res.destroyed = true;
    res.emit('close');
    const events = new Subject<OperationEvent>();
    writeSse(res as unknown as ServerResponse, events, { keepAliveMs: 1000 });
    expect(events.observed).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
    expect(res.listenerCount('close')).toBe(0);
    expect(res.chunks).toEqual([]);
  });

  it('ends the response if the stream fails, reporting the error', () => {
    const res = new FakeResponse();
    const events = new Subject<OperationEvent>();
    const onError = jest.fn();
    writeSse(res as unknown as ServerResponse, events, { onError });
    events.error(new Error('bus down'));
    expect(onError).toHaveBeenCalledWith(new Error('bus down'));
    expect(res.writableEnded).toBe(true);
  });
});
