import { useEffect } from 'preact/hooks';
import { isTerminal, type OperationRecord } from '../../api';
import { ErrorNote, ProgressBar, StatusBadge } from '../../components';
import { useOperation } from './use-operation';

/**
 * One operation's live progress where it was started (a load, a training): status, bar with
 * message and ETA, a link to its page; `onEnd` once it reaches a final state.
 */
export function OperationProgress({
  operationId,
  onEnd,
}: {
  operationId: string;
  onEnd?: (operation: OperationRecord) => void;
}) {
  const { operation, error } = useOperation(operationId);
  const ended = operation !== null && isTerminal(operation.status);
  useEffect(() => {
    if (ended) onEnd?.(operation);
    // Only the transition matters, not a new callback identity.
  }, [ended]);

  if (error) return <ErrorNote error={error} prefix={operationId} />;
  if (operation === null) return <p aria-busy="true">Starting {operationId}…</p>;
  return (
    <div class="operation-progress" data-operation-id={operationId} data-status={operation.status}>
      <p>
        <a href={`/operations/${operationId}`}>{operationId}</a>{' '}
        <StatusBadge status={operation.status} />
      </p>
      <ProgressBar
        label={`Progress of ${operationId}`}
        percentage={operation.progress?.percentage ?? 0}
        message={operation.progress?.message ?? null}
        etaSeconds={ended ? null : (operation.progress?.eta_seconds ?? null)}
      />
      {operation.error ? (
        <ErrorNote
          error={{ status: 0, code: operation.error.code, message: operation.error.message }}
          prefix="Failed"
        />
      ) : null}
    </div>
  );
}
