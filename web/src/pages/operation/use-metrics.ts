import { useEffect, useRef, useState } from 'preact/hooks';
import { operationsApi, type OperationMetricsItem } from '../../api';

/**
 * The operation's metrics series, read with its cursor: everything once, then what was appended
 * whenever `tick` changes (the page passes the progress seq), at most once a second.
 */
export function useMetrics(operationId: string, tick: number): OperationMetricsItem[] {
  const [items, setItems] = useState<OperationMetricsItem[]>([]);
  const reader = useRef<{ read: () => Promise<void>; lastRead: number } | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    let cursor: number | null = null;
    let reading = false;
    setItems([]);
    const state = {
      lastRead: 0,
      async read() {
        if (reading || abort.signal.aborted) return;
        reading = true;
        state.lastRead = Date.now();
        try {
          for (;;) {
            const result = await operationsApi.metrics(operationId, cursor, abort.signal);
            if (!result.ok || result.value.items.length === 0) break;
            const page = result.value;
            cursor = page.items.at(-1)?.cursor ?? cursor;
            setItems((current) => [...current, ...page.items]);
            if (page.next_cursor === null) break;
          }
        } finally {
          reading = false;
        }
      },
    };
    reader.current = state;
    return () => {
      abort.abort();
      reader.current = null;
    };
  }, [operationId]);

  useEffect(() => {
    const state = reader.current;
    if (state === null) return;
    const timer = setTimeout(
      () => void state.read().catch(() => undefined),
      Math.max(0, 1000 - (Date.now() - state.lastRead)),
    );
    return () => clearTimeout(timer);
  }, [operationId, tick]);

  return items;
}
