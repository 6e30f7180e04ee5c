import { useEffect, useRef } from 'preact/hooks';
import uPlot, { type AlignedData, type Options } from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface UPlotSeries {
  label: string;
  stroke: string;
}

export interface UPlotChartProps {
  /** Accessible name of the chart (it is an image to assistive tech; the data is in a table). */
  label: string;
  xLabel: string;
  series: UPlotSeries[];
  /** uPlot's columns: x values first, then one array per series (nulls are gaps). */
  data: AlignedData;
  height?: number;
}

/**
 * A uPlot line chart that follows its container's width. New data goes through `setData` (no
 * re-creation), so a growing series (epoch losses, segment bars) costs one redraw per update.
 * The uPlot instance is on the element as `__uplot` for tests to read the drawn series.
 */
export function UPlotChart({ label, xLabel, series, data, height = 260 }: UPlotChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const seriesKey = series.map((s) => s.label).join('|');

  useEffect(() => {
    const element = host.current;
    if (element === null) return;
    const options: Options = {
      width: Math.max(200, element.clientWidth),
      height,
      scales: { x: { time: false } },
      axes: [{ label: xLabel }, {}],
      series: [
        { label: xLabel },
        ...series.map((s) => ({ label: s.label, stroke: s.stroke, width: 2 })),
      ],
    };
    const plot = new uPlot(options, data, element);
    chart.current = plot;
    (element as HTMLDivElement & { __uplot?: uPlot }).__uplot = plot;
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(200, element.clientWidth), height }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
      chart.current = null;
    };
    // Re-created only when the set of series changes; data updates go through setData below.
  }, [seriesKey, xLabel, height]);

  useEffect(() => {
    chart.current?.setData(data);
  }, [data]);

  return <div class="chart" role="img" aria-label={label} ref={host} />;
}
