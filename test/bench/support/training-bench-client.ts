import { setTimeout as delay } from 'node:timers/promises';
import type { OperationRecord } from '@ktrdr/operations';
import { round } from './bench-stats';

const POLL_MS = 25;

/** The HTTP calls of the training benchmarks: start, poll, cancel mid-epoch, ETA error. */
export class TrainingBenchClient {
  constructor(private readonly url: string) {}

  async request<T>(method: string, route: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}${route}`, {
      method,
      ...(body !== undefined && {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    });
    if (res.status >= 400) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  async start(route: string, body: unknown): Promise<string> {
    return (await this.request<{ operation_id: string }>('POST', route, body)).operation_id;
  }

  get(id: string): Promise<OperationRecord> {
    return this.request<OperationRecord>('GET', `/operations/${id}`);
  }

  /** Polls until `done(op)`; every read is handed to `seen`. */
  async until(
    id: string,
    done: (op: OperationRecord) => boolean,
    seen: (op: OperationRecord, at: number) => void = () => undefined,
  ): Promise<OperationRecord> {
    for (;;) {
      const op = await this.get(id);
      seen(op, Date.now());
      if (done(op)) return op;
      await delay(POLL_MS);
    }
  }

  /** Trains to the end, polling; resolves with the operation id. */
  async train(strategy: string): Promise<string> {
    const id = await this.start('/trainings', { strategy_name: strategy });
    const op = await this.until(id, isTerminal);
    if (op.status !== 'completed')
      throw new Error(`${strategy}: ${op.status} ${JSON.stringify(op.error)}`);
    return id;
  }

  /** The same polling as {@link until} for `ms`, of an operation that no longer changes. */
  async pollFor(id: string, ms: number): Promise<void> {
    const end = performance.now() + ms;
    while (performance.now() < end) {
      await this.get(id);
      await delay(POLL_MS);
    }
  }

  /** Cancel once 20 batches were reported; latency on the server's clock, batch time from progress. */
  async cancelMidEpoch(
    strategy: string,
    execution?: 'local' | 'host',
  ): Promise<{ batchMs: number; latencyMs: number }> {
    const id = await this.start('/trainings', {
      strategy_name: strategy,
      ...(execution !== undefined && { execution }),
    });
    const reports: { items: number; at: number }[] = [];
    const started = await this.until(
      id,
      (op) =>
        isTerminal(op) ||
        (reports.length >= 2 && (reports.at(-1)?.items ?? 0) - (reports[0]?.items ?? 0) >= 20),
      (op) => {
        const p = op.progress;
        if (p?.step_name !== 'training' || typeof p.items_processed !== 'number') return;
        if (reports.at(-1)?.items !== p.items_processed) {
          reports.push({ items: p.items_processed, at: Date.parse(p.updated_at) });
        }
      },
    );
    if (isTerminal(started)) {
      throw new Error(`${strategy} ended ${started.status} before 20 batches were reported`);
    }
    await this.request('DELETE', `/operations/${id}`, { reason: 'bench' });
    const op = await this.until(id, isTerminal);
    if (op.status !== 'cancelled') throw new Error(`cancel ended ${op.status}`);
    const first = reports[0]!;
    const last = reports.at(-1)!;
    return {
      batchMs: round((last.at - first.at) / (last.items - first.items)),
      latencyMs:
        Date.parse(op.completed_at ?? '') - Date.parse(op.cancellation?.requested_at ?? ''),
    };
  }

  /**
   * [percentage and ETA of the first snapshot read at ≥ 20 %, time really left from that
   * snapshot to the end, absolute error in %].
   */
  async etaError(route: string, body: unknown): Promise<[number, number | string, number, number]> {
    const id = await this.start(route, body);
    let reading: { eta: number | null; pct: number; at: number } | null = null;
    const op = await this.until(id, isTerminal, (o) => {
      const p = o.progress;
      // The first snapshot read at ≥ 20 %; its ETA was made when the snapshot was (updated_at).
      if (reading === null && p && p.percentage >= 20) {
        reading = { eta: p.eta_seconds, pct: p.percentage, at: Date.parse(p.updated_at) };
      }
    });
    if (op.status !== 'completed' || reading === null)
      throw new Error(`${route}: ${op.status}, never read at ≥ 20 %`);
    const { eta, pct, at } = reading as { eta: number | null; pct: number; at: number };
    const left = (Date.parse(op.completed_at ?? '') - at) / 1000;
    // A null ETA (not yet meaningful) counts as a miss: 100 % off.
    const error = eta === null ? 100 : (Math.abs(eta - left) / Math.max(left, 0.001)) * 100;
    return [round(pct), eta ?? 'null', round(left), round(error)];
  }
}

export function isTerminal(op: OperationRecord): boolean {
  return op.status === 'completed' || op.status === 'failed' || op.status === 'cancelled';
}
