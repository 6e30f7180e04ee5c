import {
  CancellationError,
  CancellationToken,
  type ProgressPlan,
  type ProgressRenderer,
  ProgressReporter,
  type ProgressSnapshot,
} from '@ktrdr/async-infrastructure';
import type { OperationLauncher } from '../execution/operation-launcher';
import type { OperationMetadata, OperationStatus } from '../model/operation.types';
import { InvalidVenueConfigError, OperationTimeoutError } from './orchestrator.errors';

/** Where a domain service runs its work: here, or on a host service at `baseUrl`. */
export type ExecutionVenue = { kind: 'local' } | { kind: 'host'; baseUrl: string };

/** Options of {@link ServiceOrchestrator.executeWithProgress}. */
export interface ExecuteWithProgressOptions {
  /** The token to run under (default: a new one). */
  token?: CancellationToken;
  renderer?: ProgressRenderer;
  plan?: ProgressPlan;
  /** Called with every progress snapshot. */
  onProgress?: (snapshot: ProgressSnapshot) => void;
}

/** Options of {@link ServiceOrchestrator.executeWithCancellation}. */
export interface ExecuteWithCancellationOptions {
  /** A parent token: its cancellation cancels the work too. */
  token?: CancellationToken;
  /**
   * After this many milliseconds the work's token is cancelled with reason `timeout` and the
   * call rejects with an OperationTimeoutError.
   */
  timeoutMs?: number;
}

/** Whether a domain routes its work to a host service, and where (from validated config). */
export interface HostServiceRoutingConfig {
  enabled: boolean;
  url: string | null | undefined;
}

/**
 * The base of domain services (DataManager, TrainingService): start managed operations, run
 * awaited work with progress or a timeout, and pick the execution venue from routing config.
 *
 * @example
 * @Injectable()
 * export class DataManager extends ServiceOrchestrator {
 *   constructor(launcher: OperationLauncher) { super(launcher); }
 *   load(req: LoadRequest) { return this.startManagedOperation('data_load', req, { symbol: req.symbol }); }
 * }
 */
export abstract class ServiceOrchestrator {
  constructor(protected readonly launcher: OperationLauncher) {}

  /** Starts an operation in the background; answers its id and status (`pending`). */
  protected async startManagedOperation<P>(
    operation_type: string,
    params: P,
    metadata?: OperationMetadata,
  ): Promise<{ operation_id: string; status: OperationStatus }> {
    const record = await this.launcher.launch({
      operation_type,
      params,
      ...(metadata ? { metadata } : {}),
    });
    return { operation_id: record.operation_id, status: record.status };
  }

  /**
   * Runs awaited work (no operation record) with a token and a progress reporter; progress
   * completes when the work returns uncancelled.
   */
  protected async executeWithProgress<T>(
    fn: (ctx: { token: CancellationToken; progress: ProgressReporter }) => Promise<T>,
    opts: ExecuteWithProgressOptions = {},
  ): Promise<T> {
    const token = opts.token ?? new CancellationToken();
    const progress = new ProgressReporter({
      ...(opts.plan ? { plan: opts.plan } : {}),
      ...(opts.renderer ? { renderer: opts.renderer } : {}),
      ...(opts.onProgress ? { onUpdate: opts.onProgress } : {}),
    });
    try {
      const result = await fn({ token, progress });
      if (!token.isCancelled) progress.complete();
      return result;
    } finally {
      progress.close();
    }
  }

  /**
   * Runs awaited work under a child token of `opts.token` (or a new one), rejecting as soon as
   * that token is cancelled, even if `fn` is slow to notice: with a CancellationError when the
   * parent was cancelled, with an OperationTimeoutError (code `TIMEOUT`) after `timeoutMs` — the
   * work's token is then cancelled with reason `timeout`, the parent is not.
   */
  protected async executeWithCancellation<T>(
    fn: (token: CancellationToken) => Promise<T>,
    opts: ExecuteWithCancellationOptions = {},
  ): Promise<T> {
    const token = opts.token ? opts.token.child() : new CancellationToken();
    const { timeoutMs } = opts;
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    let offCancel: () => void = () => undefined;
    try {
      token.throwIfCancelled();
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          timedOut = true;
          token.cancel('timeout');
        }, timeoutMs);
      }
      const cancelled = new Promise<never>((_resolve, reject) => {
        offCancel = token.onCancel((reason) =>
          reject(
            timedOut && timeoutMs !== undefined
              ? new OperationTimeoutError(timeoutMs)
              : new CancellationError(reason),
          ),
        );
      });
      const work = Promise.resolve().then(() => fn(token));
      // When the cancellation wins the race, the work's own later rejection is expected.
      work.catch(() => undefined);
      return await Promise.race([work, cancelled]);
    } finally {
      clearTimeout(timer);
      offCancel();
      token.dispose();
    }
  }

  /**
   * Local or host-service execution, from the app's validated routing config (e.g.
   * `USE_IB_HOST_SERVICE` / `IB_HOST_SERVICE_URL`). The host's base URL loses trailing slashes.
   * Throws InvalidVenueConfigError when routing is enabled without an http(s) URL.
   */
  protected resolveVenue(routing: HostServiceRoutingConfig): ExecutionVenue {
    if (!routing.enabled) return { kind: 'local' };
    const url = routing.url?.trim();
    if (!url || !isHttpUrl(url)) throw new InvalidVenueConfigError(routing.url);
    return { kind: 'host', baseUrl: url.replace(/\/+$/, '') };
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
