import type { AlignedData } from 'uplot';
import { isTerminal } from '../../api';
import { UPlotChart } from '../../components/charts';
import { useMetrics } from '../operation/use-metrics';
import { useOperation } from '../operation/use-operation';

/** A running training's loss curves, growing epoch by epoch (its metrics series). */
export function TrainingCurve({ operationId }: { operationId: string }) {
  const { operation } = useOperation(operationId);
  const ended = operation !== null && isTerminal(operation.status);
  // Once it ended, a fresh reader reads the whole series: the last epochs may have been
  // appended after the last progress event, and a read then in flight would miss them.
  return (
    <LossCurve
      key={ended ? 'final' : 'live'}
      operationId={operationId}
      tick={operation?.progress?.seq ?? 0}
    />
  );
}

function LossCurve({ operationId, tick }: { operationId: string; tick: number }) {
  const items = useMetrics(operationId, tick);
  const epochs = items
    .map((item) => item.data)
    .filter((d): d is Record<string, number> => typeof d['epoch'] === 'number');
  if (epochs.length === 0) return <p class="note">The loss curve appears after the first epoch.</p>;
  const data: AlignedData = [
    epochs.map((e) => e['epoch'] ?? 0),
    epochs.map((e) => e['train_loss'] ?? null),
    epochs.map((e) => e['val_loss'] ?? null),
  ];
  return (
    <div class="training-curve" data-epochs={epochs.length}>
      <UPlotChart
        label={`Loss by epoch of ${operationId}: ${epochs.length} epochs so far`}
        xLabel="epoch"
        series={[
          { label: 'train loss', stroke: '#1f5fbf' },
          { label: 'validation loss', stroke: '#b3261e' },
        ]}
        data={data}
      />
    </div>
  );
}
