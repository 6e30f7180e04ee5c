import { BarProgressDisplay } from './bar-progress-display';
import { LineProgressDisplay } from './line-progress-display';
import type { OutputStream, ProgressDisplay } from './progress-display.types';

export type { OutputStream, ProgressDisplay } from './progress-display.types';

/**
 * A live bar (percentage, message, ETA) when `stream` is a terminal; otherwise plain lines:
 * one per step change and at most one per second in between.
 */
export function createProgressDisplay(
  stream: OutputStream,
  now: () => number = Date.now,
): ProgressDisplay {
  return stream.isTTY ? new BarProgressDisplay(stream) : new LineProgressDisplay(stream, now);
}
