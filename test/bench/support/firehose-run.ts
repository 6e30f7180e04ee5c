import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { OperationEvent } from '@ktrdr/operations';
import type { BenchApi } from './bench-api.process';
import type { FirehoseResult } from './firehose.operation';
import { expectJson } from './json-http';
import { openSseStream, type ReceivedEvent, type SseStream } from './sse-stream';

interface Delivered {
  seq: number;
  producedMs: number;
  receivedMs: number;
}

interface Subscriber {
  progress: Delivered[];
  status: OperationEvent | null;
}

/** What one firehose run measured (times in ms). */
export interface FirehoseRunStats {
  result: FirehoseResult;
  updatesPerSecond: number;
  staleness: number[];
  viewLag: number[];
  finalLag: number[];
  eventsPerSubscriberPerSecond: number[];
  clientLoopDelayP99: number;
}

function collect(subscriber: Subscriber): (event: ReceivedEvent) => void {
  return (received) => {
    const event = JSON.parse(received.data) as OperationEvent;
    if (event.kind === 'status') {
      subscriber.status = event;
      return;
    }
    const producedMs = event.progress.context['produced_ms'];
    if (typeof producedMs !== 'number')
      throw new Error(`event ${event.seq} carries no produced_ms`);
    subscriber.progress.push({ seq: event.seq, producedMs, receivedMs: received.receivedMs });
  };
}

/** One run of the firehose operation, its subscribers opened before it starts. */
export interface FirehoseRunOptions {
  subscribers: number;
  fireMs: number;
  updatesPerMs: number;
  holdMs: number;
}

/**
 * Launches a firehose operation, opens every SSE subscriber (from this process), opens the
 * gate, waits for every stream to end and measures what each subscriber saw.
 */
export async function runFirehose(
  api: BenchApi,
  { subscribers, fireMs, updatesPerMs, holdMs }: FirehoseRunOptions,
): Promise<FirehoseRunStats> {
  const launched = await expectJson<{ operation_id: string }>(
    202,
    'POST',
    `${api.api}/bench/firehose`,
    {
      updates_per_ms: updatesPerMs,
      fire_ms: fireMs,
      hold_ms: holdMs,
    },
  );
  const id = launched.body.operation_id;
  const subs: Subscriber[] = Array.from({ length: subscribers }, () => ({
    progress: [],
    status: null,
  }));
  const streams: SseStream[] = [];
  try {
    for (const sub of subs) {
      streams.push(await openSseStream(`${api.api}/operations/${id}/events`, collect(sub)));
    }
    const clientDelay = monitorEventLoopDelay({ resolution: 5 });
    clientDelay.enable();
    await expectJson(204, 'POST', `${api.api}/bench/firehose/${id}/go`);
    await Promise.all(streams.map((s) => s.ended));
    clientDelay.disable();

    const status = subs[0]?.status;
    if (status?.kind !== 'status' || status.status !== 'completed') {
      throw new Error(
        `firehose ${id} ended ${status?.kind === 'status' ? status.status : 'without status'}`,
      );
    }
    const result = status.operation.result as FirehoseResult;
    const stats: FirehoseRunStats = {
      result,
      updatesPerSecond: (result.updates / result.fire_ms) * 1000,
      staleness: [],
      viewLag: [],
      finalLag: [],
      eventsPerSubscriberPerSecond: [],
      clientLoopDelayP99: Math.max(0, clientDelay.percentile(99) / 1e6 - 5),
    };
    for (const sub of subs) {
      if (sub.status?.kind !== 'status')
        throw new Error(`a subscriber of ${id} saw no status event`);
      // The completion snapshot the runner reports after `hold_ms` still carries the last
      // update's produced_ms in its context: only the firing window's snapshots are measured.
      const events = sub.progress.filter((e) => e.seq <= result.final_seq);
      const final = events.find((e) => e.seq === result.final_seq);
      if (!final)
        throw new Error(
          `a subscriber of ${id} never received the final snapshot ${result.final_seq}`,
        );
      stats.finalLag.push(final.receivedMs - final.producedMs);
      for (let i = 0; i < events.length; i++) {
        const e = events[i]!;
        // The final snapshot waits for its coalescing window to close (nothing newer replaces
        // it): by design up to 100 ms, so it is measured apart as the final lag.
        if (e !== final) stats.staleness.push(e.receivedMs - e.producedMs);
        const next = events[i + 1];
        if (next) stats.viewLag.push(next.receivedMs - e.producedMs);
      }
      stats.eventsPerSubscriberPerSecond.push(events.length / (result.fire_ms / 1000));
    }
    return stats;
  } finally {
    for (const s of streams) s.close();
  }
}
