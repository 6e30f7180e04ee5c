/**
 * Which requests a pacing rule counts together:
 * - `global`: every request;
 * - `contract`: requests for the same contract (instrument);
 * - `identical`: requests with the same fingerprint (same contract, bar size, range…).
 */
export type PacingScope = 'global' | 'contract' | 'identical';

/** At most `limit` requests of one scope within any sliding window of `windowMs`. */
export interface PacingRule {
  readonly name: string;
  readonly scope: PacingScope;
  readonly limit: number;
  readonly windowMs: number;
}

/** What a request is counted as: its contract and a fingerprint of the whole request. */
export interface PacingKey {
  readonly contract: string;
  readonly fingerprint: string;
}

/** The answer of {@link PacingLimiter.check}. */
export type PacingDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterMs: number; readonly rule: PacingRule };

/** Budget of one rule, for health reports (`remaining` is for the busiest key of the scope). */
export interface PacingRuleStatus {
  readonly rule: string;
  readonly scope: PacingScope;
  readonly limit: number;
  readonly window_ms: number;
  readonly used: number;
  readonly remaining: number;
}

/**
 * Interactive Brokers' historical-data pacing rules: at most 60 requests in any 10 minutes,
 * no identical request within 15 s, at most 6 requests for one contract within 2 s.
 */
export const IB_PACING_RULES: readonly PacingRule[] = [
  { name: 'ib-60-per-10min', scope: 'global', limit: 60, windowMs: 10 * 60_000 },
  { name: 'ib-identical-15s', scope: 'identical', limit: 1, windowMs: 15_000 },
  { name: 'ib-6-per-contract-2s', scope: 'contract', limit: 6, windowMs: 2_000 },
];

interface PacingEvent {
  readonly atMs: number;
  readonly contract: string;
  readonly fingerprint: string;
}

/**
 * A sliding-window request limiter that answers at once (it never queues): `check` says whether
 * a request may go now or how long to wait, `record` counts a request that was sent.
 * Time is passed in, so callers (and tests) own the clock.
 *
 * @example
 * const limiter = new PacingLimiter(IB_PACING_RULES);
 * const decision = limiter.check(key, Date.now());
 * if (!decision.allowed) throw new PacingViolationError(decision.retryAfterMs, decision.rule.name);
 * limiter.record(key, Date.now());
 */
export class PacingLimiter {
  private events: PacingEvent[] = [];
  private readonly horizonMs: number;

  constructor(readonly rules: readonly PacingRule[]) {
    for (const rule of rules) {
      if (!Number.isInteger(rule.limit) || rule.limit < 1 || !(rule.windowMs > 0)) {
        throw new RangeError(`Invalid pacing rule ${rule.name}: limit ≥ 1 and windowMs > 0`);
      }
    }
    this.horizonMs = Math.max(0, ...rules.map((r) => r.windowMs));
  }

  /** Whether a request with this key may be sent at `nowMs`; if not, the longest wait needed. */
  check(key: PacingKey, nowMs: number): PacingDecision {
    let worst: { retryAfterMs: number; rule: PacingRule } | undefined;
    for (const rule of this.rules) {
      const times = this.timesInWindow(rule, key, nowMs);
      if (times.length < rule.limit) continue;
      // The request may go once enough of the oldest requests have left the window.
      const oldestToExpire = times[times.length - rule.limit] ?? nowMs;
      const retryAfterMs = Math.max(1, oldestToExpire + rule.windowMs - nowMs);
      if (!worst || retryAfterMs > worst.retryAfterMs) worst = { retryAfterMs, rule };
    }
    return worst ? { allowed: false, ...worst } : { allowed: true };
  }

  /** Counts a request sent at `nowMs`. */
  record(key: PacingKey, nowMs: number): void {
    this.prune(nowMs);
    this.events.push({ atMs: nowMs, contract: key.contract, fingerprint: key.fingerprint });
  }

  /** `check`, then `record` when allowed. */
  acquire(key: PacingKey, nowMs: number): PacingDecision {
    const decision = this.check(key, nowMs);
    if (decision.allowed) this.record(key, nowMs);
    return decision;
  }

  /** The remaining budget of every rule at `nowMs`. */
  status(nowMs: number): PacingRuleStatus[] {
    this.prune(nowMs);
    return this.rules.map((rule) => {
      const counts = new Map<string, number>();
      for (const event of this.events) {
        if (event.atMs <= nowMs - rule.windowMs || event.atMs > nowMs) continue;
        const group = groupOf(rule.scope, event);
        counts.set(group, (counts.get(group) ?? 0) + 1);
      }
      const used = Math.max(0, ...counts.values());
      return {
        rule: rule.name,
        scope: rule.scope,
        limit: rule.limit,
        window_ms: rule.windowMs,
        used,
        remaining: Math.max(0, rule.limit - used),
      };
    });
  }

  private timesInWindow(rule: PacingRule, key: PacingKey, nowMs: number): number[] {
    const group = groupOf(rule.scope, key);
    const times: number[] = [];
    for (const event of this.events) {
      if (event.atMs > nowMs - rule.windowMs && event.atMs <= nowMs) {
        if (groupOf(rule.scope, event) === group) times.push(event.atMs);
      }
    }
    return times;
  }

  private prune(nowMs: number): void {
    const first = this.events.findIndex((e) => e.atMs > nowMs - this.horizonMs);
    if (first === -1) this.events = [];
    else if (first > 0) this.events = this.events.slice(first);
  }
}

function groupOf(scope: PacingScope, key: PacingKey): string {
  switch (scope) {
    case 'global':
      return '*';
    case 'contract':
      return key.contract;
    case 'identical':
      return key.fingerprint;
    default: {
      const unreachable: never = scope;
      return unreachable;
    }
  }
}

const DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Parses a pacing setting: `none` (no rules), `ib` ({@link IB_PACING_RULES}) or
 * `<n>/<duration>` — at most n requests per sliding window, e.g. `5/2s`, `60/10m`, `500/100ms`
 * (units ms, s, m, h; a bare number is seconds). Throws a RangeError naming the accepted forms.
 */
export function parsePacingSpec(spec: string): readonly PacingRule[] {
  const text = spec.trim().toLowerCase();
  if (text === 'none') return [];
  if (text === 'ib') return IB_PACING_RULES;
  const match = /^(\d+)\/(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text);
  const limit = Number(match?.[1]);
  const windowMs = Number(match?.[2]) * (DURATION_UNITS_MS[match?.[3] ?? 's'] ?? NaN);
  if (!match || !(limit >= 1) || !(windowMs > 0)) {
    throw new RangeError(
      `Invalid pacing "${spec}": expected "none", "ib" or "<n>/<duration>" such as "5/2s" or "60/10m"`,
    );
  }
  return [{ name: `${limit}/${match[2]}${match[3] ?? 's'}`, scope: 'global', limit, windowMs }];
}
