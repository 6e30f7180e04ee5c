import type { TradingCalendar } from '../../calendar/trading-calendar';
import { emptySeries, sortAndDedupe, type BarSeries } from '../../series/bar-series';
import type { Timeframe } from '../../timeframes';
import { parseIbTime } from './ib-duration';

const DAY_MS = 86_400_000;

/** One `historicalData` event of `@stoqey/ib`, before conversion. */
export interface IbBarRow {
  readonly time: string;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/**
 * Converts IB bars to a sorted, de-duplicated UTC series. Intraday times arrive as epoch
 * seconds and are kept as IB stamps them; daily and weekly bars arrive as a bare date and are
 * stamped per the calendar's convention: the session's open (1d), the open of the week's first
 * session (1w). IB sends volume -1 where it has none (MIDPOINT bars): that becomes 0.
 */
export function ibRowsToSeries(
  rows: readonly IbBarRow[],
  timeframe: Timeframe,
  calendar: TradingCalendar,
): BarSeries {
  const series = emptySeries();
  for (const row of rows) {
    const time = parseIbTime(row.time);
    series.t.push(typeof time === 'number' ? time : placeDate(time.date, timeframe, calendar));
    series.o.push(row.open);
    series.h.push(row.high);
    series.l.push(row.low);
    series.c.push(row.close);
    series.v.push(row.volume < 0 ? 0 : row.volume);
  }
  return sortAndDedupe(series);
}

/** Open time of the bar IB labels with a trading date; midnight UTC when the calendar is closed. */
function placeDate(date: string, timeframe: Timeframe, calendar: TradingCalendar): number {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  if (timeframe !== '1w') return calendar.sessionOn(date)?.openMs ?? midnight;
  const monday = midnight - ((new Date(midnight).getUTCDay() + 6) % 7) * DAY_MS;
  for (let day = 0; day < 7; day++) {
    const session = calendar.sessionOn(new Date(monday + day * DAY_MS).toISOString().slice(0, 10));
    if (session) return session.openMs;
  }
  return midnight;
}
