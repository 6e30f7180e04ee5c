import type { ProgressSnapshot } from './api.types';
import { formatEta } from './time-format';

/** `[2/5 load] AAPL 1h: 1200/3000 bars`: the step (when there are several) and the message. */
export function describeProgress(progress: ProgressSnapshot): string {
  const parts: string[] = [];
  if (progress.steps_total > 1 && progress.step_name) {
    const current = Math.min(progress.steps_completed + 1, progress.steps_total);
    parts.push(`[${current}/${progress.steps_total} ${progress.step_name}]`);
  }
  const text = progress.message || progress.current_item;
  if (text) parts.push(text);
  return parts.join(' ');
}

/** ` 42%` padded to four characters so successive lines align. */
export function formatPercentage(progress: ProgressSnapshot): string {
  return `${Math.floor(progress.percentage)}%`.padStart(4);
}

/** A plain one-line rendering: `[ 42%] [2/5 load] message (ETA 12s)`. */
export function formatProgressLine(progress: ProgressSnapshot): string {
  const eta = progress.eta_seconds === null ? '' : ` (ETA ${formatEta(progress.eta_seconds)})`;
  const text = describeProgress(progress);
  return `[${formatPercentage(progress)}]${text ? ` ${text}` : ''}${eta}`;
}

/** Identifies a step: a change of it is always shown. */
export function stepKey(progress: ProgressSnapshot): string {
  return `${progress.step_name ?? ''}#${progress.steps_completed}`;
}
