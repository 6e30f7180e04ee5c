import {
  type BarSeries,
  type TradingCalendar,
  validateBarPages,
  validateBarsYielding,
  type ValidationSummary,
} from '@ktrdr/market-data';
import type { DataLoadParams } from './data-load.types';
import type { LoadPlan } from './load-planner';

/**
 * Step 7 with `repair` (in the save's locked read-modify-write): validates the bars of the
 * window the load covered and checks for sessions still missing in it (up to now); returns the
 * repaired series when something had to change. Yields to the event loop while it works
 * (millions of 1m bars take seconds).
 */
export async function validationSummary(
  series: BarSeries,
  input: { calendar: TradingCalendar; params: DataLoadParams; plan: LoadPlan; nowMs: number },
): Promise<{ summary: ValidationSummary; repaired: BarSeries | null }> {
  const { calendar, params, plan, nowMs } = input;
  const toMs = Math.min(plan.endMs, nowMs);
  const fromMs = plan.startMs ?? series.t[0] ?? toMs;
  const canRepair = params.repair && params.mode !== 'local';
  const result = await validateBarsYielding(series, {
    calendar,
    fromMs,
    toMs,
    timeframe: params.timeframe,
    repair: canRepair,
  });
  const summary: ValidationSummary = {
    issues: result.issues,
    total_errors: result.total_errors,
    total_warnings: result.total_warnings,
  };
  const changed = canRepair && result.repaired && (result.changes?.length ?? 0) > 0;
  if (changed) summary.changes = result.changes;
  return { summary, repaired: changed && result.repaired ? result.repaired : null };
}

/**
 * Step 7: validates the window the load covered as the store reads it, page by page (memory
 * holds one page and the open times), and checks for sessions still missing in it (up to now).
 */
export async function windowValidationSummary(
  pages: AsyncIterable<BarSeries>,
  input: { calendar: TradingCalendar; params: DataLoadParams; plan: LoadPlan; nowMs: number },
): Promise<ValidationSummary> {
  const { calendar, params, plan, nowMs } = input;
  const toMs = Math.min(plan.endMs, nowMs);
  const result = await validateBarPages(pages, {
    calendar,
    fromMs: plan.startMs ?? toMs,
    toMs,
    timeframe: params.timeframe,
  });
  return {
    issues: result.issues,
    total_errors: result.total_errors,
    total_warnings: result.total_warnings,
  };
}
