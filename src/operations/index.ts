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
