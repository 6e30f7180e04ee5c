import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { FakeApiServer } from './fake-api-server';
import {
  closeServer,
  listenLocally,
  readBody,
  recordOf,
  requestsTo,
  type RecordedRequest,
} from './fake-http';

/**
 * What the CLI's domain fakes (`FakeDataApi`, `FakeTrainingApi`) share: each runs
 * its own HTTP server, answers and records the requests to its own routes, and forwards
 * everything else (operations, their event streams, cancels) to a {@link FakeApiServer}, so a
 * domain's operation is watched and cancelled exactly like any other. A subclass says which
 * paths are its own and answers them; its operations advance in steps run by {@link later}.
 */
export abstract class ForwardingFakeApi {
  /** Requests to this fake's own routes (the operation routes are in `operations.requests`). */
  readonly requests: RecordedRequest[] = [];
  private readonly server = createServer();
  private readonly timers = new Set<NodeJS.Timeout>();
  private url = '';

  protected constructor(
    readonly operations: FakeApiServer,
    private readonly stepMs: number,
  ) {}

  /** The server root, as a user passes it to `--api-url`. */
  get baseUrl(): string {
    return this.url;
  }

  requestsTo(method: string, pathPattern: RegExp): RecordedRequest[] {
    return requestsTo(this.requests, method, pathPattern);
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    await closeServer(this.server);
    await this.operations.close();
  }

  /** Whether the path is one of this fake's own routes. */
  protected abstract owns(path: string): boolean;

  /** Answers a request to one of this fake's own routes; `raw` is its body as sent. */
  protected abstract route(request: RecordedRequest, raw: string, res: ServerResponse): void;

  protected async listen(): Promise<this> {
    this.url = await listenLocally(this.server, (req, res) => this.handle(req, res));
    return this;
  }

  /** Runs `fn` one step from now, unless the fake is closed first. */
  protected later(fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, this.stepMs);
    this.timers.add(timer);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!this.owns(url.pathname)) return this.forward(req, res);
    const raw = await readBody(req);
    const isJson = (req.headers['content-type'] ?? '').startsWith('application/json');
    const request = recordOf(req, url, isJson && raw ? JSON.parse(raw) : raw);
    this.requests.push(request);
    this.route(request, raw, res);
  }

  /** Sends the request on to the operations fake and streams its answer back (SSE too). */
  private forward(req: IncomingMessage, res: ServerResponse): void {
    const target = new URL(req.url ?? '/', this.operations.baseUrl);
    const upstream = httpRequest(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  }
}
