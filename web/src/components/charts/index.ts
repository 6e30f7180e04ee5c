// Chart wrappers. Import from here only in a page (its own chunk): uPlot (and lightweight-charts
// for candles, W2) must not reach the first load.
export { UPlotChart, type UPlotChartProps, type UPlotSeries } from './uplot-chart';
