// Host-service kit: what apps/data-host and apps/training-host share.
export {
  configureHostApp,
  hostAppHasApiKey,
  MIN_HOST_KEEP_ALIVE_MS,
  type HostAppOptions,
} from './configure-host-app';
export { listenHostApp, type ListenHostAppOptions } from './listen-host-app';
export { isLoopbackAddress } from './loopback-address';
export {
  HostServiceError,
  HostErrorCode,
  type HostServiceErrorOptions,
} from './host-service-error';
export { HostErrorFilter } from './host-error.filter';
export { toHostErrorAnswer, type HostErrorBody, type HostErrorAnswer } from './host-error-body';
export {
  createHostValidationPipe,
  flattenValidationErrors,
  type FieldError,
} from './host-validation.pipe';
export { RequestSignal, requestAbortSignal } from './request-signal.decorator';
export { HostHealthController, type HostHealthCheck, type HostHealthBody } from './host-health';
export { HostApiKeyGuard } from './host-api-key.guard';
export { PublicRoute, HOST_PUBLIC_ROUTE } from './public-route.decorator';
