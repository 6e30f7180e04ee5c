import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  CancellationError,
  HostCallError,
  HostRejectedError,
  sleep,
} from '@ktrdr/async-infrastructure';
import {
  type CreateTrainingSessionRequest,
  isFinalTrainingSessionStatus,
  type TrainingEvent,
  type TrainingSessionError,
  type TrainingSessionEvent,
  type TrainingSessionResult,
  type TrainingSessionStatus,
} from '@ktrdr/training-engine';
import { createParser } from 'eventsource-parser';
import { HostEventTranslator } from './host-event.translator';
import { HostSessionError, HostSessionErrorCode } from './host-session.errors';
import type { TrainingAdapter } from './training-adapter';

/** Options of {@link HostSessionManager}. */
export interface HostSessionManagerOptions {
  /** First wait before polling again once the event stream dropped (ms). Default 250. */
  pollBaseMs?: number;
  /** Longest wait between polls (ms). Default 5000. */
  pollMaxMs?: number;
  /** A host unreachable this long while following a session loses it (ms). Default 60000. */
  unreachableTimeoutMs?: number;
  /** How long a stop request may take before the cancel completes anyway (ms). Default 2000. */
  stopTimeoutMs?: number;
}

/** How a session ended on the host. */
interface SessionEnd {
  status: TrainingSessionStatus;
  error: TrainingSessionError | null;
}

/** What one read of the event stream gave: the last seq seen, and the end if it came. */
interface StreamOutcome {
  lastSeq: number | null;
  final: SessionEnd | null;
}

/** One session run: what to send and where its events and artifacts go. */
export interface HostSessionRun {
  request: CreateTrainingSessionRequest;
  signal: AbortSignal;
  onEvent: (event: TrainingEvent) => void;
  /** Where the verified artifact files are written. */
  outputDir: string;
}

/**
 * Runs one training on the training host: starts the session, follows its SSE stream (falling
 * back to polling with backoff when it drops), forwards progress as engine events, stops the
 * session on cancel, and on completion fetches the result and the artifacts (sha256 verified).
 * A session the host no longer knows (404: it restarted) fails with HOST_SESSION_LOST, a host
 * unreachable at start with HOST_UNAVAILABLE: never a hang.
 */
export class HostSessionManager {
  private readonly pollBaseMs: number;
  private readonly pollMaxMs: number;
  private readonly unreachableTimeoutMs: number;
  private readonly stopTimeoutMs: number;

  constructor(
    private readonly adapter: TrainingAdapter,
    options: HostSessionManagerOptions = {},
  ) {
    this.pollBaseMs = options.pollBaseMs ?? 250;
    this.pollMaxMs = options.pollMaxMs ?? 5000;
    this.unreachableTimeoutMs = options.unreachableTimeoutMs ?? 60_000;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 2000;
  }

  async run(run: HostSessionRun): Promise<{ sessionId: string; result: TrainingSessionResult }> {
    const sessionId = await this.start(run);
    const translator = new HostEventTranslator(run.onEvent);
    try {
      const final = await this.follow(sessionId, translator, run.signal);
      if (final.status !== 'completed') throw failed(sessionId, final.status, final.error);
      const result = await this.call(sessionId, () =>
        this.adapter.getResult(sessionId, run.signal),
      );
      translator.history(result.epoch_history);
      await this.download(sessionId, result, run);
      return { sessionId, result };
    } catch (error) {
      if (run.signal.aborted || CancellationError.is(error)) {
        await this.stop(sessionId);
        throw CancellationError.from(run.signal.reason) ?? new CancellationError('cancelled');
      }
      throw error;
    }
  }

  private async start(run: HostSessionRun): Promise<string> {
    try {
      const created = await this.adapter.createSession(run.request, run.signal);
      return created.session_id;
    } catch (error) {
      if (CancellationError.is(error) || !HostCallError.is(error)) throw error;
      const detail =
        error instanceof HostRejectedError
          ? `${error.status} ${error.hostCode ?? ''} ${error.hostMessage ?? error.message}`.trim()
          : error.message;
      throw new HostSessionError(
        HostSessionErrorCode.HOST_UNAVAILABLE,
        `The training host did not start the session: ${detail}`,
        { cause: error },
      );
    }
  }

