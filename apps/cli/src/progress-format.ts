import type { ProgressSnapshot } from './api.types';
import { formatEta } from './time-format';

/**
 * The text of a snapshot: the server's rendered `message` (its ProgressRenderer already names
 * the step and items); the step and current item only when there is no message.
 */
export function describeProgress(progress: ProgressSnapshot): string {
  if (progress.message) return progress.message;
  const parts: string[] = [];
  if (progress.step_name) {
    const current = Math.min(progress.steps_completed + 1, progress.steps_total);
    parts.push(
      progress.steps_total > 1
        ? `Step ${current}/${progress.steps_total}: ${progress.step_name}`
        : progress.step_name,
    );
  }
  if (progress.current_item) parts.push(progress.current_item);
  return parts.join(' ');
}

/**
 * `ETA 12s` when the CLI should show one: not at 100 %, not while unknown, and not when the
 * message already carries it (the default renderer writes `… · ETA 45s`).
 */
export function etaLabel(progress: ProgressSnapshot): string | undefined {
  if (progress.percentage >= 100 || progress.eta_seconds === null) return undefined;
  if (/\bETA\b/.test(progress.message)) return undefined;
  return `ETA ${formatEta(progress.eta_seconds)}`;
}

/** ` 42%` padded to four characters so successive lines align. */
export function formatPercentage(progress: ProgressSnapshot): string {
  return `${Math.floor(progress.percentage)}%`.padStart(4);
}

/** A plain one-line rendering: `[ 42%] Step 2/5: load (1,200/3,000 items) · ETA 12s`. */
export function formatProgressLine(progress: ProgressSnapshot): string {
  const parts = [describeProgress(progress), etaLabel(progress)].filter(Boolean);
  return `[${formatPercentage(progress)}]${parts.length ? ` ${parts.join(' · ')}` : ''}`;
}

/** Identifies a step: a change of it is always shown. */
export function stepKey(progress: ProgressSnapshot): string {
  return `${progress.step_name ?? ''}#${progress.steps_completed}`;
}
