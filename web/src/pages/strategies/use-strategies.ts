import { useEffect, useState } from 'preact/hooks';
import { keyEpoch, trainingApi, type ApiError, type StrategySummary } from '../../api';
import { useStore } from '../../state';

/** The strategy files with their problems (`GET /strategies`). */
export function useStrategies(): { strategies: StrategySummary[] | null; error: ApiError | null } {
  const [strategies, setStrategies] = useState<StrategySummary[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const epoch = useStore(keyEpoch);
  useEffect(() => {
    const abort = new AbortController();
    trainingApi
      .strategies(abort.signal)
      .then((result) => {
        if (result.ok) {
          setStrategies(result.value);
          setError(null);
        } else setError(result.error);
      })
      .catch(() => undefined);
    return () => abort.abort();
  }, [epoch]);
  return { strategies, error };
}
