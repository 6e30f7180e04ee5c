import { formatDuration } from './format';

export interface ProgressBarProps {
  /** 0–100. */
  percentage: number;
  /** The operation's progress message (rendered by its domain). */
  message?: string | null;
  etaSeconds?: number | null;
  /** Accessible name, e.g. "Progress of op_dummy_…". */
  label: string;
}

/** A progress bar with the percentage, the message and the ETA (role `progressbar`). */
export function ProgressBar({ percentage, message, etaSeconds, label }: ProgressBarProps) {
  const value = Math.max(0, Math.min(100, percentage));
  // Domain messages often end with their own ETA; show ours only when the message has none.
  const eta =
    etaSeconds === null || etaSeconds === undefined || message?.includes('ETA')
      ? null
      : formatDuration(etaSeconds * 1000);
  return (
    <div class="progress">
      <div
        class="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(value * 10) / 10}
        aria-valuetext={`${value.toFixed(1)}%${message ? `: ${message}` : ''}`}
      >
        <div class="progress-fill" style={{ transform: `scaleX(${value / 100})` }} />
      </div>
      <div class="progress-text">
        <span class="progress-value">{value.toFixed(0)}%</span>
        {message ? <span class="progress-message">{message}</span> : null}
        {eta !== null ? <span class="progress-eta">ETA {eta}</span> : null}
      </div>
    </div>
  );
}
