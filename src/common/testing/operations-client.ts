import type { OperationRecord } from '@ktrdr/operations';
import { dataOf, openSse } from './sse-client';

const JSON_HEADERS = { 'content-type': 'application/json' };

/** POST /operations/dummy; returns the new operation's id (throws unless 202). */
export async function startDummy(
  baseUrl: string,
  body: { steps: number; step_ms: number; fail_at_step?: number },
  headers: Record<string, string> = {},
): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/operations/dummy`, {
    method: 'POST',
    headers: { ...JSON_HEADERS, ...headers },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { operation_id: string };
  if (res.status !== 202)
    throw new Error(`dummy not started: ${res.status} ${JSON.stringify(json)}`);
  return json.operation_id;
}

/** Follows the operation's SSE stream to its end and returns the operation as it ended. */
export async function waitForEnd(
  baseUrl: string,
  operationId: string,
  headers: Record<string, string> = {},
): Promise<OperationRecord> {
  const sse = await openSse(`${baseUrl}/api/v1/operations/${operationId}/events`, headers);
  const messages = await sse.ended;
  const last = messages.at(-1);
  if (last?.event !== 'status') throw new Error(`no status event: ${JSON.stringify(messages)}`);
  return dataOf<{ operation: OperationRecord }>(last).operation;
}
