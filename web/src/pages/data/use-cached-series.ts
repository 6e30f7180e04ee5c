import { useEffect, useState } from 'preact/hooks';
import { dataApi, keyEpoch, type ApiError, type CachedSymbol } from '../../api';
import { useStore } from '../../state';

/** The cached series (`GET /symbols`), reloaded when `reload` changes or a key is entered. */
export function useCachedSeries(reload: number): {
  symbols: CachedSymbol[] | null;
  error: ApiError | null;
} {
  const [symbols, setSymbols] = useState<CachedSymbol[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const epoch = useStore(keyEpoch);
  useEffect(() => {
    const abort = new AbortController();
    dataApi
      .symbols(abort.signal)
      .then((result) => {
        if (result.ok) {
          setSymbols(result.value.symbols);
          setError(null);
        } else setError(result.error);
      })
      .catch(() => undefined);
    return () => abort.abort();
  }, [reload, epoch]);
  return { symbols, error };
}
