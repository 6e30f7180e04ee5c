import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createParser } from 'eventsource-parser';
import { Subject } from 'rxjs';
import { OperationsService, type OperationEvent } from '@ktrdr/operations';
import { OperationEventsController } from './operation-events.controller';
import {
  FIXTURE_OPERATION_ID as ID,
  progressEvent,
  statusEvent,
} from './testing/operation-events.fixture';

const EVENTS = 300;
/** Each event carries ~64 KB: 300 of them (19 MB) are far more than the socket buffers hold. */
const PAYLOAD = 'x'.repeat(64 * 1024);

/** Progress alternating between two steps: every event is a step change, none is rate-limited. */
function progress(seq: number): OperationEvent {
  return progressEvent(seq, seq % 2 === 0 ? 'a' : 'b', { context: { PAYLOAD } });
}

describe('GET /operations/:id/events with a client that stops reading', () => {
  let app: INestApplication;
  let port: number;
  const events = new Subject<OperationEvent>();
  const responses: ServerResponse[] = [];

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [OperationEventsController],
      providers: [
        { provide: OperationsService, useValue: { openEvents: () => Promise.resolve(events) } },
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: ['error'] });
    await app.listen(0, '127.0.0.1');
    const server = app.getHttpServer() as import('node:http').Server;
    server.on('request', (_req: IncomingMessage, res: ServerResponse) => responses.push(res));
    const address = server.address();
    port = typeof address === 'object' && address !== null ? address.port : 0;
  });
  afterAll(() => app.close());

  it('keeps what the server buffers bounded, then delivers the latest per step and the status', async () => {
    const body = await new Promise<IncomingMessage>((resolve, reject) =>
      httpRequest({ port, host: '127.0.0.1', path: `/operations/${ID}/events` }, resolve)
        .on('error', reject)
        .end(),
    );
    body.pause();
    expect(body.statusCode).toBe(200);
    const res = responses.at(-1)!;

    let maxBuffered = 0;
    let blocked = false;
    for (let seq = 1; seq <= EVENTS; seq++) {
      events.next(progress(seq));
      await nextTurn();
      maxBuffered = Math.max(maxBuffered, res.writableLength);
      blocked ||= res.writableNeedDrain;
    }
    const statusSeq = EVENTS + 1;
    events.next(statusEvent(statusSeq));
    events.complete();

    // The client really stopped the server: without that this test would prove nothing.
    expect(blocked).toBe(true);
    // A few events at most wait in the response, not the 19 MB produced meanwhile.
    expect(maxBuffered).toBeLessThan(4 * PAYLOAD.length);

    const received: { event?: string; seq: number; step?: string }[] = [];
    const parser = createParser({
      onEvent: ({ event, data }) => {
        const e = JSON.parse(data) as OperationEvent;
        received.push({
          ...(event !== undefined && { event }),
          seq: e.seq,
          ...(e.kind === 'progress' && { step: e.progress.step_name ?? undefined }),
        });
      },
    });
    body.setEncoding('utf8');
    body.on('data', (chunk: string) => parser.feed(chunk));
    body.resume();
    // 'close' rather than 'end': a connection the server drops must fail the assertions, not hang.
    await new Promise((resolve) => body.on('close', resolve));

    // Not dropped: the stream ends normally, with the terminal status.
    expect(received.at(-1)).toEqual({ event: 'status', seq: statusSeq });
    // What waited was coalesced to the newest event per step.
    expect(received.length).toBeLessThan(EVENTS);
    expect(received.filter((e) => e.seq > EVENTS - 2).map((e) => e.seq)).toEqual([
      EVENTS - 1,
      EVENTS,
      statusSeq,
    ]);
    const seqs = received.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(received.map((e) => e.step).filter(Boolean))).toEqual(new Set(['a', 'b']));
  }, 30_000);
});
