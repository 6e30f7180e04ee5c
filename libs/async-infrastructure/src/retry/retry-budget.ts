/** Settings of a {@link RetryBudget}. */
export interface RetryBudgetOptions {
  /** Retry tokens each request earns (0.2: retries ≤ 20% of requests). */
  ratio: number;
  /** Tokens available at start and the bucket's capacity; replenished over `floorWindowMs`. */
  floor: number;
  /** Time over which a whole `floor` of tokens is replenished. Default 10 s. */
  floorWindowMs?: number;
  /** Clock in ms (injected by tests). Default `Date.now`. */
  now?: () => number;
}

/**
 * A token bucket limiting retries to a share of requests: every request deposits `ratio`
 * tokens, every retry withdraws one, and `floor` tokens per window trickle in so a quiet
 * adapter can still retry. When the host is down and every call fails, retries stay at most
 * `ratio` × requests + the floor instead of multiplying the load by `maxAttempts`.
 */
export class RetryBudget {
  private tokens: number;
  private lastRefill: number;
  private readonly capacity: number;
  private readonly refillPerMs: number;
  private readonly now: () => number;

  constructor(private readonly options: RetryBudgetOptions) {
    this.now = options.now ?? Date.now;
    this.capacity = Math.max(options.floor, 1);
    this.tokens = Math.max(options.floor, 0);
    this.refillPerMs = options.floor / (options.floorWindowMs ?? 10_000);
    this.lastRefill = this.now();
  }

  /** Called once per request (not per attempt). */
  recordRequest(): void {
    this.refill();
    this.tokens = Math.min(this.capacity, this.tokens + this.options.ratio);
  }

  /** Takes one token for a retry; false (and nothing taken) when the budget is exhausted. */
  tryAcquire(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Tokens currently available (for statistics and tests). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  private refill(): void {
    const now = this.now();
    const elapsed = now - this.lastRefill;
    this.lastRefill = now;
    if (elapsed > 0)
      this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.refillPerMs);
  }
}
