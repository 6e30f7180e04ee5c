import type { OperationRecord } from '../../api';
import {
  OperationActions,
  ProgressBar,
  StatusBadge,
  formatAge,
  formatRunTime,
  useNow,
} from '../../components';

/** The list's rows: type, status, progress (message, ETA), age, duration, actions. */
export function OperationsTable({ rows }: { rows: OperationRecord[] }) {
  const now = useNow();
  return (
    <table class="operations">
      <caption class="visually-hidden">Operations, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Operation</th>
          <th scope="col">Type</th>
          <th scope="col">Status</th>
          <th scope="col" class="col-progress">
            Progress
          </th>
          <th scope="col">Age</th>
          <th scope="col">Duration</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.operation_id} data-operation-id={row.operation_id} data-status={row.status}>
            <td>
              <a href={`/operations/${row.operation_id}`} class="mono">
                {row.operation_id}
              </a>
            </td>
            <td>{row.operation_type}</td>
            <td>
              <StatusBadge status={row.status} />
            </td>
            <td>
              <ProgressBar
                label={`Progress of ${row.operation_id}`}
                percentage={row.progress?.percentage ?? 0}
                message={row.progress?.message ?? null}
                etaSeconds={row.progress?.eta_seconds ?? null}
              />
            </td>
            <td>{formatAge(row.created_at, now)}</td>
            <td>{formatRunTime(row.started_at, row.completed_at, now)}</td>
            <td>
              <OperationActions operation={row} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
