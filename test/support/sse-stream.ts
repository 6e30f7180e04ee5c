import { createParser } from 'eventsource-parser';

/** One Server-Sent Event as received. */
export interface SseEvent {
  event: string | undefined;
  id: string | undefined;
  data: string;
}

/** An open `text/event-stream` response read with fetch. */
export interface SseStream {
  status: number;
  /** The parsed body when the server answered JSON instead of a stream (an error). */
  json: unknown;
  /** Every event received so far, in order. */
  events: SseEvent[];
  /** Resolves with every event once the server ends the stream (or the client closed it). */
  ended: Promise<SseEvent[]>;
  /** The first event (already received or still to come) that matches; rejects if none does. */
  waitFor: (match: (event: SseEvent) => boolean) => Promise<SseEvent>;
  /** Drops the connection from the client side. */
  close: () => void;
}

/** Opens an SSE stream (e.g. with a `Last-Event-ID` header to resume). */
export async function openSse(
  url: string,
  headers: Record<string, string> = {},
): Promise<SseStream> {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  const isStream = (res.headers.get('content-type') ?? '').startsWith('text/event-stream');
  const json: unknown = isStream ? undefined : await res.json();
  const events: SseEvent[] = [];
  const waiters = new Set<{
    match: (event: SseEvent) => boolean;
    resolve: (event: SseEvent) => void;
    reject: (error: Error) => void;
  }>();
  let done = false;

  const parser = createParser({
    onEvent: ({ event, id, data }) => {
      const received: SseEvent = { event, id, data };
      events.push(received);
      for (const waiter of waiters) {
        if (!waiter.match(received)) continue;
        waiters.delete(waiter);
        waiter.resolve(received);
      }
    },
  });

  const ended = (async (): Promise<SseEvent[]> => {
    if (isStream && res.body) {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of res.body) parser.feed(decoder.decode(chunk, { stream: true }));
      } catch (error) {
        if (!abort.signal.aborted) throw error;
      }
    }
    done = true;
    for (const waiter of waiters) {
      waiter.reject(new Error(`SSE stream ended first; received ${JSON.stringify(events)}`));
    }
    waiters.clear();
    return events;
  })();

  return {
    status: res.status,
    json,
    events,
    ended,
    waitFor: (match) => {
      const found = events.find(match);
      if (found) return Promise.resolve(found);
      if (done) return Promise.reject(new Error('SSE stream already ended'));
      return new Promise((resolve, reject) => waiters.add({ match, resolve, reject }));
    },
    close: () => abort.abort(),
  };
}

/** The JSON payload of an event. */
export function payloadOf<T = Record<string, unknown>>(event: SseEvent): T {
  return JSON.parse(event.data) as T;
}
