import { CancellationError, RETRY_AFTER_MAX_MS } from '@ktrdr/async-infrastructure';
import {
  type BarSeries,
  NoDataError,
  PacingViolationError,
  ProviderUnavailableError,
} from '@ktrdr/market-data';
import { DataJobManager } from './data-job-manager';
import { DataLoadingJob, type SegmentFetcher } from './data-loading-job';

const HOUR = 3_600_000;

function bars(startMs: number, n: number): BarSeries {
  const t = Array.from({ length: n }, (_, i) => startMs + i * HOUR);
  const ones = t.map(() => 1);
  return { t, o: ones, h: ones, l: ones, c: ones, v: ones };
}

function jobs(n: number, fetcher: SegmentFetcher): DataLoadingJob[] {
  return Array.from(
    { length: n },
    (_, i) =>
      new DataLoadingJob(i, { startMs: i * 10 * HOUR, endMs: (i + 1) * 10 * HOUR }, 10, fetcher),
  );
}

/** A fetch that waits for the signal (like an HTTP call in flight) and rejects on abort. */
function hangUntilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
  });
}

describe('DataJobManager', () => {
  afterEach(() => jest.useRealTimers());

  it('keeps at most `concurrency` segments in flight and fetches them all', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const fetcher: SegmentFetcher = async (segment) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      return { bars: bars(segment.startMs, 10), source: 'synthetic' };
    };
    const summary = await new DataJobManager({ concurrency: 3 }).run(
      jobs(10, fetcher),
      new AbortController().signal,
    );
    expect(maxInFlight).toBe(3);
    expect(summary.fetched.map((j) => j.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(summary).toMatchObject({ failed: [], cancelled: false, requests: 10, retries: 0 });
  });

  it('gives the event loop turns when the provider answers without I/O (in-process synthetic)', async () => {
    const fetcher: SegmentFetcher = (segment) => {
      const end = performance.now() + 2;
      while (performance.now() < end); // generating bars: synchronous work, no I/O
      return Promise.resolve({ bars: bars(segment.startMs, 10), source: 'synthetic' });
    };
    let fetchedAtFirstTurn = -1;
    const work = jobs(100, fetcher);
    setImmediate(() => (fetchedAtFirstTurn = work.filter((j) => j.state === 'fetched').length));
    const summary = await new DataJobManager({ concurrency: 4 }).run(
      work,
      new AbortController().signal,
    );
    expect(summary.fetched).toHaveLength(100);
    // 200 ms of segments: the loop got its first turn within the first few of them.
    expect(fetchedAtFirstTurn).toBeGreaterThanOrEqual(0);
    expect(fetchedAtFirstTurn).toBeLessThan(20);
  });

  it('retries transient failures with exponential backoff', async () => {
    jest.useFakeTimers();
    const attemptsAt: number[] = [];
    const fetcher: SegmentFetcher = (segment) => {
      attemptsAt.push(Date.now());
      if (attemptsAt.length < 3)
        return Promise.reject(new ProviderUnavailableError('gateway down'));
      return Promise.resolve({ bars: bars(segment.startMs, 10), source: 'ib' });
    };
    const manager = new DataJobManager({ concurrency: 1, baseDelayMs: 100, random: () => 1 });
    const done = manager.run(jobs(1, fetcher), new AbortController().signal);
    await jest.advanceTimersByTimeAsync(99);
    expect(attemptsAt).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(attemptsAt).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(199);
    expect(attemptsAt).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    const summary = await done;
    expect(attemptsAt).toHaveLength(3);
    expect(summary).toMatchObject({ requests: 3, retries: 2, failed: [] });
    expect(summary.fetched[0]?.attempts).toBe(3);
  });

  it("waits the provider's retry-after when it asks for more than the backoff", async () => {
    jest.useFakeTimers();
    let calls = 0;
    const fetcher: SegmentFetcher = (segment) => {
      calls += 1;
      if (calls === 1) return Promise.reject(new PacingViolationError(5000, 'test'));
      return Promise.resolve({ bars: bars(segment.startMs, 1), source: 'ib' });
    };
    const manager = new DataJobManager({ concurrency: 1, baseDelayMs: 10, random: () => 0.5 });
    const done = manager.run(jobs(1, fetcher), new AbortController().signal);
    await jest.advanceTimersByTimeAsync(4999);
    expect(calls).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect((await done).retries).toBe(1);
  });

  it('waits a retry-after longer than the cap only the cap, then asks again', async () => {
    jest.useFakeTimers();
    const asked = [120_000, 3_600_000];
    const attemptsAt: number[] = [];
    const started = Date.now();
    const fetcher: SegmentFetcher = (segment) => {
      attemptsAt.push(Date.now() - started);
      const wait = asked[attemptsAt.length - 1];
      if (wait !== undefined) return Promise.reject(new PacingViolationError(wait, 'test'));
      return Promise.resolve({ bars: bars(segment.startMs, 1), source: 'ib' });
    };
    const manager = new DataJobManager({ concurrency: 1, baseDelayMs: 10, random: () => 0 });
    const done = manager.run(jobs(1, fetcher), new AbortController().signal);
    await jest.advanceTimersByTimeAsync(RETRY_AFTER_MAX_MS - 1);
    expect(attemptsAt).toEqual([0]);
    await jest.advanceTimersByTimeAsync(1);
    expect(attemptsAt).toEqual([0, RETRY_AFTER_MAX_MS]);
    await jest.advanceTimersByTimeAsync(RETRY_AFTER_MAX_MS);
    expect(attemptsAt).toEqual([0, RETRY_AFTER_MAX_MS, 2 * RETRY_AFTER_MAX_MS]);
    expect((await done).retries).toBe(2);
  });

  it('stops backoff retries once the load’s retry budget is spent (pacing waits are free)', async () => {
    const fetcher: SegmentFetcher = () => Promise.reject(new ProviderUnavailableError('down'));
    const summary = await new DataJobManager({
      concurrency: 1,
      maxAttempts: 3,
      baseDelayMs: 1,
      budgetRatio: 0,
      budgetFloor: 3,
    }).run(jobs(3, fetcher), new AbortController().signal);
    // 3 tokens: job 0 retries twice, job 1 once, job 2 not at all.
    expect(summary.failed.map((j) => j.attempts)).toEqual([3, 2, 1]);
    expect(summary).toMatchObject({ requests: 6, retries: 3 });
    const refused = new Set<number>();
    const pacedOnce: SegmentFetcher = (segment) => {
      if (refused.has(segment.startMs)) {
        return Promise.resolve({ bars: bars(segment.startMs, 1), source: 'ib' });
      }
      refused.add(segment.startMs);
      return Promise.reject(new PacingViolationError(1, 'tight'));
    };
    const paced = await new DataJobManager({
      concurrency: 1,
      baseDelayMs: 1,
      budgetRatio: 0,
      budgetFloor: 1,
    }).run(jobs(3, pacedOnce), new AbortController().signal);
    expect(paced).toMatchObject({ failed: [], retries: 3 });
  });

  it('waits out pacing refusals beyond maxAttempts: a paced segment is slow, not broken', async () => {
    let calls = 0;
    const fetcher: SegmentFetcher = (segment) => {
      calls += 1;
      if (calls <= 5) return Promise.reject(new PacingViolationError(1, 'tight'));
      return Promise.resolve({ bars: bars(segment.startMs, 1), source: 'ib' });
    };
    const summary = await new DataJobManager({
      concurrency: 1,
      maxAttempts: 2,
      baseDelayMs: 1,
    }).run(jobs(1, fetcher), new AbortController().signal);
    expect(summary).toMatchObject({ retries: 5, requests: 6, failed: [] });
    const limited = await new DataJobManager({
      concurrency: 1,
      maxAttempts: 2,
      maxPacingWaits: 1,
      baseDelayMs: 1,
    }).run(
      jobs(1, () => Promise.reject(new PacingViolationError(1, 'tight'))),
      new AbortController().signal,
    );
    expect(limited.failed[0]?.attempts).toBe(3);
  });

  it('records a permanent failure at once and a transient one after its last attempt', async () => {
    const fetcher: SegmentFetcher = (segment) =>
      Promise.reject(
        segment.startMs === 0
          ? new NoDataError('HMDS query returned no data')
          : new ProviderUnavailableError('down'),
      );
    const summary = await new DataJobManager({
      concurrency: 2,
      maxAttempts: 3,
      baseDelayMs: 1,
    }).run(jobs(2, fetcher), new AbortController().signal);
    expect(summary.fetched).toEqual([]);
    expect(summary.failed.map((j) => [j.index, j.state, j.attempts, j.error?.code])).toEqual([
      [0, 'failed', 1, 'NO_DATA'],
      [1, 'failed', 3, 'PROVIDER_UNAVAILABLE'],
    ]);
    expect(summary.failed[1]?.error?.message).toContain('after 3 attempts');
    expect(summary).toMatchObject({ requests: 4, retries: 2, cancelled: false });
  });

  it('on cancel mid-segment keeps the bars received, aborts the fetch in flight and starts no more', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const fetcher: SegmentFetcher = (segment, signal) => {
      started.push(segment.startMs);
      if (started.length === 1)
        return Promise.resolve({ bars: bars(segment.startMs, 10), source: 's' });
      setImmediate(() => controller.abort(new CancellationError('user')));
      return hangUntilAborted(signal);
    };
    const list = jobs(4, fetcher);
    const summary = await new DataJobManager({ concurrency: 1 }).run(list, controller.signal);
    expect(started).toHaveLength(2);
    expect(summary.cancelled).toBe(true);
    expect(summary.fetched.map((j) => j.result?.bars.t.length)).toEqual([10]);
    expect(list.map((j) => j.state)).toEqual(['fetched', 'cancelled', 'cancelled', 'cancelled']);
  });

  it('stops a backoff wait at once on cancel', async () => {
    jest.useFakeTimers();
    const controller = new AbortController();
    const fetcher: SegmentFetcher = () => Promise.reject(new ProviderUnavailableError('down'));
    const list = jobs(1, fetcher);
    const done = new DataJobManager({ concurrency: 1, baseDelayMs: 60_000, random: () => 1 }).run(
      list,
      controller.signal,
    );
    await jest.advanceTimersByTimeAsync(10);
    controller.abort(new CancellationError('user'));
    const summary = await done;
    expect(summary.cancelled).toBe(true);
    expect(list[0]?.state).toBe('cancelled');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('fetches nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new CancellationError('early'));
    const fetcher = jest.fn<ReturnType<SegmentFetcher>, Parameters<SegmentFetcher>>();
    const summary = await new DataJobManager({ concurrency: 4 }).run(
      jobs(3, fetcher),
      controller.signal,
    );
    expect(fetcher).not.toHaveBeenCalled();
    expect(summary).toMatchObject({ cancelled: true, requests: 0 });
  });

  it('calls onStart and onSettled once per segment', async () => {
    const fetcher: SegmentFetcher = (segment) =>
      segment.startMs === 0
        ? Promise.reject(new NoDataError('none'))
        : Promise.resolve({ bars: bars(segment.startMs, 2), source: 's' });
    const events: string[] = [];
    await new DataJobManager({ concurrency: 1 }).run(
      jobs(2, fetcher),
      new AbortController().signal,
      {
        onStart: (job) => events.push(`start ${job.index}`),
        onSettled: (job) => events.push(`${job.state} ${job.index}`),
      },
    );
    expect(events).toEqual(['start 0', 'failed 0', 'start 1', 'fetched 1']);
  });
});

describe('DataLoadingJob', () => {
  it('refuses an illegal transition', async () => {
    const job = new DataLoadingJob(0, { startMs: 0, endMs: 1 }, 1, () =>
      Promise.resolve({ bars: bars(0, 1), source: 's' }),
    );
    await job.attempt(new AbortController().signal);
    expect(job.state).toBe('fetched');
    expect(() => job.markFailed('X', 'x')).toThrow('illegal transition fetched → failed');
  });
});
