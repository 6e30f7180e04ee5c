import { Module } from '@nestjs/common';
import { DataModule } from '../data.module';
import { DataController } from './data.controller';
import { MarketDataController } from './market-data.controller';

/** The data REST routes (the API only; a worker imports {@link DataModule}). */
@Module({
  imports: [DataModule],
  controllers: [DataController, MarketDataController],
})
export class DataApiModule {}
