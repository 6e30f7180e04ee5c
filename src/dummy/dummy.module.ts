import { Module } from '@nestjs/common';
import { DummyController } from './dummy.controller';
import { DummyOperation } from './dummy.operation';

/**
 * The reference operation type. A domain module needs exactly this: its `@OperationHandler`
 * provider (found at boot by OperationsModule) and a controller that launches it.
 */
@Module({
  controllers: [DummyController],
  providers: [DummyOperation],
})
export class DummyModule {}
