import { Module } from '@nestjs/common';
import { OperationEventsController } from './operation-events.controller';
import { OperationsController } from './operations.controller';
import { OperationsGateway } from './operations.gateway';

/**
 * The operations registry's HTTP and socket.io surface: REST, SSE and the `/operations`
 * gateway. Kept apart from OperationsModule (persistence, global) so a process without an API
 * (a worker, a module test) uses the registry without the API key machinery; it needs the
 * global OperationsService and ApiKeyVerifier (HttpKitModule).
 */
@Module({
  controllers: [OperationsController, OperationEventsController],
  providers: [OperationsGateway],
})
export class OperationsApiModule {}
