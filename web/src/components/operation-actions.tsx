import { useState } from 'preact/hooks';
import { isTerminal, operationsApi, type ApiError, type OperationRecord } from '../api';
import { ErrorNote } from './error-note';

/** The retry route is added to the API separately: until then it answers a route 404. */
function retryUnavailable(error: ApiError): boolean {
  return error.status === 404 && error.code !== 'OPERATION_NOT_FOUND';
}

/**
 * Cancel (asks for an optional reason first) and retry of one operation, with what came of it.
 * Used by the list rows and the operation page.
 */
export function OperationActions({ operation }: { operation: OperationRecord }) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<{ error?: ApiError; text?: string; retried?: string }>({});
  const id = operation.operation_id;
  const active = !isTerminal(operation.status);

  const cancel = async (event: Event) => {
    event.preventDefault();
    const result = await operationsApi.cancel(id, reason.trim() || undefined);
    setAsking(false);
    setReason('');
    setOutcome(
      result.ok ? { text: `Cancel requested (${result.value.status})` } : { error: result.error },
    );
  };

  const retry = async () => {
    const result = await operationsApi.retry(id);
    if (result.ok) setOutcome({ retried: result.value.operation_id });
    else if (retryUnavailable(result.error))
      setOutcome({ text: 'Retry is not available on this API yet' });
    else setOutcome({ error: result.error });
  };

  return (
    <div class="actions">
      {active && !asking ? (
        <button type="button" onClick={() => setAsking(true)} aria-label={`Cancel ${id}`}>
          Cancel
        </button>
      ) : null}
      {asking ? (
        <form class="cancel-form" onSubmit={(e) => void cancel(e)} aria-label={`Cancel ${id}`}>
          <label>
            Reason
            <input
              type="text"
              maxLength={200}
              value={reason}
              placeholder="optional"
              onInput={(e) => setReason(e.currentTarget.value)}
            />
          </label>
          <button type="submit" class="danger">
            Confirm cancel
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            Keep running
          </button>
        </form>
      ) : null}
      {operation.status === 'failed' || operation.status === 'cancelled' ? (
        <button type="button" onClick={() => void retry()} aria-label={`Retry ${id}`}>
          Retry
        </button>
      ) : null}
      {outcome.text ? (
        <span role="status" class="note">
          {outcome.text}
        </span>
      ) : null}
      {outcome.retried ? (
        <span role="status" class="note">
          Retried as <a href={`/operations/${outcome.retried}`}>{outcome.retried}</a>
        </span>
      ) : null}
      {outcome.error ? <ErrorNote error={outcome.error} /> : null}
    </div>
  );
}
