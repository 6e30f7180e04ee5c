import { getSchemaPath } from '@nestjs/swagger';
import type { OperationEvent, OperationFeedEntry } from '@ktrdr/operations';
import { SubscribeOperationDto, UnsubscribeOperationDto } from '../dto/operation-subscription.dto';
import {
  OperationFeedEntryDto,
  ProgressEventDto,
  StatusEventDto,
} from '../dto/operation-pages.response';

// The socket.io surface of the operations gateway, as ONE constant: the gateway takes its
// namespace and event names from here, and the API's OpenAPI document describes it from here
// (`x-socketio` and the description), so the two cannot drift apart.

/** The gateway's socket.io namespace. */
export const OPERATIONS_NAMESPACE = '/operations';

/** Messages a client emits to the gateway. */
export const CLIENT_MESSAGES = {
  subscribe: 'subscribe',
  unsubscribe: 'unsubscribe',
  subscribeAll: 'subscribe_all',
  unsubscribeAll: 'unsubscribe_all',
} as const;

/** The event an operation's stream event is emitted as: its `kind`, as over SSE. */
export const OPERATION_EVENTS = {
  progress: 'progress',
  status: 'status',
} as const satisfies { [K in OperationEvent['kind']]: K };

/** The event a list-feed entry is emitted as, by its `kind`. */
export const FEED_EVENTS = {
  created: 'operation_created',
  status_changed: 'operation_status',
} as const satisfies Record<OperationFeedEntry['kind'], string>;

/** The event problems are reported with (a refused message, a failed stream, a bad key). */
export const ERROR_EVENT = 'error';

const ref = (model: Parameters<typeof getSchemaPath>[0]) => ({ $ref: getSchemaPath(model) });

const GATEWAY_ERROR_SCHEMA = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string', example: 'OPERATION_NOT_FOUND' },
    message: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    operation_id: { type: 'string' },
  },
};

const ACK_SCHEMA = {
  description: 'The acknowledgement, when the client asked for one',
  oneOf: [
    {
      type: 'object',
      required: ['ok'],
      properties: { ok: { type: 'boolean', enum: [true] }, operation_id: { type: 'string' } },
    },
    {
      allOf: [
        {
          type: 'object',
          required: ['ok'],
          properties: { ok: { type: 'boolean', enum: [false] } },
        },
        GATEWAY_ERROR_SCHEMA,
      ],
    },
  ],
};

/**
 * The gateway as documented in the API's OpenAPI document (`x-socketio`): namespace, how to
 * authenticate, each client message with its payload and acknowledgement, each server event
 * with its payload.
 */
export const OPERATIONS_SOCKET_API = {
  namespace: OPERATIONS_NAMESPACE,
  authentication:
    'With API_KEY set: handshake `auth.token`, else `Authorization: Bearer <key>` or `x-api-key`. ' +
    `Without it the socket gets \`${ERROR_EVENT} { code: "UNAUTHORIZED" }\` and is disconnected.`,
  client_messages: {
    [CLIENT_MESSAGES.subscribe]: {
      description: `Follow one operation: \`${OPERATION_EVENTS.progress}\` events (coalesced to ≤ 10/s, step changes kept) and one final \`${OPERATION_EVENTS.status}\`; \`since_seq\` resumes without a gap.`,
      payload: ref(SubscribeOperationDto),
      ack: ACK_SCHEMA,
    },
    [CLIENT_MESSAGES.unsubscribe]: {
      description: 'Stop following one operation.',
      payload: ref(UnsubscribeOperationDto),
      ack: ACK_SCHEMA,
    },
    [CLIENT_MESSAGES.subscribeAll]: {
      description: `Join the list feed: \`${FEED_EVENTS.created}\` and \`${FEED_EVENTS.status_changed}\` events.`,
      ack: ACK_SCHEMA,
    },
    [CLIENT_MESSAGES.unsubscribeAll]: { description: 'Leave the list feed.', ack: ACK_SCHEMA },
  },
  server_events: {
    [OPERATION_EVENTS.progress]: {
      description: 'Progress of a followed operation (same JSON as the SSE `progress` event).',
      payload: ref(ProgressEventDto),
    },
    [OPERATION_EVENTS.status]: {
      description: 'The terminal status of a followed operation; the last event of it.',
      payload: ref(StatusEventDto),
    },
    [FEED_EVENTS.created]: {
      description: 'An operation was created.',
      payload: ref(OperationFeedEntryDto),
    },
    [FEED_EVENTS.status_changed]: {
      description: "An operation's status changed.",
      payload: ref(OperationFeedEntryDto),
    },
    [ERROR_EVENT]: {
      description:
        'A refused message, a failed stream or a bad key: `{ code, message, operation_id? }`.',
      payload: GATEWAY_ERROR_SCHEMA,
    },
  },
} as const;

/** Schema classes the socket.io description refers to (registered with the document). */
export const OPERATIONS_SOCKET_MODELS = [
  SubscribeOperationDto,
  UnsubscribeOperationDto,
  ProgressEventDto,
  StatusEventDto,
  OperationFeedEntryDto,
];

/** The socket.io surface as Markdown, for the document's description. */
export function describeOperationsSocket(): string {
  const lines = [
    `### socket.io namespace \`${OPERATIONS_SOCKET_API.namespace}\``,
    '',
    OPERATIONS_SOCKET_API.authentication,
    '',
    '| direction | event | meaning |',
    '|---|---|---|',
  ];
  for (const [name, { description }] of Object.entries(OPERATIONS_SOCKET_API.client_messages)) {
    lines.push(`| client → server | \`${name}\` | ${description} |`);
  }
  for (const [name, { description }] of Object.entries(OPERATIONS_SOCKET_API.server_events)) {
    lines.push(`| server → client | \`${name}\` | ${description} |`);
  }
  lines.push('', 'Payload schemas: the `x-socketio` extension of this document.');
  return lines.join('\n');
}
