export { ApiKeyGuard } from './auth/api-key.guard';
export { ApiKeyVerifier, type HandshakeCredentials } from './auth/api-key.verifier';
export { IS_PUBLIC_KEY, Public } from './auth/public.decorator';
export { CommonModule } from './common.module';
export { API_PREFIX, configureApp, JSON_BODY_LIMIT } from './configure-app';
export { AllExceptionsFilter } from './errors/all-exceptions.filter';
export {
  toErrorResponse,
  type ErrorResponse,
  type ErrorResponseBody,
} from './errors/error-response';
export { ERROR_STATUS, statusForCode } from './errors/error-status.map';
export {
  CodedError,
  InvalidJsonError,
  RequestValidationError,
  UnauthorizedError,
} from './errors/http-errors';
export { sendJson } from './http/send-json';
export { createValidationPipe } from './validation/create-validation-pipe';
export { NotGreaterThanProperty } from './validation/not-greater-than-property.decorator';
export { validatePayload, type PayloadValidation } from './validation/validate-payload';
export { flattenValidationErrors } from './validation/validation-errors';
export { toBoolean, toInteger } from './validation/query-transforms';
