// The HTTP kit every app of the project uses (API, data host, training host).

// module and app
export { HttpKitModule } from './http-kit.module';
export { HTTP_KIT_OPTIONS } from './http-kit.module-definition';
export { HTTP_KIT_SETTINGS } from './http-kit.constants';
export {
  MIN_KEEP_ALIVE_MS,
  type ApiKeyHeader,
  type HttpKitOptions,
  type HttpKitSettings,
  type OpenApiOptions,
} from './http-kit.options';
export { createHttpApp, type CreateHttpAppOptions } from './server/create-http-app';
export { CorsIoAdapter, corsOptionsFor } from './server/cors-io.adapter';
export { listenHttpApp, type ListenHttpAppOptions } from './server/listen-http-app';
export { isLoopbackAddress } from './server/loopback-address';
export { sendJson } from './server/send-json';
export { HostEnvReader } from './config/host-env-reader';

// errors
export { AppError, type AppErrorOptions } from './errors/app-error';
export {
  defineErrorCodes,
  statusForCode,
  ErrorCodeConflictError,
  type ErrorCodeTable,
} from './errors/error-codes';
export {
  KitErrorCode,
  KIT_ERROR_CODES,
  JsonTooDeepError,
  RequestValidationError,
  StorageFullError,
  UnauthorizedError,
} from './errors/kit.errors';
export {
  toErrorResponse,
  type ErrorResponse,
  type ErrorResponseBody,
} from './errors/error-response';
export { HttpErrorFilter } from './errors/http-error.filter';

// auth
export {
  API_KEY_MIN_LENGTH,
  ApiKeyVerifier,
  type HandshakeCredentials,
} from './auth/api-key.verifier';
export { ApiKeyGuard } from './auth/api-key.guard';
export { IS_PUBLIC_KEY, Public } from './auth/public.decorator';

// requests
export { RequestContext } from './request/request-context';
export { REQUEST_ID_HEADER, ensureRequestId } from './request/request-id';
export { ContextLogger } from './request/context-logger';
export { JsonBodyInterceptor } from './request/json-body.interceptor';
export { RequestSignal, requestAbortSignal } from './request/request-signal.decorator';

// validation
export { createValidationPipe } from './validation/create-validation-pipe';
export { flattenValidationErrors } from './validation/validation-errors';
export { validatePayload, type PayloadValidation } from './validation/validate-payload';
export { NotGreaterThanProperty } from './validation/not-greater-than-property.decorator';
export { toBoolean, toInteger } from './validation/query-transforms';

// OpenAPI
export { OPENAPI_DOCS_PATH, OPENAPI_JSON_PATH } from './openapi/open-api.constants';
export { ErrorResponseDto } from './openapi/error-response.dto';
export { ApiErrorResponses } from './openapi/api-error-responses.decorator';
export { buildOpenApiDocument } from './openapi/setup-open-api';
export { listHttpRoutes, undocumentedRoutes, type RouteKey } from './openapi/undocumented-routes';

// Server-Sent Events
export { SSE_KEEP_ALIVE_MESSAGE, withSseKeepAlive } from './sse/sse-keep-alive.operator';

// health of host services
export {
  HostHealthController,
  type HostHealthCheck,
  type HostHealthBody,
} from './health/host-health.controller';
