export {
  API_BASE,
  api,
  apiRequest,
  authHeaders,
  type ApiError,
  type ApiResult,
} from './api-client';
export { currentKey, enterKey, keyEpoch, keyRefused, keyStatus, type KeyStatus } from './api-key';
export { operationsApi, type OperationQuery } from './operations-api';
export * from './wire';
export { dataApi, trainingApi } from './market-api';
