import { Module } from '@nestjs/common';
import { DummyOperation } from './dummy.operation';

/**
 * The reference operation type: its `@OperationHandler` provider (found at boot by
 * OperationsModule, in the API and in a worker alike). Its route is {@link DummyApiModule}'s.
 */
@Module({
  providers: [DummyOperation],
  exports: [DummyOperation],
})
export class DummyModule {}
