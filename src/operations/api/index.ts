export { OperationsApiModule } from './operations-api.module';
export { OperationsController } from './operations.controller';
export { OperationEventsController } from './operation-events.controller';
export { OperationsGateway, type GatewayAck, type GatewayError } from './operations.gateway';
export {
  coalesceOperationEvents,
  EVENT_INTERVAL_MS,
  mustDeliverOperationEvent,
} from './operation-events.coalescing';
export {
  isOperationIdShape,
  OPERATION_ID_PATTERN,
  ParseOperationIdPipe,
} from './parse-operation-id.pipe';
export { formatSseEvent, SSE_KEEP_ALIVE_MS, writeSse } from './sse-writer';
