import { tmpdir } from 'node:os';
import path from 'node:path';
import { HostEnvReader } from '@ktrdr/http-kit';
import type { BackendName } from '@ktrdr/training-engine';

/** The training host's validated settings. */
export interface TrainingHostConfig {
  readonly host: string;
  readonly port: number;
  /** Shared key clients must send; required when `host` is not a loopback address. */
  readonly apiKey: string | undefined;
  /** Sessions training at once; one more is answered 429. */
  readonly maxSessions: number;
  /** How long a finished session (and its files) is kept for the API to fetch. */
  readonly sessionTtlMs: number;
  /** Per-session output folders are created under a per-process folder in here. */
  readonly workDir: string;
  /** JSON body limit of `POST /training/sessions`, after gzip inflation. */
  readonly maxBodyMb: number;
  /** How long a stop (route or shutdown) waits for the worker's acknowledgement. */
  readonly stopTimeoutMs: number;
  /** The worker's V8 old-space limit; undefined = Node's default. */
  readonly workerMaxMemoryMb: number | undefined;
  /** Forced TensorFlow.js backend; undefined = the first that loads. */
  readonly backend: BackendName | undefined;
}

/** A bad environment: the message lists every problem, one per line. */
export class TrainingHostConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid training-host configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'TrainingHostConfigError';
  }
}

const BACKENDS: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

/**
 * Reads and validates the training host's environment: HOST (127.0.0.1), TRAINING_HOST_PORT
 * (8002), TRAINING_HOST_API_KEY (required unless HOST is loopback), TRAINING_HOST_MAX_SESSIONS
 * (1), TRAINING_HOST_SESSION_TTL_MS (1800000), TRAINING_HOST_WORK_DIR (`$TMPDIR/ktrdr-training-host`),
 * TRAINING_HOST_MAX_BODY_MB (200), TRAINING_HOST_STOP_TIMEOUT_MS (5000),
 * TRAINING_HOST_WORKER_MAX_MEMORY_MB (unset), TFJS_BACKEND (unset: auto).
 * Throws {@link TrainingHostConfigError} naming every bad value.
 */
export function loadTrainingHostConfig(
  env: Record<string, string | undefined>,
): TrainingHostConfig {
  const reader = new HostEnvReader(env);
  const { problems } = reader;

  const host = reader.text('HOST') ?? '127.0.0.1';
  const port = reader.integer('TRAINING_HOST_PORT', 8002, 0, 65_535);
  const apiKey = reader.apiKey('TRAINING_HOST_API_KEY', host);
  const backendText = reader.text('TFJS_BACKEND');
  const backend = BACKENDS.find((b) => b === backendText?.toLowerCase());
  if (backendText !== undefined && !backend) {
    problems.push(`TFJS_BACKEND must be one of ${BACKENDS.join(', ')}, got "${backendText}"`);
  }
  const config: TrainingHostConfig = {
    host,
    port,
    apiKey,
    maxSessions: reader.integer('TRAINING_HOST_MAX_SESSIONS', 1, 1, 64),
    sessionTtlMs: reader.integer('TRAINING_HOST_SESSION_TTL_MS', 30 * 60_000, 1000, 7 * 86_400_000),
    workDir: path.resolve(
      reader.text('TRAINING_HOST_WORK_DIR') ?? path.join(tmpdir(), 'ktrdr-training-host'),
    ),
    maxBodyMb: reader.integer('TRAINING_HOST_MAX_BODY_MB', 200, 1, 4096),
    stopTimeoutMs: reader.integer('TRAINING_HOST_STOP_TIMEOUT_MS', 5000, 0, 600_000),
    workerMaxMemoryMb: reader.integer(
      'TRAINING_HOST_WORKER_MAX_MEMORY_MB',
      undefined,
      64,
      1_048_576,
    ),
    backend,
  };
  if (problems.length > 0) throw new TrainingHostConfigError(problems);
  return config;
}
