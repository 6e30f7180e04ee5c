// Wire types of the training host service (apps/training-host), shared by the host and the API's
// HostSessionManager. Field names are snake_case as they travel in JSON.
import type { ColumnarBars, Timeframe } from '@ktrdr/market-data';
import type { BackendName, TrainingJobResult, TrainingPhase } from '../engine.types';
import type { EpochMetrics } from '../store/model-store.types';

/** Where a host session is; `completed`, `failed` and `stopped` are final. */
export const TRAINING_SESSION_STATUSES = [
  'starting',
  'running',
  'completed',
  'failed',
  'stopped',
] as const;
export type TrainingSessionStatus = (typeof TRAINING_SESSION_STATUSES)[number];

/** True for the statuses a session never leaves. */
export function isFinalTrainingSessionStatus(status: TrainingSessionStatus): boolean {
  return status === 'completed' || status === 'failed' || status === 'stopped';
}

/**
 * `POST /training/sessions` body (JSON, `Content-Encoding: gzip` accepted). The host validates
 * `strategy_yaml` with `parseStrategy` (422 `INVALID_STRATEGY` listing every problem), then
 * trains on `symbols` × `timeframes` (they and the dates replace the file's `training_data`).
 */
export interface CreateTrainingSessionRequest {
  /** The strategy file's text, as `StrategyCatalog.get` returns it. */
  strategy_yaml: string;
  symbols: string[];
  timeframes: Timeframe[];
  /** ISO-8601; recorded in the strategy's `training_data` the engine gets. */
  start_date?: string;
  end_date?: string;
  /** Defaults to the strategy's `model.training.seed`. */
  seed?: number;
  /**
   * Exactly one series per symbol × timeframe, columnar as `GET /api/v1/data/:symbol/:tf`
   * answers it (`t` = bar open, epoch ms UTC, strictly ascending; `count` = `t.length`).
   */
  bars: ColumnarBars[];
}

/** `POST /training/sessions` answer (201). */
export interface CreateTrainingSessionResponse {
  session_id: string;
  status: TrainingSessionStatus;
}

/** Where a session's work is: `starting` until the worker reports, `finished` at the end. */
export type TrainingSessionPhase = 'starting' | TrainingPhase | 'finished';

/** A session's progress; epoch and batch are 1-based, 0 before training starts. */
export interface TrainingSessionProgress {
  phase: TrainingSessionPhase;
  /** 0–100 of this session's own work (features 0–5, training 5–95, evaluate/save 95–100). */
  percentage: number;
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  /** Loss and accuracy of the latest batch, null before the first. */
  batch_loss: number | null;
  batch_accuracy: number | null;
}

/** One finished epoch: train/validation loss and accuracy. */
export type { EpochMetrics };

/** What a session uses; the peak memory is known once the worker has finished. */
export interface TrainingSessionResourceUsage {
  backend: BackendName | null;
  gpu_used: boolean;
  gpu_name: string | null;
  peak_memory_mb: number | null;
  elapsed_ms: number;
}

/** Why a session failed: the engine's code (`TRAINING_WORKER_FAILED`, `NO_TRAINING_DATA`…). */
export interface TrainingSessionError {
  code: string;
  message: string;
}

/** `GET /training/sessions/:id`. */
export interface TrainingSessionInfo {
  session_id: string;
  status: TrainingSessionStatus;
  strategy_name: string;
  symbols: string[];
  timeframes: Timeframe[];
  /** True once `POST …/stop` was received (the status turns `stopped` when the worker acks). */
  stop_requested: boolean;
  created_at: string;
  finished_at: string | null;
  progress: TrainingSessionProgress;
  /** The latest finished epoch, null before the first. */
  latest_metrics: EpochMetrics | null;
  epochs_completed: number;
  resource_usage: TrainingSessionResourceUsage;
  error: TrainingSessionError | null;
}

/**
 * `GET /training/sessions/:id/events`: Server-Sent Events named after `type`, `id` = `seq`
 * (increasing per session; resume with `Last-Event-ID`). Replay keeps every epoch event and the
 * latest progress snapshot; the stream ends after the one `status` event.
 */
export type TrainingSessionEvent =
  | { seq: number; type: 'progress'; at: string; progress: TrainingSessionProgress }
  | { seq: number; type: 'epoch'; at: string; metrics: EpochMetrics }
  | {
      seq: number;
      type: 'status';
      at: string;
      status: TrainingSessionStatus;
      error: TrainingSessionError | null;
    };

/** `POST /training/sessions/:id/stop`: 200 once the worker acknowledged, else 202. */
export interface StopTrainingSessionResponse {
  session_id: string;
  /** The final status (200), or `starting`/`running` while the worker has not acked yet (202). */
  status: TrainingSessionStatus;
  stop_requested: true;
}

/** One artifact file: a name relative to the session's output (`GET …/artifacts/:file`). */
export interface ArtifactManifestEntry {
  file: string;
  size: number;
  sha256: string;
}

/** `GET /training/sessions/:id/result` (completed sessions only). */
export interface TrainingSessionResult extends TrainingJobResult {
  session_id: string;
  strategy_name: string;
  symbols: string[];
  timeframes: Timeframe[];
  /** Every epoch, in order (the operation's metrics history). */
  epoch_history: EpochMetrics[];
  artifacts: ArtifactManifestEntry[];
}

/** `GET /health` (public): 200 `ok`, 503 `draining` during shutdown. */
export interface TrainingHostHealth {
  status: 'ok' | 'unavailable' | 'draining';
  checked_at: string;
  service: 'training-host';
  /** `TFJS_BACKEND` when forced, else `auto`; `last_backend` is what the last session loaded. */
  backend: BackendName | 'auto';
  last_backend: BackendName | null;
  /** From `nvidia-smi` when present; null on a machine without an NVIDIA GPU/driver. */
  gpu: { name: string; memory_total_mb: number; memory_used_mb: number } | null;
  active_sessions: number;
  max_sessions: number;
  sessions_kept: number;
  sessions_started: number;
  sessions_completed: number;
  sessions_failed: number;
  sessions_stopped: number;
  uptime_s: number;
}
