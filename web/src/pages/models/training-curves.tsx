import type { EpochMetrics } from '../../api';
import { UPlotChart } from '../../components/charts';

/** Loss and accuracy by epoch of the training that made a version. */
export function TrainingCurves({ history }: { history: EpochMetrics[] }) {
  if (history.length === 0) {
    return <p>This version was made before training curves were kept.</p>;
  }
  const x = history.map((e) => e.epoch);
  return (
    <div class="curves" data-epochs={history.length}>
      <UPlotChart
        label={`Loss by epoch over ${history.length} epochs`}
        xLabel="epoch"
        series={[
          { label: 'train loss', stroke: '#1f5fbf' },
          { label: 'validation loss', stroke: '#b3261e' },
        ]}
        data={[x, history.map((e) => e.train_loss), history.map((e) => e.val_loss)]}
        height={220}
      />
      <UPlotChart
        label={`Accuracy by epoch over ${history.length} epochs`}
        xLabel="epoch"
        series={[
          { label: 'train accuracy', stroke: '#0b7a3e' },
          { label: 'validation accuracy', stroke: '#8a4b00' },
        ]}
        data={[x, history.map((e) => e.train_accuracy), history.map((e) => e.val_accuracy)]}
        height={220}
      />
    </div>
  );
}
