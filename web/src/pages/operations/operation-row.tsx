import { Component } from 'preact';
import type { OperationRecord } from '../../api';
import {
  OperationActions,
  ProgressBar,
  StatusBadge,
  formatAge,
  formatRunTime,
} from '../../components';

interface OperationRowProps {
  row: OperationRecord;
  now: number;
}

/**
 * One row of the list. It renders again only when its operation (a new object per change) or the
 * clock changed: with 50 operations at 10 Hz, a frame re-renders the handful that moved, not 50.
 */
export class OperationRow extends Component<OperationRowProps> {
  override shouldComponentUpdate(next: OperationRowProps): boolean {
    return next.row !== this.props.row || next.now !== this.props.now;
  }

  override render() {
    const { row, now } = this.props;
    return (
      <tr data-operation-id={row.operation_id} data-status={row.status}>
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
    );
  }
}
