import type { OpenApiOptions } from '@ktrdr/http-kit';
import {
  describeOperationsSocket,
  OPERATIONS_SOCKET_API,
  OPERATIONS_SOCKET_MODELS,
} from './operations';

const OVERVIEW = [
  'Long-running work (data loads, training, the reference `dummy`) runs as **operations**: start',
  'one (202 with its id), follow it over SSE (`GET /api/v1/operations/{id}/events`) or socket.io,',
  'cancel it with `DELETE /api/v1/operations/{id}`.',
  '',
  'Errors are JSON `{ statusCode, error, message, code }` (the `ErrorResponse` schema); validation',
  'errors list each field in `message`; unknown fields are rejected. Every answer carries',
  '`x-request-id`. With `API_KEY` set, every route but the public ones needs the key.',
].join('\n');

/** The API's OpenAPI document: REST routes, and the socket.io gateway beside them. */
export const API_OPENAPI: OpenApiOptions = {
  title: 'ktrdr API',
  version: '1',
  description: `${OVERVIEW}\n\n${describeOperationsSocket()}`,
  extensions: { 'x-socketio': OPERATIONS_SOCKET_API },
  extraModels: OPERATIONS_SOCKET_MODELS,
};
