import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { BackendName, TrainingSessionStatus } from '@ktrdr/training-engine';
import type { TrainingHostConfig } from '../config/training-host-config';
import {
  TRAINING_HOST_CONFIG,
  TRAINING_RUNNER,
  type TrainingRunner,
} from '../training-host.constants';
import {
  SessionFinishedError,
  SessionNotFoundError,
  ShuttingDownError,
  TooManySessionsError,
} from './training-host-errors';
import { TrainingSession, type TrainingSessionSpec } from './training-session';

/** Session counters since the host started, as `GET /health` reports them. */
export interface SessionCounters {
  sessions_started: number;
  sessions_completed: number;
  sessions_failed: number;
  sessions_stopped: number;
}

const FINAL_COUNTERS: Partial<Record<TrainingSessionStatus, keyof SessionCounters>> = {
  completed: 'sessions_completed',
  failed: 'sessions_failed',
  stopped: 'sessions_stopped',
};

/** Retry-After for a 429 when no running session can estimate its end yet. */
const DEFAULT_RETRY_AFTER_S = 30;

/**
 * The host's sessions: starts them within the concurrency limit, finds them, stops them, and
 * forgets finished ones (and their files) after the TTL. On shutdown it refuses new sessions,
 * stops the running ones, waits for them (bounded), ends every event stream and removes its
 * work folder.
 */
