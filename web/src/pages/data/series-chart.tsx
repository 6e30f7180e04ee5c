import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { dataApi, keyEpoch, type ApiError } from '../../api';
import { ErrorNote } from '../../components';
import { CandleChart, type CandleBars, type CandleMarker } from '../../components/candles';
import { useStore } from '../../state';

/** Bars per request: a screenful many times over, small enough to answer at once. */
const PAGE = 2000;

const EMPTY: CandleBars = { t: [], o: [], h: [], l: [], c: [], v: [] };

function prepend(older: CandleBars, newer: CandleBars): CandleBars {
  return {
    t: [...older.t, ...newer.t],
    o: [...older.o, ...newer.o],
    h: [...older.h, ...newer.h],
    l: [...older.l, ...newer.l],
    c: [...older.c, ...newer.c],
    v: [...older.v, ...newer.v],
  };
}

/**
 * A cached series as candles: the newest page first, older pages read backwards (`before`) as
 * the user scrolls toward the oldest bar shown, until the first cached bar. `end` limits the
 * series (bars before it); `markers` go on the candles.
 */
export function SeriesChart({
  symbol,
  timeframe,
  reload = 0,
  start,
  end,
  markers,
}: {
  symbol: string;
  timeframe: string;
  reload?: number;
  start?: string;
  end?: string;
  markers?: CandleMarker[];
}) {
  const [bars, setBars] = useState<CandleBars>(EMPTY);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const older = useRef<string | null>(null);
  const loading = useRef(false);
  const abort = useRef<AbortController | null>(null);
  const epoch = useStore(keyEpoch);

  const readPage = useCallback(
    async (before: string, signal: AbortSignal): Promise<CandleBars | null> => {
      const result = await dataApi.barsBefore(
        symbol,
        timeframe,
        { before, limit: PAGE, ...(start !== undefined && { start }) },
        signal,
      );
      if (!result.ok) {
        setError(result.error);
        return null;
      }
      older.current = result.value.previous ?? null;
      return result.value;
    },
    [symbol, timeframe, start],
  );

  useEffect(() => {
    const controller = new AbortController();
    abort.current = controller;
    older.current = null;
    setBars(EMPTY);
    setError(null);
    loading.current = true;
    void (async () => {
      const range = await dataApi.range(symbol, timeframe, controller.signal);
      if (!range.ok) {
        setError(range.error);
        return;
      }
      setTotal(range.value.count);
      const last = new Date(Date.parse(range.value.last) + 1).toISOString();
      const before = end !== undefined && end < last ? end : last;
      const page = await readPage(before, controller.signal);
      if (page !== null) setBars(page);
    })()
      .catch(() => undefined)
      .finally(() => {
        loading.current = false;
      });
    return () => controller.abort();
  }, [symbol, timeframe, end, reload, epoch, readPage]);

  const loadOlder = useCallback(() => {
    const before = older.current;
    const signal = abort.current?.signal;
    if (before === null || loading.current || signal === undefined) return;
    loading.current = true;
    void readPage(before, signal)
      .then((page) => {
        if (page !== null) setBars((current) => prepend(page, current));
      })
      .catch(() => undefined)
      .finally(() => {
        loading.current = false;
      });
  }, [readPage]);

  if (error) return <ErrorNote error={error} prefix={`${symbol} ${timeframe}`} />;
  return (
    <figure class="series-chart" data-total={total ?? undefined} data-loaded={bars.t.length}>
      <CandleChart
        label={`${symbol} ${timeframe} candlesticks with volume`}
        bars={bars}
        {...(markers !== undefined && { markers })}
        onNearStart={loadOlder}
      />
      <figcaption>
        {bars.t.length.toLocaleString('en')} bars shown of {total?.toLocaleString('en') ?? '…'}{' '}
        cached; scroll left for older ones, wheel or pinch to zoom.
      </figcaption>
    </figure>
  );
}
