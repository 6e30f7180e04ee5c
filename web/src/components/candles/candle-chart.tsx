import { useEffect, useRef } from 'preact/hooks';
import {
  CandlestickSeries,
  createChart,
  createSeriesMarkers,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import './candle-chart.css';

/** Bars, columnar as the API answers them; `t` in epoch ms UTC, ascending. */
export interface CandleBars {
  t: number[];
  o: number[];
  h: number[];
  l: number[];
  c: number[];
  v: number[];
}

/** A BUY/SELL marker on the bar opening at `t` (epoch ms). */
export interface CandleMarker {
  t: number;
  signal: 'BUY' | 'SELL';
}

export interface CandleChartProps {
  /**
   * Accessible name. The chart is a labelled group, not an image: it holds the library's
   * attribution link, which must stay reachable.
   */
  label: string;
  bars: CandleBars;
  markers?: CandleMarker[];
  /** Called when the user scrolls near the oldest bar shown: load older bars and prepend them. */
  onNearStart?: () => void;
  height?: number;
}

const UP = '#0b7a3e';
const DOWN = '#b3261e';
/** Bars from the left edge that trigger loading older ones. */
const NEAR_START = 20;

const seconds = (ms: number) => Math.floor(ms / 1000) as UTCTimestamp;

/**
 * Candlesticks with volume below (lightweight-charts): scroll and zoom with mouse, touch or
 * keyboard-free wheel; `onNearStart` when the left edge comes close to the oldest bar. The
 * element carries `data-bars` (the candle series' length as drawn) and `data-markers`, set
 * from the series itself, for tests and tools to read.
 */
export function CandleChart({ label, bars, markers, onNearStart, height = 420 }: CandleChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const parts = useRef<{
    chart: IChartApi;
    candles: ISeriesApi<'Candlestick'>;
    volume: ISeriesApi<'Histogram'>;
    marks: ISeriesMarkersPluginApi<Time>;
  } | null>(null);
  const nearStart = useRef(onNearStart);
  nearStart.current = onNearStart;

  useEffect(() => {
    const element = host.current;
    if (element === null) return;
    const chart = createChart(element, {
      height,
      autoSize: true,
      layout: { textColor: '#1a1a1a', background: { color: '#ffffff' } },
      timeScale: { timeVisible: true, secondsVisible: false },
    });
    const candles = chart.addSeries(CandlestickSeries, {
      upColor: UP,
      downColor: DOWN,
      borderVisible: false,
      wickUpColor: UP,
      wickDownColor: DOWN,
    });
    const volume = chart.addSeries(HistogramSeries, {
      priceScaleId: 'volume',
      priceFormat: { type: 'volume' },
      color: '#9db4d6',
    });
    chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    candles.priceScale().applyOptions({ scaleMargins: { top: 0.05, bottom: 0.25 } });
    const marks = createSeriesMarkers(candles, []);
    chart.timeScale().subscribeVisibleLogicalRangeChange((range) => {
      if (range !== null && range.from < NEAR_START) nearStart.current?.();
    });
    parts.current = { chart, candles, volume, marks };
    return () => {
      parts.current = null;
      chart.remove();
    };
  }, [height]);

  useEffect(() => {
    const current = parts.current;
    const element = host.current;
    if (current === null || element === null) return;
    const before = current.candles.data();
    const shown = current.chart.timeScale().getVisibleLogicalRange();
    current.candles.setData(
      bars.t.map((t, i) => ({
        time: seconds(t),
        open: bars.o[i]!,
        high: bars.h[i]!,
        low: bars.l[i]!,
        close: bars.c[i]!,
      })),
    );
    current.volume.setData(
      bars.t.map((t, i) => ({
        time: seconds(t),
        value: bars.v[i]!,
        color: bars.c[i]! >= bars.o[i]! ? '#9fd3b4' : '#e6a9a4',
      })),
    );
    const n = bars.t.length;
    const oldFirst = before[0]?.time;
    if (before.length === 0 && n > 0) {
      current.chart.timeScale().setVisibleLogicalRange({ from: Math.max(0, n - 150), to: n });
    } else if (
      shown !== null &&
      oldFirst !== undefined &&
      seconds(bars.t[0] ?? 0) < (oldFirst as UTCTimestamp)
    ) {
      // Older bars were prepended: keep the same bars in view (logical indexes moved right).
      const added = n - before.length;
      current.chart
        .timeScale()
        .setVisibleLogicalRange({ from: shown.from + added, to: shown.to + added });
    }
    element.dataset['bars'] = String(current.candles.data().length);
  }, [bars]);

  useEffect(() => {
    const current = parts.current;
    const element = host.current;
    if (current === null || element === null) return;
    const list: SeriesMarker<Time>[] = (markers ?? []).map((m) =>
      m.signal === 'BUY'
        ? // Arrows without text: on a dense series the labels would cover the candles.
          { time: seconds(m.t), position: 'belowBar', shape: 'arrowUp', color: UP }
        : { time: seconds(m.t), position: 'aboveBar', shape: 'arrowDown', color: DOWN },
    );
    current.marks.setMarkers(list);
    element.dataset['markers'] = String(current.marks.markers().length);
  }, [markers, bars]);

  return (
    <div
      class="candle-chart"
      role="group"
      aria-label={label}
      ref={host}
      style={{ height: `${height}px` }}
    />
  );
}
