import { createParser } from 'eventsource-parser';

/** One received Server-Sent Event. */
export interface SseMessage {
  event: string | undefined;
  id: string | undefined;
  data: string;
}

/** A live SSE response read with fetch, for specs. */
export interface SseConnection {
  status: number;
  headers: Headers;
  /** The parsed body when the answer is not an event stream (an error). */
  json: unknown;
  /** Every event so far, in order. */
  messages: SseMessage[];
  comments: string[];
  /** Resolves with every event once the server ends the stream. */
  ended: Promise<SseMessage[]>;
  /**
   * The first event (received or to come) that matches; rejects if the stream ends first, or
   * after `timeoutMs` when given (saying what arrived: a clearer failure than a test timeout).
   */
  waitFor: (match: (message: SseMessage) => boolean, timeoutMs?: number) => Promise<SseMessage>;
  /** Drops the connection from the client side. */
  close: () => void;
}

export async function openSse(
  url: string,
  headers: Record<string, string> = {},
): Promise<SseConnection> {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  const waiters = new Set<{
    match: (m: SseMessage) => boolean;
    resolve: (m: SseMessage) => void;
    reject: (e: Error) => void;
  }>();
  let done = false;

  const isStream = (res.headers.get('content-type') ?? '').startsWith('text/event-stream');
  const json: unknown = isStream ? undefined : await res.json();

  const parser = createParser({
    onEvent: (event) => {
      const message = { event: event.event, id: event.id, data: event.data };
      messages.push(message);
      for (const waiter of waiters) {
        if (waiter.match(message)) {
          waiters.delete(waiter);
          waiter.resolve(message);
        }
      }
    },
    onComment: (comment) => comments.push(comment),
  });

  const ended = (async (): Promise<SseMessage[]> => {
    if (isStream && res.body) {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of res.body)
          parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
      } catch (error) {
        if (!abort.signal.aborted) throw error;
      }
    }
    done = true;
    for (const waiter of waiters)
      waiter.reject(new Error(`stream ended; received ${JSON.stringify(messages)}`));
    waiters.clear();
    return messages;
  })();

  return {
    status: res.status,
    headers: res.headers,
    json,
    messages,
    comments,
    ended,
    waitFor: (match, timeoutMs) => {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      if (done) return Promise.reject(new Error('stream already ended'));
      return new Promise((resolve, reject) => {
        const timer =
          timeoutMs === undefined
            ? undefined
            : setTimeout(() => {
                if (!waiters.delete(waiter)) return;
                const ids = messages.map((m) => `${m.event ?? ''}:${m.id ?? ''}`).join(' ');
                reject(new Error(`no matching event within ${timeoutMs} ms; received: ${ids}`));
              }, timeoutMs);
        const waiter = {
          match,
          resolve: (m: SseMessage) => {
            clearTimeout(timer);
            resolve(m);
          },
          reject: (e: Error) => {
            clearTimeout(timer);
            reject(e);
          },
        };
        waiters.add(waiter);
      });
    },
    close: () => abort.abort(),
  };
}

/** The JSON payload of an event. */
export function dataOf<T = Record<string, unknown>>(message: SseMessage): T {
  return JSON.parse(message.data) as T;
}
