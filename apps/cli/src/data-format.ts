import type {
  ColumnarBars,
  CsvImportResult,
  SeriesRange,
  SymbolList,
  ValidationSummary,
} from './api.types';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
/** More decimals than this in a price is float noise, not information. */
const MAX_DECIMALS = 6;

/** One bar as the `data show --json` output lists it. */
export interface BarRow {
  timestamp: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** The last `limit` bars of a columnar answer, oldest first. */
export function lastBars(bars: ColumnarBars, limit: number): BarRow[] {
  const from = Math.max(0, bars.t.length - limit);
  const rows: BarRow[] = [];
  for (let i = from; i < bars.t.length; i += 1) {
    rows.push({
      timestamp: new Date(bars.t[i] ?? 0).toISOString().replace('.000Z', 'Z'),
      open: bars.o[i] ?? NaN,
      high: bars.h[i] ?? NaN,
      low: bars.l[i] ?? NaN,
      close: bars.c[i] ?? NaN,
      volume: bars.v[i] ?? NaN,
    });
  }
  return rows;
}

/**
 * The `data show` output: the cached range, then the table of `rows` (UTC times; dates
 * alone for daily and weekly bars; prices with the decimals they need, aligned).
 */
export function formatBarsTable(range: SeriesRange, bars: ColumnarBars, rows: BarRow[]): string {
  const daily = range.timeframe === '1d' || range.timeframe === '1w';
  const head =
    `${range.symbol} ${range.timeframe}: ${integer.format(range.count)} bars cached, ` +
    `${formatBarTime(range.first, daily)} → ${formatBarTime(range.last, daily)} (UTC)`;
  if (rows.length === 0) return `${head}\nNo bars in the requested window.`;
  const decimals = priceDecimals(rows);
  const price = (value: number): string => value.toFixed(decimals);
  const table = renderTable(
    ['TIME (UTC)', 'OPEN', 'HIGH', 'LOW', 'CLOSE', 'VOLUME'],
    rows.map((row) => [
      formatBarTime(row.timestamp, daily),
      price(row.open),
      price(row.high),
      price(row.low),
      price(row.close),
      integer.format(row.volume),
    ]),
  );
  const shown =
    rows.length === bars.count
      ? `${rows.length} bar(s) in the window`
      : `last ${rows.length} of ${integer.format(bars.count)} bars in the window`;
  return `${head}\n${table}\n${shown}`;
}

/**
 * The `data list` table: one row per cached series; a series the server cannot read shows its
 * error code in the row and its message below the table.
 */
export function formatSymbolsTable(list: SymbolList): string {
  const unreadable: string[] = [];
  const rows = list.symbols.flatMap((item) =>
    item.timeframes.map((series) => {
      if (series.status === 'unreadable') {
        unreadable.push(`  ${item.symbol} ${series.timeframe}: ${series.error.message}`);
        return [item.symbol, series.timeframe, '', `unreadable (${series.error.code})`, ''];
      }
      const daily = series.timeframe === '1d' || series.timeframe === '1w';
      return [
        item.symbol,
        series.timeframe,
        integer.format(series.count),
        formatBarTime(series.first, daily),
        formatBarTime(series.last, daily),
      ];
    }),
  );
  if (rows.length === 0) {
    return 'No cached data yet: load some with `ktrdr data load SYMBOL TIMEFRAME`.';
  }
  const table = renderTable(['SYMBOL', 'TIMEFRAME', 'BARS', 'FIRST (UTC)', 'LAST (UTC)'], rows);
  const footer = `${rows.length} series, ${list.symbols.length} symbol(s)`;
  if (unreadable.length === 0) return `${table}\n${footer}`;
  return [`${table}`, `${footer}, ${unreadable.length} unreadable:`, ...unreadable].join('\n');
}

/**
 * `Imported 2 bars into MSFT 1d: 2 bars cached now; validation: no issues`, then the rows the
 * import left out, by reason, with the API's examples.
 */
export function formatImportResult(result: CsvImportResult): string {
  const lines = [
    `Imported ${plural(result.imported, 'bar')} into ${result.symbol} ${result.timeframe}: ` +
      `${plural(result.merged_total, 'bar')} cached now; ` +
      `validation: ${formatValidation(result.validation)}`,
  ];
  const { rejected } = result;
  if (rejected.total > 0) {
    const reasons = Object.entries(rejected.by_reason)
      .map(([reason, count]) => `${reason} ${count}`)
      .join(', ');
    lines.push(`Rejected ${plural(rejected.total, 'row')} (${reasons}), e.g.:`);
    for (const row of rejected.examples) {
      lines.push(`  line ${row.line} ${row.time}: ${row.detail}`);
    }
  }
  return lines.join('\n');
}

/** `no issues`, or `1 error, 2 warnings (high_below_open_close 1, session_gap 2)`. */
export function formatValidation(validation: ValidationSummary | null): string {
  if (!validation) return 'not run';
  if (validation.issues.length === 0) return 'no issues';
  const kinds = validation.issues.map((issue) => `${issue.kind} ${issue.count}`).join(', ');
  return (
    `${plural(validation.total_errors, 'error')}, ` +
    `${plural(validation.total_warnings, 'warning')} (${kinds})`
  );
}

/** `2024-03-04` for daily bars, `2024-03-04 14:30` otherwise; any other text as is. */
export function formatBarTime(iso: string, dateOnly: boolean): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const text = new Date(ms).toISOString();
  return dateOnly ? text.slice(0, 10) : `${text.slice(0, 10)} ${text.slice(11, 16)}`;
}

/** `4,100`. */
export function formatCount(count: number): string {
  return integer.format(count);
}

/** `1 bar`, `21 bars`, `2 retries`. */
export function plural(count: number, noun: string, nounPlural = `${noun}s`): string {
  return `${integer.format(count)} ${count === 1 ? noun : nounPlural}`;
}

/** The fewest decimals (2 to 6) that show every price of the rows exactly. */
function priceDecimals(rows: BarRow[]): number {
  let decimals = 2;
  for (const row of rows) {
    for (const value of [row.open, row.high, row.low, row.close]) {
      const rounded = Number(value.toFixed(MAX_DECIMALS));
      const fraction = String(rounded).split('.')[1] ?? '';
      decimals = Math.max(decimals, Math.min(MAX_DECIMALS, fraction.length));
    }
  }
  return decimals;
}

/** Text columns left-aligned, numeric-looking ones right-aligned, two spaces apart. */
function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  // Empty cells (an unreadable series has no count) do not make a column textual.
  const numeric = header.map(
    (_title, i) => rows.length > 0 && rows.every((row) => /^(-?[\d,.]+)?$/.test(row[i] ?? '')),
  );
  const render = (cells: string[]): string =>
    cells
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [render(header), ...rows.map(render)].join('\n');
}
