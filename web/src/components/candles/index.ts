// Candlestick charts (lightweight-charts), apart from ./charts (uPlot) so that each library is
// its own chunk: import from here only in the pages that draw candles.
export {
  CandleChart,
  type CandleBars,
  type CandleChartProps,
  type CandleMarker,
} from './candle-chart';
