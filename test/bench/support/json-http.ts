import http from 'node:http';
import { monotonicMs } from './bench-stats';

/** One keep-alive connection pool for the benchmark's plain requests (no connect per request). */
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

export interface JsonResponse<T> {
  status: number;
  body: T;
  /** Raw body length in bytes. */
  bytes: number;
  /** From just before the request is written to the end of the response body. */
  ms: number;
}

/** A JSON request over the shared keep-alive agent; times the round trip. */
export function requestJson<T = unknown>(
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<JsonResponse<T>> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const start = monotonicMs();
    const req = http.request(
      url,
      {
        method,
        agent,
        headers:
          payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const ms = monotonicMs() - start;
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            const parsed = (text === '' ? null : JSON.parse(text)) as T;
            resolve({
              status: res.statusCode ?? 0,
              body: parsed,
              bytes: Buffer.byteLength(text),
              ms,
            });
          } catch (error) {
            reject(
              new Error(`${method} ${url}: not JSON (${res.statusCode}): ${text.slice(0, 200)}`, {
                cause: error,
              }),
            );
          }
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Like requestJson, but throws unless the status is `expected`. */
export async function expectJson<T = unknown>(
  expected: number,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<JsonResponse<T>> {
  const res = await requestJson<T>(method, url, body);
  if (res.status !== expected) {
    throw new Error(
      `${method} ${url} answered ${res.status}, expected ${expected}: ${JSON.stringify(res.body)}`,
    );
  }
  return res;
}

/** Frees the pooled sockets (so the benchmark process can exit). */
export function closeHttpAgent(): void {
  agent.destroy();
}
