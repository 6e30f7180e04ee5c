export { OperationsModule } from './operations.module';
export type { OperationsModuleOptions } from './operations.module-definition';
export { OperationsService } from './operations.service';
export {
  OperationsErrorCode,
  OperationsError,
  OperationNotFoundError,
  OperationAlreadyFinishedError,
  InvalidOperationTypeError,
} from './operations.errors';
export type {
  OperationListQuery,
  OperationPage,
  OperationMetricsItem,
  OperationMetricsPage,
  OperationFeedEntry,
} from './operations.types';
export { OperationEventBus } from './events/operation-event-bus';
export { OperationsApiModule } from './api/operations-api.module';
export { OperationsController } from './api/operations.controller';
export { OperationEventsController } from './api/operation-events.controller';
export { OperationsGateway, type GatewayAck, type GatewayError } from './api/operations.gateway';
