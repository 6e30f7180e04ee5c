/** An AbortSignal following several sources, and the function detaching it from them. */
export interface LinkedSignal {
  signal: AbortSignal;
  dispose(): void;
}

/**
 * A signal that aborts when any of `sources` does (with that source's reason). Unlike
 * `AbortSignal.any`, the listeners are removed explicitly by `dispose()`, so a long-lived
 * source (the adapter's lifetime) does not accumulate one listener per call.
 */
export function linkSignals(...sources: (AbortSignal | undefined)[]): LinkedSignal {
  const controller = new AbortController();
  const attached: { source: AbortSignal; listener: () => void }[] = [];
  const dispose = (): void => {
    for (const { source, listener } of attached) source.removeEventListener('abort', listener);
    attached.length = 0;
  };
  for (const source of sources) {
    if (!source) continue;
    if (source.aborted) {
      controller.abort(source.reason);
      break;
    }
    const listener = (): void => {
      controller.abort(source.reason);
      dispose();
    };
    source.addEventListener('abort', listener, { once: true });
    attached.push({ source, listener });
  }
  if (controller.signal.aborted) dispose();
  return { signal: controller.signal, dispose };
}
