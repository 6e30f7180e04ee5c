export { OperationsApiModule } from './api/operations-api.module';
export { OperationsController } from './api/operations.controller';
export { OperationEventsController } from './api/operation-events.controller';
export { OperationsGateway, type GatewayAck, type GatewayError } from './api/operations.gateway';
export {
  OPERATIONS_SOCKET_API,
  OPERATIONS_SOCKET_MODELS,
  describeOperationsSocket,
} from './api/operations-socket.api';
export { StartedOperationDto } from './dto/operation-record.response';
