import { RetryBudget } from './retry-budget';

/** Settings of a {@link RetryPolicy}. */
export interface RetryPolicyOptions {
  /** Attempts per call or job, the first one included. */
  maxAttempts: number;
  /** Base of the exponential backoff (full jitter). */
  baseDelayMs: number;
  /** Cap of the computed backoff (a `Retry-After` is capped by {@link RETRY_AFTER_MAX_MS}). */
  maxDelayMs: number;
  /**
   * Retry budget: backoff retries may be at most this share of the requests (0.2 = 20%) plus
   * {@link RetryPolicyOptions.budgetFloor}. Exhausted: no more retries, the error surfaces at
   * once (protects a struggling host from a retry storm).
   */
  budgetRatio: number;
  /** Retries always allowed on top of the ratio, replenished every 10 s. */
  budgetFloor: number;
}

/**
 * The longest wait a `Retry-After` (or a provider's own retry-after) gets. A host asking for
 * longer is waited this long and then asked again: its next answer says how much is left
 * (a refused request costs the host nothing), and a cancel ends the wait at once.
 */
export const RETRY_AFTER_MAX_MS = 60_000;

/** What {@link RetryPolicy.decide} needs to know about a failed attempt. */
export interface FailedAttempt {
  /** Whether a retry may succeed (network error, timeout, 429/502/503/504, gateway down…). */
  transient: boolean;
  /** Attempts counted against `maxAttempts` so far, the failed one included. */
  attempts: number;
  /** How long the host or provider asked to wait (Retry-After), when it said so. */
  retryAfterMs?: number;
  /** Overrides the policy's `maxAttempts` for this call. */
  maxAttempts?: number;
}

/** Outcome of {@link RetryPolicy.decide}. */
export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; reason: 'permanent' | 'attempts-exhausted' | 'budget-exhausted' };

/** Injected by tests. */
export interface RetryPolicyClock {
  random?: () => number;
  now?: () => number;
}

/**
 * The one retry policy of the process's remote calls (host adapters, data-load segments):
 * exponential backoff with full jitter, a retry budget, and a host's `Retry-After` honoured
 * up to {@link RETRY_AFTER_MAX_MS}. One instance per client (an adapter, a load): the budget
 * counts that client's requests and retries.
 *
 * A retry that waits a `Retry-After` is not charged to the budget: the host set the pace, so
 * it cannot turn into a storm; only backoff retries are.
 *
 * @example
 * const policy = new RetryPolicy({ maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 10_000, budgetRatio: 0.2, budgetFloor: 10 });
 * policy.recordRequest();
 * const d = policy.decide({ transient: true, attempts: 1, retryAfterMs: 2000 });
 * if (d.retry) await sleep(d.delayMs, signal);
 */
export class RetryPolicy {
  private readonly budget: RetryBudget;
  private readonly random: () => number;

  constructor(
    readonly options: Readonly<RetryPolicyOptions>,
    clock: RetryPolicyClock = {},
  ) {
    this.random = clock.random ?? Math.random;
    this.budget = new RetryBudget({
      ratio: options.budgetRatio,
      floor: options.budgetFloor,
      now: clock.now,
    });
  }

  /** Called once per call or job (not per attempt): earns retry budget. */
  recordRequest(): void {
    this.budget.recordRequest();
  }

  /** Whether to retry a failed attempt and after how long (takes a budget token if needed). */
  decide(failed: FailedAttempt): RetryDecision {
    if (!failed.transient) return { retry: false, reason: 'permanent' };
    const maxAttempts = Math.max(1, failed.maxAttempts ?? this.options.maxAttempts);
    if (failed.attempts >= maxAttempts) return { retry: false, reason: 'attempts-exhausted' };
    if (failed.retryAfterMs === undefined && !this.budget.tryAcquire()) {
      return { retry: false, reason: 'budget-exhausted' };
    }
    return { retry: true, delayMs: this.delayMs(failed.attempts, failed.retryAfterMs) };
  }

  /**
   * The wait before the next attempt: the jittered backoff, or the `Retry-After` when it asks
   * for longer (up to {@link RETRY_AFTER_MAX_MS}).
   */
  delayMs(failedAttempts: number, retryAfterMs?: number): number {
    const backoff = backoffDelayMs(failedAttempts, this.options, this.random);
    if (retryAfterMs === undefined) return backoff;
    return Math.max(backoff, Math.min(Math.max(retryAfterMs, 0), RETRY_AFTER_MAX_MS));
  }

  /** Retry tokens left (statistics, tests). */
  budgetAvailable(): number {
    return this.budget.available();
  }
}

/**
 * Exponential backoff with full jitter: uniform in [0, min(maxDelayMs, baseDelayMs·2^(n−1)))
 * where n is the number of failed attempts so far (1 for the first retry).
 */
export function backoffDelayMs(
  failedAttempts: number,
  policy: Pick<RetryPolicyOptions, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(failedAttempts - 1, 0), 30);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}

/**
 * Parses a `Retry-After` header: delay-seconds (`"3"`) or an HTTP-date, relative to `nowMs`.
 * A date in the past gives 0; anything unparseable gives undefined.
 */
export function parseRetryAfterMs(
  value: string | undefined,
  nowMs: number = Date.now(),
): number | undefined {
  const raw = value?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  // An HTTP-date names its day and month; this keeps Date.parse from reading "-5" as a year.
  if (!/[a-z]{3}/i.test(raw)) return undefined;
  const at = Date.parse(raw);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
