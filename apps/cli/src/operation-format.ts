import type { OperationList, OperationRecord } from './api.types';
import { formatProgressLine } from './progress-format';
import { elapsedMs, formatDuration, formatTimestamp } from './time-format';

const SUMMARY_MAX = 200;
/** Nested objects longer than this are abridged to `{…}`. */
const NESTED_MAX = 60;

/** `op_dummy_… completed in 1.2s: steps_completed=5` — the last line of a watched operation. */
export function formatFinalLine(operation: OperationRecord): string {
  const ms = elapsedMs(operation.started_at ?? operation.created_at, operation.completed_at);
  const duration = ms === undefined ? '' : formatDuration(ms);
  const head = `${operation.operation_id} ${operation.status}`;
  const summary = summarizeResult(operation.result);
  switch (operation.status) {
    case 'completed':
      return `${head}${duration && ` in ${duration}`}${summary && `: ${summary}`}`;
    case 'failed': {
      const error = operation.error ? `${operation.error.code}: ${operation.error.message}` : '';
      return `${head}${duration && ` after ${duration}`}${error && `: ${error}`}`;
    }
    case 'cancelled': {
      const reason = operation.cancellation?.reason;
      return `${head}${duration && ` after ${duration}`}${reason ? ` (${reason})` : ''}${summary && `: ${summary}`}`;
    }
    case 'pending':
    case 'running':
    case 'cancelling':
      return `${head}${formatProgressSuffix(operation)}`;
  }
}

/** `steps_completed=5, elapsed_ms=102`: top-level fields of a result, long nested ones abridged. */
export function summarizeResult(result: unknown): string {
  if (result === null || result === undefined) return '';
  const text =
    typeof result === 'object' && !Array.isArray(result)
      ? Object.entries(result as Record<string, unknown>)
          .map(([key, value]) => `${key}=${summarizeValue(value)}`)
          .join(', ')
      : summarizeValue(result);
  return text.length <= SUMMARY_MAX ? text : `${text.slice(0, SUMMARY_MAX - 1)}…`;
}

/** The `ops list` table: id, type, status, %, created, message. */
export function formatOperationTable(list: OperationList, width = 120): string {
  const header = ['ID', 'TYPE', 'STATUS', '%', 'CREATED', 'MESSAGE'];
  const rows = list.items.map((op) => [
    op.operation_id,
    op.operation_type,
    op.status,
    op.progress ? `${Math.floor(op.progress.percentage)}` : '-',
    formatTimestamp(op.created_at),
    op.error?.message ?? op.progress?.message ?? '',
  ]);
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const render = (cells: string[]): string => {
    const fixed = cells.slice(0, -1).map((cell, i) => cell.padEnd(widths[i] ?? 0));
    const used = fixed.reduce((sum, cell) => sum + cell.length + 2, 0);
    const message = cells.at(-1) ?? '';
    const room = Math.max(10, width - used);
    return [...fixed, message.length <= room ? message : `${message.slice(0, room - 1)}…`]
      .join('  ')
      .trimEnd();
  };
  const footer = `${list.items.length} of ${list.total} operation(s), ${list.active_count} active`;
  return [render(header), ...rows.map(render), footer].join('\n');
}

/** The `ops show` block. */
export function formatOperationDetails(op: OperationRecord): string {
  const ms = elapsedMs(op.started_at, op.completed_at ?? op.updated_at);
  const fields: [string, string][] = [
    ['Operation', op.operation_id],
    ['Type', op.operation_type],
    ['Status', op.status],
    ['Created', formatTimestamp(op.created_at)],
    ['Started', formatTimestamp(op.started_at)],
    ['Completed', formatTimestamp(op.completed_at)],
    ['Duration', ms === undefined ? '-' : formatDuration(ms)],
    ['Progress', op.progress ? formatProgressLine(op.progress) : '-'],
  ];
  const metadata = summarizeResult(op.metadata);
  if (metadata) fields.push(['Metadata', metadata]);
  if (op.result !== null && op.result !== undefined) {
    fields.push(['Result', summarizeResult(op.result)]);
  }
  if (op.error) fields.push(['Error', `${op.error.code}: ${op.error.message}`]);
  if (op.cancellation) {
    const { requested_at, reason } = op.cancellation;
    fields.push(['Cancel', `requested ${formatTimestamp(requested_at)} (${reason})`]);
  }
  if (op.retry_of) fields.push(['Retry of', op.retry_of]);
  const pad = Math.max(...fields.map(([label]) => label.length));
  return fields.map(([label, value]) => `${label.padEnd(pad)}  ${value}`).join('\n');
}

function formatProgressSuffix(op: OperationRecord): string {
  return op.progress ? ` ${formatProgressLine(op.progress)}` : '';
}

function summarizeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `[${value.length} item(s)]`;
  if (typeof value === 'object') {
    const json = JSON.stringify(value);
    return json.length <= NESTED_MAX ? json : '{…}';
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}
