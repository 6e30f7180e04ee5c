import type { ServerResponse } from 'node:http';
import { Subscription, type Observable } from 'rxjs';

/** One Server-Sent Event: `id`, `event` name and a JSON `data` payload. */
export interface SseMessage {
  id: number;
  event: string;
  data: unknown;
}

/**
 * A comment line every 5 s keeps proxies and clients from timing a quiet stream out (the API's
 * client drops a stream silent for 15 s; a long feature phase or epoch can be that quiet).
 */
export const SSE_KEEP_ALIVE_MS = 5000;

/**
 * Writes an Observable as a `text/event-stream` response: headers at once, one frame per
 * message, keep-alive comments, the response ended when the stream completes, and the
 * subscription dropped as soon as the client goes away.
 */
export function writeSseResponse(
  res: ServerResponse,
  messages$: Observable<SseMessage>,
  keepAliveMs = SSE_KEEP_ALIVE_MS,
): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  const write = (chunk: string): void => {
    if (!res.writableEnded && !res.destroyed) res.write(chunk);
  };
  // A container: a stream that completes synchronously (a finished session) tears everything
  // down before `subscribe` returns.
  const subscription = new Subscription();
  const keepAlive = setInterval(() => write(': keep-alive\n\n'), keepAliveMs);
  keepAlive.unref();
  const finish = (): void => {
    clearInterval(keepAlive);
    subscription.unsubscribe();
    if (!res.writableEnded) res.end();
  };
  res.on('close', finish);
  subscription.add(
    messages$.subscribe({
      next: ({ id, event, data }) =>
        write(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
      error: finish,
      complete: finish,
    }),
  );
}
