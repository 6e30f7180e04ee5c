import {
  ErrorNote,
  OperationActions,
  ProgressBar,
  StatusBadge,
  formatRunTime,
  useNow,
} from '../../components';
import type { PageProps } from '../../router';
import { MetricsChart } from './metrics-chart';
import { StateTimeline } from './state-timeline';
import { useMetrics } from './use-metrics';
import { useOperation } from './use-operation';

/** Operation: state timeline, live progress and step, metrics chart, result or error. */
export default function OperationPage({ params }: PageProps) {
  const id = params['id'] ?? '';
  const { operation, error } = useOperation(id);
  const metrics = useMetrics(id, operation?.progress?.seq ?? 0);
  const now = useNow();

  if (error) {
    return (
      <section>
        <h1>Operation</h1>
        <ErrorNote error={error} prefix={`Operation ${id}`} />
        <a href="/">Back to operations</a>
      </section>
    );
  }
  if (operation === null) return <p aria-busy="true">Loading {id}…</p>;
  const progress = operation.progress;
  return (
    <section aria-labelledby="operation-title" data-operation-id={operation.operation_id}>
      <p>
        <a href="/">← Operations</a>
      </p>
      <h1 id="operation-title" class="mono">
        {operation.operation_id}
      </h1>
      <dl class="facts">
        <dt>Type</dt>
        <dd>{operation.operation_type}</dd>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={operation.status} />
        </dd>
        <dt>Duration</dt>
        <dd>{formatRunTime(operation.started_at, operation.completed_at, now)}</dd>
        <dt>Step</dt>
        <dd data-testid="step">
          {progress?.step_name ?? '—'}
          {progress ? ` (${progress.steps_completed}/${progress.steps_total})` : ''}
          {progress?.items_total
            ? ` · ${progress.items_processed ?? 0}/${progress.items_total} items`
            : ''}
        </dd>
      </dl>
      <ProgressBar
        label={`Progress of ${operation.operation_id}`}
        percentage={progress?.percentage ?? 0}
        message={progress?.message ?? null}
        etaSeconds={progress?.eta_seconds ?? null}
      />
      <OperationActions operation={operation} />
      <h2>Timeline</h2>
      <StateTimeline operation={operation} />
      <h2>Metrics</h2>
      <MetricsChart items={metrics} />
      {operation.error ? (
        <>
          <h2>Error</h2>
          <p class="error" data-testid="operation-error">
            <code>{operation.error.code}</code> {operation.error.message}
          </p>
        </>
      ) : null}
      {operation.result !== null && operation.result !== undefined ? (
        <>
          <h2>Result</h2>
          <pre class="result" tabIndex={0} aria-label="Result">
            {JSON.stringify(operation.result, null, 2)}
          </pre>
        </>
      ) : null}
      <h2>Metadata</h2>
      <pre class="result" tabIndex={0} aria-label="Metadata">
        {JSON.stringify(operation.metadata, null, 2)}
      </pre>
    </section>
  );
}
