import { Module } from '@nestjs/common';
import { CountdownTicker } from './countdown-ticker.service';
import { CountdownController } from './countdown.controller';
import { CountdownOperation } from './countdown.operation';
import { CountdownService } from './countdown.service';

/** The fixture's domain module: its handler, the service deep in the chain, its start route. */
@Module({
  controllers: [CountdownController],
  providers: [CountdownOperation, CountdownTicker, CountdownService],
})
export class CountdownModule {}
