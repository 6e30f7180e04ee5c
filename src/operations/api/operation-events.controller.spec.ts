import { Injectable } from '@nestjs/common';
import { ProgressPlan, sleep, type OperationRunContext } from '@ktrdr/async-infrastructure';
import {
  OperationHandler,
  OperationLauncher,
  type OperationEvent,
  type OperationHandlerInstance,
} from '@ktrdr/operations';
import { startDummy, waitForEnd } from '../../common/testing/operations-client';
import { dataOf, openSse, type SseMessage } from '../../common/testing/sse-client';
import { createTestApp, type TestApp } from '../../common/testing/test-app';

const STEPS = ['load', 'train', 'save'];

/** Three steps of fast progress: enough to be coalesced, with step changes that must get through. */
@Injectable()
@OperationHandler('test_steps')
class ThreeStepOperation implements OperationHandlerInstance<{ items: number; pause_ms: number }> {
  async run(params: { items: number; pause_ms: number }, ctx: OperationRunContext): Promise<void> {
    ctx.progress.setPlan(ProgressPlan.evenly(STEPS));
    for (const step of STEPS) {
      ctx.progress.startStep(step, { items_total: params.items });
      for (let i = 1; i <= params.items; i++) {
        ctx.progress.update({ items_processed: i });
        if (i % 10 === 0) await sleep(params.pause_ms, ctx.token.signal);
      }
    }
  }
}

function seqs(messages: SseMessage[]): number[] {
  return messages.map((m) => dataOf<OperationEvent>(m).seq);
}

function expectStrictlyIncreasing(values: number[]): void {
  values.slice(1).forEach((value, i) => expect(value).toBeGreaterThan(values[i]!));
}

