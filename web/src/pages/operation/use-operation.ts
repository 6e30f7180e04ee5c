import { useEffect, useState } from 'preact/hooks';
import {
  isTerminal,
  keyEpoch,
  operationsApi,
  type ApiError,
  type OperationRecord,
} from '../../api';
import { frameBatch, operationsConnection } from '../../live';
import { useStore } from '../../state';

/**
 * One operation, live: loaded over REST, then followed over the socket from the seq it showed
 * (progress events, then the final status). A reconnect resumes from the last seq seen and
 * reloads the record (a restarted API may have ended it meanwhile).
 */
export function useOperation(operationId: string): {
  operation: OperationRecord | null;
  error: ApiError | null;
} {
  const [operation, setOperation] = useState<OperationRecord | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [reloads, setReloads] = useState(0);
  const epoch = useStore(keyEpoch);

  useEffect(() => {
    const abort = new AbortController();
    operationsApi
      .get(operationId, abort.signal)
      .then((result) => {
        if (result.ok) {
          setOperation(result.value);
          setError(null);
        } else setError(result.error);
      })
      .catch(() => undefined);
    return () => abort.abort();
  }, [operationId, epoch, reloads]);

  const loaded = operation !== null;
  const terminal = operation !== null && isTerminal(operation.status);
  useEffect(() => {
    if (!loaded || terminal) return;
    const batch = frameBatch<Parameters<Parameters<typeof operationsConnection.follow>[1]>[0]>(
      (events) =>
        setOperation((current) => {
          let next = current;
          for (const event of events) {
            if (next === null) break;
            if (event.kind === 'status') next = event.operation;
            else if (!isTerminal(next.status) && (next.progress?.seq ?? 0) < event.seq) {
              next = {
                ...next,
                status: next.status === 'pending' ? 'running' : next.status,
                progress: event.progress,
              };
            }
          }
          return next;
        }),
    );
    const stop = operationsConnection.follow(operationId, (event) => batch.push(event));
    const stopReconnect = operationsConnection.onReconnect(() => setReloads((n) => n + 1));
    return () => {
      stop();
      stopReconnect();
      batch.cancel();
    };
  }, [operationId, loaded, terminal]);

  return { operation, error };
}
