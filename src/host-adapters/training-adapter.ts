import type { Readable } from 'node:stream';
import { AsyncServiceAdapter } from '@ktrdr/async-infrastructure';
import type {
  CreateTrainingSessionRequest,
  CreateTrainingSessionResponse,
  StopTrainingSessionResponse,
  TrainingSessionInfo,
  TrainingSessionResult,
} from '@ktrdr/training-engine';

/** Options of the training host's client; the pool size (5) is fixed by the host's contract. */
export interface TrainingAdapterOptions {
  /** Root URL of the training host, e.g. `http://127.0.0.1:8002`. */
  baseUrl: string;
  apiKey?: string;
  /** Per-attempt timeout of the quick calls (default 30 s). */
  timeoutMs?: number;
  /** An event stream silent this long is dropped (the caller then polls). Default 15 s. */
  eventsIdleTimeoutMs?: number;
}

/**
 * The client of the training host service (training.md, "Training host service"): a pool of 5
 * keep-alive sockets, retries of what is safe to retry, the operation's signal on every call.
 */
export class TrainingAdapter extends AsyncServiceAdapter {
  private readonly eventsIdleTimeoutMs: number;

  constructor(options: TrainingAdapterOptions) {
    super({
      name: 'training',
      baseUrl: options.baseUrl,
      maxSockets: 5,
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    });
    this.eventsIdleTimeoutMs = options.eventsIdleTimeoutMs ?? 15_000;
  }

  /** Starts a session. Sent once: a retried start could train twice. */
  createSession(
    body: CreateTrainingSessionRequest,
    signal?: AbortSignal,
  ): Promise<CreateTrainingSessionResponse> {
    return this.request({
      method: 'POST',
      path: '/training/sessions',
      body,
      signal,
      maxAttempts: 1,
    });
  }

  getSession(id: string, signal?: AbortSignal): Promise<TrainingSessionInfo> {
    return this.request({ method: 'GET', path: sessionPath(id), signal });
  }

  /** Asks the session to stop at its next batch (safe to repeat). */
  stopSession(id: string, signal?: AbortSignal): Promise<StopTrainingSessionResponse> {
    return this.request({
      method: 'POST',
      path: `${sessionPath(id)}/stop`,
      signal,
      idempotent: true,
    });
  }

  getResult(id: string, signal?: AbortSignal): Promise<TrainingSessionResult> {
    return this.request({ method: 'GET', path: `${sessionPath(id)}/result`, signal });
  }

  /** One artifact file's bytes. */
  getArtifact(id: string, file: string, signal?: AbortSignal): Promise<Buffer> {
    return this.request({
      method: 'GET',
      path: `${sessionPath(id)}/artifacts/${encodeURIComponent(file)}`,
      signal,
      responseType: 'arraybuffer',
    }).then((data) => Buffer.from(data as ArrayBuffer));
  }

  /** The session's SSE stream, raw (`Last-Event-ID` resumes after that seq). */
  openEvents(id: string, lastEventId: number | null, signal?: AbortSignal): Promise<Readable> {
    return this.request({
      method: 'GET',
      path: `${sessionPath(id)}/events`,
      signal,
      maxAttempts: 1,
      responseType: 'stream',
      timeoutMs: this.eventsIdleTimeoutMs,
      ...(lastEventId !== null ? { headers: { 'last-event-id': String(lastEventId) } } : {}),
    });
  }
}

function sessionPath(id: string): string {
  return `/training/sessions/${encodeURIComponent(id)}`;
}
