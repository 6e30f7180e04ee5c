import { Inject, Injectable } from '@nestjs/common';
import {
  PacingLimiter,
  PacingViolationError,
  type PacingRuleStatus,
  type Timeframe,
} from '@ktrdr/market-data';
import type { DataHostConfig } from '../config/data-host-config';
import { DATA_HOST_CONFIG } from '../data-host.constants';

/**
 * The host's own pacing of historical requests (DATA_HOST_PACING): a request over budget is
 * refused at once with PACING_VIOLATION (→ 429 + Retry-After), never queued, so the client's
 * adapter decides when to retry. Default `none` (everything through): IbProvider enforces
 * IB's rules itself on the requests it really sends; a budget here also counts requests that
 * failed before reaching the upstream (a gateway hiccup), so it is an opt-in extra limit.
 */
@Injectable()
export class HostPacing {
  private readonly limiter: PacingLimiter;

  constructor(@Inject(DATA_HOST_CONFIG) private readonly config: DataHostConfig) {
    this.limiter = new PacingLimiter(config.pacingRules);
  }

  /** Counts a historical request, or throws PacingViolationError with the wait. */
  admit(symbol: string, timeframe: Timeframe, startMs: number, endMs: number): void {
    const key = { contract: symbol, fingerprint: `${symbol}|${timeframe}|${startMs}|${endMs}` };
    const decision = this.limiter.acquire(key, Date.now());
    if (!decision.allowed) {
      throw new PacingViolationError(
        decision.retryAfterMs,
        `data host pacing ${this.config.pacingSpec}, rule ${decision.rule.name}`,
      );
    }
  }

  /** The spec and the remaining budget of each rule. */
  status(): { spec: string; rules: PacingRuleStatus[] } {
    return { spec: this.config.pacingSpec, rules: this.limiter.status(Date.now()) };
  }
}