@Injectable()
export class TrainingSessionManager
  implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('TrainingSessions');
  private readonly sessions = new Map<string, TrainingSession>();
  private readonly expiries = new Map<string, NodeJS.Timeout>();
  private readonly counters: SessionCounters = {
    sessions_started: 0,
    sessions_completed: 0,
    sessions_failed: 0,
    sessions_stopped: 0,
  };
  private runDir: string | undefined;
  private draining = false;
  /** Event-stream responses still open (the server must not cut them before their end). */
  private readonly streams = new Set<ClosingStream>();
  private lastBackend: BackendName | null = null;

  constructor(
    @Inject(TRAINING_HOST_CONFIG) private readonly config: TrainingHostConfig,
    @Inject(TRAINING_RUNNER) private readonly runner: TrainingRunner,
  ) {}

  /** Creates this process's folder under the work dir (a restart starts from an empty one). */
  async onModuleInit(): Promise<void> {
    await mkdir(this.config.workDir, { recursive: true });
    this.runDir = await mkdtemp(path.join(this.config.workDir, `run-${process.pid}-`));
  }

  /** Starts a session, or throws 429 at the limit / 503 while shutting down. */
  start(spec: TrainingSessionSpec): TrainingSession {
    if (this.draining || !this.runDir) throw new ShuttingDownError();
    const active = [...this.sessions.values()].filter((s) => s.isActive);
    if (active.length >= this.config.maxSessions) {
      throw new TooManySessionsError(this.config.maxSessions, retryAfterSeconds(active));
    }
    const id = randomUUID();
    const session = new TrainingSession(id, spec, {
      runner: this.runner,
      outputDir: path.join(this.runDir, id),
      backend: this.config.backend,
      resourceLimits: this.config.workerMaxMemoryMb
        ? { maxOldGenerationSizeMb: this.config.workerMaxMemoryMb }
        : undefined,
      onBackend: (backend) => {
        this.lastBackend = backend;
      },
    });
    this.sessions.set(id, session);
    this.counters.sessions_started += 1;
    void session.run().then(() => this.onFinished(session));
    return session;
  }

  /** The session, or a 404 `SESSION_NOT_FOUND`. */
  get(id: string): TrainingSession {
    const session = this.sessions.get(id);
    if (!session) throw new SessionNotFoundError(id);
    return session;
  }

  /**
   * Asks a running session to stop and waits up to the stop timeout for the worker's
   * acknowledgement; resolves true when the session has ended. 409 when it had already ended.
   */
  async stop(id: string): Promise<{ session: TrainingSession; acknowledged: boolean }> {
    const session = this.get(id);
    if (!session.isActive) throw new SessionFinishedError(id, session.status);
    session.requestStop();
    const acknowledged = await this.settledWithin([session], this.config.stopTimeoutMs);
    return { session, acknowledged };
  }

  /** Counts and usage for `GET /health`. */
  snapshot(): SessionCounters & {
    active_sessions: number;
    sessions_kept: number;
    max_sessions: number;
    last_backend: BackendName | null;
  } {
    const all = [...this.sessions.values()];
    return {
      active_sessions: all.filter((s) => s.isActive).length,
      sessions_kept: all.filter((s) => !s.isActive).length,
      max_sessions: this.config.maxSessions,
      last_backend: this.lastBackend,
      ...this.counters,
    };
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.draining = true;
    const active = [...this.sessions.values()].filter((s) => s.isActive);
    active.forEach((s) => s.requestStop());
    if (!(await this.settledWithin(active, this.config.stopTimeoutMs)) && active.length > 0) {
      this.logger.warn('some sessions did not acknowledge the stop before shutdown');
    }
    // Ends the SSE streams of sessions still running, or the HTTP server would wait for them;
    // then lets them write their last events before the server closes its connections.
    for (const session of this.sessions.values()) session.log.close();
    await this.streamsClosedWithin(this.config.stopTimeoutMs);
  }

  /** Keeps track of an event-stream response until it closes (see shutdown). */
  followStream(stream: ClosingStream): void {
    if (stream.closed) return;
    this.streams.add(stream);
    stream.once('close', () => this.streams.delete(stream));
  }

  private async streamsClosedWithin(ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.streams.size > 0 && Date.now() < deadline) {
      await Promise.race([
        ...[...this.streams].map((s) => new Promise<void>((resolve) => s.once('close', resolve))),
        delay(Math.max(0, deadline - Date.now())),
      ]);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.expiries.forEach((timer) => clearTimeout(timer));
    this.expiries.clear();
    if (this.runDir) await rm(this.runDir, { recursive: true, force: true });
  }

  private onFinished(session: TrainingSession): void {
    const counter = FINAL_COUNTERS[session.status];
    if (counter) this.counters[counter] += 1;
    const info = session.info();
    this.logger.log(
      `session ${session.id} (${info.strategy_name}) ${session.status}` +
        (info.error ? `: ${info.error.code} ${info.error.message}` : ''),
    );
    const timer = setTimeout(() => {
      this.expire(session.id).catch((error: unknown) =>
        this.logger.error(`could not remove session ${session.id}'s files`, String(error)),
      );
    }, this.config.sessionTtlMs);
    timer.unref();
    this.expiries.set(session.id, timer);
  }

  /** Forgets a finished session and removes its files (its TTL timer calls this). */
  async expire(id: string): Promise<void> {
    const session = this.sessions.get(id);
    this.sessions.delete(id);
    this.expiries.delete(id);
    if (session) await rm(session.outputDir, { recursive: true, force: true });
  }

  private async settledWithin(sessions: TrainingSession[], ms: number): Promise<boolean> {
    const abort = new AbortController();
    const all = Promise.all(sessions.map((s) => s.run())).then(() => true);
    const timeout = delay(ms, false, { signal: abort.signal }).catch(() => false);
    try {
      return await Promise.race([all, timeout]);
    } finally {
      abort.abort();
    }
  }
}

/** What the manager needs of an event-stream response. */
export interface ClosingStream {
  readonly closed: boolean;
  once(event: 'close', listener: () => void): unknown;
}

/** Seconds until the first running session should end, from its pace so far (1 s – 1 h). */
function retryAfterSeconds(active: TrainingSession[]): number {
  const estimates = active
    .filter((s) => s.percentage >= 5)
    .map((s) => (s.elapsedMs * (100 - s.percentage)) / s.percentage / 1000);
  if (estimates.length === 0) return DEFAULT_RETRY_AFTER_S;
  return Math.min(3600, Math.max(1, Math.ceil(Math.min(...estimates))));
}
