import { mkdir } from 'node:fs/promises';
import type { ResourceLimits } from 'node:worker_threads';
import type { Timeframe } from '@ktrdr/market-data';
import {
  TrainingCancelledError,
  TrainingEngineError,
  type ArtifactManifestEntry,
  type BackendName,
  type EpochMetrics,
  type SeriesBars,
  type Strategy,
  type TrainingEvent,
  type TrainingJobResult,
  type TrainingSessionError,
  type TrainingSessionInfo,
  type TrainingSessionProgress,
  type TrainingSessionResult,
  type TrainingSessionStatus,
} from '@ktrdr/training-engine';
import type { TrainingRunner } from '../training-host.constants';
import { buildArtifactManifest } from './artifact-manifest';
import { SessionEventLog } from './session-event-log';
import { finalProgress, initialProgress, nextProgress } from './session-progress';

/** What a session trains: the validated request. */
export interface TrainingSessionSpec {
  strategy: Strategy;
  symbols: string[];
  timeframes: Timeframe[];
  series: SeriesBars[];
  seed?: number;
}

/** How a session runs its job. */
export interface TrainingSessionOptions {
  runner: TrainingRunner;
  /** The session's own folder, created when it starts; artifacts are written there. */
  outputDir: string;
  backend?: BackendName;
  resourceLimits?: ResourceLimits;
  /** Minimum interval between two batch progress events (phase and epoch changes go at once). */
  progressIntervalMs?: number;
  /** Told which backend the worker loaded (the host's health shows the last one). */
  onBackend?: (backend: BackendName, gpuName: string | null) => void;
}

/** The worker reported files that are missing or not regular files. */
class ArtifactsInvalidError extends Error {
  readonly code = 'ARTIFACTS_INVALID';
  constructor(cause: unknown) {
    super(`The training wrote unusable artifacts: ${(cause as Error)?.message ?? String(cause)}`, {
      cause,
    });
  }
}

const TRANSITIONS: Record<TrainingSessionStatus, readonly TrainingSessionStatus[]> = {
  starting: ['running', 'completed', 'failed', 'stopped'],
  running: ['completed', 'failed', 'stopped'],
  completed: [],
  failed: [],
  stopped: [],
};

/**
 * One training session on the host: runs the job in a worker through the runner, turns the
 * engine's events into progress / epoch / status events, stops on request at the worker's
 * next batch, and on success keeps the result with a manifest of the artifacts.
 */
export class TrainingSession {
  readonly log = new SessionEventLog();
  readonly createdAt = new Date();
  private state: TrainingSessionStatus = 'starting';
  private progress: TrainingSessionProgress = initialProgress();
  private readonly history: EpochMetrics[] = [];
  private readonly abort = new AbortController();
  private backend: BackendName | null = null;
  private gpuName: string | null = null;
  private outcome:
    | { result: TrainingJobResult; artifacts: ArtifactManifestEntry[] }
    | { error: TrainingSessionError }
    | undefined;
  private finishedAt: Date | undefined;
  private lastProgressEventAt = 0;
  private running: Promise<void> | undefined;
  /** The bars, dropped once the worker has them back (kept sessions can be many). */
  private series: SeriesBars[];
  private readonly spec: Omit<TrainingSessionSpec, 'series'>;

  constructor(
    readonly id: string,
    spec: TrainingSessionSpec,
    private readonly options: TrainingSessionOptions,
  ) {
    const { series, ...rest } = spec;
    this.spec = rest;
    this.series = series;
  }

  get status(): TrainingSessionStatus {
    return this.state;
  }

  get isActive(): boolean {
    return this.state === 'starting' || this.state === 'running';
  }

  get stopRequested(): boolean {
    return this.abort.signal.aborted;
  }

  get outputDir(): string {
    return this.options.outputDir;
  }

  /** 0–100 and the time spent so far (the host's Retry-After estimate uses them). */
  get elapsedMs(): number {
    return (this.finishedAt ?? new Date()).getTime() - this.createdAt.getTime();
  }

  get percentage(): number {
    return this.progress.percentage;
  }

  /** Starts the job once; the promise settles (never rejects) when the session has ended. */
  run(): Promise<void> {
    this.running ??= this.execute();
    return this.running;
  }

  /** Asks the worker to stop at its next batch; the session ends `stopped` when it does. */
  requestStop(): void {
    if (this.isActive) this.abort.abort(new Error('stop requested'));
  }

