import http from 'node:http';
import { createParser } from 'eventsource-parser';
import { monotonicMs } from './bench-stats';

/** One Server-Sent Event and when its last byte arrived (monotonic ms). */
export interface ReceivedEvent {
  event: string | undefined;
  id: string | undefined;
  data: string;
  receivedMs: number;
}

export interface SseStream {
  /** Resolves when the server ends the stream; rejects on a connection error. */
  ended: Promise<void>;
  close: () => void;
}

/** Every SSE stream gets its own connection (no pooling: streams are long-lived). */
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

/**
 * Opens `GET url` as an event stream over node:http (lighter than fetch for hundreds of
 * streams). Resolves once the 200 headers arrived; `onEvent` runs for each event as it is parsed.
 */
export function openSseStream(
  url: string,
  onEvent: (event: ReceivedEvent) => void,
): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    let receivedMs = 0;
    const parser = createParser({
      onEvent: (e) => onEvent({ event: e.event, id: e.id, data: e.data, receivedMs }),
    });
    const req = http.get(url, { agent, headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`GET ${url} answered ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      const ended = new Promise<void>((end, fail) => {
        res.on('data', (chunk: string) => {
          receivedMs = monotonicMs();
          parser.feed(chunk);
        });
        res.on('end', end);
        res.on('error', fail);
        res.on('close', end);
      });
      resolve({ ended, close: () => req.destroy() });
    });
    req.on('error', reject);
  });
}