describe('GET /api/v1/operations/:id/events (SSE)', () => {
  let t: TestApp;
  const eventsUrl = (id: string, query = ''): string =>
    `${t.url}/api/v1/operations/${id}/events${query}`;

  beforeAll(async () => {
    t = await createTestApp({}, { providers: [ThreeStepOperation] });
  });
  afterAll(() => t.close());

  async function startSteps(items: number, pauseMs: number): Promise<string> {
    const op = await t.app.get(OperationLauncher).launch({
      operation_type: 'test_steps',
      params: { items, pause_ms: pauseMs },
    });
    return op.operation_id;
  }

  it('answers a JSON 404 (no stream) for an unknown or malformed id', async () => {
    for (const id of ['op_dummy_20250101_000000_deadbeef', 'bogus']) {
      const sse = await openSse(eventsUrl(id));
      expect(sse.status).toBe(404);
      expect(sse.headers.get('content-type')).toMatch(/^application\/json/);
      expect(sse.json).toMatchObject({ statusCode: 404, code: 'OPERATION_NOT_FOUND' });
    }
  });

  it('streams progress then the terminal status, with SSE headers, ids = seq, then ends', async () => {
    const id = await startDummy(t.url, { steps: 5, step_ms: 2 });
    const sse = await openSse(eventsUrl(id));
    expect(sse.status).toBe(200);
    expect(sse.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(sse.headers.get('cache-control')).toContain('no-cache');
    expect(sse.headers.get('x-accel-buffering')).toBe('no');

    const messages = await sse.ended;
    const last = messages.at(-1)!;
    expect(last.event).toBe('status');
    expect(dataOf(last)).toMatchObject({
      kind: 'status',
      operation_id: id,
      status: 'completed',
      operation: { status: 'completed', result: { steps_completed: 5 } },
    });
    const progress = messages.slice(0, -1);
    expect(progress.length).toBeGreaterThan(0);
    for (const m of progress) {
      expect(m.event).toBe('progress');
      const event = dataOf<OperationEvent>(m);
      expect(event).toMatchObject({ kind: 'progress', operation_id: id });
      expect(m.id).toBe(String(event.seq));
    }
    expectStrictlyIncreasing(seqs(messages));
  });

  it('coalesces fast progress but delivers every step change', async () => {
    const id = await startSteps(300, 1);
    const messages = await (await openSse(eventsUrl(id))).ended;
    const progress = messages
      .filter((m) => m.event === 'progress')
      .map((m) => dataOf<OperationEvent>(m));
    const stepNames = progress.map((e) => (e.kind === 'progress' ? e.progress.step_name : null));
    expect([...new Set(stepNames)]).toEqual(STEPS);
    // 900 updates: without coalescing every one of them would be sent.
    expect(progress.length).toBeLessThan(100);
    expect(messages.at(-1)?.event).toBe('status');
    expectStrictlyIncreasing(seqs(messages));
  });

  it('resumes after Last-Event-ID without duplicates and without missing a step change', async () => {
    const id = await startSteps(200, 5);
    const first = await openSse(eventsUrl(id));
    // Cut in the middle step: the next step change happens while no one is connected.
    const cut = await first.waitFor(
      (m) =>
        m.event === 'progress' &&
        dataOf<{ progress: { step_name: string } }>(m).progress.step_name === 'train',
    );
    first.close();
    const cutSeq = Number(cut.id);

    const second = await openSse(eventsUrl(id), { 'last-event-id': String(cutSeq) });
    const rest = await second.ended;
    const restSeqs = seqs(rest);
    expect(Math.min(...restSeqs)).toBeGreaterThan(cutSeq);
    expectStrictlyIncreasing(restSeqs);
    const before = first.messages.filter((m) => Number(m.id) <= cutSeq);
    const seen = [...before, ...rest]
      .filter((m) => m.event === 'progress')
      .map((m) => dataOf<{ progress: { step_name: string } }>(m).progress.step_name);
    expect([...new Set(seen)]).toEqual(STEPS);
    expect(dataOf(rest.at(-1)!)).toMatchObject({ kind: 'status', status: 'completed' });
  });

  it('resumes from ?since_seq= too, and Last-Event-ID wins over it', async () => {
    const id = await startDummy(t.url, { steps: 3, step_ms: 1 });
    const all = await (await openSse(eventsUrl(id))).ended;
    const statusSeq = Number(all.at(-1)!.id);

    const afterStatus = await (await openSse(eventsUrl(id, `?since_seq=${statusSeq}`))).ended;
    expect(afterStatus).toEqual([]);
    const onlyStatus = await (await openSse(eventsUrl(id, `?since_seq=${statusSeq - 1}`))).ended;
    expect(onlyStatus.map((m) => m.event)).toEqual(['status']);
    const headerWins = await (
      await openSse(eventsUrl(id, '?since_seq=0'), { 'last-event-id': String(statusSeq) })
    ).ended;
    expect(headerWins).toEqual([]);
  });

  it('rejects a malformed Last-Event-ID or since_seq with 400', async () => {
    const id = await startDummy(t.url, { steps: 1, step_ms: 0 });
    const header = await openSse(eventsUrl(id), { 'last-event-id': 'abc' });
    expect(header.status).toBe(400);
    expect(header.json).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: ['Last-Event-ID must be a non-negative integer (an event seq)'],
    });
    const query = await openSse(eventsUrl(id, '?since_seq=-2'));
    expect(query.status).toBe(400);
    expect(query.json).toMatchObject({ message: ['since_seq must not be less than 0'] });
    // Beyond the database's integers: a clear 400, not a 500 from the query.
    const hugeHeader = await openSse(eventsUrl(id), { 'last-event-id': '10000000000000000000' });
    expect(hugeHeader.status).toBe(400);
    expect(hugeHeader.json).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: ['Last-Event-ID must not be greater than 2147483647'],
    });
    const hugeQuery = await openSse(eventsUrl(id, '?since_seq=10000000000000000000'));
    expect(hugeQuery.status).toBe(400);
    expect(hugeQuery.json).toMatchObject({
      message: ['since_seq must not be greater than 2147483647'],
    });
    await waitForEnd(t.url, id);
  });
});