  info(): TrainingSessionInfo {
    return {
      session_id: this.id,
      status: this.state,
      strategy_name: this.spec.strategy.name,
      symbols: this.spec.symbols,
      timeframes: this.spec.timeframes,
      stop_requested: this.stopRequested,
      created_at: this.createdAt.toISOString(),
      finished_at: this.finishedAt?.toISOString() ?? null,
      progress: this.progress,
      latest_metrics: this.history.at(-1) ?? null,
      epochs_completed: this.history.length,
      resource_usage: {
        backend: this.backend,
        gpu_used: this.backend === 'tensorflow-gpu',
        gpu_name: this.gpuName,
        peak_memory_mb:
          this.outcome && 'result' in this.outcome ? this.outcome.result.peak_memory_mb : null,
        elapsed_ms: this.elapsedMs,
      },
      error: this.outcome && 'error' in this.outcome ? this.outcome.error : null,
    };
  }

  /** The unified result and artifact manifest; undefined unless the session completed. */
  result(): TrainingSessionResult | undefined {
    if (!this.outcome || !('result' in this.outcome)) return undefined;
    return {
      ...this.outcome.result,
      session_id: this.id,
      strategy_name: this.spec.strategy.name,
      symbols: this.spec.symbols,
      timeframes: this.spec.timeframes,
      epoch_history: [...this.history],
      artifacts: this.outcome.artifacts,
    };
  }

  private async execute(): Promise<void> {
    const { runner, outputDir, backend, resourceLimits } = this.options;
    try {
      await mkdir(outputDir, { recursive: true });
      if (this.stopRequested) {
        this.finish('stopped'); // stopped before the worker was even started
        return;
      }
      const result = await runner(
        {
          strategy: this.spec.strategy,
          series: this.series,
          seed: this.spec.seed,
          backend,
          outputDir,
        },
        { signal: this.abort.signal, onEvent: (event) => this.onEvent(event), resourceLimits },
      );
      const artifacts = await buildArtifactManifest(outputDir, result.files).catch(
        (error: unknown) => {
          throw new ArtifactsInvalidError(error);
        },
      );
      this.backend = result.backend;
      this.gpuName = result.gpu_name;
      this.outcome = { result, artifacts };
      this.finish('completed');
    } catch (error) {
      if (error instanceof TrainingCancelledError && this.stopRequested) {
        this.finish('stopped');
        return;
      }
      this.outcome = {
        error: {
          // Engine errors carry their code; anything else (a folder that cannot be created…)
          // is the host's own failure.
          code:
            error instanceof TrainingEngineError || error instanceof ArtifactsInvalidError
              ? error.code
              : 'TRAINING_HOST_ERROR',
          message: error instanceof Error ? error.message : String(error),
        },
      };
      this.finish('failed');
    } finally {
      this.series = [];
    }
  }

  private onEvent(event: TrainingEvent): void {
    if (!this.isActive) return;
    if (this.state === 'starting') this.transition('running');
    this.progress = nextProgress(this.progress, event);
    switch (event.type) {
      case 'backend':
        this.backend = event.backend;
        this.gpuName = event.gpu_name;
        this.options.onBackend?.(event.backend, event.gpu_name);
        this.emitProgress();
        break;
      case 'phase':
        this.emitProgress();
        break;
      case 'batch': {
        const interval = this.options.progressIntervalMs ?? 100;
        if (Date.now() - this.lastProgressEventAt >= interval) this.emitProgress();
        break;
      }
      case 'epoch': {
        const { type: _type, ...metrics } = event;
        this.history.push(metrics);
        this.log.append({ type: 'epoch', metrics });
        this.emitProgress();
        break;
      }
      default: {
        const unknown: never = event;
        throw new Error(`unknown training event ${JSON.stringify(unknown)}`);
      }
    }
  }

  private emitProgress(): void {
    this.lastProgressEventAt = Date.now();
    this.log.append({ type: 'progress', progress: this.progress });
  }

  private finish(status: 'completed' | 'failed' | 'stopped'): void {
    this.transition(status);
    this.finishedAt = new Date();
    this.progress = finalProgress(this.progress, status === 'completed');
    this.emitProgress();
    const error = this.outcome && 'error' in this.outcome ? this.outcome.error : null;
    this.log.append({ type: 'status', status, error });
    this.log.close();
  }

  private transition(to: TrainingSessionStatus): void {
    if (!TRANSITIONS[this.state].includes(to)) {
      throw new Error(`Illegal training session transition ${this.state} → ${to}`);
    }
    this.state = to;
  }
}
