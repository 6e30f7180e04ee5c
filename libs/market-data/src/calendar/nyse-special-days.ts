/*
 * NYSE one-off full-day closures and unscheduled (or one-off) early closes, 1990 onwards.
 * Regular holidays and scheduled early closes are rules (holiday-rules.ts,
 * early-close-rules.ts), not rows here.
 *
 * Sources:
 * - NYSE_HISTORY: NYSE's history of market closings, "NYSE Closings" (formerly
 *   http://www.nyse.com/pdfs/closings.pdf; a copy is kept at
 *   https://github.com/rsheftel/pandas_market_calendars/files/6827110/Stocks.NYSE-Closings.pdf),
 *   which lists the exchange's closings, early closes and late openings year by year.
 * - Other rows cite the NYSE / NYSE Euronext / ICE announcement they come from.
 * - Current and next years: https://www.nyse.com/markets/hours-calendars (NYSE publishes the
 *   holidays and early closes of the current year and the next two).
 * Cross-checked against the NYSE tables of pandas_market_calendars and exchange_calendars
 * (XNYS). Both list every closure below; exchange_calendars omits the four weather / system
 * early closes (1994-02-11, 1996-01-08, 1997-10-27, 2005-06-01), and pandas_market_calendars
 * omits 1999-12-31, which the NYSE board decided in April 1999 (source on the row).
 *
 * Not modelled: late openings (a snowstorm's 11:00 open on 1996-01-08, the 12:00 open on
 * 2002-09-11, one- to three-minute delays for moments of silence) and intraday halts — the
 * session still opens at 09:30 for bar alignment.
 *
 * Add a row when NYSE announces a new one-off closure (e.g. a national day of mourning).
 */
import type { WallTime } from './early-close-rules';

/** One dated exception to the NYSE rules, with where it comes from. */
export interface NyseSpecialDay {
  /** Exchange-local date, `YYYY-MM-DD`. */
  readonly date: string;
  readonly name: string;
  readonly source: string;
}

/** A day the NYSE closed early outside its early-close rules. */
export interface NyseSpecialClose extends NyseSpecialDay {
  readonly close: WallTime;
}

const NYSE_HISTORY = 'NYSE Closings history (see the top of nyse-special-days.ts)';
const BUSH_2018 =
  'NYSE press release 2018-12-01, "New York Stock Exchange to Honor President George H. W. Bush" (https://www.tmcnet.com/usubmit/2018/12/01/8860763.htm)';

/** Weekdays the NYSE was closed all day outside its holiday rules. */
export const NYSE_CLOSURES: readonly NyseSpecialDay[] = [
  { date: '1994-04-27', name: 'President Nixon funeral', source: NYSE_HISTORY },
  ...['11', '12', '13', '14'].map((day) => ({
    date: `2001-09-${day}`,
    name: 'September 11 attacks',
    source: NYSE_HISTORY,
  })),
  { date: '2004-06-11', name: 'President Reagan day of mourning', source: NYSE_HISTORY },
  { date: '2007-01-02', name: 'President Ford day of mourning', source: NYSE_HISTORY },
  ...['29', '30'].map((day) => ({
    date: `2012-10-${day}`,
    name: 'Hurricane Sandy',
    source:
      'NYSE Euronext statements of 2012-10-28 and 2012-10-29 (https://www.reuters.com/article/markets-nyse-idUSL1E8LT1720121029)',
  })),
  { date: '2018-12-05', name: 'President George H. W. Bush day of mourning', source: BUSH_2018 },
  {
    date: '2025-01-09',
    name: 'President Carter day of mourning',
    source:
      'ICE press release, December 2024 (https://ir.theice.com/press/news-details/2024/The-New-York-Stock-Exchange-Will-Close-Markets-on-January-9-to-Honor-the-Passing-of-Former-President-Jimmy-Carter-on-National-Day-of-Mourning/default.aspx)',
  },
];

const at = (hour: number, minute = 0): WallTime => ({ hour, minute });

/** Early closes outside {@link NYSE_EARLY_CLOSE_RULES}; a row wins over a rule on its day. */
export const NYSE_SPECIAL_CLOSES: readonly NyseSpecialClose[] = [
  { date: '1994-02-11', close: at(14, 30), name: 'Snowstorm', source: NYSE_HISTORY },
  { date: '1996-01-08', close: at(14), name: 'Snowstorm (opened 11:00)', source: NYSE_HISTORY },
  {
    date: '1997-10-27',
    close: at(15, 30),
    name: 'Circuit breaker: trading halted for the day',
    source: NYSE_HISTORY,
  },
  { date: '1997-12-26', close: at(13), name: 'Day after Christmas', source: NYSE_HISTORY },
  {
    date: '1999-12-31',
    close: at(13),
    name: 'Year 2000 preparations',
    source:
      'NYSE announcement 1999-04-06: board approved a 1:00 pm close on 1999-12-31 (https://mondovisione.com/media-and-resources/news/the-new-york-stock-exchange-defers-offhours-trading-until-second-half-2000)',
  },
  { date: '2003-12-26', close: at(13), name: 'Day after Christmas', source: NYSE_HISTORY },
  {
    date: '2005-06-01',
    close: at(15, 56),
    name: 'Systems communication problem',
    source: NYSE_HISTORY,
  },
];
