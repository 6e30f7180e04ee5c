import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { NoOperationContextError } from '@ktrdr/async-infrastructure';
import {
  COUNTDOWN_PLAN,
  CountdownTicker,
  createFixtureApp,
  type CountdownPartialResult,
  type CountdownResult,
  type FixtureApp,
} from './fixture-app';
import { finalStatus, OpsApi, progressOf, type ProgressEvent } from './support/ops-api';
import { tempDir } from './support/spawn-service';
import { payloadOf, type SseEvent, type SseStream } from './support/sse-stream';

/** What CountdownRenderer writes (the default renderer would say `Step 2/3: count (…)`). */
const RENDERED = /^Countdown \d+% · (arming|T-minus \d+|launching|liftoff)$/;

/** Step names in the order they first appear. */
function stepsSeen(progress: ProgressEvent[]): (string | null)[] {
  return [...new Set(progress.map((e) => e.progress.step_name))];
}

function isStep(event: SseEvent, step: string, minItems = 0): boolean {
  if (event.event !== 'progress') return false;
  const { progress } = payloadOf<ProgressEvent>(event);
  return progress.step_name === step && (progress.items_processed ?? 0) >= minItems;
}

function expectSeqsIncrease(events: SseEvent[]): void {
  const seqs = events.map((e) => Number(e.id));
  expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
}

describe('a separate Nest app on the operations foundation (fixture_countdown)', () => {
  let data: { dir: string; remove: () => void };
  let fixture: FixtureApp;
  let api: OpsApi;
  const streams: SseStream[] = [];

  beforeAll(async () => {
    data = tempDir('ktrdr-fixture-e2e-');
    fixture = await createFixtureApp({ databaseUrl: path.join(data.dir, 'fixture.sqlite') });
    api = new OpsApi(fixture.url);
  });
  afterEach(() => streams.splice(0).forEach((sse) => sse.close()));
  afterAll(async () => {
    await fixture?.close();
    data?.remove();
  });

  const startCountdown = (from: number, tickMs: number): Promise<string> =>
    api.start('/fixture/countdown', { from, tick_ms: tickMs });

  async function events(id: string, lastEventId?: string): Promise<SseStream> {
    const sse = await api.events(id, lastEventId);
    streams.push(sse);
    return sse;
  }

  it('runs its own operation type: its plan, step by step, rendered by its renderer', async () => {
    const res = await api.request('POST', '/fixture/countdown', { from: 4, tick_ms: 30 });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      operation_id: expect.stringMatching(/^op_fixture_countdown_\d{8}_\d{6}_[0-9a-f]{8}$/),
      status: 'pending',
    });
    const id = String(res.body.operation_id);

    const received = await (await events(id)).ended;
    const progress = progressOf(received);
    expect(stepsSeen(progress)).toEqual(['arm', 'count', 'launch']);
    for (const { progress: snapshot } of progress) {
      expect(snapshot.message).toMatch(RENDERED);
      expect(snapshot.steps_total).toBe(3);
      const step = COUNTDOWN_PLAN.steps[COUNTDOWN_PLAN.indexOf(snapshot.step_name ?? '')]!;
      expect(snapshot.percentage).toBeGreaterThanOrEqual(step.start);
      expect(snapshot.percentage).toBeLessThanOrEqual(step.end);
    }
    expect(progress.map((e) => e.progress.message)).toContain('Countdown 10% · T-minus 4');
    expect(finalStatus(received).status).toBe('completed');

    const result: CountdownResult = { launched: true, ticks: 4, observed_operation_ids: [id] };
    expect(await api.get(id)).toMatchObject({
      operation_type: 'fixture_countdown',
      status: 'completed',
      metadata: { parameters: { from: 4, tick_ms: 30 } },
      result,
      progress: {
        percentage: 100,
        step_name: 'launch',
        steps_completed: 3,
        message: 'Countdown 100% · liftoff',
        context: { from: 4, remaining: 0, observed_by: id },
      },
    });
  });

  it('resumes SSE with Last-Event-ID: no duplicate, no step change missed across the cut', async () => {
    const id = await startCountdown(6, 40);
    const first = await events(id);
    await first.waitFor((e) => isStep(e, 'count'));
    first.close();
    const before = await first.ended;
    const lastId = before.at(-1)!.id!;

    const after = await (await events(id, lastId)).ended;
    for (const event of after) expect(Number(event.id)).toBeGreaterThan(Number(lastId));
    expectSeqsIncrease([...before, ...after]);
    expect(stepsSeen(progressOf([...before, ...after]))).toEqual(['arm', 'count', 'launch']);
    expect(stepsSeen(progressOf(after))).toContain('launch');
    expect(finalStatus(after).status).toBe('completed');
  });

  it('cancels it: DELETE → cancelled with its partial result, and it stays so', async () => {
    const id = await startCountdown(1000, 20);
    const sse = await events(id);
    await sse.waitFor((e) => isStep(e, 'count', 1));

    const res = await api.cancel(id, 'abort launch');
    expect(res.status).toBe(202);
    expect(finalStatus(await sse.ended).status).toBe('cancelled');
    expect(stepsSeen(progressOf(sse.events))).not.toContain('launch');

    const cancelled = await api.get(id);
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      error: null,
      cancellation: { reason: 'abort launch' },
    });
    const partial = cancelled.result as CountdownPartialResult;
    expect(partial.observed_operation_ids).toEqual([id]);
    expect(partial.remaining).toBeGreaterThan(0);
    expect(partial.remaining).toBeLessThan(1000);
    // "Stays so" needs time to pass: several ticks' worth.
    await delay(200);
    expect(await api.get(id)).toEqual(cancelled);
  });

  it('gives code deep in the chain its own operation context through DI (AsyncLocalStorage)', async () => {
    // The ticker is a singleton with no operation of its own: outside one it has no context.
    const ticker = fixture.app.get(CountdownTicker);
    await expect(ticker.countDown(1, 0)).rejects.toBeInstanceOf(NoOperationContextError);

    const [a, b] = await Promise.all([startCountdown(15, 20), startCountdown(15, 20)]);
    const [sseA, sseB] = await Promise.all([events(a), events(b)]);
    await Promise.all([sseA, sseB].map((sse) => sse.waitFor((e) => isStep(e, 'count', 1))));
    expect((await api.cancel(a)).status).toBe(202);
    const [endA, endB] = await Promise.all([sseA.ended, sseB.ended]);

    for (const [id, received] of [
      [a, endA],
      [b, endB],
    ] as const) {
      const observers = progressOf(received)
        .map((e) => e.progress.context.observed_by)
        .filter((observer) => observer !== undefined);
      expect(observers.length).toBeGreaterThan(0);
      expect(new Set(observers)).toEqual(new Set([id]));
    }
    expect(finalStatus(endA).status).toBe('cancelled');
    expect(finalStatus(endB).status).toBe('completed');
    expect(await api.get(a)).toMatchObject({ result: { observed_operation_ids: [a] } });
    expect(await api.get(b)).toMatchObject({
      status: 'completed',
      cancellation: null,
      result: { launched: true, observed_operation_ids: [b] },
    });
  });

  it('validates its own start route and stores nothing on bad input', async () => {
    const total = await api.total();
    const res = await api.request<{ code: string; message: string[] }>(
      'POST',
      '/fixture/countdown',
      { from: 0, tick_ms: 1, colour: 'red' },
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.message).toEqual(
      expect.arrayContaining(['from must not be less than 1', 'property colour should not exist']),
    );
    expect(await api.total()).toBe(total);
  });
});
