import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  TrainingSessionEvent,
  TrainingSessionInfo,
  TrainingSessionResult,
  TrainingSessionStatus,
} from '@ktrdr/training-engine';

/** What the fake host does with the event stream of a session. */
export type EventsMode = 'full' | 'drop-after-first' | 'refuse';

/**
 * A real loopback HTTP server speaking the training host's session routes, scripted by tests:
 * sessions, SSE, polling, stop, result and artifacts (with their sha256).
 */
export class FakeTrainingHost {
  readonly requests: string[] = [];
  status: TrainingSessionStatus = 'running';
  eventsMode: EventsMode = 'full';
  /** The events the SSE route sends (status last ends the stream). */
  events: TrainingSessionEvent[] = [];
  artifacts: Record<string, Buffer> = { 'model.json': Buffer.from('{"m":1}') };
  /** Breaks the manifest's checksum of this file. */
  corrupt: string | null = null;
  /** Every session route answers 404 (the host restarted). */
  forgetSessions = false;
  /** Holds the SSE stream open after the events (until the client leaves). */
  holdStream = false;
  private server: Server | null = null;

  constructor(private readonly result: Omit<TrainingSessionResult, 'artifacts'>) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }

  info(): TrainingSessionInfo {
    return {
      session_id: 's1',
      status: this.status,
      strategy_name: 'rsi_mlp',
      symbols: ['AAPL'],
      timeframes: ['1h'],
      stop_requested: false,
      created_at: new Date(0).toISOString(),
      finished_at: null,
      progress: {
        phase: 'training',
        percentage: 50,
        epoch: 2,
        epochs: 2,
        batch: 4,
        batches: 4,
        batch_loss: 0.5,
        batch_accuracy: 0.6,
      },
      latest_metrics: null,
      epochs_completed: 0,
      resource_usage: {
        backend: 'wasm',
        gpu_used: false,
        gpu_name: null,
        peak_memory_mb: null,
        elapsed_ms: 1,
      },
      error: this.status === 'failed' ? { code: 'NO_TRAINING_DATA', message: 'too short' } : null,
    };
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const route = `${req.method} ${req.url}`;
    this.requests.push(route);
    req.resume();
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (route === 'POST /training/sessions')
      return json(201, { session_id: 's1', status: 'starting' });
    if (this.forgetSessions)
      return json(404, { code: 'SESSION_NOT_FOUND', message: 'unknown session' });
    if (route === 'GET /training/sessions/s1') return json(200, this.info());
    if (route === 'POST /training/sessions/s1/stop') {
      this.status = 'stopped';
      return json(200, { session_id: 's1', status: 'stopped', stop_requested: true });
    }
    if (route === 'GET /training/sessions/s1/events') return this.sse(res);
    if (route === 'GET /training/sessions/s1/result') {
      const artifacts = Object.entries(this.artifacts).map(([file, bytes]) => ({
        file,
        size: bytes.length,
        sha256:
          file === this.corrupt ? '0'.repeat(64) : createHash('sha256').update(bytes).digest('hex'),
      }));
      return json(200, { ...this.result, artifacts });
    }
    const artifact = /^GET \/training\/sessions\/s1\/artifacts\/(.+)$/.exec(route)?.[1];
    const bytes = artifact ? this.artifacts[decodeURIComponent(artifact)] : undefined;
    if (bytes) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(bytes);
      return;
    }
    json(404, { code: 'NOT_FOUND', message: route });
  }

  private sse(res: ServerResponse): void {
    if (this.eventsMode === 'refuse') {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{"code":"UNAVAILABLE"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const events = this.eventsMode === 'drop-after-first' ? this.events.slice(0, 1) : this.events;
    for (const event of events) {
      res.write(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    }
    if (this.eventsMode === 'drop-after-first') res.destroy();
    else if (!this.holdStream) res.end();
  }
}
