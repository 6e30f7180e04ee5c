import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import {
  isTerminal,
  keyEpoch,
  operationsApi,
  type ApiError,
  type OperationFeedEntry,
  type OperationEvent,
  type OperationQuery,
  type OperationRecord,
} from '../../api';
import { frameBatch, operationsConnection } from '../../live';
import { useStore } from '../../state';

export interface OperationsList {
  rows: OperationRecord[];
  total: number;
  activeCount: number;
  loading: boolean;
  error: ApiError | null;
  /** Reloads the page from the API. */
  reload: () => void;
}

type Change =
  { kind: 'feed'; entry: OperationFeedEntry } | { kind: 'event'; event: OperationEvent };

function matches(query: OperationQuery, operation: OperationRecord): boolean {
  return (
    (!query.status || operation.status === query.status) &&
    (!query.operation_type || operation.operation_type === query.operation_type)
  );
}

/**
 * One page of the operations list, kept live: the list feed adds created operations (on the
 * first page) and moves statuses; each active row on the page follows its own progress events.
 * Changes are applied once per animation frame; a reconnect or a new key reloads the page.
 */
export function useOperationsList(query: OperationQuery): OperationsList {
  const [rows, setRows] = useState<OperationRecord[]>([]);
  const [total, setTotal] = useState(0);
  const [activeCount, setActiveCount] = useState(0);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [reloads, setReloads] = useState(0);
  const epoch = useStore(keyEpoch);
  const queryRef = useRef(query);
  queryRef.current = query;
  const queryKey = JSON.stringify(query);

  // Load the page. A layout effect: the request leaves before the first paint, not after it.
  useLayoutEffect(() => {
    const abort = new AbortController();
    setLoading(true);
    operationsApi
      .list(query, abort.signal)
      .then((result) => {
        setLoading(false);
        if (!result.ok) {
          setError(result.error);
          return;
        }
        setError(null);
        setRows(result.value.items);
        setTotal(result.value.total);
        setActiveCount(result.value.active_count);
      })
      .catch(() => undefined); // aborted: a newer load replaced this one
    return () => abort.abort();
  }, [queryKey, epoch, reloads]);

  // Live changes from the feed, batched per frame.
  useEffect(() => {
    const batch = frameBatch<Change>((changes) => {
      setRows((current) =>
        applyChanges(current, changes, queryRef.current, setTotal, setActiveCount),
      );
    });
    const stopFeed = operationsConnection.onFeed((entry) => batch.push({ kind: 'feed', entry }));
    const stopReconnect = operationsConnection.onReconnect(() => setReloads((n) => n + 1));
    return () => {
      stopFeed();
      stopReconnect();
      batch.cancel();
    };
  }, []);

  // Progress of the active rows on the page.
  const activeIds = rows.filter((row) => !isTerminal(row.status)).map((row) => row.operation_id);
  const activeKey = activeIds.join(',');
  useEffect(() => {
    const batch = frameBatch<Change>((changes) => {
      setRows((current) =>
        applyChanges(current, changes, queryRef.current, setTotal, setActiveCount),
      );
    });
    const stops = activeIds.map((id) =>
      operationsConnection.follow(id, (event) => batch.push({ kind: 'event', event })),
    );
    return () => {
      for (const stop of stops) stop();
      batch.cancel();
    };
  }, [activeKey]);

  return { rows, total, activeCount, loading, error, reload: () => setReloads((n) => n + 1) };
}

function applyChanges(
  current: OperationRecord[],
  changes: Change[],
  query: OperationQuery,
  setTotal: (change: (total: number) => number) => void,
  setActiveCount: (change: (count: number) => number) => void,
): OperationRecord[] {
  let rows = current;
  const index = new Map(rows.map((row, i) => [row.operation_id, i]));
  const replace = (operation: OperationRecord): boolean => {
    const at = index.get(operation.operation_id);
    if (at === undefined) return false;
    if (rows === current) rows = [...current];
    rows[at] = operation;
    return true;
  };
  for (const change of changes) {
    if (change.kind === 'feed') {
      const { operation } = change.entry;
      if (change.entry.kind === 'created') {
        if (index.has(operation.operation_id)) continue;
        setActiveCount((count) => count + 1);
        if (!matches(query, operation)) continue;
        setTotal((total) => total + 1);
        if (query.offset !== 0) continue;
        rows = [operation, ...rows].slice(0, query.limit);
        index.clear();
        rows.forEach((row, i) => index.set(row.operation_id, i));
      } else {
        const before = rows[index.get(operation.operation_id) ?? -1];
        if (isTerminal(operation.status) && (before === undefined || !isTerminal(before.status))) {
          setActiveCount((count) => Math.max(0, count - 1));
        }
        replace(mergeProgress(before, operation));
      }
      continue;
    }
    const { event } = change;
    const at = index.get(event.operation_id);
    const row = at === undefined ? undefined : rows[at];
    if (row === undefined) continue;
    if (event.kind === 'status') {
      replace(mergeProgress(row, event.operation));
    } else if (!isTerminal(row.status) && (row.progress?.seq ?? 0) < event.seq) {
      replace({
        ...row,
        status: row.status === 'pending' ? 'running' : row.status,
        progress: event.progress,
      });
    }
  }
  return rows;
}

/** A feed record can carry older progress than the row already shows: keep the newer one. */
function mergeProgress(
  before: OperationRecord | undefined,
  after: OperationRecord,
): OperationRecord {
  if (before?.progress && (after.progress?.seq ?? 0) < before.progress.seq) {
    return { ...after, progress: before.progress };
  }
  return after;
}
