import {
  type BarSeries,
  type TradingCalendar,
  validateBarsYielding,
  type ValidationSummary,
} from '@ktrdr/market-data';
import type { DataLoadParams } from './data-load.types';
import type { LoadPlan } from './load-planner';

/**
 * Step 7: validates the bars of the window the load covered (the caller reads only that window
 * of the cache) and checks for sessions still missing in it (up to now). With
 * `repair`, returns the repaired series when something had to change. Yields to the event
 * loop while it works (millions of 1m bars take seconds).
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
