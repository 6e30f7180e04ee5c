import { Injectable } from '@nestjs/common';
import { ProgressPlan, sleep, type OperationRunContext } from '@ktrdr/async-infrastructure';
import { OperationHandler, type OperationHandlerInstance } from '@ktrdr/operations';
import { CountdownTicker } from './countdown-ticker.service';
import { CountdownRenderer } from './countdown.renderer';
import type { CountdownParams, CountdownResult } from './countdown.types';

/** arm (0–10 %), count (10–90 %), launch (90–100 %). */
export const COUNTDOWN_PLAN = ProgressPlan.fromRanges([
  { name: 'arm', start: 0, end: 10 },
  { name: 'count', start: 10, end: 90 },
  { name: 'launch', start: 90, end: 100 },
]);

/**
 * The fixture app's own operation type, registered through DI like any domain's: a provider
 * marked `@OperationHandler('fixture_countdown')` with its own renderer and plan. The counting
 * itself is delegated to {@link CountdownTicker}, which gets the context from DI, not from here.
 */
@Injectable()
@OperationHandler('fixture_countdown')
export class CountdownOperation implements OperationHandlerInstance<
  CountdownParams,
  CountdownResult
> {
  readonly renderer = new CountdownRenderer();

  constructor(private readonly ticker: CountdownTicker) {}

  async run(params: CountdownParams, ctx: OperationRunContext): Promise<CountdownResult> {
    ctx.progress.setPlan(COUNTDOWN_PLAN);
    ctx.progress.startStep('arm', { context: { from: params.from } });
    await sleep(params.tick_ms, ctx.token.signal);
    const observed = await this.ticker.countDown(params.from, params.tick_ms);
    ctx.progress.startStep('launch');
    await sleep(params.tick_ms, ctx.token.signal);
    return { launched: true, ticks: params.from, observed_operation_ids: observed };
  }
}
