import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/** Event-loop delay in ms beyond the sampling timer's own interval. */
export interface LoopDelayStats {
  p50: number;
  p99: number;
  max: number;
  mean: number;
  samples: number;
}

/** Sampling interval of the histogram's timer (its values include it; `read` removes it). */
export const LOOP_DELAY_RESOLUTION_MS = 5;

/** The bench server's event-loop delay histogram (perf_hooks.monitorEventLoopDelay). */
@Injectable()
export class LoopDelayMonitor implements OnModuleInit, OnModuleDestroy {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({
    resolution: LOOP_DELAY_RESOLUTION_MS,
  });

  onModuleInit(): void {
    this.histogram.enable();
  }

  onModuleDestroy(): void {
    this.histogram.disable();
  }

  /** Starts a new measurement window. */
  reset(): void {
    this.histogram.reset();
  }

  /** The delays recorded since the last reset. */
  read(): LoopDelayStats {
    const beyond = (ns: number): number => Math.max(0, ns / 1e6 - LOOP_DELAY_RESOLUTION_MS);
    return {
      p50: beyond(this.histogram.percentile(50)),
      p99: beyond(this.histogram.percentile(99)),
      max: beyond(this.histogram.max),
      mean: beyond(this.histogram.mean),
      samples: this.histogram.count,
    };
  }
}
