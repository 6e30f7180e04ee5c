/**
 * Collects changes and hands them over once per animation frame: 50 operations at 10 Hz become
 * at most one render per frame instead of 500 per second.
 */
export function frameBatch<T>(flush: (items: T[]) => void): {
  push(item: T): void;
  cancel(): void;
} {
  let pending: T[] = [];
  let frame: number | null = null;
  return {
    push(item) {
      pending.push(item);
      frame ??= requestAnimationFrame(() => {
        frame = null;
        const items = pending;
        pending = [];
        flush(items);
      });
    },
    cancel() {
      if (frame !== null) cancelAnimationFrame(frame);
      frame = null;
      pending = [];
    },
  };
}
