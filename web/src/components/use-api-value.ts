import type { Inputs } from 'preact/hooks';
import { useEffect, useState } from 'preact/hooks';
import { keyEpoch, type ApiError, type ApiResult } from '../api';
import { useStore } from '../state';

/**
 * A value read from the API when `deps` change or a key is entered: the last good value and the
 * last error (a newer answer replaces both); the request is aborted when the page moves on.
 */
export function useApiValue<T>(
  read: (signal: AbortSignal) => Promise<ApiResult<T>>,
  deps: Inputs,
): { value: T | null; error: ApiError | null } {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const epoch = useStore(keyEpoch);
  useEffect(() => {
    const abort = new AbortController();
    read(abort.signal)
      .then((result) => {
        if (result.ok) {
          setValue(result.value);
          setError(null);
        } else setError(result.error);
      })
      .catch(() => undefined);
    return () => abort.abort();
    // `read` is a new closure each render; what it reads is in `deps`.
  }, [...deps, epoch]);
  return { value, error };
}
