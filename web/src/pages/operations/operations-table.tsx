import type { OperationRecord } from '../../api';
import { useNow } from '../../components';
import { OperationRow } from './operation-row';

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
          <OperationRow key={row.operation_id} row={row} now={now} />
        ))}
      </tbody>
    </table>
  );
}
