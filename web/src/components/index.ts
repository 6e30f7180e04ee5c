// Shared pieces of every page. Charts are in ./charts (imported by the pages that chart, so the
// chart libraries stay out of the first load).
export { ErrorNote } from './error-note';
export { formatAge, formatDuration, formatRunTime, formatTime } from './format';
export { OperationActions } from './operation-actions';
export { ProgressBar, type ProgressBarProps } from './progress-bar';
export { StatusBadge } from './status-badge';
export { useNow } from './use-now';
export { DateField, SelectField, TextField } from './form-fields';
export { useApiValue } from './use-api-value';
