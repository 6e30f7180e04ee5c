import { Option, type Command } from 'commander';
import type { ApiClient } from '../api-client';
import type { ColumnarBars, DataLoadRequest } from '../api.types';
import type { CliContext } from '../cli-context';
import { formatBarsTable, formatImportResult, formatSymbolsTable, lastBars } from '../data-format';
import { formatLoadSummary, isDataLoadResult } from '../data-load-format';
import {
  assertDateOrder,
  LOAD_MODES,
  type LoadMode,
  parseDateArg,
  parseSymbolArg,
  parseTimeframeArg,
  TIMEFRAMES,
} from '../data-params';
import { readLocalFile } from '../read-text-file';
import { runWatchAndSummarize } from '../run-and-watch';
import { integerArgument } from './option-parsers';

interface LoadOptions {
  mode: LoadMode;
  start?: string;
  end?: string;
  repair?: boolean;
}

interface ShowOptions {
  start?: string;
  end?: string;
  limit: number;
  json?: boolean;
}

/** Bars per page `data show` asks for: the API's maximum. */
const BARS_PAGE_MAX = 100_000;
const TIMEFRAME_HELP = `bar size: ${TIMEFRAMES.join(', ')}`;
const SYMBOL_HELP = 'e.g. AAPL or EUR.USD (case-insensitive)';

/** `ktrdr data load|show|list|import`. */
export function registerDataCommand(program: Command, ctx: CliContext): void {
  const data = program.command('data').description('load, inspect and import market data (OHLCV)');

  data
    .command('load')
    .description('load bars into the local cache and watch the load (Ctrl+C cancels it)')
    .argument('<symbol>', SYMBOL_HELP, parseSymbolArg)
    .argument('<timeframe>', TIMEFRAME_HELP, parseTimeframeArg)
    .addOption(
      new Option('--mode <mode>', 'what to fetch: local reads the cache only')
        .choices(LOAD_MODES)
        .default('tail'),
    )
    .option('--start <date>', 'start, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)', parseDateArg)
    .option('--end <date>', 'end (default now), same formats', parseDateArg)
    .option('--repair', 'clamp or drop invalid bars after the load')
    .action(async (symbol: string, timeframe: string, options: LoadOptions) => {
      assertDateOrder(options.start, options.end);
      const request: DataLoadRequest = {
        symbol,
        timeframe,
        mode: options.mode,
        ...(options.start !== undefined && { start_date: options.start }),
        ...(options.end !== undefined && { end_date: options.end }),
        ...(options.repair && { repair: true }),
      };
      await loadAndSummarize(ctx, request);
    });

  data
    .command('show')
    .description('print the last cached bars of a series (or of a window of it) and its range')
    .argument('<symbol>', SYMBOL_HELP, parseSymbolArg)
    .argument('<timeframe>', TIMEFRAME_HELP, parseTimeframeArg)
    .option('--start <date>', 'only bars from this time on (UTC)', parseDateArg)
    .option('--end <date>', 'only bars up to this time (UTC)', parseDateArg)
    .option('--limit <n>', 'how many of the last bars to print', integerArgument(1, 1_000_000), 20)
    .option('--json', 'print the range and the bars as JSON')
    .action(async (symbol: string, timeframe: string, options: ShowOptions) => {
      assertDateOrder(options.start, options.end, true);
      const api = ctx.api();
      const window = { start: options.start, end: options.end };
      const [range, bars] = await Promise.all([
        api.getSeriesRange(symbol, timeframe),
        lastBarsOfWindow(api, symbol, timeframe, window, options.limit),
      ]);
      const rows = lastBars(bars, options.limit);
      const text = options.json
        ? toJson({ ...range, bars_in_window: bars.count, bars: rows })
        : formatBarsTable(range, bars, rows);
      printOut(ctx, text);
    });

  data
    .command('list')
    .description('list the cached series: symbol, timeframe, bar count and range')
    .option('--json', 'print the API answer as JSON')
    .action(async (options: { json?: boolean }) => {
      const list = await ctx.api().listSymbols();
      printOut(ctx, options.json ? toJson(list) : formatSymbolsTable(list));
    });

  data
    .command('import')
    .description('merge a local CSV file (any common vendor layout) into the cache')
    .argument('<file>', 'CSV file with date/time, open, high, low, close, volume columns')
    .requiredOption('--symbol <symbol>', SYMBOL_HELP, parseSymbolArg)
    .requiredOption('--timeframe <timeframe>', TIMEFRAME_HELP, parseTimeframeArg)
    .action(async (file: string, options: { symbol: string; timeframe: string }) => {
      const csv = await readLocalFile(file);
      const result = await ctx.api().importCsv(options.symbol, options.timeframe, csv);
      printOut(ctx, formatImportResult(result));
    });
}

/**
 * The last `keep` bars of the window and the number of bars in it (`count`): reads it page by
 * page, following `next`, holding one page and the kept bars at a time.
 */
async function lastBarsOfWindow(
  api: ApiClient,
  symbol: string,
  timeframe: string,
  window: { start?: string; end?: string },
  keep: number,
): Promise<ColumnarBars> {
  let kept: ColumnarBars | null = null;
  let count = 0;
  for (let start = window.start; ;) {
    const page = await api.getBars(symbol, timeframe, { ...window, start, limit: BARS_PAGE_MAX });
    count += page.count;
    kept = keepLast(kept, page, keep);
    if (page.next === null) return { ...kept, count };
    start = page.next;
  }
}

/** The last `keep` bars of `earlier` followed by `page`. */
function keepLast(earlier: ColumnarBars | null, page: ColumnarBars, keep: number): ColumnarBars {
  const out = { ...page };
  for (const key of ['t', 'o', 'h', 'l', 'c', 'v'] as const) {
    out[key] = (earlier ? earlier[key].concat(page[key]) : page[key]).slice(-keep);
  }
  return out;
}

/** Starts the load, watches it like any operation, then prints the load's own summary. */
function loadAndSummarize(ctx: CliContext, request: DataLoadRequest): Promise<void> {
  return runWatchAndSummarize(
    ctx,
    (api, signal) => api.startDataLoad(request, signal),
    (result) => (isDataLoadResult(result) ? formatLoadSummary(result) : null),
  );
}

function printOut(ctx: CliContext, text: string): void {
  ctx.stdout.write(`${text}\n`);
}

function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
