import { Module } from '@nestjs/common';
import { DummyController } from './dummy.controller';
import { DummyModule } from './dummy.module';

/** The route that starts dummy operations (the API only; a worker imports {@link DummyModule}). */
@Module({
  imports: [DummyModule],
  controllers: [DummyController],
})
export class DummyApiModule {}
