import type { AlignedData } from 'uplot';
import type { OperationMetricsItem } from '../../api';
import { UPlotChart } from '../../components/charts';

const COLOURS = ['#1f5fbf', '#b3261e', '#0b7a3e', '#8a4b00', '#6b3fa0', '#00697a'];
/** Fields that number the points rather than measure something. */
const X_FIELDS = ['epoch', 'segment_index', 'segment', 'step', 'index'];

/**
 * The metrics series as lines: one per numeric field found in the entries (loss, accuracy,
 * bars, retries…); x is `epoch`/`segment`/`step` when the entries carry one, else their order.
 */
export function MetricsChart({ items }: { items: OperationMetricsItem[] }) {
  if (items.length === 0) return <p>No metrics recorded for this operation.</p>;
  const numeric = new Set<string>();
  for (const item of items) {
    for (const [key, value] of Object.entries(item.data)) {
      if (typeof value === 'number' && Number.isFinite(value)) numeric.add(key);
    }
  }
  const xField = X_FIELDS.find((field) => numeric.has(field));
  const fields = [...numeric].filter((field) => field !== xField);
  if (fields.length === 0) return <p>The metrics of this operation have no numeric series.</p>;
  const x = items.map((item, i) => (xField ? Number(item.data[xField]) : i + 1));
  const columns = fields.map((field) =>
    items.map((item) => {
      const value = item.data[field];
      return typeof value === 'number' ? value : null;
    }),
  );
  const data = [x, ...columns] as AlignedData;
  return (
    <UPlotChart
      label={`Metrics: ${fields.join(', ')} by ${xField ?? 'entry'}`}
      xLabel={xField ?? 'entry'}
      series={fields.map((field, i) => ({
        label: field,
        stroke: COLOURS[i % COLOURS.length] ?? '#333',
      }))}
      data={data}
    />
  );
}
