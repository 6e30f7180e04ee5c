import { Module } from '@nestjs/common';
import { BenchController } from './bench.controller';
import { FirehoseGate } from './firehose-gate';
import { FirehoseOperation } from './firehose.operation';
import { LoopDelayMonitor } from './loop-delay.monitor';

/** Bench-only routes and the firehose operation type, added to the real AppModule. */
@Module({
  controllers: [BenchController],
  providers: [FirehoseGate, FirehoseOperation, LoopDelayMonitor],
})
export class BenchModule {}
