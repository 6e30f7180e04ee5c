import type { OperationFeedEntry } from '../model/operations.types';
import type { OperationEvent } from '../model/operation.types';

/**
 * What one process tells the others on the relay channel, tagged with its `origin` (a process
 * ignores its own messages: it delivered them locally already).
 * - `event`: an operation's progress or status event;
 * - `feed`: an entry of the list feed;
 * - `gap`: the sender could not publish for a while (its connection to Redis was away), so some
 *   of its messages are lost: streams must read the store again.
 */
export type RelayMessage =
  | { origin: string; kind: 'event'; event: OperationEvent }
  | { origin: string; kind: 'feed'; entry: OperationFeedEntry }
  | { origin: string; kind: 'gap' };

/** The message in a relay payload, or null when the payload is not one (it is then ignored). */
export function decodeRelayMessage(payload: string): RelayMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const message = value as Partial<Record<'origin' | 'kind' | 'event' | 'entry', unknown>>;
  if (typeof message.origin !== 'string') return null;
  switch (message.kind) {
    case 'event':
      return isOperationEvent(message.event) ? (value as RelayMessage) : null;
    case 'feed':
      return isFeedEntry(message.entry) ? (value as RelayMessage) : null;
    case 'gap':
      return value as RelayMessage;
    default:
      return null;
  }
}

function isOperationEvent(value: unknown): value is OperationEvent {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as Partial<Record<'kind' | 'operation_id' | 'seq', unknown>>;
  return (
    (event.kind === 'progress' || event.kind === 'status') &&
    typeof event.operation_id === 'string' &&
    typeof event.seq === 'number'
  );
}

function isFeedEntry(value: unknown): value is OperationFeedEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<Record<'kind' | 'operation', unknown>>;
  return (
    (entry.kind === 'created' || entry.kind === 'status_changed') &&
    typeof entry.operation === 'object' &&
    entry.operation !== null
  );
}
