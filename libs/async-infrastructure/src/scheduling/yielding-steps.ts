import { EventLoopYielder } from './event-loop-yielder';

/**
 * A computation written as a generator that `yield`s (no value) at points where it may pause,
 * typically every few thousand items, and returns its result: one body serves a synchronous
 * caller ({@link runSteps}) and a caller on the server's event loop ({@link runStepsYielding}).
 * Compose them with `yield*`.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs `steps` to the end without pausing and returns the result. */
export function runSteps<T>(steps: Steps<T>): T {
  let next = steps.next();
  while (!next.done) next = steps.next();
  return next.value;
}

/**
 * Runs `steps` to the end, giving the event loop a turn at the pause points whenever the
 * yielder's time slice is used up; the result is the same as {@link runSteps}'.
 */
export async function runStepsYielding<T>(
  steps: Steps<T>,
  yielder: EventLoopYielder = new EventLoopYielder(),
): Promise<T> {
  let next = steps.next();
  while (!next.done) {
    await yielder.yieldIfDue();
    next = steps.next();
  }
  return next.value;
}
