import type { OperationRecord } from '../../api';
import { formatTime } from '../../components';

/** The states the operation went through, with when (from its timestamps). */
export function StateTimeline({ operation }: { operation: OperationRecord }) {
  const steps: { state: string; at: string | null; note?: string }[] = [
    { state: 'pending', at: operation.created_at },
    { state: 'running', at: operation.started_at },
  ];
  if (operation.cancellation) {
    steps.push({
      state: 'cancelling',
      at: operation.cancellation.requested_at,
      note: `reason: ${operation.cancellation.reason}`,
    });
  }
  if (operation.completed_at !== null)
    steps.push({ state: operation.status, at: operation.completed_at });
  return (
    <ol class="timeline" aria-label="State timeline">
      {steps.map((step) => (
        <li key={step.state} data-state={step.state} class={step.at === null ? 'not-reached' : ''}>
          <strong>{step.state}</strong>{' '}
          {step.at === null ? '—' : <time dateTime={step.at}>{formatTime(step.at)}</time>}
          {step.note ? <span class="note"> ({step.note})</span> : null}
        </li>
      ))}
    </ol>
  );
}
