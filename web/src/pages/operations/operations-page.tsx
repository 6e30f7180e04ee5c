import { OPERATION_STATUSES } from '../../api';
import { ErrorNote } from '../../components';
import { navigate, useLocation } from '../../router';
import { OperationsTable } from './operations-table';
import { StartDummyForm } from './start-dummy-form';
import { useOperationsList } from './use-operations-list';

/** Rows per page: the list is paged, so 1,000 stored operations render as fast as 50. */
export const PAGE_SIZE = 50;
const KNOWN_TYPES = ['data_load', 'training', 'dummy'];

/** Operations: the live list with filters (kept in the URL), paging, and a dummy starter. */
export default function OperationsPage() {
  const { path, query } = useLocation();
  const status = query.get('status') ?? '';
  const type = query.get('type') ?? '';
  const page = Math.max(0, Number(query.get('page') ?? '0') || 0);
  const list = useOperationsList({
    status,
    operation_type: type,
    limit: PAGE_SIZE,
    offset: page * PAGE_SIZE,
  });

  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(query);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name !== 'page') next.delete('page');
    const search = next.toString();
    navigate(`${path}${search ? `?${search}` : ''}`, { replace: true });
  };
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const types = [...new Set([...KNOWN_TYPES, ...list.rows.map((row) => row.operation_type)])];

  return (
    <section aria-labelledby="operations-title">
      <h1 id="operations-title">Operations</h1>
      <StartDummyForm />
      <div class="toolbar">
        <label>
          Status
          <select value={status} onChange={(e) => setParam('status', e.currentTarget.value)}>
            <option value="">all</option>
            {OPERATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Type
          <select value={type} onChange={(e) => setParam('type', e.currentTarget.value)}>
            <option value="">all</option>
            {types.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <span class="note" aria-live="polite">
          {list.total} operations, {list.activeCount} active
        </span>
      </div>
      {list.error ? <ErrorNote error={list.error} prefix="The list could not be loaded" /> : null}
      {!list.loading && list.rows.length === 0 && !list.error ? (
        <p>No operations{status || type ? ' match these filters' : ' yet'}.</p>
      ) : (
        <OperationsTable rows={list.rows} />
      )}
      <nav class="pager" aria-label="Pages of the list">
        <button
          type="button"
          disabled={page === 0}
          onClick={() => setParam('page', String(page - 1))}
        >
          Newer
        </button>
        <span>
          Page {page + 1} of {pages}
        </span>
        <button
          type="button"
          disabled={page + 1 >= pages}
          onClick={() => setParam('page', String(page + 1))}
        >
          Older
        </button>
      </nav>
    </section>
  );
}