  /** Follows the session to a final status: SSE while it works, polling with backoff between. */
  private async follow(
    id: string,
    translator: HostEventTranslator,
    signal: AbortSignal,
  ): Promise<SessionEnd> {
    let lastSeq: number | null = null;
    let delayMs = this.pollBaseMs;
    let unreachableSince: number | null = null;
    for (;;) {
      signal.throwIfAborted();
      const streamed: StreamOutcome | null = await this.stream(
        id,
        lastSeq,
        translator,
        signal,
      ).catch((error: unknown) => {
        if (signal.aborted) throw error;
        this.checkLost(id, error, unreachableSince);
        return null;
      });
      if (streamed?.final) return streamed.final;
      if (streamed && streamed.lastSeq !== lastSeq) delayMs = this.pollBaseMs;
      lastSeq = streamed?.lastSeq ?? lastSeq;
      // The stream dropped or never opened: poll (a 404 here is a lost session).
      try {
        const info = await this.adapter.getSession(id, signal);
        unreachableSince = null;
        translator.snapshot(info);
        if (isFinalTrainingSessionStatus(info.status))
          return { status: info.status, error: info.error };
      } catch (error) {
        if (signal.aborted) throw error;
        unreachableSince ??= Date.now();
        this.checkLost(id, error, unreachableSince);
      }
      await sleep(delayMs, signal);
      delayMs = Math.min(this.pollMaxMs, delayMs * 2);
    }
  }

  /** 404 → lost; unreachable longer than allowed → lost; anything else is worth another try. */
  private checkLost(id: string, error: unknown, unreachableSince: number | null): void {
    if (error instanceof HostRejectedError && error.status === 404) {
      throw lost(id, 'the training host no longer knows it (it restarted?)', error);
    }
    if (unreachableSince !== null && Date.now() - unreachableSince > this.unreachableTimeoutMs) {
      throw lost(
        id,
        `the training host was unreachable for ${this.unreachableTimeoutMs} ms`,
        error,
      );
    }
  }

  /** Reads the SSE stream until it ends; returns the last seq seen and the final status, if any. */
  private async stream(
    id: string,
    after: number | null,
    translator: HostEventTranslator,
    signal: AbortSignal,
  ): Promise<StreamOutcome> {
    const body: Readable = await this.adapter.openEvents(id, after, signal);
    let lastSeq = after;
    let final: SessionEnd | null = null;
    const parser = createParser({
      onEvent: (message) => {
        const event = JSON.parse(message.data) as TrainingSessionEvent;
        lastSeq = event.seq;
        if (event.type === 'progress') translator.progress(event.progress);
        else if (event.type === 'epoch') translator.epoch(event.metrics);
        else if (isFinalTrainingSessionStatus(event.status))
          final = { status: event.status, error: event.error };
      },
    });
    try {
      for await (const chunk of body) {
        parser.feed(String(chunk));
        if (final) break;
      }
    } catch (error) {
      if (signal.aborted) throw error;
      // A dropped stream: the caller polls, then reopens it after lastSeq.
    } finally {
      body.destroy();
    }
    return { lastSeq, final };
  }

  private async download(
    id: string,
    result: TrainingSessionResult,
    run: HostSessionRun,
  ): Promise<void> {
    const root = path.resolve(run.outputDir);
    for (const entry of result.artifacts) {
      const target = path.resolve(root, entry.file);
      if (!target.startsWith(root + path.sep)) {
        throw checksum(id, `artifact name '${entry.file}' leaves the output folder`);
      }
      const bytes = await this.call(id, () => this.adapter.getArtifact(id, entry.file, run.signal));
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      if (sha256 !== entry.sha256 || bytes.length !== entry.size) {
        throw checksum(
          id,
          `artifact '${entry.file}' does not match its manifest (sha256 ${sha256})`,
        );
      }
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, bytes);
    }
  }

  /** A call on a known session: a 404 means the host lost it. */
  private async call<T>(id: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof HostRejectedError && error.status === 404) {
        throw lost(id, 'the training host no longer knows it (it restarted?)', error);
      }
      throw error;
    }
  }

  /** Best effort: the operation ends cancelled whether or not the host answers in time. */
  private async stop(id: string): Promise<void> {
    await this.adapter
      .stopSession(id, AbortSignal.timeout(this.stopTimeoutMs))
      .catch(() => undefined);
  }
}

function lost(id: string, why: string, cause: unknown): HostSessionError {
  return new HostSessionError(
    HostSessionErrorCode.HOST_SESSION_LOST,
    `Training session ${id} was lost: ${why}`,
    { cause },
  );
}

function checksum(id: string, message: string): HostSessionError {
  return new HostSessionError(
    HostSessionErrorCode.ARTIFACT_CHECKSUM_MISMATCH,
    `Session ${id}: ${message}`,
  );
}

function failed(
  id: string,
  status: TrainingSessionStatus,
  error: TrainingSessionError | null,
): HostSessionError {
  const why = error ? `${error.code}: ${error.message}` : `it ended ${status}`;
  return new HostSessionError(
    HostSessionErrorCode.HOST_TRAINING_FAILED,
    `Training session ${id} failed on the host: ${why}`,
  );
}
