import { trainingApi } from '../../api';
import { ErrorNote, formatDuration, formatTime, useApiValue } from '../../components';
import { ConfusionMatrix } from './confusion-matrix';
import { PredictPanel } from './predict-panel';
import { TrainingCurves } from './training-curves';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** One version: test metrics, confusion matrix, training curves, predictions. */
export function ModelDetail({ strategy, version }: { strategy: string; version: string }) {
  const { value: model, error } = useApiValue(
    (signal) => trainingApi.model(strategy, version, signal),
    [strategy, version],
  );

  if (error) return <ErrorNote error={error} prefix={`${strategy} ${version}`} />;
  if (model === null) return <p aria-busy="true">Loading {version}…</p>;
  const test = model.test_metrics;
  const training = model.training_metrics;
  return (
    <article aria-labelledby="model-title" data-version={model.version}>
      <h2 id="model-title">
        {model.strategy} {model.version}
        {model.is_latest ? ' (latest)' : ''}
      </h2>
      <dl class="facts">
        <dt>Trained on</dt>
        <dd>
          {model.symbols.join(', ')} · {model.timeframes.join(', ')}
        </dd>
        <dt>Created</dt>
        <dd>{formatTime(model.created_at)}</dd>
        <dt>Training</dt>
        <dd>
          {training.epochs_completed} epochs (best {training.best_epoch}
          {training.early_stopped ? ', stopped early' : ''}) in{' '}
          {formatDuration(training.training_time_ms)}
          {model.operation_id !== null ? (
            <>
              {' '}
              · <a href={`/operations/${model.operation_id}`}>{model.operation_id}</a>
            </>
          ) : null}
        </dd>
      </dl>
      <table class="metrics">
        <caption>Test metrics</caption>
        <thead>
          <tr>
            <th scope="col">Class</th>
            <th scope="col">Precision</th>
            <th scope="col">Recall</th>
            <th scope="col">F1</th>
            <th scope="col">Support</th>
          </tr>
        </thead>
        <tbody>
          {(['BUY', 'HOLD', 'SELL'] as const).map((c) => {
            const m = test.per_class[c];
            return (
              <tr key={c}>
                <th scope="row">{c}</th>
                <td>{pct(m.precision)}</td>
                <td>{pct(m.recall)}</td>
                <td>{pct(m.f1)}</td>
                <td>{m.support}</td>
              </tr>
            );
          })}
          <tr>
            <th scope="row">weighted</th>
            <td>{pct(test.precision)}</td>
            <td>{pct(test.recall)}</td>
            <td>{pct(test.f1)}</td>
            <td>
              accuracy {pct(test.accuracy)}, loss {test.loss.toFixed(4)}
            </td>
          </tr>
        </tbody>
      </table>
      <ConfusionMatrix matrix={test.confusion_matrix} />
      <h3>Training curves</h3>
      <TrainingCurves history={model.training_history} />
      <PredictPanel model={model} />
    </article>
  );
}
